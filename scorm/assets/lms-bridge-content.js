/*
 * LMS Bridge content runtime, part 4: starting a page.
 *
 * Single-unit build (kind "module"): hands the page to lms-bridge-module.js. Per-lesson build:
 * a lesson resumes at the section the learner last read (cmi location), keeps that location up to
 * date while scrolling, and completes when the learner presses the button at the end of the
 * lesson (then asks the LMS to continue); the assessment keeps the answers in suspend_data and
 * reports interactions, score, completion and success on submit.
 * Needs lms-bridge-scorm.js, lms-bridge-assessment.js, lms-bridge-module.js and #lmsb-config.
 *
 * Written for LMS Bridge (Apache-2.0). Plain ES5 so that it runs in every browser an LMS supports.
 */
(function (global, document) {
  "use strict";

  var config = JSON.parse(document.getElementById("lmsb-config").textContent);
  var text = config.text;
  var session = global.LmsBridgeScorm.connect(config.scormVersion);
  var isReadOnly = session.isConnected && session.isReadOnly();
  var isDone = false;
  var format = global.LmsBridgeAssessment.format;

  function byId(id) { return document.getElementById(id); }

  function notify(message) {
    var notice = byId("lmsb-notice");
    notice.textContent = message;
    notice.hidden = false;
  }

  function reportProblems() {
    if (session.hasFailed) { notify(text.lms_error); }
  }

  /* Tell "no platform" apart from "the platform refused to start this part (error N)". */
  function reportConnection() {
    if (session.refusedWith !== null) {
      notify(format(text.lms_refused, { code: session.refusedWith }));
    } else if (!session.isConnected) {
      notify(text.no_lms);
    }
  }

  function leave() { session.finish(isDone); }

  /* ---- lesson (per-lesson build) --------------------------------------------------------------------------- */

  function currentSection() {
    var headings = document.querySelectorAll(".lmsb-lesson [id]");
    var found = "";
    for (var i = 0; i < headings.length; i += 1) {
      if (headings[i].getBoundingClientRect().top > 80) { break; }
      found = headings[i].id;
    }
    return found ? "#" + found : "";
  }

  function resumeLesson() {
    var location = session.location();
    var target = location.charAt(0) === "#" ? byId(location.slice(1)) : null;
    if (target) {
      target.scrollIntoView();
      notify(text.resumed);
    }
  }

  function startLesson() {
    var button = byId("lmsb-complete");
    var status = byId("lmsb-status");
    var pending = null;
    var recorded = session.status();
    isDone = recorded === "completed" || recorded === "passed";
    if (isDone) { status.textContent = text.completed; }
    resumeLesson();
    global.addEventListener("scroll", function () {
      if (pending !== null || isReadOnly) { return; }
      pending = global.setTimeout(function () { // at most one update a second
        pending = null;
        session.setLocation(currentSection());
      }, 1000);
    });
    button.addEventListener("click", function () {
      isDone = true;
      status.textContent = text.completed;
      if (!session.isConnected || isReadOnly) { return; }
      session.markFinished(null);
      session.setLocation("");
      reportProblems();
      // 1.2 has no navigation request, and a platform may not move on by itself (Moodle's
      // auto-continue is off by default): then the learner is told to use the platform's Next.
      if (!session.requestContinue()) { status.textContent = text.completed_use_next; }
      leave(); // ends the SCO so that the LMS can move on to the next one
    });
  }

  /* ---- assessment (per-lesson build) ------------------------------------------------------- */

  function loadState() {
    try {
      var state = JSON.parse(session.suspendData());
      if (state && state.v === 1 && state.a) { return state; }
    } catch (error) { /* nothing saved yet, or not ours */ }
    return { v: 1, a: {}, s: false };
  }

  function saveState(state) {
    if (!isReadOnly) { session.setSuspendData(JSON.stringify(state)); }
  }

  function startAssessment() {
    var state = loadState();
    var canRecord = session.isConnected && !isReadOnly;
    var restored = global.LmsBridgeAssessment.start({
      session: session, settings: config, text: text, canRecord: canRecord,
      saved: { answers: state.a, submitted: state.s },
      onChange: function (answers, questionId) {
        state.a = answers;
        saveState(state);
        if (questionId && !isReadOnly) { session.setLocation(questionId); }
      },
      onSubmit: function (outcome, answers) {
        state = { v: 1, a: answers, s: true };
        saveState(state);
        isDone = outcome.passed !== false; // a failed learner may come back and try again
        if (!canRecord) { return; }
        if (config.graded) { session.reportScore(outcome.percent); }
        session.markFinished(outcome.passed);
        session.commit();
        reportProblems();
      },
      onRetry: function () {
        isDone = false;
        state = { v: 1, a: {}, s: false };
        saveState(state);
      }
    });
    if (restored) {
      isDone = restored.passed !== false;
    } else if (session.isResuming() && session.suspendData()) {
      notify(text.resumed);
    }
  }

  /* Exposed for tests and for pages that want to inspect the runtime. */
  global.LmsBridgeContent = { config: config, session: session };

  /* ---- start ------------------------------------------------------------------------------- */

  reportConnection();
  if (config.kind === "module") {
    global.LmsBridgeModule.start(config, session, isReadOnly);
    return;
  }
  if (session.isConnected && !isReadOnly) { session.markStarted(); }
  global.addEventListener("pagehide", leave);
  global.addEventListener("beforeunload", leave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { session.commit(); }
  });
  if (config.kind === "assessment") { startAssessment(); } else { startLesson(); }
}(window, document));
