// Pre-selects the browser's time zone in a zone field the server could only start at the site's
// default: it marks such a field `data-detect-time-zone="<that default>"` (members.forms,
// offer_time_zones). A field the member has already changed is left alone. The list is short
// (the zones most members use); a browser zone not in it is added at its head, named as the
// browser names it, with its offset. Runs locally; nothing is sent anywhere.
(function () {
  "use strict";
  var zone;
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch (error) {
    return;
  }
  if (!zone) {
    return;
  }

  // The list may name the browser's zone by another spelling (Asia/Kolkata for the browser's
  // Asia/Calcutta); the browser spells both alike once it has read them.
  function sameZone(name) {
    try {
      return new Intl.DateTimeFormat("en", { timeZone: name }).resolvedOptions().timeZone === zone;
    } catch (error) {
      return false;
    }
  }

  function browserOption(select) {
    var options = select.options;
    var i;
    for (i = 0; i < options.length; i += 1) {
      if (options[i].value === zone) {
        return options[i];
      }
    }
    for (i = 0; i < options.length; i += 1) {
      if (options[i].value && sameZone(options[i].value)) {
        return options[i];
      }
    }
    return null;
  }

  // The zone's name as the browser writes it in the page's language, with today's offset as
  // the list's own labels have it ("Pacific Time (GMT-08:00)"); else its id.
  function zonePart(style) {
    try {
      var parts = new Intl.DateTimeFormat(document.documentElement.lang || undefined, {
        timeZone: zone,
        timeZoneName: style,
      }).formatToParts(new Date());
      for (var i = 0; i < parts.length; i += 1) {
        if (parts[i].type === "timeZoneName") {
          return parts[i].value;
        }
      }
    } catch (error) {
      // An older browser without this style.
    }
    return "";
  }

  function browserLabel() {
    var name = zonePart("longGeneric");
    var offset = zonePart("longOffset");
    if (!name) {
      return zone;
    }
    // The left-to-right mark keeps the offset's sign before its digits in Arabic and Persian.
    return offset ? name + " (\u200e" + offset + ")" : name;
  }

  document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
    if (select.value !== select.getAttribute("data-detect-time-zone")) {
      return;
    }
    var option = browserOption(select);
    if (!option) {
      option = new Option(browserLabel(), zone);
      var first = select.querySelector("optgroup") || select;
      first.insertBefore(option, first.firstChild);
    }
    select.value = option.value;
  });
})();
