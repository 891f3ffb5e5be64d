// Pre-selects the browser's time zone in a time zone field that still shows the default (UTC).
// Runs locally; nothing is sent anywhere.
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
  document.querySelectorAll("select[data-detect-time-zone]").forEach(function (select) {
    if (select.value === "UTC" && select.querySelector('option[value="' + zone + '"]')) {
      select.value = zone;
    }
  });
})();
