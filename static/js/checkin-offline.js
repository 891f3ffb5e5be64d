// The check-in page without a connection (issue 16). The page works without script (search and
// check-in are plain POST forms); with it:
// - a service worker (static/js/checkin-sw.js) keeps the page and its files, so that it opens
//   from the phone's cache when the network is gone;
// - a check-in that cannot reach the server is queued in localStorage (the check-in address
//   only: no name), its row says it will be sent, and the queue is sent when the browser is
//   back online or on the next visit. An address leaves the queue only once the server
//   answered it (checked in, already checked in, or refused, which the page then says); a
//   check-in sent twice is recorded once (events.services.rsvps.rsvp_check_in). Undoing a
//   check-in is left to the server's own pages: offline, its button says it needs the
//   connection. Tabs send the queue one at a time (the Web Locks API, where the browser has it).
// - offline, the search box filters the names shown instead of asking the server, and a note
//   above the list says the connection is gone.
(() => {
  const list = document.getElementById("checkin-list");
  if (!list) return;
  const { workerUrl, pageUrl, pendingText, offlineText, undoOfflineText, noneText } = list.dataset;
  const queueKey = `tadamun-checkin-queue ${pageUrl}`;

  const queued = () => {
    try {
      const saved = JSON.parse(localStorage.getItem(queueKey) || "[]");
      return Array.isArray(saved) ? saved.filter((path) => typeof path === "string") : [];
    } catch {
      return [];
    }
  };
  const save = (paths) => {
    if (paths.length) localStorage.setItem(queueKey, JSON.stringify(paths));
    else localStorage.removeItem(queueKey);
  };
  const pathOf = (form) => new URL(form.action, location.href).pathname;
  const formFor = (path) =>
    [...list.querySelectorAll("form[data-checkin-form]")].find((form) => pathOf(form) === path);
  const csrfToken = () => document.querySelector("input[name=csrfmiddlewaretoken]")?.value || "";

  function markPending(form) {
    const note = document.createElement("span");
    note.className = "text-success me-2";
    note.dataset.checkinPending = "";
    note.textContent = pendingText;
    form.querySelectorAll("button").forEach((button) => button.remove());
    form.querySelector("[data-checkin-pending]")?.remove();
    form.append(note);
  }

  function post(path, redirect) {
    const token = csrfToken();
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      redirect,
      headers: { "X-CSRFToken": token },
      body: new URLSearchParams({ csrfmiddlewaretoken: token }),
    });
  }

  function queue(form) {
    const path = pathOf(form);
    const paths = queued();
    if (!paths.includes(path)) save([...paths, path]);
    markPending(form);
  }

  // What the server answered, shown as if the page had been loaded: its messages, and the row.
  function show(page, path) {
    const answer = new DOMParser().parseFromString(page, "text/html");
    const messages = answer.querySelector("main .messages");
    const main = document.querySelector("main");
    if (messages) {
      const here = main.querySelector(".messages");
      if (here) here.append(...messages.children);
      else main.prepend(document.adoptNode(messages));
    }
    const row = formFor(path);
    const fresh = [...answer.querySelectorAll("form[data-checkin-form]")].find(
      (form) => pathOf(form) === path,
    );
    if (row && fresh) {
      row.replaceChildren(...[...fresh.childNodes].map((node) => document.adoptNode(node)));
    } else {
      row?.querySelector("[data-checkin-pending]")?.remove();
    }
  }

  function note(text, id) {
    let shown = document.getElementById(id);
    if (!shown) {
      shown = document.createElement("p");
      shown.id = id;
      shown.className = "alert alert-warning";
      shown.setAttribute("role", "status");
      list.before(shown);
    }
    shown.textContent = text;
    return shown;
  }
  function showConnection() {
    if (navigator.onLine) document.getElementById("checkin-offline")?.remove();
    else note(offlineText, "checkin-offline");
  }

  let sending = false;
  // One tab at a time: two tabs sending the same queue would each post it.
  function sendQueue() {
    if (sending || !navigator.onLine) return;
    if (navigator.locks) navigator.locks.request(queueKey, sendQueued);
    else sendQueued();
  }
  async function sendQueued() {
    if (sending || !navigator.onLine) return;
    sending = true;
    try {
      for (const path of queued()) {
        if (!queued().includes(path)) continue; // sent meanwhile by another tab
        let response;
        try {
          response = await post(path, "follow");
        } catch {
          return; // Offline again: the rest waits for the next "online".
        }
        // Answered: back on the check-in page (checked in, already, or refused with a message),
        // or a definitive refusal (404: no such person or no longer an organizer). Anything else
        // (signed out, a token out of date: 403, the server failing) stays queued.
        const answered = response.ok && new URL(response.url).pathname === pageUrl;
        const refused = [400, 404, 405, 410].includes(response.status);
        if (!answered && !refused) continue;
        save(queued().filter((other) => other !== path));
        if (answered) show(await response.text(), path);
        else formFor(path)?.querySelector("[data-checkin-pending]")?.remove();
      }
    } finally {
      sending = false;
    }
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (form.matches("form[role=search]") && !navigator.onLine) {
      event.preventDefault();
      const words = String(new FormData(form).get("q") || "").trim().toLocaleLowerCase();
      let found = 0;
      for (const row of list.querySelectorAll("li:not([data-none])")) {
        const name = row.querySelector("bdi")?.textContent.toLocaleLowerCase() || "";
        const hide = Boolean(words) && !name.includes(words);
        // A class, not `hidden`: the row's d-flex would show it anyway.
        row.classList.toggle("d-none", hide);
        if (!hide) found += 1;
      }
      list.querySelector("li[data-none]")?.remove();
      if (!found) {
        const none = document.createElement("li");
        none.className = "list-group-item text-body-secondary";
        none.dataset.none = "";
        none.textContent = noneText;
        list.append(none);
      }
      return;
    }
    if (form.matches("form[data-checkin-form]") && event.submitter?.name === "undo") {
      if (!navigator.onLine) {
        event.preventDefault();
        note(undoOfflineText, "checkin-undo-offline");
      }
      return;
    }
    if (!form.matches("form[data-checkin-form]") || !event.submitter?.hasAttribute("data-checkin")) {
      return;
    }
    event.preventDefault();
    if (!navigator.onLine) {
      queue(form);
      return;
    }
    let response;
    try {
      response = await post(pathOf(form), "manual");
    } catch {
      queue(form);
      return;
    }
    // Answered as without script: a redirect to this page, with its message. Any other answer
    // (an error page) is shown by sending the form itself (a check-in sent twice counts once).
    if (response.type === "opaqueredirect") location.assign(pageUrl);
    else form.submit();
  });

  // Opened from the cache: the messages are those of the visit that was kept, not news.
  if (!navigator.onLine) document.querySelector("main .messages")?.remove();
  for (const path of queued()) {
    const form = formFor(path);
    if (form) markPending(form);
  }
  showConnection();
  window.addEventListener("online", () => {
    showConnection();
    document.getElementById("checkin-undo-offline")?.remove();
    sendQueue();
  });
  window.addEventListener("offline", showConnection);
  // A network that fails while the phone believes it is online sends no "online" event.
  setInterval(sendQueue, 30_000);
  sendQueue();

  if ("serviceWorker" in navigator && workerUrl) {
    const firstVisit = !navigator.serviceWorker.controller;
    navigator.serviceWorker
      .register(workerUrl)
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        if (!firstVisit) return;
        // Loaded before the worker existed: it keeps what this visit loaded.
        const loaded = performance.getEntriesByType("resource").map((entry) => entry.name);
        registration.active?.postMessage({ keep: [pageUrl, ...loaded] });
      })
      .catch(() => {});
  }
})();
