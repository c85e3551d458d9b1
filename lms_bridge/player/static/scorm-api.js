/*
 * LMS Bridge SCORM API adapter: window.API (SCORM 1.2) and window.API_1484_11 (SCORM 2004).
 *
 * How it works
 * - The launch page carries a launch token (data-token). The adapter first delivers commits a
 *   previous page left in localStorage, then asks the server to start a session: it receives the
 *   stored state, the launch values (read-only elements), the next sequence number and the data
 *   model rules exported by scorm.runtime (the same rules the server re-checks every commit with).
 * - Every API call answers synchronously from the local copy. SetValue is validated here with the
 *   exported rules (access, collections, types, ranges); interaction response formats are left
 *   to the server, which refuses a bad value with its SCORM error.
 * - A commit carries only the elements changed since the previous one and an increasing sequence
 *   number. It is written to localStorage before it is sent and removed only when the server
 *   acknowledges it, so a network failure or a closed tab loses nothing: failed sends are retried
 *   with exponential backoff, and the next launch delivers what is left. The server ignores a
 *   sequence number it has already applied, so sending twice is harmless.
 * - Commit happens on Commit/LMSCommit, every AUTOCOMMIT_MS when something changed, on
 *   Terminate/LMSFinish (the final commit, finish=true) and when the page is hidden or left
 *   (navigator.sendBeacon, or fetch with keepalive), always under the 64 KiB beacon limit.
 * - SCORM 2004 attempts are sequenced on the server (data-sequencing="1"): the final commit
 *   carries adl.nav.request and its reply says where to go; a player button first unloads the
 *   SCO so that it terminates with the learner's request; adl.nav.request_valid.* is answered
 *   from what /player/runtime/start and commit replies give ("navigation").
 * - Every page navigation the adapter triggers goes through navigateTo (so it can be swapped).
 * No dependency, no inline script: loaded by the launch page under script-src 'self'.
 */
