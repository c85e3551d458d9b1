"""A small stand-in for Moodle's SCORM player, for browser tests of the built packages.

The frame page holds the API object the way Moodle's player does: ONE ``API_1484_11`` per page,
which refuses a second ``Initialize`` after ``Terminate`` with error 104 (content instance
terminated); a SCORM 1.2 ``API`` that lets the next SCO initialize again; no auto-continue (a
navigation request is recorded, nothing more); in 1.2, "mastery score overrides status" (a raw
score and a mastery score decide passed / failed, Moodle's default). Data reaches the "server" (the page's
localStorage) only on Commit and Terminate, as Moodle's does, and every API call is logged there
at once, so that a test can read what the platform stored after the page has gone away.

The package and the frame are served by Playwright's routing under http://moodle.test/.
"""
from __future__ import annotations

import json
import mimetypes
import zipfile
from pathlib import Path

from lxml import etree

ORIGIN = "http://moodle.test"
STORE = "moodle-frame"

_API_SCRIPT = r"""
(function () {
  var config = JSON.parse(document.getElementById('frame-config').textContent);
  var is12 = config.version === '1.2';
  var LIMIT = is12 ? 4096 : 64000;
  function store() { return JSON.parse(localStorage.getItem('STORE') || '{"scos":{},"log":[]}'); }
  function save(data) { localStorage.setItem('STORE', JSON.stringify(data)); }
  function log(call) { var data = store(); data.log.push(call); save(data); }
  var state = 'new', values = {}, sco = null, lastError = '0';
  function fail(code) { lastError = String(code); return 'false'; }
  function ok(result) { lastError = '0'; return result; }
  function open(href) {
    sco = href;
    var saved = store().scos[href] || {};
    values = JSON.parse(JSON.stringify(saved));
    var exit = values[is12 ? 'cmi.core.exit' : 'cmi.exit'];
    var seen = Object.keys(saved).length > 0;
    values[is12 ? 'cmi.core.entry' : 'cmi.entry'] = exit === 'suspend' ? 'resume' : (seen ? '' : 'ab-initio');
    values[is12 ? 'cmi.core.lesson_mode' : 'cmi.mode'] = 'normal';
    values[is12 ? 'cmi.core.credit' : 'cmi.credit'] = 'credit';
    var mastery = config.mastery[href];
    if (mastery !== undefined && mastery !== null) {
      values[is12 ? 'cmi.student_data.mastery_score' : 'cmi.scaled_passing_score'] = String(mastery);
    }
    if (is12 && !values['cmi.core.lesson_status']) { values['cmi.core.lesson_status'] = 'not attempted'; }
    if (!is12) {
      values['cmi.completion_status'] = values['cmi.completion_status'] || 'unknown';
      values['cmi.success_status'] = values['cmi.success_status'] || 'unknown';
    }
  }
  /* Moodle's "Mastery score overrides status" (on by default): in 1.2, a raw score and a mastery
     score decide passed / failed whatever status the SCO set. */
  function overrideStatus() {
    var raw = values['cmi.core.score.raw'], mastery = values['cmi.student_data.mastery_score'];
    if (!is12 || raw === undefined || raw === '' || mastery === undefined) { return; }
    values['cmi.core.lesson_status'] = parseFloat(raw) >= parseFloat(mastery) ? 'passed' : 'failed';
  }
  function persist() {
    overrideStatus();
    var data = store(), kept = {};
    for (var key in values) {
      if (!/(entry|mode|credit|mastery_score|scaled_passing_score)$/.test(key)) { kept[key] = values[key]; }
    }
    data.scos[sco] = kept;
    save(data);
  }
  function count(prefix) {
    var highest = -1, pattern = new RegExp('^' + prefix.replace(/\./g, '\\.') + '(\\d+)\\.');
    for (var key in values) { var m = pattern.exec(key); if (m) { highest = Math.max(highest, +m[1]); } }
    return highest + 1;
  }
  function initialize() {
    log('Initialize');
    if (state === 'running') { return fail(103); }
    if (state === 'terminated' && !is12) { return fail(104); }  // Moodle 2004: one per page
    open(window.currentSco);
    state = 'running';
    return ok('true');
  }
  function terminate() {
    log('Terminate');
    if (state !== 'running') { return fail(is12 ? 301 : 112); }
    persist();
    state = 'terminated';
    return ok('true');
  }
  function getValue(element) {
    if (state !== 'running') { return fail(is12 ? 301 : 122) && ''; }
    var m = /^cmi\.(interactions|objectives)\._count$/.exec(element);
    if (m) { return ok(String(count('cmi.' + m[1] + '.'))); }
    if (values.hasOwnProperty(element)) { return ok(values[element]); }
    lastError = is12 ? '0' : '403';
    return '';
  }
  function setValue(element, value) {
    log('SetValue ' + element);
    if (state !== 'running') { return fail(is12 ? 301 : 132); }
    if (element === 'cmi.suspend_data' && value.length > LIMIT) { return fail(is12 ? 405 : 407); }
    var m = /^cmi\.(interactions|objectives)\.(\d+)\./.exec(element);
    if (m && +m[2] > count('cmi.' + m[1] + '.')) { return fail(is12 ? 201 : 351); }
    values[element] = String(value);
    return ok('true');
  }
  function commit() {
    log('Commit');
    if (state !== 'running') { return fail(is12 ? 301 : 142); }
    persist();
    return ok('true');
  }
  var error = function () { return lastError; };
  var text = function (code) { return 'error ' + code; };
  if (is12) {
    window.API = { LMSInitialize: initialize, LMSFinish: terminate, LMSGetValue: getValue,
      LMSSetValue: setValue, LMSCommit: commit, LMSGetLastError: error,
      LMSGetErrorString: text, LMSGetDiagnostic: text };
  } else {
    window.API_1484_11 = { Initialize: initialize, Terminate: terminate, GetValue: getValue,
      SetValue: setValue, Commit: commit, GetLastError: error, GetErrorString: text,
      GetDiagnostic: text };
  }
  /* Moodle's table of contents / Next: load another SCO in the same page, same API object. */
  window.loadSco = function (href) {
    window.currentSco = href;
    if (is12) { state = 'new'; }
    document.getElementById('content').src = href;
  };
  window.currentSco = config.scos[0];
  document.getElementById('content').src = config.scos[0];
}());
""".replace("STORE", STORE)


