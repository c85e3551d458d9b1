/*
 * LMS Bridge content runtime, part 1: talking to the LMS.
 *
 * Finds the SCORM API the standard way (this window, then its parents up to a limit, then the
 * opener and its parents), and wraps SCORM 1.2 (window.API) and SCORM 2004 (window.API_1484_11)
 * behind one small session object, so that the page code never names a version-specific element.
 * When no API is found the session still works, recording nothing: the page stays usable.
 *
 * Written for LMS Bridge (Apache-2.0). Plain ES5 so that it runs in every browser an LMS supports.
 */
(function (global) {
  "use strict";

  var MAX_PARENTS = 500; // the customary bound of the API discovery walk

  var VERSIONS = {
    "1.2": {
      apiName: "API",
      initialize: "LMSInitialize", terminate: "LMSFinish", getValue: "LMSGetValue",
      setValue: "LMSSetValue", commit: "LMSCommit", getLastError: "LMSGetLastError",
      location: "cmi.core.lesson_location", suspendData: "cmi.suspend_data",
      entry: "cmi.core.entry", exit: "cmi.core.exit", sessionTime: "cmi.core.session_time",
      mode: "cmi.core.lesson_mode", scoreRaw: "cmi.core.score.raw",
      scoreMin: "cmi.core.score.min", scoreMax: "cmi.core.score.max",
      masteryScore: "cmi.student_data.mastery_score",
      locationLimit: 255, suspendDataLimit: 4096
    },
    "2004": {
      apiName: "API_1484_11",
      initialize: "Initialize", terminate: "Terminate", getValue: "GetValue",
      setValue: "SetValue", commit: "Commit", getLastError: "GetLastError",
      location: "cmi.location", suspendData: "cmi.suspend_data", entry: "cmi.entry",
      exit: "cmi.exit", sessionTime: "cmi.session_time", mode: "cmi.mode",
      scoreRaw: "cmi.score.raw", scoreMin: "cmi.score.min", scoreMax: "cmi.score.max",
      scoreScaled: "cmi.score.scaled", masteryScore: "cmi.scaled_passing_score",
      locationLimit: 1000, suspendDataLimit: 64000
    }
  };

  function apiOf(win, name) {
    try {
      return win[name] || null;
    } catch (error) { // a cross-origin window refuses to be read
      return null;
    }
  }

  function searchUpwards(win, name) {
    for (var hops = 0; win && hops <= MAX_PARENTS; hops += 1) {
      var api = apiOf(win, name);
      if (api) { return api; }
      var parent = null;
      try { parent = win.parent; } catch (error) { return null; }
      if (!parent || parent === win) { return null; }
      win = parent;
    }
    return null;
  }

  function findApi(name) {
    var api = searchUpwards(global, name);
    var openers = [];
    try { openers.push(global.opener); } catch (error) { /* unreadable */ }
    try { openers.push(global.top && global.top.opener); } catch (error) { /* unreadable */ }
    for (var i = 0; !api && i < openers.length; i += 1) {
      if (openers[i]) { api = searchUpwards(openers[i], name); }
    }
    return api;
  }

  function pad(number, width) {
    var text = String(number);
    while (text.length < width) { text = "0" + text; }
    return text;
  }

  /* Elapsed milliseconds as 1.2 CMITimespan (HHHH:MM:SS.SS) or 2004 ISO 8601 (PT#H#M#S). */
  function formatDuration(version, milliseconds) {
    var centiseconds = Math.max(0, Math.round(milliseconds / 10));
    var hours = Math.floor(centiseconds / 360000);
    var minutes = Math.floor(centiseconds / 6000) % 60;
    var seconds = (centiseconds % 6000) / 100;
    if (version === "1.2") {
      var whole = Math.floor(seconds);
      return pad(Math.min(hours, 9999), 4) + ":" + pad(minutes, 2) + ":" + pad(whole, 2) + "." +
        pad(Math.round((seconds - whole) * 100), 2);
    }
    return "PT" + hours + "H" + minutes + "M" + seconds.toFixed(2).replace(/\.?0+$/, "") + "S";
  }

  /* The local time as 1.2 CMITime (HH:MM:SS) or 2004 time(second,10,0) (YYYY-MM-DDThh:mm:ss). */
  function formatTimestamp(version, date) {
    var time = pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" +
      pad(date.getSeconds(), 2);
    if (version === "1.2") { return time; }
    return date.getFullYear() + "-" + pad(date.getMonth() + 1, 2) + "-" +
      pad(date.getDate(), 2) + "T" + time;
  }

  function Session(version, api) {
    this.version = version;
    this.elements = VERSIONS[version];
    this.api = api;
    this.isConnected = false;
    this.isFinished = false;
    this.hasFailed = false;
    this.refusedWith = null;
    this.startedAt = new Date().getTime();
  }

  Session.prototype.call = function (method, args) {
    if (!this.isConnected) { return ""; }
    var result;
    try {
      result = this.api[this.elements[method]].apply(this.api, args);
    } catch (error) {
      this.hasFailed = true;
      return "";
    }
    return result === undefined || result === null ? "" : String(result);
  };

  Session.prototype.get = function (element) {
    return this.call("getValue", [element]);
  };

  /*
   * Sets a value. A refused value marks the session as failing (the page tells the learner),
   * except for optional data such as interactions, which a conformant 1.2 LMS may not keep.
   */
  Session.prototype.set = function (element, value, isOptional) {
    if (!this.isConnected || this.isFinished) { return false; }
    var ok = this.call("setValue", [element, String(value)]) === "true";
    if (!ok && !isOptional && this.call("getLastError", []) !== "0") { this.hasFailed = true; }
    return ok;
  };

  Session.prototype.commit = function () {
    return this.isConnected && !this.isFinished && this.call("commit", [""]) === "true";
  };

  /*
   * Initialize once. A platform that answers "false" was found but refused (Moodle's 2004 player
   * does so, error 104, when a second SCO starts on the same page): ``refusedWith`` keeps its
   * error code so that the page can tell that apart from "no platform at all".
   */
  Session.prototype.start = function () {
    if (!this.api) { return false; }
    this.isConnected = true;
    if (this.call("initialize", [""]) !== "true") {
      this.refusedWith = this.call("getLastError", []) || "?";
      this.isConnected = false;
    }
    return this.isConnected;
  };

  /* Whether the LMS opened the SCO for review or browsing, where nothing may be recorded. */
  Session.prototype.isReadOnly = function () {
    var mode = this.get(this.elements.mode);
    return mode === "review" || mode === "browse";
  };

  Session.prototype.isResuming = function () {
    return this.get(this.elements.entry) === "resume";
  };

  Session.prototype.location = function () { return this.get(this.elements.location); };

  Session.prototype.setLocation = function (value) {
    return this.set(this.elements.location, String(value).slice(0, this.elements.locationLimit));
  };

  Session.prototype.suspendData = function () { return this.get(this.elements.suspendData); };

  Session.prototype.setSuspendData = function (text) {
    if (text.length > this.elements.suspendDataLimit) { return false; }
    return this.set(this.elements.suspendData, text);
  };

  /* The LMS's pass mark as a percentage, or null when it gives none. */
  Session.prototype.masteryScore = function () {
    var value = this.get(this.elements.masteryScore);
    if (value === "" || isNaN(parseFloat(value))) { return null; }
    return this.version === "1.2" ? parseFloat(value) : parseFloat(value) * 100;
  };

  /* Progress as the LMS last recorded it: "completed", "passed", "failed", "incomplete" or "". */
  Session.prototype.status = function () {
    if (this.version === "1.2") {
      var status = this.get("cmi.core.lesson_status");
      return status === "not attempted" || status === "browsed" ? "" : status;
    }
    var success = this.get("cmi.success_status");
    if (success === "passed" || success === "failed") { return success; }
    var completion = this.get("cmi.completion_status");
    return completion === "completed" || completion === "incomplete" ? completion : "";
  };

  /* Mark the attempt as begun, unless the LMS already holds a result for it. */
  Session.prototype.markStarted = function () {
    if (this.status() !== "") { return; }
    if (this.version === "1.2") {
      this.set("cmi.core.lesson_status", "incomplete");
    } else {
      this.set("cmi.completion_status", "incomplete");
    }
  };

  /* Record the end state: completed, and passed/failed when ``passed`` is a boolean. */
  Session.prototype.markFinished = function (passed) {
    var isGraded = passed === true || passed === false;
    if (this.version === "1.2") {
      this.set("cmi.core.lesson_status", isGraded ? (passed ? "passed" : "failed") : "completed");
    } else {
      this.set("cmi.completion_status", "completed");
      if (isGraded) { this.set("cmi.success_status", passed ? "passed" : "failed"); }
    }
  };

  /* Report a score out of 100 (raw 0-100 so that an LMS comparing raw with its pass mark agrees). */
  Session.prototype.reportScore = function (percent) {
    var raw = Math.round(percent * 100) / 100;
    this.set(this.elements.scoreMin, "0");
    this.set(this.elements.scoreMax, "100");
    this.set(this.elements.scoreRaw, String(raw));
    if (this.version === "2004") {
      this.set(this.elements.scoreScaled, String(Math.round(raw * 100) / 10000));
    }
  };

  /* Append one interaction record (identifiers and responses already in this version's format). */
  Session.prototype.recordInteraction = function (record) {
    var count = parseInt(this.get("cmi.interactions._count"), 10);
    var prefix = "cmi.interactions." + (isNaN(count) ? 0 : count) + ".";
    var is12 = this.version === "1.2";
    var self = this;
    function put(name, value) { self.set(prefix + name, value, true); }
    put("id", record.id); // 2004 requires the id first
    put("type", record.type);
    if (!is12 && record.description) { put("description", record.description); }
    put(is12 ? "time" : "timestamp", formatTimestamp(this.version, new Date()));
    put("weighting", String(record.weighting));
    for (var i = 0; i < record.correctPatterns.length; i += 1) {
      put("correct_responses." + i + ".pattern", record.correctPatterns[i]);
    }
    put(is12 ? "student_response" : "learner_response", record.response);
    put("result", record.isCorrect ? "correct" : (is12 ? "wrong" : "incorrect"));
  };

  /*
   * Record objective ``index`` (one per lesson) as completed or not. Optional data: a platform
   * may keep fewer objectives than the package has lessons.
   */
  Session.prototype.setObjective = function (index, id, isCompleted) {
    var prefix = "cmi.objectives." + index + ".";
    this.set(prefix + "id", id, true);
    if (this.version === "1.2") {
      this.set(prefix + "status", isCompleted ? "completed" : "incomplete", true);
    } else {
      this.set(prefix + "completion_status", isCompleted ? "completed" : "incomplete", true);
    }
  };

  /* How far through the module the learner is, 0 to 1 (2004 only; 1.2 has no such element). */
  Session.prototype.setProgress = function (fraction) {
    if (this.version === "2004") {
      this.set("cmi.progress_measure", String(Math.round(fraction * 10000) / 10000), true);
    }
  };

  /* Ask the LMS to go on to the next SCO once this one terminates (2004 only). */
  Session.prototype.requestContinue = function () {
    if (this.version !== "2004" || !this.isConnected) { return false; }
    if (this.get("adl.nav.request_valid.continue") === "false") { return false; }
    return this.set("adl.nav.request", "continue", true);
  };

  /* Close the session once: exit=suspend while unfinished, session time, commit, terminate. */
  Session.prototype.finish = function (isDone) {
    if (!this.isConnected || this.isFinished) { return; }
    var exit = isDone ? (this.version === "1.2" ? "" : "normal") : "suspend";
    this.set(this.elements.exit, exit);
    this.set(this.elements.sessionTime,
      formatDuration(this.version, new Date().getTime() - this.startedAt));
    this.call("commit", [""]);
    this.call("terminate", [""]);
    this.isFinished = true;
  };

  function connect(version) {
    var elements = VERSIONS[version] ? version : "2004";
    var session = new Session(elements, findApi(VERSIONS[elements].apiName));
    session.start();
    return session;
  }

  global.LmsBridgeScorm = {
    connect: connect,
    findApi: findApi,
    formatDuration: formatDuration,
    formatTimestamp: formatTimestamp
  };
}(window));