(function () {
  "use strict";

  var root = document.getElementById("player");
  if (!root) { return; }

  var AUTOCOMMIT_MS = 30000;
  var BEACON_LIMIT = 60000;          // bytes per request, below the 64 KiB keepalive budget
  var MAX_BACKOFF_MS = 30000;
  var config = {
    token: root.dataset.token,
    startUrl: root.dataset.startUrl,
    commitUrl: root.dataset.commitUrl,
    contentUrl: root.dataset.contentUrl,
    exitUrl: root.dataset.exitUrl,
    sequencing: root.dataset.sequencing === "1",
    autoContinue: root.dataset.autoContinue === "1"   // 1.2: a finished SCO opens the next
  };
  var statusNode = document.getElementById("player-status");
  var frame = document.getElementById("player-content");
  var queueKey = "lmsb.pending." + config.token.slice(-40);

  // ---- the local copy ---------------------------------------------------------------------

  var version = null;        // "1.2" or "2004"
  var rules = null;          // scorm.runtime.export_rules(version)
  var base = {};             // launch values, read-only for the SCO
  var store = {};            // what the server stores for this SCO
  var counts = {};           // collection prefix -> _count
  var sharedAccess = [];     // per adl.data.n: {readable, writable}, from the SCO's adlcp:map
  var dirty = {};            // elements set since the last commit
  var nextSeq = 1;
  var status = "not initialized";   // -> running -> terminated
  var lastError = "0";
  var lastDiagnostic = "";
  var forcedExit = null;     // "suspend" when the learner chose Suspend and leave
  var unloading = false;
  var sending = false;
  var backoff = 1000;
  var retryTimer = null;
  var autoTimer = null;
  var terminatedListeners = [];
  var navValid = {};         // adl.nav.request_valid answers from the server (sequencing)
  var pendingNav = null;     // the learner's navigation request, sent with the final commit
  var leaving = false;       // leaving the player: navigation replies are ignored

  function say(text) { if (statusNode) { statusNode.textContent = text; } }

  // ---- element names and rules ------------------------------------------------------------

  /* Split "cmi.objectives.2.score.raw" into its rule pattern "cmi.objectives.n.score.raw" and
   * the collection levels it crosses: [{pattern, prefix, index}]. */
  function resolve(element) {
    var parts = element.split(".");
    var pattern = [], concrete = [], levels = [];
    for (var i = 0; i < parts.length; i++) {
      var joined = pattern.join(".");
      if (rules.collections[joined] && /^\d+$/.test(parts[i])) {
        levels.push({ pattern: joined, prefix: concrete.join("."), index: parseInt(parts[i], 10) });
        pattern.push("n");
      } else {
        pattern.push(parts[i]);
      }
      concrete.push(parts[i]);
    }
    return { pattern: pattern.join("."), levels: levels, last: parts[parts.length - 1] };
  }

  function noteKey(key) {
    resolve(key).levels.forEach(function (level) {
      counts[level.prefix] = Math.max(counts[level.prefix] || 0, level.index + 1);
    });
  }

  function lookup(element) {
    if (Object.prototype.hasOwnProperty.call(store, element)) { return store[element]; }
    if (Object.prototype.hasOwnProperty.call(base, element)) { return base[element]; }
    return undefined;
  }

  function isKnownPrefix(pattern) {
    if (rules.collections[pattern] || rules.containers[pattern] || pattern === "cmi") { return true; }
    return Object.keys(rules.elements).some(function (p) { return p.indexOf(pattern + ".") === 0; });
  }

  // ---- value types (mirror of scorm/runtime/datatypes.py) -----------------------------------

  var DECIMAL = /^[-+]?(?:\d+\.?\d*|\.\d+)$/;
  var INTEGER = /^[-+]?\d+$/;
  var TIMESPAN = /^\d{2,4}:[0-5]\d:[0-5]\d(?:\.\d{1,2})?$/;
  var TIME_OF_DAY = /^([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,2})?$/;
  var DURATION = /^P(?:\d+Y)?(?:\d+M)?(?:\d+D)?(?:T(?:\d+H)?(?:\d+M)?(?:\d+(?:\.\d{1,2})?S)?)?$/;
  var TIMESTAMP = /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2})(?::(\d{2})(?::(\d{2})(?:\.\d{1,2}(Z|[+-]\d{2}(?::\d{2})?)?)?)?)?)?)?)?$/;
  var TARGETED_NAV = /^\{target=[^{}]+\}(choice|jump)$/;

  function isLanguage(value) {
    var parts = value.split("-");
    var primary = parts[0].toLowerCase();
    if (!parts.every(function (p) { return /^[A-Za-z0-9]{1,8}$/.test(p); })) { return false; }
    if (primary === "i" || primary === "x") { return parts.length > 1; }
    if (primary.length === 2) { return rules.languages.iso_639_1.indexOf(primary) >= 0; }
    if (primary.length === 3) {
      return rules.languages.iso_639_2.indexOf(primary) >= 0 || (primary >= "qaa" && primary <= "qtz");
    }
    return false;
  }

  function isLongIdentifier(value) {
    if (!value || /[\s"<>\\^`{|}\[\]\x00-\x1f]/.test(value) || /%(?![0-9A-Fa-f]{2})/.test(value)) {
      return false;
    }
    return value.toLowerCase().indexOf("urn:") !== 0 ||
      /^urn:[A-Za-z0-9][A-Za-z0-9-]{0,31}:\S+$/i.test(value);
  }

  function isLocalized(value) {
    if (value.indexOf("{lang=") !== 0) { return true; }
    var end = value.indexOf("}");
    return end >= 0 && isLanguage(value.slice(6, end));
  }

  function isTimestamp(value) {
    var m = TIMESTAMP.exec(value);
    if (!m) { return false; }
    var year = +m[1];
    if (year < 1970 || year > 2038) { return false; }
    if (m[2] !== undefined && (+m[2] < 1 || +m[2] > 12)) { return false; }
    if (m[3] !== undefined && (+m[3] < 1 || +m[3] > new Date(Date.UTC(year, +m[2], 0)).getUTCDate())) {
      return false;
    }
    return !(m[4] !== undefined && +m[4] > 23) && !(m[5] !== undefined && +m[5] > 59) &&
      !(m[6] !== undefined && +m[6] > 59);
  }

  function checkNumber(value, rule, pattern) {
    if (rule.empty_ok && value === "") { return null; }
    if (!pattern.test(value)) { return "type_mismatch"; }
    var number = parseFloat(value);
    if ((rule.minimum !== undefined && number < rule.minimum) ||
        (rule.maximum !== undefined && number > rule.maximum)) { return "out_of_range"; }
    return null;
  }

  function unless(condition) { return condition ? null : "type_mismatch"; }

  /* Return the failure kind for a bad value, or null. Response formats (correct_response,
   * learner_response, CMIFeedback) are checked by the server only. */
  function checkValue(value, rule) {
    if (value.length > rules.max_stored_length) { return "type_mismatch"; }
    switch (rule.type) {
      case "CMIString255": case "CMIString4096":
        return unless(rule.spm === undefined || value.length <= rule.spm);
      case "CMIIdentifier": return unless(value.length > 0 && value.length <= (rule.spm || 255) && !/\s/.test(value));
      case "CMIDecimal": case "real(10,7)": return checkNumber(value, rule, DECIMAL);
      case "CMISInteger": return checkNumber(value, rule, INTEGER);
      case "CMITimespan": return unless(TIMESPAN.test(value));
      case "CMITime": return unless(TIME_OF_DAY.test(value));
      case "CMIVocabulary": case "state": return unless(rule.vocab.indexOf(value) >= 0);
      case "CMIResult": case "interaction_result":
        return unless(rule.vocab.indexOf(value) >= 0 || DECIMAL.test(value));
      case "localized_string": return unless(isLocalized(value));
      case "language": return unless((rule.empty_ok && value === "") || isLanguage(value));
      case "long_identifier": return unless(isLongIdentifier(value));
      case "time": return unless(isTimestamp(value));
      case "time_interval": return unless(DURATION.test(value) && value !== "P" && value.slice(-1) !== "T");
      case "nav_request": return unless(rules.nav_requests.indexOf(value) >= 0 || TARGETED_NAV.test(value));
      default: return null;   // characterstring, correct_response, learner_response, CMIFeedback
    }
  }

  // ---- GetValue / SetValue ---------------------------------------------------------------

  function Failure(kind, detail) { this.kind = kind; this.detail = detail; }
  function fail(kind, detail) { throw new Failure(kind, detail); }

  function keywordValue(element, path) {
    var parent = path.pattern.slice(0, path.pattern.length - path.last.length - 1);
    if (path.last === "_version") {
      if (parent !== "cmi") { fail("undefined", element + " is not defined"); }
      return rules.data_model_version;
    }
    if (path.last === "_children") {
      var collection = rules.collections[parent];
      if (rules.containers[parent]) { return rules.containers[parent].join(","); }
      if (collection && collection.children) { return collection.children.join(","); }
      fail(isKnownPrefix(parent) ? "no_children" : "undefined", parent + " has no children");
    }
    if (rules.collections[parent]) {
      return String(counts[element.slice(0, element.length - "._count".length)] || 0);
    }
    fail(isKnownPrefix(parent) ? "no_count" : "undefined", parent + " is not a collection");
  }

  function evaluated(element, value) {
    // 2004 RTE 4.2.4.1 / 4.2.22.1: thresholds given at launch decide the reported status.
    if (element === "cmi.completion_status" && base["cmi.completion_threshold"] !== undefined) {
      var progress = lookup("cmi.progress_measure");
      if (progress === undefined) { return "unknown"; }
      return parseFloat(progress) >= parseFloat(base["cmi.completion_threshold"]) ? "completed" : "incomplete";
    }
    if (element === "cmi.success_status" && base["cmi.scaled_passing_score"] !== undefined) {
      var scaled = lookup("cmi.score.scaled");
      if (scaled === undefined) { return "unknown"; }
      return parseFloat(scaled) >= parseFloat(base["cmi.scaled_passing_score"]) ? "passed" : "failed";
    }
    return value;
  }

  function readElement(element) {
    if (element === "") { fail("get_failure", "an element name is required"); }
    if (/^adl\.nav\.request_valid\./.test(element)) {
      return navValid[element.slice("adl.nav.request_valid.".length)] || lookup(element) || "unknown";
    }
    var path = resolve(element);
    if (path.last.charAt(0) === "_") { return keywordValue(element, path); }
    var rule = rules.elements[path.pattern];
    if (!rule) { fail("undefined", element + " is not an element of the data model"); }
    if (rule.access === "wo") { fail("write_only", element + " is write-only"); }
    path.levels.forEach(function (level) {
      if (level.index >= (counts[level.prefix] || 0)) {
        fail("get_failure", level.prefix + "." + level.index + " does not exist");
      }
    });
    checkSharedAccess(element, path, false);
    var value = lookup(element);
    // as on the server: a store set to "" reads as not initialized (ADL's DMI test)
    if (value === "" && path.pattern === "adl.data.n.store") { value = undefined; }
    if (value === undefined) { value = rule["default"]; }
    value = evaluated(element, value);
    if (value === undefined) { fail("not_initialized", element + " has no value yet"); }
    return value;
  }

  function interactionType(path, element) {
    if (path.pattern.indexOf("cmi.interactions.n.") !== 0) { return undefined; }
    return lookup("cmi.interactions." + element.split(".")[2] + ".type");
  }

  function checkPositions(element, path) {
    path.levels.forEach(function (level) {
      var count = counts[level.prefix] || 0;
      var collection = rules.collections[level.pattern];
      if (level.index > count) { fail("set_failure", "index " + level.index + " skips records"); }
      if (level.index === count && level.index >= rules.max_records) { fail("set_failure", level.prefix + " holds at most " + rules.max_records + " records"); }
      if (level.index === count && collection.key) {
        var keyRule = rules.elements[level.pattern + ".n." + collection.key];
        if (keyRule && keyRule.access === "ro") { fail("set_failure", level.prefix + "." + level.index + " does not exist"); }
        var remainder = path.pattern.slice(level.pattern.length + 3);
        if (version === "2004" && remainder !== collection.key) {
          fail("dependency", level.prefix + "." + level.index + "." + collection.key + " must be set first");
        }
      }
    });
  }

  function checkKey(element, path, value, type) {
    var level = path.levels[path.levels.length - 1];
    if (!level) { return; }
    var collection = rules.collections[level.pattern];
    if (path.pattern.slice(level.pattern.length + 3) !== collection.key) { return; }
    var current = lookup(element);
    if (collection.write_once_key && current !== undefined && current !== value) {
      fail("set_failure", "the id is already " + current);
    }
    var unique = collection.unique_key || (collection.unique_by_type || []).indexOf(type || "") >= 0;
    if (!unique) { return; }
    for (var other = 0; other < (counts[level.prefix] || 0); other++) {
      if (other !== level.index && lookup(level.prefix + "." + other + "." + collection.key) === value) {
        fail("set_failure", level.prefix + "." + other + " already has that id");
      }
    }
  }

  /* A shared data store is read and written as its map allows (the server checks it again). */
  function checkSharedAccess(element, path, writing) {
    if (path.pattern !== "adl.data.n.store") { return; }
    var access = sharedAccess[path.levels[0].index];
    if (!access) { return; }
    if (writing && !access.writable) { fail("read_only", element + ": the store is read-only"); }
    if (!writing && !access.readable) { fail("write_only", element + ": the store is write-only"); }
  }

  function writeElement(element, value) {
    if (element === "") { fail("set_failure", "an element name is required"); }
    if (/^adl\.nav\.request_valid\./.test(element)) { fail("read_only", "navigation validity is read-only"); }
    var path = resolve(element);
    if (path.last.charAt(0) === "_") {
      var parent = path.pattern.slice(0, path.pattern.length - path.last.length - 1);
      fail(isKnownPrefix(parent) ? "keyword_write" : "undefined", "keywords cannot be set");
    }
    var rule = rules.elements[path.pattern];
    if (!rule) { fail("undefined", element + " is not an element of the data model"); }
    if (rule.access === "ro") { fail("read_only", element + " is read-only"); }
    checkPositions(element, path);
    checkSharedAccess(element, path, true);
    var type = interactionType(path, element);
    if (version === "2004" && type === undefined && path.pattern.indexOf("cmi.interactions.n.") === 0 &&
        /(correct_responses\.n\.pattern|learner_response)$/.test(path.pattern)) {
      fail("dependency", "the interaction type must be set first");
    }
    var last = path.levels[path.levels.length - 1];
    var limits = last && rules.collections[last.pattern].limit_by_type;
    if (limits && limits[type || ""] !== undefined && last.index >= limits[type || ""]) {
      fail("set_failure", "too many correct responses for a " + type + " interaction");
    }
    var failure = checkValue(value, rule);
    if (failure) { fail(failure, JSON.stringify(value.slice(0, 60)) + " is not a valid " + rule.type); }
    checkKey(element, path, value, type);
    store[element] = value;
    noteKey(element);
    dirty[element] = true;
  }

  // ---- the API objects -------------------------------------------------------------------

  function code(kind) { return rules.errors[kind] || "101"; }

  function succeed(result) { lastError = "0"; lastDiagnostic = ""; return result; }

  function failed(kind, detail, result) {
    lastError = code(kind);
    lastDiagnostic = (detail || "").slice(0, 254);
    return result;
  }

  function stateFailure(call) {
    if (status === "not initialized") { return call + "_before_init"; }
    if (status === "terminated") { return call + "_after_terminate"; }
    return null;
  }

  function initialize(param) {
    if (status === "running") { return failed("already_initialized", "already initialized", "false"); }
    if (status === "terminated") { return failed("content_terminated", "the session has ended", "false"); }
    if (param !== "") { return failed("argument", "Initialize takes an empty string", "false"); }
    status = "running";
    say("Ready.");
    return succeed("true");
  }

  function getValue(element) {
    var problem = stateFailure("get");
    if (problem) { return failed(problem, "GetValue while " + status, ""); }
    try {
      return succeed(readElement(String(element)));
    } catch (e) {
      if (!(e instanceof Failure)) { throw e; }
      if (e.kind === "not_initialized" && version === "1.2") { return succeed(""); }
      return failed(e.kind, e.detail, "");
    }
  }

  function setValue(element, value) {
    var problem = stateFailure("set");
    if (problem) { return failed(problem, "SetValue while " + status, "false"); }
    try {
      writeElement(String(element), String(value));
      return succeed("true");
    } catch (e) {
      if (!(e instanceof Failure)) { throw e; }
      return failed(e.kind, e.detail, "false");
    }
  }

  function commitCall(param) {
    var problem = stateFailure("commit");
    if (problem) { return failed(problem, "Commit while " + status, "false"); }
    if (param !== "") { return failed("argument", "Commit takes an empty string", "false"); }
    queueCommit(false);
    return succeed("true");
  }

  function terminate(param) {
    var problem = stateFailure("terminate");
    if (problem) { return failed(problem, "Terminate while " + status, "false"); }
    if (param !== "") { return failed("argument", "Terminate takes an empty string", "false"); }
    if (pendingNav) {   // the learner's button wins over what the content asked for
      store["adl.nav.request"] = pendingNav;
      dirty["adl.nav.request"] = true;
    }
    var navRequest = lookup("adl.nav.request");
    queueCommit(true);
    status = "terminated";
    terminatedListeners.forEach(function (listener) { listener(navRequest); });
    return succeed("true");
  }

  function errorString(errorCode) { return rules.error_strings[String(errorCode)] || ""; }

  function diagnostic(errorCode) {
    if (errorCode === undefined || String(errorCode) === "" || String(errorCode) === lastError) {
      return lastDiagnostic || errorString(lastError);
    }
    return errorString(errorCode);
  }

  function installApi() {
    if (version === "1.2") {
      window.API = {
        LMSInitialize: initialize, LMSFinish: terminate, LMSGetValue: getValue,
        LMSSetValue: setValue, LMSCommit: commitCall,
        LMSGetLastError: function () { return lastError; },
        LMSGetErrorString: errorString, LMSGetDiagnostic: diagnostic
      };
    } else {
      window.API_1484_11 = {
        version: "1.0",
        Initialize: initialize, Terminate: terminate, GetValue: getValue, SetValue: setValue,
        Commit: commitCall, GetLastError: function () { return lastError; },
        GetErrorString: errorString, GetDiagnostic: diagnostic
      };
    }
  }

  // ---- the commit queue (localStorage until acknowledged) --------------------------------

  function readQueue() {
    try { return JSON.parse(window.localStorage.getItem(queueKey) || "[]"); } catch (e) { return []; }
  }

  function writeQueue(queue) {
    try {
      if (queue.length) { window.localStorage.setItem(queueKey, JSON.stringify(queue)); }
      else { window.localStorage.removeItem(queueKey); }
    } catch (e) { /* storage full or disabled: the in-flight send still carries the data */ }
  }

  /* Cut the changes into commits that each stay under the beacon limit; finish on the last. */
  function splitChanges(changes, finish) {
    var bodies = [], current = {}, size = 0;
    Object.keys(changes).forEach(function (key) {
      var entry = JSON.stringify(key).length + JSON.stringify(changes[key]).length + 2;
      if (size + entry > BEACON_LIMIT - 2000 && Object.keys(current).length) {
        bodies.push(current); current = {}; size = 0;
      }
      current[key] = changes[key]; size += entry;
    });
    bodies.push(current);
    return bodies.map(function (part, i) {
      return { token: config.token, seq: nextSeq++, changes: part, finish: finish && i === bodies.length - 1 };
    });
  }

  function queueCommit(finish) {
    if (finish && forcedExit) {
      store[version === "1.2" ? "cmi.core.exit" : "cmi.exit"] = forcedExit;
      dirty[version === "1.2" ? "cmi.core.exit" : "cmi.exit"] = true;
    }
    var keys = Object.keys(dirty);
    if (!keys.length && !finish) { return; }
    var changes = {};
    keys.forEach(function (key) { changes[key] = store[key]; });
    dirty = {};
    var queue = readQueue().concat(splitChanges(changes, finish));
    writeQueue(queue);
    pending = queue;
    if (unloading) { beaconAll(); } else { pump(); }
  }

  var pending = [];

  function scheduleRetry() {
    if (retryTimer) { return; }
    say("Offline: your progress is kept and will be saved when the connection returns.");
    retryTimer = window.setTimeout(function () { retryTimer = null; pump(); }, backoff);
    backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
  }

  /* Drop a refused element from the local copy and the pending commit, then try again. */
  function dropRefused(body, details) {
    (details || []).forEach(function (detail) {
      delete body.changes[detail.field];
      delete store[detail.field];
    });
    if (!details || !details.length) { body.changes = {}; }
  }

  /* text/plain: a simple request, no CORS preflight from the content origin's bridge page. */
  function send(body) {
    var text = JSON.stringify(body);
    return window.fetch(config.commitUrl, {
      method: "POST", headers: { "Content-Type": "text/plain" }, body: text,
      credentials: "same-origin", keepalive: text.length < BEACON_LIMIT
    });
  }

  function pump() {
    if (sending) { return; }
    var queue = readQueue();
    if (!queue.length) { queue = pending; }
    if (!queue.length) { say("All progress saved."); return; }
    sending = true;
    var body = queue[0];
    send(body).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        sending = false;
        if (response.ok) {
          backoff = 1000;
          acknowledge(body);
          pump();
          if (data.navigation) { onNavigation(data.navigation, body.finish); }
        } else if (response.status === 422) {
          dropRefused(body, data.error && data.error.details);
          replaceHead(body);
          pump();
        } else if (response.status >= 500 || response.status === 429) {
          scheduleRetry();
        } else {
          // 403 / 409: this token can no longer store anything; keeping it would block the queue.
          acknowledge(body);
          say((data.error && data.error.message) || "This progress can no longer be saved.");
          pump();
        }
      });
    }, function () {
      sending = false;
      scheduleRetry();
    });
  }

  function acknowledge(body) {
    var queue = readQueue().filter(function (item) { return item.seq !== body.seq; });
    pending = pending.filter(function (item) { return item.seq !== body.seq; });
    writeQueue(queue);
  }

  function replaceHead(body) {
    var queue = readQueue().map(function (item) { return item.seq === body.seq ? body : item; });
    writeQueue(queue);
  }

  /* Fold each pending commit into the next one while the result stays under the beacon limit.
   * Beacons may arrive in any order and the server ignores a commit older than one it applied,
   * so a beacon must carry every change queued before it, not only its own. */
  function cumulative(queue) {
    var bodies = [], current = null;
    queue.forEach(function (body) {
      if (current) {
        var merged = { token: body.token, seq: body.seq, finish: current.finish || body.finish,
                       changes: Object.assign({}, current.changes, body.changes) };
        if (JSON.stringify(merged).length < BEACON_LIMIT) { current = merged; return; }
        bodies.push(current);
      }
      current = body;
    });
    if (current) { bodies.push(current); }
    return bodies;
  }

  /* While the page goes away: hand every pending commit to the browser to deliver. They stay in
   * localStorage; the next launch sends them again and the server ignores any duplicate. */
  function beaconAll() {
    var queue = readQueue();
    if (!queue.length) { queue = pending; }
    cumulative(queue).forEach(function (body) {
      var text = JSON.stringify(body);
      var delivered = false;
      if (navigator.sendBeacon && text.length < BEACON_LIMIT) {
        delivered = navigator.sendBeacon(config.commitUrl, new Blob([text], { type: "text/plain" }));
      }
      if (!delivered) {
        try {
          window.fetch(config.commitUrl, { method: "POST", body: text, keepalive: text.length < BEACON_LIMIT,
            headers: { "Content-Type": "text/plain" }, credentials: "same-origin" });
        } catch (e) { /* the next launch delivers it */ }
      }
    });
  }

  /* Deliver what a previous page of this SCO left behind, in order, before starting. */
  function flushLeftovers() {
    var queue = readQueue();
    if (!queue.length) { return Promise.resolve(); }
    say("Saving progress from your last visit…");
    return queue.reduce(function (chain, body) {
      return chain.then(function () {
        return send(body).then(function (response) {
          if (response.status !== 422 && response.status < 500) { acknowledge(body); }
        }, function () { /* still offline: keep it for later */ });
      });
    }, Promise.resolve());
  }

  // ---- page life cycle -------------------------------------------------------------------

  function onHidden() {
    if (!version || status !== "running") { return; }
    queueCommit(false);
  }

  window.addEventListener("pagehide", function () {
    unloading = true;
    if (status === "running" && Object.keys(dirty).length) { queueCommit(false); }
    else { beaconAll(); }
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") {
      unloading = true;
      onHidden();
      beaconAll();
    } else {
      unloading = false;
    }
  });
  window.addEventListener("online", function () { backoff = 1000; pump(); });

  /* Let the SCO end (it usually calls Terminate when unloaded), wait for the queue to drain,
   * then go to ``href``. */
  function leaveTo(href) {
    leaving = true;
    frame.src = "about:blank";
    var waited = 0;
    (function check() {
      if ((!readQueue().length && !sending) || waited >= 3000) { navigateTo(href); return; }
      waited += 100;
      window.setTimeout(check, 100);
    }());
  }

  function navigationTarget(request) {
    var link = null;
    if (request === "continue") { link = document.getElementById("player-next"); }
    else if (request === "previous") { link = document.getElementById("player-previous"); }
    else if (/^\{target=([^{}]+)\}(choice|jump)$/.test(request || "")) {
      var target = /^\{target=([^{}]+)\}/.exec(request)[1];
      link = document.querySelector('.player-toc a[data-sco="' + CSS.escape(target) + '"]');
    } else if (request === "exit" || request === "exitAll" || request === "suspendAll") {
      return config.exitUrl;
    }
    return link ? link.href : null;
  }

  // ---- page navigation (every one the adapter triggers goes through navigateTo) -------------

  /* Move the page to ``href``, or, given ``form``, by submitting it with ``request``. Under the
   * content-origin bridge (content-bridge.js) the player page, on another origin, navigates
   * itself, and posts its own navigation form. */
  function navigateTo(href, form, request) {
    var bridge = window.LMSBridgeContentBridge;
    if (form && bridge) { bridge.submitNavigation(request); }
    else if (form) {
      var field = document.createElement("input");
      field.type = "hidden"; field.name = "request"; field.value = request;
      form.appendChild(field);
      form.submit();
    }
    else if (bridge) { bridge.navigate(href); }
    else { window.location.href = href; }
  }

  /* No SCO session is open in the browser: the server processes the request (the player's
   * navigation form, CSRF-protected), once every commit has been delivered. */
  function postNavigation(request) {
    var form = document.getElementById("player-nav");
    var waited = 0;
    (function check() {
      if ((readQueue().length || sending) && waited < 3000) {
        waited += 100;
        window.setTimeout(check, 100);
        return;
      }
      navigateTo(form.action, form, request);
    }());
  }

  // ---- sequencing (SCORM 2004) -------------------------------------------------------------

  /* Ask for ``request``: a running SCO is unloaded first, so that it terminates (its unload
   * handler calls Terminate) and the final commit carries the request; a SCO that does not
   * terminate within a second is terminated by the adapter. */
  function requestNavigation(request) {
    if (leaving) { return; }
    if (status !== "running") { leaving = true; postNavigation(request); return; }
    pendingNav = request;
    if (request === "suspendAll") { forcedExit = "suspend"; }
    say("Saving…");
    frame.src = "about:blank";
    window.setTimeout(function () { if (status === "running") { terminate(""); } }, 1000);
  }

  function showNavigation(navigation) {
    if (window.LMSBridgeContentBridge) { window.LMSBridgeContentBridge.showNavigation(navigation); }
    if (navigation.request_valid) { navValid = navigation.request_valid; }
    var controls = navigation.controls || {};
    Array.prototype.forEach.call(document.querySelectorAll("#player-nav button[data-request]"),
      function (button) {
        var state = controls[button.dataset.request];
        if (state) { button.disabled = state !== "enabled"; }
      });
    if (!navigation.choosable) { return; }
    Array.prototype.forEach.call(document.querySelectorAll(".player-toc a[data-request]"), function (link) {
      if (link.getAttribute("aria-current")) { return; }
      if (navigation.choosable.indexOf(link.dataset.sco) >= 0) {
        link.removeAttribute("aria-disabled");
        link.setAttribute("href", "?sco=" + encodeURIComponent(link.dataset.sco));
      } else {
        link.setAttribute("aria-disabled", "true");
        link.removeAttribute("href");
      }
    });
  }

  function onNavigation(navigation, finished) {
    if (leaving && !pendingNav) { return; }
    showNavigation(navigation);
    if (!finished) { return; }
    if (navigation.url) { leaving = true; navigateTo(navigation.url); return; }
    pendingNav = null;
    if (navigation.move && navigation.move.kind === "refused") {
      say("The module's sequencing does not allow that now.");
    } else {
      say("Choose what to do next: Continue, Previous or an entry of the contents.");
    }
  }

  function wireSequencing() {
    Array.prototype.forEach.call(document.querySelectorAll("#player-nav button[data-request], .player-toc a[data-request]"),
      function (control) {
        control.addEventListener("click", function (event) {
          event.preventDefault();
          if (control.disabled || control.getAttribute("aria-disabled") || control.getAttribute("aria-current")) { return; }
          requestNavigation(control.dataset.request);
        });
      });
    var exit = document.getElementById("player-exit");
    if (exit) {
      exit.addEventListener("click", function (event) { event.preventDefault(); leaveTo(config.exitUrl); });
    }
  }

  function wireControls() {
    if (config.sequencing) { wireSequencing(); return; }
    var links = document.querySelectorAll("#player-previous, #player-next, .player-toc a");
    Array.prototype.forEach.call(links, function (link) {
      link.addEventListener("click", function (event) { event.preventDefault(); leaveTo(link.href); });
    });
    document.getElementById("player-exit").addEventListener("click", function () { leaveTo(config.exitUrl); });
    document.getElementById("player-suspend").addEventListener("click", function () {
      forcedExit = "suspend";
      leaveTo(config.exitUrl);
    });
    terminatedListeners.push(function (navRequest) {
      var next = document.getElementById("player-next");
      var href = navigationTarget(navRequest) ||
        (config.autoContinue && !leaving && next ? next.href : null);
      if (href) { window.setTimeout(function () { leaveTo(href); }, 0); }
    });
  }

  function start() {
    return window.fetch(config.startUrl, {
      method: "POST", headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ token: config.token }), credentials: "same-origin"
    }).then(function (response) {
      return response.json().then(function (data) {
        if (!response.ok) { throw new Error((data.error && data.error.message) || "launch refused"); }
        return data;
      });
    });
  }

  function begin(data) {
    version = data.version;
    rules = data.rules;
    base = data.base;
    store = data.state;
    nextSeq = data.next_seq;
    sharedAccess = data.shared_data || [];
    if (data.navigation) { showNavigation(data.navigation); }
    Object.keys(base).concat(Object.keys(store)).forEach(noteKey);
    installApi();
    autoTimer = window.setInterval(function () {
      if (status === "running" && Object.keys(dirty).length) { queueCommit(false); }
    }, AUTOCOMMIT_MS);
    frame.src = config.contentUrl;
    say("Loading the lesson…");
  }

  wireControls();
  flushLeftovers().then(start).then(begin).catch(function (error) {
    say("This lesson cannot be started: " + error.message);
  });

  // For tests and diagnostics only: what is still waiting for the server.
  window.LMSBridgePlayer = {
    pendingCommits: function () { return readQueue().length; },
    flush: function () { queueCommit(false); }
  };
}());
