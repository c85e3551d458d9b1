/*
 * LMS Bridge content runtime, part 3: the single-unit build, the whole module as one SCO.
 *
 * One page holds every lesson and the assessment and shows one part at a time, with its own
 * table of contents and previous / next buttons, so that the SCO initializes once per visit and
 * terminates once (when the page goes away, after a commit) in any player. It keeps:
 *   - the place in the location element: "<part>" or "<part>#<section id>";
 *   - the lessons done, the answers and the last result in suspend data, within the version's
 *     limit (1.2: 4096 characters; the answers are dropped before the progress is);
 *   - one objective per lesson, and the progress measure (2004);
 * and reports completion (and success and score, when the assessment is graded) only when the
 * module is finished by its rule: every lesson done and the assessment submitted, by default.
 *
 * Written for LMS Bridge (Apache-2.0). Plain ES5 so that it runs in every browser an LMS supports.
 */
(function (global, document) {
  "use strict";

  var STATE_VERSION = 2;

  function byId(id) { return document.getElementById(id); }

  function each(nodes, callback) {
    for (var i = 0; i < nodes.length; i += 1) { callback(nodes[i], i); }
  }

  /* The saved progress, or a fresh one when there is none (or it is not this module's). */
  function loadState(session, lessonCount) {
    try {
      var state = JSON.parse(session.suspendData());
      if (state && state.v === STATE_VERSION && typeof state.d === "string" &&
          state.d.length === lessonCount) {
        state.a = state.a || {};
        state.o = state.o || null;
        return state;
      }
    } catch (error) { /* nothing saved yet */ }
    return { v: STATE_VERSION, d: new Array(lessonCount + 1).join("0"), a: {}, o: null };
  }

  /* Save within the limit: without the answers when they do not fit, the progress always. */
  function saveState(session, state) {
    var data = JSON.stringify(state);
    if (data.length > session.elements.suspendDataLimit) {
      data = JSON.stringify({ v: state.v, d: state.d, a: {}, o: state.o });
    }
    return session.setSuspendData(data);
  }

  function Module(config, session, isReadOnly) {
    this.config = config;
    this.text = config.text;
    this.session = session;
    this.canRecord = session.isConnected && !isReadOnly;
    this.parts = document.querySelectorAll(".lmsb-part");
    this.state = loadState(session, config.lessons.length);
    this.current = 0;
    this.isDone = false;
    this.moduleTitle = document.querySelector(".lmsb-module").textContent;
  }

  Module.prototype.lessonsLeft = function () {
    var left = [];
    for (var i = 0; i < this.config.lessons.length; i += 1) {
      if (this.state.d.charAt(i) !== "1") { left.push(this.config.lessons[i].title); }
    }
    return left;
  };

  /* Whether the module is finished by its completion rule (cmi5 vocabulary). */
  Module.prototype.isFinished = function () {
    var submitted = this.state.o !== null;
    var passed = submitted && this.state.o.r === 1;
    var completed = this.lessonsLeft().length === 0 && (!this.config.assessment || submitted);
    if (this.config.rule === "Passed") { return submitted; }
    if (this.config.rule === "CompletedOrPassed") { return completed || passed; }
    return completed;
  };

  Module.prototype.progress = function () {
    var total = this.config.lessons.length + (this.config.assessment ? 1 : 0);
    var done = this.config.lessons.length - this.lessonsLeft().length +
      (this.config.assessment && this.state.o !== null ? 1 : 0);
    return done / total;
  };

  /* The assessment's verdict: true / false, or null when not submitted or ungraded. */
  Module.prototype.passed = function () {
    var outcome = this.state.o;
    return outcome === null || outcome.r === null ? null : outcome.r === 1;
  };

  /* Whether leaving ends the attempt (exit normal) rather than suspends it: a learner who failed
     may come back and try again. */
  Module.prototype.updateDone = function () {
    this.isDone = this.isFinished() && this.passed() !== false;
  };

  /* Save, then report what is due: the progress always; the result once the module is finished. */
  Module.prototype.record = function () {
    var finished = this.isFinished();
    var outcome = this.state.o;
    var passed = this.passed();
    this.updateDone();
    if (!this.canRecord) { return; }
    saveState(this.session, this.state);
    this.session.setProgress(finished ? 1 : this.progress());
    if (finished) {
      if (this.config.assessment && this.config.assessment.graded) {
        this.session.reportScore(outcome.p);
      }
      this.session.markFinished(passed);
    }
    this.session.commit();
    if (this.session.hasFailed) { this.notify(this.text.lms_error); }
  };

  Module.prototype.notify = function (message) {
    var notice = byId("lmsb-notice");
    notice.textContent = message;
    notice.hidden = false;
  };

  Module.prototype.showProgress = function () {
    var state = this.state;
    var lessons = this.config.lessons.length;
    each(document.querySelectorAll(".lmsb-toc-link"), function (link, index) {
      var done = index < lessons ? state.d.charAt(index) === "1" : state.o !== null;
      link.querySelector(".lmsb-done-mark").hidden = !done;
    });
    var left = this.lessonsLeft();
    var status = "";
    if (this.isFinished()) {
      status = this.text.module_done;
    } else if (state.o !== null && left.length) {
      status = global.LmsBridgeAssessment.format(this.text.finish_lessons, { lessons: left.join(this.text.list_separator) });
    }
    byId("lmsb-status").textContent = status;
  };

  /* Show part ``index`` (and keep it as the place); ``moveFocus`` when the learner asked for it. */
  Module.prototype.show = function (index, moveFocus) {
    var total = this.parts.length;
    this.current = Math.max(0, Math.min(index, total - 1));
    var current = this.current;
    each(this.parts, function (part, i) { part.hidden = i !== current; });
    each(document.querySelectorAll(".lmsb-toc-link"), function (link, i) {
      if (i === current) { link.setAttribute("aria-current", "step"); } else { link.removeAttribute("aria-current"); }
    });
    var heading = this.parts[current].querySelector("h1");
    document.title = heading.textContent + " – " + this.moduleTitle;
    document.querySelector(".lmsb-position").textContent =
      global.LmsBridgeAssessment.format(this.text.part_position, { n: current + 1, total: total });
    byId("lmsb-previous").disabled = current === 0;
    byId("lmsb-next").disabled = current === total - 1;
    if (this.canRecord) { this.session.setLocation(String(current)); }
    global.scrollTo(0, 0);
    if (moveFocus) {
      heading.setAttribute("tabindex", "-1");
      heading.focus();
    }
  };

  /* The last heading (or other anchor) of the shown part scrolled past the top, as "#id". */
  Module.prototype.currentSection = function () {
    var found = "";
    each(this.parts[this.current].querySelectorAll(".lmsb-lesson [id]"), function (element) {
      if (element.getBoundingClientRect().top <= 80) { found = element.id; }
    });
    return found ? "#" + found : "";
  };

  /* Back to the saved place; anything unreadable (or out of range) starts at the first part. */
  Module.prototype.resume = function () {
    var location = this.session.location();
    var match = /^(\d+)(#(.+))?$/.exec(location);
    var part = match ? parseInt(match[1], 10) : 0;
    this.show(part < this.parts.length ? part : 0, false);
    var target = match && match[3] ? byId(match[3]) : null;
    if (target) { target.scrollIntoView(); }
    if (location || this.state.d.indexOf("1") >= 0) { this.notify(this.text.resumed); }
  };

  Module.prototype.completeLesson = function (index) {
    this.state.d = this.state.d.slice(0, index) + "1" + this.state.d.slice(index + 1);
    if (this.canRecord) { this.session.setObjective(index, this.config.lessons[index].id, true); }
    this.record();
    this.showProgress();
    if (!this.isFinished()) { byId("lmsb-status").textContent = this.text.lesson_done; }
    this.show(index + 1, true);
  };

  Module.prototype.startAssessment = function () {
    var self = this;
    var assessment = this.config.assessment;
    var hasAnswers = this.state.o !== null && this.state.a.hasOwnProperty(assessment.questions[0].id);
    global.LmsBridgeAssessment.start({
      session: this.session, settings: assessment, text: this.text, canRecord: this.canRecord,
      saved: { answers: this.state.a, submitted: hasAnswers },
      onChange: function (answers) {
        self.state.a = answers;
        if (self.canRecord) { saveState(self.session, self.state); }
      },
      onSubmit: function (outcome, answers) {
        self.state.a = answers;
        self.state.o = { p: Math.round(outcome.percent * 100) / 100,
          r: outcome.passed === null ? null : (outcome.passed ? 1 : 0) };
        self.record();
        self.showProgress();
      },
      onRetry: function () {
        self.state.a = {};
        self.state.o = null;
        self.record();
        self.showProgress();
      }
    });
  };

  Module.prototype.listen = function () {
    var self = this;
    var pending = null;
    each(document.querySelectorAll(".lmsb-toc-link"), function (link) {
      link.addEventListener("click", function () { self.show(parseInt(link.getAttribute("data-part"), 10), true); });
    });
    each(document.querySelectorAll(".lmsb-complete"), function (button) {
      button.addEventListener("click", function () { self.completeLesson(parseInt(button.getAttribute("data-part"), 10)); });
    });
    byId("lmsb-previous").addEventListener("click", function () { self.show(self.current - 1, true); });
    byId("lmsb-next").addEventListener("click", function () { self.show(self.current + 1, true); });
    global.addEventListener("scroll", function () {
      if (pending !== null || !self.canRecord) { return; }
      pending = global.setTimeout(function () { // at most one update a second
        pending = null;
        self.session.setLocation(self.current + self.currentSection());
      }, 1000);
    });
    function leave() { self.session.finish(self.isDone); } // commits, then terminates, once
    global.addEventListener("pagehide", leave);
    global.addEventListener("beforeunload", leave);
    document.addEventListener("visibilitychange", function () {
      if (document.visibilityState === "hidden") { self.session.commit(); }
    });
  };

  function start(config, session, isReadOnly) {
    var module = new Module(config, session, isReadOnly);
    if (module.canRecord) {
      session.markStarted();
      for (var i = 0; i < config.lessons.length; i += 1) {
        session.setObjective(i, config.lessons[i].id, module.state.d.charAt(i) === "1");
      }
    }
    if (config.assessment) { module.startAssessment(); }
    module.updateDone();
    module.listen();
    module.showProgress();
    module.resume();
    return module;
  }

  global.LmsBridgeModule = { start: start };
}(window, document));
