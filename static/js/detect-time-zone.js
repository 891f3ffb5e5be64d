// Pre-selects the browser's time zone in a zone field the server could only start at the site's
// default: it marks such a field `data-detect-time-zone="<that default>"` (members.forms,
// offer_time_zones). A field the member has already changed is left alone. Runs locally;
// nothing is sent anywhere.
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

  document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
    if (select.value !== select.getAttribute("data-detect-time-zone")) {
      return;
    }
    var option = browserOption(select);
    if (option) {
      select.value = option.value;
    }
  });
})();
