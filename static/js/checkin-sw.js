// The check-in page's service worker (issue 16): the door keeps working while the organizer's
// phone has no connection. Served by events.views.checkin.checkin_worker from
// /<lang>/events/<id>/check-in/sw.js, so its scope is that one event's check-in pages.
//
// What it keeps, in one cache per scope, and nothing else: the check-in page itself as last
// seen (GET, never a search: a search is a POST), and the site's static files the page loaded.
// The page holds attendees' names, so the copy is kept no longer than the organizer's right to
// it: it is network-first (served only when the network fails, replaced on every visit), and
// it is deleted as soon as the network answers the page with anything but the page (signed
// out, no longer an organizer of the event). Signing out also clears it at once: the sign-out
// answer carries Clear-Site-Data (members/middleware.py).
//
// Check-ins made offline are queued by the page (static/js/checkin-offline.js), not here.

const CACHE = `tadamun-checkin ${self.registration.scope}`;
const PAGE = new URL(self.registration.scope).pathname;

const isPage = (url) => url.origin === self.location.origin && url.pathname === PAGE && !url.search;
const isStatic = (url) =>
  url.origin === self.location.origin && url.pathname.startsWith("/static/");

self.addEventListener("install", (event) => event.waitUntil(self.skipWaiting()));
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

async function keep(request, response) {
  const cache = await caches.open(CACHE);
  if (response.ok && !response.redirected) {
    await cache.put(request, response);
  } else if (isPage(new URL(request.url))) {
    // Signed out, or no longer an organizer of the event: the names go.
    await cache.delete(request, { ignoreVary: true });
  }
}

async function networkFirst(event) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keep(new Request(event.request.url), response.clone()));
    return response;
  } catch (offline) {
    const cached = await caches.match(event.request.url, { cacheName: CACHE, ignoreVary: true });
    if (cached) return cached;
    throw offline;
  }
}

self.addEventListener("fetch", (event) => {
  if (event.request.method !== "GET") return;
  const url = new URL(event.request.url);
  // The page only as a navigation: a check-in sent later fetches it too, with a message in it.
  if ((isPage(url) && event.request.mode === "navigate") || isStatic(url)) {
    event.respondWith(networkFirst(event));
  }
});

// On its first visit the page was loaded before this worker existed: it names what it loaded.
self.addEventListener("message", (event) => {
  const wanted = Array.isArray(event.data?.keep) ? event.data.keep : [];
  const fetches = wanted
    .map((address) => new URL(address, self.registration.scope))
    .filter((url) => isPage(url) || isStatic(url))
    .map(async (url) => {
      try {
        await keep(new Request(url.href), await fetch(url.href, { credentials: "same-origin" }));
      } catch {
        // Offline again already: kept on the next visit.
      }
    });
  event.waitUntil(Promise.all(fetches));
});