def manifest_scos(manifest: bytes) -> tuple[str, list[str], dict[str, float | None]]:
    """The package's SCORM version, its SCOs' launch pages in order, and each one's pass mark
    as the platform passes it on (1.2 mastery score; 2004 scaled passing score)."""
    root = etree.fromstring(manifest)
    version = "2004" if "2004" in (root.findtext("{*}metadata/{*}schemaversion") or "") else "1.2"
    resources = {r.get("identifier"): r.get("href") for r in root.iterfind(".//{*}resource")}
    scos, mastery = [], {}
    for item in root.iterfind(".//{*}organization/{*}item"):
        href = resources[item.get("identifierref")]
        scos.append(href)
        value = item.findtext("{*}masteryscore") if version == "1.2" else \
            item.findtext(".//{*}primaryObjective/{*}minNormalizedMeasure")
        mastery[href] = float(value) if value else None
    return version, scos, mastery


def frame_page(manifest: bytes) -> str:
    version, scos, mastery = manifest_scos(manifest)
    config = json.dumps({"version": version, "scos": scos, "mastery": mastery})
    return ("<!DOCTYPE html><html><head><meta charset='utf-8'><title>Moodle frame</title></head>"
            "<body><iframe id='content' title='content' width='1000' height='700'></iframe>"
            f"<script type='application/json' id='frame-config'>{config}</script>"
            f"<script>{_API_SCRIPT}</script></body></html>")


def serve_package(context, zip_path: Path) -> None:
    """Serve the package's files and /frame.html under ORIGIN in this browser context."""
    with zipfile.ZipFile(zip_path) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    frame = frame_page(files["imsmanifest.xml"]).encode("utf-8")

    def handle(route):
        name = route.request.url.split("?", 1)[0][len(ORIGIN) + 1:]
        if name == "frame.html":
            route.fulfill(status=200, body=frame, content_type="text/html; charset=utf-8")
        elif name in files:
            kind = mimetypes.guess_type(name)[0] or "application/octet-stream"
            route.fulfill(status=200, body=files[name], content_type=kind)
        else:
            route.fulfill(status=404, body=b"not found")
    context.route(f"{ORIGIN}/**", handle)


def stored(page) -> dict:
    """What the stand-in platform has stored: {"scos": {href: {element: value}}, "log": [...]}."""
    return json.loads(page.evaluate(f"localStorage.getItem({STORE!r})") or '{"scos": {}, "log": []}')
