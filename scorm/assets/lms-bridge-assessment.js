/*
 * LMS Bridge content runtime, part 2: the assessment form, used by both kinds of build.
 *
 * Reads, restores and scores the answers, shows the verdicts and feedback, and records one SCORM
 * interaction per question on submit. Where the answers are kept and when the result is reported
 * is the caller's: the per-lesson assessment page reports at once, the single-unit module only
 * when every lesson is done too. Needs lms-bridge-scorm.js (a connected or unconnected session).
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

  function byId(id) { return document.getElementById(id); }

  function format(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, name) {
      return values.hasOwnProperty(name) ? String(values[name]) : match;
    });
  }

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

  function numberOf(answer) {
    var cleaned = String(answer).replace(/\s/g, "").replace(",", ".");
    return /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(cleaned) ? parseFloat(cleaned) : NaN;
  }

  function normalized(textValue, isCaseSensitive) {
    var value = String(textValue).replace(/\s+/g, " ").replace(/^ | $/g, "");
    return isCaseSensitive ? value : value.toLowerCase();
  }

  function isCorrect(question, answer) {
    if (answer === undefined || answer === null) { return false; }
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

  /* ---- SCORM interaction formats (1.2 single characters, 2004 identifiers) ------------------- */

  function Formats(is12) { this.is12 = is12; }

  Formats.prototype.choiceIds = function (question, ids) {
    if (!this.is12) { return ids.join("[,]"); }
    var letters = [];
    for (var i = 0; i < ids.length; i += 1) {
      letters.push(LETTERS.charAt(question.choices.indexOf(ids[i])));
    }
    return letters.join(",");
  };

  Formats.prototype.matchingPairs = function (pairs) {
    var items = [];
    for (var source in pairs) {
      if (pairs.hasOwnProperty(source)) { items.push(source + (this.is12 ? "." : "[.]") + pairs[source]); }
    }
    return items.sort().join(this.is12 ? "," : "[,]");
  };

  Formats.prototype.booleanText = function (value) {
    return this.is12 ? (value ? "t" : "f") : (value ? "true" : "false");
  };

  Formats.prototype.response = function (question, answer) {
    switch (question.type) {
    case "single_choice": return this.choiceIds(question, [answer]);
    case "multiple_choice": return this.choiceIds(question, answer);
    case "true_false": return this.booleanText(answer === "true");
    case "numeric": return String(numberOf(answer));
    case "fill_in": return answer.replace(/\[,\]/g, ",").slice(0, this.is12 ? 255 : 250);
    default: return this.matchingPairs(answer);
    }
  };

  Formats.prototype.correctPatterns = function (question) {
    switch (question.type) {
    case "single_choice":
    case "multiple_choice": return [this.choiceIds(question, question.correct)];
    case "true_false": return [this.booleanText(question.answer)];
    case "numeric": return [this.is12 ? question.answer : question.min + "[:]" + question.max];
    case "fill_in":
      var patterns = [];
      for (var i = 0; i < question.accepted.length; i += 1) {
        patterns.push(this.is12 ? question.accepted[i].slice(0, 255) :
          "{case_matters=" + question.caseSensitive + "}" + question.accepted[i].slice(0, 250));
      }
      return patterns;
    default: return [this.matchingPairs(question.correct)];
    }
  };

  /* ---- the form ------------------------------------------------------------------------------ */

  function showVerdicts(questions, text, results, isLocked) {
    for (var i = 0; i < questions.length; i += 1) {
      var base = "lmsb-q-" + questions[i].id;
      var verdict = results ? (results[i] ? "correct" : "incorrect") : "";
      byId(base).className = "lmsb-question" + (verdict ? " lmsb-" + verdict : "");
      byId(base + "-verdict").textContent = verdict ? text[verdict] : "";
      var kinds = ["correct", "incorrect"];
      for (var k = 0; k < kinds.length; k += 1) {
        var feedback = byId(base + "-feedback-" + kinds[k]);
        if (feedback) { feedback.hidden = verdict !== kinds[k]; }
      }
      var controls = controlsOf(questions[i]);
      for (var c = 0; c < controls.length; c += 1) { controls[c].disabled = isLocked; }
    }
    byId("lmsb-submit").hidden = isLocked;
    byId("lmsb-retry").hidden = !isLocked;
  }

  /*
   * Score ``answers``: per-question results, percent, the pass mark in use (the platform's, else
   * the package's) and passed (true / false, or null for an ungraded self-check).
   */
  function grade(settings, session, answers) {
    var earned = 0;
    var total = 0;
    var results = [];
    for (var i = 0; i < settings.questions.length; i += 1) {
      var question = settings.questions[i];
      results.push(isCorrect(question, answers[question.id]));
      total += question.points;
      earned += results[i] ? question.points : 0;
    }
    var mastery = session.masteryScore();
    if (mastery === null) { mastery = settings.masteryScore; }
    var percent = total ? earned * 100 / total : 0;
    var passed = settings.graded && mastery !== null ? percent >= mastery : null;
    return { results: results, percent: percent, mastery: mastery, passed: passed };
  }

  function resultText(settings, text, outcome) {
    if (!settings.graded) { return text.self_check_done; }
    var line = format(text.score, { score: Math.round(outcome.percent * 10) / 10 });
    if (outcome.passed === null) { return line; }
    return line + " " + format(outcome.passed ? text.passed : text.failed, { mastery: outcome.mastery });
  }

  /* Answers of the whole form, or the first unanswered (or non-numeric) question's problem. */
  function collectAnswers(questions, text) {
    var answers = {};
    var missing = [];
    var problem = null;
    for (var i = 0; i < questions.length; i += 1) {
      var answer = readAnswer(questions[i]);
      if (answer === null) {
        missing.push(questions[i]);
      } else if (questions[i].type === "numeric" && isNaN(numberOf(answer))) {
        problem = problem || { question: questions[i], message: text.not_a_number };
      }
      answers[questions[i].id] = answer;
    }
    if (missing.length) {
      problem = { question: missing[0], message: format(text.unanswered, { n: missing.length }) };
    }
    return { answers: answers, problem: problem };
  }

  /* One interaction per question (optional data: a 1.2 platform may keep none). */
  function recordInteractions(session, settings, answers, outcome) {
    var formats = new Formats(session.version === "1.2");
    for (var i = 0; i < settings.questions.length; i += 1) {
      var question = settings.questions[i];
      session.recordInteraction({
        id: question.id, type: INTERACTION_TYPES[question.type],
        description: question.description, weighting: question.points,
        response: formats.response(question, answers[question.id]),
        correctPatterns: formats.correctPatterns(question), isCorrect: outcome.results[i]
      });
    }
  }

  /*
   * Run the form. ``options``: session, settings (graded, masteryScore, questions), text,
   * canRecord, saved ({answers, submitted}), and the callbacks onChange(answers, questionId),
   * onSubmit(outcome, answers) (interactions already recorded) and onRetry().
   * Returns the outcome of a submission restored from ``saved``, else null.
   */
  function start(options) {
    var settings = options.settings;
    var questions = settings.questions;
    var text = options.text;
    var form = byId("lmsb-assessment");
    var error = byId("lmsb-form-error");
    var saved = options.saved || { answers: {}, submitted: false };
    var restored = null;

    function show(outcome) {
      var result = byId("lmsb-result");
      result.textContent = resultText(settings, text, outcome);
      showVerdicts(questions, text, outcome.results, true);
      return result;
    }

    for (var i = 0; i < questions.length; i += 1) {
      var answer = saved.answers[questions[i].id];
      if (answer !== undefined && answer !== null) { restoreAnswer(questions[i], answer); }
    }
    if (saved.submitted) {
      restored = grade(settings, options.session, saved.answers);
      show(restored);
    }
    function changed(event) {
      var fieldset = event.target.closest ? event.target.closest("fieldset") : null;
      options.onChange(collectAnswers(questions, text).answers,
        fieldset ? fieldset.getAttribute("data-question") : "");
    }
    form.addEventListener("change", changed);
    // A typed answer changes only when its field loses focus: a learner who types and then
    // leaves must find it again, so typing is kept as it happens.
    form.addEventListener("input", changed);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var collected = collectAnswers(questions, text);
      error.hidden = !collected.problem;
      if (collected.problem) {
        error.textContent = collected.problem.message;
        controlsOf(collected.problem.question)[0].focus();
        return;
      }
      var outcome = grade(settings, options.session, collected.answers);
      if (options.canRecord) { recordInteractions(options.session, settings, collected.answers, outcome); }
      options.onSubmit(outcome, collected.answers);
      show(outcome).focus();
    });
    byId("lmsb-retry").addEventListener("click", function () {
      form.reset();
      byId("lmsb-result").textContent = "";
      showVerdicts(questions, text, null, false);
      options.onRetry();
      controlsOf(questions[0])[0].focus();
    });
    return restored;
  }

  global.LmsBridgeAssessment = {
    start: start, isCorrect: isCorrect, Formats: Formats, numberOf: numberOf, format: format
  };
}(window, document));
