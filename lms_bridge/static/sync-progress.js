// Live progress of a sync run: polls the source's progress endpoint until the run finishes.
(function () {
  "use strict";
  var box = document.getElementById("sync-progress");
  if (!box || !window.fetch) { return; }
  var text = box.querySelector("[data-progress-text]");
  // After "sync now", wait for a run newer than the one shown when the button was pressed.
  var after = parseInt(box.getAttribute("data-after") || "-1", 10), waits = 0;
  function describe(p) {
    if (p.status === "none") { return "No run yet."; }
    var done = p.records_seen ? " — " + p.records_done + " of " + p.records_seen + " records" : "";
    return "Run " + p.run_id + ": " + p.status + " (" + p.phase + "), " + p.calls + " calls" + done +
      (p.finished && p.message ? ". " + p.message : "");
  }
  function poll() {
    fetch(box.getAttribute("data-url"), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.json(); })
      .then(function (p) {
        var isOld = after >= 0 && (p.run_id === null || p.run_id <= after);
        if (isOld && waits++ < 30) { window.setTimeout(poll, 1000); return; }
        text.textContent = describe(p);
        if (!p.finished) { window.setTimeout(poll, 1000); }
        else if (after >= 0) { window.location.replace(box.getAttribute("data-done-url")); }
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }
  poll();
}());
