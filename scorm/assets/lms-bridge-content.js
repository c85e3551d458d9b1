/*
 * LMS Bridge content runtime, part 2: the lesson and assessment pages.
 *
 * Lesson: resumes at the section the learner last read (cmi location), keeps that location up to
 * date while scrolling, and completes when the learner presses the button at the end of the
 * lesson (then asks the LMS to continue). Assessment: keeps the answers in suspend_data, scores
 * them on submit, and reports interactions, score, completion and success.
 * Needs lms-bridge-scorm.js (window.LmsBridgeScorm) and the page's JSON #lmsb-config.
 *
 * Written for LMS Bridge (Apache-2.0). Plain ES5 so that it runs in every browser an LMS supports.
 */
(function (global, document) {
  "use strict";

  var LETTERS = "abcdefghijklmnopqrstuvwxyz";
  var INTERACTION_TYPES = {
    single_choice: "choice", multiple_choice: "choice", true_false: "true-false",
    numeric: "numeric", fill_in: "fill-in", matching: "matching"
  };
  var config = JSON.parse(document.getElementById("lmsb-config").textContent);
  var text = config.text;
  var session = global.LmsBridgeScorm.connect(config.scormVersion);
  var is12 = session.version === "1.2";
  var isReadOnly = session.isConnected && session.isReadOnly();
  var isDone = false;

  function byId(id) { return document.getElementById(id); }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return values.hasOwnProperty(name) ? String(values[name]) : match;
    });
  }

  function notify(message) {
    var notice = byId("lmsb-notice");
    notice.textContent = message;
    notice.hidden = false;
  }

  function reportProblems() {
    if (session.hasFailed) { notify(text.lms_error); }
  }

  function leave() { session.finish(isDone); }

  /* ---- lesson ------------------------------------------------------------------------------ */

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
      session.requestContinue();
      leave(); // ends the SCO so that the LMS can move on to the next one
    });
  }

  /* ---- assessment: reading and restoring answers -------------------------------------------- */

  function controlsOf(question) {
    return byId("lmsb-q-" + question.id).querySelectorAll("input, select");
  }

  function readAnswer(question) {
    var controls = controlsOf(question);
    var i;
    if (question.type === "multiple_choice") {
      var chosen = [];
      for (i = 0; i < controls.length; i += 1) {
        if (controls[i].checked) { chosen.push(controls[i].value); }
      }
      return chosen.length ? chosen : null;
    }
    if (question.type === "matching") {
      var pairs = {};
      for (i = 0; i < controls.length; i += 1) {
        if (!controls[i].value) { return null; }
        pairs[controls[i].getAttribute("data-source")] = controls[i].value;
      }
      return pairs;
    }
    if (question.type === "numeric" || question.type === "fill_in") {
      return controls[0].value.replace(/^\s+|\s+$/g, "") || null;
    }
    for (i = 0; i < controls.length; i += 1) {
      if (controls[i].checked) { return controls[i].value; }
    }
    return null;
  }

  function restoreAnswer(question, answer) {
    var controls = controlsOf(question);
    for (var i = 0; i < controls.length; i += 1) {
      var control = controls[i];
      if (question.type === "matching") {
        control.value = answer[control.getAttribute("data-source")] || "";
      } else if (control.type === "text") {
        control.value = answer;
      } else {
        control.checked = question.type === "multiple_choice" ?
          answer.indexOf(control.value) >= 0 : answer === control.value;
      }
    }
  }

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

  /* ---- assessment: scoring ----------------------------------------------------------------- */

  function numberOf(answer) {
    var cleaned = String(answer).replace(/\s/g, "").replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned) ? parseFloat(cleaned) : NaN;
  }

  function normalized(textValue, isCaseSensitive) {
    var value = String(textValue).replace(/\s+/g, " ").replace(/^ | $/g, "");
    return isCaseSensitive ? value : value.toLowerCase();
  }

  function isCorrect(question, answer) {
    switch (question.type) {
    case "single_choice":
      return answer === question.correct[0];
    case "multiple_choice":
      return answer.slice().sort().join(",") === question.correct.slice().sort().join(",");
    case "true_false":
      return (answer === "true") === question.answer;
    case "numeric":
      var value = numberOf(answer);
      return value >= parseFloat(question.min) && value <= parseFloat(question.max);
    case "fill_in":
      for (var i = 0; i < question.accepted.length; i += 1) {
        if (normalized(question.accepted[i], question.caseSensitive) ===
            normalized(answer, question.caseSensitive)) { return true; }
      }
      return false;
    default:
      for (var source in question.correct) {
        if (question.correct.hasOwnProperty(source) && answer[source] !== question.correct[source]) {
          return false;
        }
      }
      return true;
    }
  }

  /* ---- assessment: SCORM interaction formats ------------------------------------------------ */

  function choiceIds(question, ids) {
    if (!is12) { return ids.join("[,]"); }
    var letters = [];
    for (var i = 0; i < ids.length; i += 1) {
      letters.push(LETTERS.charAt(question.choices.indexOf(ids[i]))); // 1.2: single characters
    }
    return letters.join(",");
  }

  function matchingPairs(pairs) {
    var items = [];
    for (var source in pairs) {
      if (pairs.hasOwnProperty(source)) { items.push(source + (is12 ? "." : "[.]") + pairs[source]); }
    }
    return items.sort().join(is12 ? "," : "[,]");
  }

  function booleanText(value) { return is12 ? (value ? "t" : "f") : (value ? "true" : "false"); }

  function responseText(question, answer) {
    switch (question.type) {
    case "single_choice": return choiceIds(question, [answer]);
    case "multiple_choice": return choiceIds(question, answer);
    case "true_false": return booleanText(answer === "true");
    case "numeric": return String(numberOf(answer));
    case "fill_in": return answer.replace(/\[,\]/g, ",").slice(0, is12 ? 255 : 250);
    default: return matchingPairs(answer);
    }
  }

  function correctPatterns(question) {
    switch (question.type) {
    case "single_choice":
    case "multiple_choice": return [choiceIds(question, question.correct)];
    case "true_false": return [booleanText(question.answer)];
    case "numeric": return [is12 ? question.answer : question.min + "[:]" + question.max];
    case "fill_in":
      var patterns = [];
      for (var i = 0; i < question.accepted.length; i += 1) {
        patterns.push(is12 ? question.accepted[i].slice(0, 255) :
          "{case_matters=" + question.caseSensitive + "}" + question.accepted[i].slice(0, 250));
      }
      return patterns;
    default: return [matchingPairs(question.correct)];
    }
  }

  /* ---- assessment: the page ----------------------------------------------------------------- */

  function showVerdicts(results, isLocked) {
    for (var i = 0; i < config.questions.length; i += 1) {
      var question = config.questions[i];
      var base = "lmsb-q-" + question.id;
      var verdict = results ? (results[i] ? "correct" : "incorrect") : "";
      byId(base).className = "lmsb-question" + (verdict ? " lmsb-" + verdict : "");
      byId(base + "-verdict").textContent = verdict ? text[verdict] : "";
      var kinds = ["correct", "incorrect"];
      for (var k = 0; k < kinds.length; k += 1) {
        var feedback = byId(base + "-feedback-" + kinds[k]);
        if (feedback) { feedback.hidden = verdict !== kinds[k]; }
      }
      var controls = controlsOf(question);
      for (var c = 0; c < controls.length; c += 1) { controls[c].disabled = isLocked; }
    }
    byId("lmsb-submit").hidden = isLocked;
    byId("lmsb-retry").hidden = !isLocked;
  }

  function grade(answers) {
    var earned = 0;
    var total = 0;
    var results = [];
    for (var i = 0; i < config.questions.length; i += 1) {
      var question = config.questions[i];
      results.push(isCorrect(question, answers[question.id]));
      total += question.points;
      earned += results[i] ? question.points : 0;
    }
    var mastery = session.masteryScore();
    if (mastery === null) { mastery = config.masteryScore; }
    var percent = total ? earned * 100 / total : 0;
    var passed = config.graded && mastery !== null ? percent >= mastery : null;
    return { results: results, percent: percent, mastery: mastery, passed: passed };
  }

  function showResult(outcome) {
    var result = byId("lmsb-result");
    var lines = [];
    if (config.graded) {
      lines.push(format(text.score, { score: Math.round(outcome.percent * 10) / 10 }));
      if (outcome.passed !== null) {
        lines.push(format(outcome.passed ? text.passed : text.failed, { mastery: outcome.mastery }));
      }
    } else {
      lines.push(text.self_check_done);
    }
    result.textContent = lines.join(" ");
    showVerdicts(outcome.results, true);
    result.focus();
  }

  function reportOutcome(outcome, answers) {
    if (!session.isConnected || isReadOnly) { return; }
    for (var i = 0; i < config.questions.length; i += 1) {
      var question = config.questions[i];
      session.recordInteraction({
        id: question.id, type: INTERACTION_TYPES[question.type],
        description: question.description, weighting: question.points,
        response: responseText(question, answers[question.id]),
        correctPatterns: correctPatterns(question), isCorrect: outcome.results[i]
      });
    }
    if (config.graded) { session.reportScore(outcome.percent); }
    session.markFinished(outcome.passed);
    session.commit();
    reportProblems();
  }

  /* Answers of the whole form, or the first unanswered (or non-numeric) question's problem. */
  function collectAnswers() {
    var answers = {};
    var missing = [];
    var firstProblem = null;
    for (var i = 0; i < config.questions.length; i += 1) {
      var question = config.questions[i];
      var answer = readAnswer(question);
      if (answer === null) {
        missing.push(question);
      } else if (question.type === "numeric" && isNaN(numberOf(answer))) {
        firstProblem = firstProblem || { question: question, message: text.not_a_number };
      }
      answers[question.id] = answer;
    }
    if (missing.length) {
      firstProblem = { question: missing[0], message: format(text.unanswered, { n: missing.length }) };
    }
    return { answers: answers, problem: firstProblem };
  }

  function startAssessment() {
    var form = byId("lmsb-assessment");
    var error = byId("lmsb-form-error");
    var state = loadState();
    for (var i = 0; i < config.questions.length; i += 1) {
      var saved = state.a[config.questions[i].id];
      if (saved !== undefined && saved !== null) { restoreAnswer(config.questions[i], saved); }
    }
    if (state.s) {
      var outcome = grade(state.a);
      isDone = outcome.passed !== false;
      showResult(outcome);
    } else if (session.isResuming() && session.suspendData()) {
      notify(text.resumed);
    }
    form.addEventListener("change", function (event) {
      var fieldset = event.target.closest ? event.target.closest("fieldset") : null;
      state.a = collectAnswers().answers;
      saveState(state);
      if (fieldset && !isReadOnly) { session.setLocation(fieldset.getAttribute("data-question")); }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var collected = collectAnswers();
      error.hidden = !collected.problem;
      if (collected.problem) {
        error.textContent = collected.problem.message;
        controlsOf(collected.problem.question)[0].focus();
        return;
      }
      var outcome = grade(collected.answers);
      state = { v: 1, a: collected.answers, s: true };
      saveState(state);
      isDone = outcome.passed !== false; // a failed learner may come back and try again
      reportOutcome(outcome, collected.answers);
      showResult(outcome);
    });
    byId("lmsb-retry").addEventListener("click", function () {
      isDone = false;
      form.reset();
      state = { v: 1, a: {}, s: false };
      saveState(state);
      byId("lmsb-result").textContent = "";
      showVerdicts(null, false);
      controlsOf(config.questions[0])[0].focus();
    });
  }

  /* Exposed for tests and for pages that want to inspect the runtime. */
  global.LmsBridgeContent = {
    config: config, session: session, isCorrect: isCorrect, responseText: responseText,
    correctPatterns: correctPatterns
  };

  /* ---- start ------------------------------------------------------------------------------- */

  if (!session.isConnected) {
    notify(text.no_lms);
  } else if (!isReadOnly) {
    session.markStarted();
  }
  global.addEventListener("pagehide", leave);
  global.addEventListener("beforeunload", leave);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { session.commit(); }
  });
  if (config.kind === "assessment") { startAssessment(); } else { startLesson(); }
}(window, document));
