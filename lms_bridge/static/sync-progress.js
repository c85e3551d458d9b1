// Live progress of a sync run: polls the source's progress endpoint until the run finishes.
// Its words come from the page (#sync-progress-words), in the reader's language.
(function () {
  "use strict";
  var box = document.getElementById("sync-progress");
  var wordsNode = document.getElementById("sync-progress-words");
  if (!box || !wordsNode || !window.fetch) { return; }
  var words = JSON.parse(wordsNode.textContent);
  var text = box.querySelector("[data-progress-text]");
  // After "sync now", wait for a run newer than the one shown when the button was pressed.
  var after = parseInt(box.getAttribute("data-after") || "-1", 10), waits = 0;
  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole;
    });
  }
  function describe(p) {
    if (p.status === "none") { return words.none; }
    var done = p.records_seen ? fill(words.records, {done: p.records_done, seen: p.records_seen}) : "";
    var run = fill(words.run, {run: p.run_id, status: words.statuses[p.status] || p.status,
                               phase: words.phases[p.phase] || p.phase, calls: p.calls});
    return run + done + (p.finished && p.summary ? ". " + p.summary : "");
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
