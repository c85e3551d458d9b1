/*
 * The SCORM API adapter of one player page: window.API (SCORM 1.2) or window.API_1484_11
 * (SCORM 2004) for the SCO framed in #player-content.
 *
 * - The page (#player) carries the launch token and the runtime URLs. The adapter first
 *   delivers commits a previous page left behind (commits.js), then asks the server to start a
 *   session: it receives the stored state, the launch values, the next sequence number and the
 *   rules exported by scorm.runtime, patterns included (the ones the server re-checks every
 *   commit with). Only then does it install the API and frame the SCO, so that a SCO looking
 *   for the API as soon as it loads finds it.
 * - Every API call answers synchronously from the local copy (datamodel.js, datatypes.js).
 * - Commit happens on Commit/LMSCommit, every AUTOCOMMIT_MS when something changed, on
 *   Terminate/LMSFinish (the final commit) and when the page is hidden or left.
 * - SCORM 2004 attempts sequenced on the server (data-sequencing="1"): the final commit carries
 *   adl.nav.request and its reply says where to go; a player button first unloads the SCO so
 *   that it terminates with the learner's request (sequencing.js shows what is allowed now).
 * - Every page navigation goes through ``page``, the page the adapter runs in:
 *   page.navigate(href), page.submitNavigation(request) (post the player's navigation form) and,
 *   optionally, page.showNavigation(navigation). scorm-api.js gives the player page itself;
 *   content-bridge.js gives the bridge page, which relays to the player page on the LMS origin.
 */
import { installApi12 } from "./api-12.js";
import { installApi2004 } from "./api-2004.js";
import { CommitQueue } from "./commits.js";
import { DataModel } from "./datamodel.js";
import { showNavigation, wireSequencing } from "./sequencing.js";
import { Session } from "./session.js";
import { word } from "./words.js";

const AUTOCOMMIT_MS = 30000;
const LEAVE_WAIT_MS = 3000;          // how long leaving waits for the queue to drain

export function startAdapter(root, page) {
  const adapter = new Adapter(root, page);
  adapter.start();
  return adapter;
}

class Adapter {
  constructor(root, page) {
    this.page = page;
    this.config = {
      token: root.dataset.token,
      startUrl: root.dataset.startUrl,
      commitUrl: root.dataset.commitUrl,
      contentUrl: root.dataset.contentUrl,
      exitUrl: root.dataset.exitUrl,
      sequencing: root.dataset.sequencing === "1",
      autoContinue: root.dataset.autoContinue === "1"   // 1.2: a finished SCO opens the next
    };
    this.statusNode = document.getElementById("player-status");
    this.frame = document.getElementById("player-content");
    this.queue = new CommitQueue(this.config.token, this.config.commitUrl, {
      say: (text) => this.say(text),
      forget: (element) => { if (this.model) { this.model.forget(element); } },
      navigation: (navigation, finished) => this.onNavigation(navigation, finished)
    });
    this.model = null;         // DataModel, once the server started the session
    this.session = null;       // Session (the API calls)
    this.forcedExit = null;    // "suspend" when the learner chose Suspend and leave
    this.pendingNav = null;    // the learner's navigation request, sent with the final commit
    this.leaving = false;      // leaving the player: navigation replies are ignored
  }

  say(text) { if (this.statusNode) { this.statusNode.textContent = text; } }

  isRunning() { return this.session !== null && this.session.isRunning; }

  start() {
    this.wireControls();
    this.watchPageLife();
    this.queue.flushLeftovers().then(() => this.requestSession()).then((data) => this.begin(data))
      .catch((error) => this.say(word("cannotStart", { reason: error.message })));
    // For tests and diagnostics only: what is still waiting for the server.
    window.LMSBridgePlayer = {
      pendingCommits: () => this.queue.read().length,
      flush: () => this.commit(false)
    };
  }

  requestSession() {
    return window.fetch(this.config.startUrl, {
      method: "POST", headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ token: this.config.token }), credentials: "same-origin"
    }).then((response) => response.json().then((data) => {
      if (!response.ok) { throw new Error((data.error && data.error.message) || word("launchRefused")); }
      return data;
    }));
  }

  begin(data) {
    this.model = new DataModel(data);
    this.queue.nextSeq = data.next_seq;
    this.session = new Session(this.model, this);
    if (data.navigation) { this.showNavigation(data.navigation); }
    if (this.model.version === "1.2") { installApi12(this.session); } else { installApi2004(this.session); }
    window.setInterval(() => { if (this.isRunning()) { this.commit(false); } }, AUTOCOMMIT_MS);
    this.frame.src = this.config.contentUrl;   // the API exists before the SCO starts loading
    this.say(word("loading"));
  }

  // ---- what the session asks for (session.js) ---------------------------------------------

  /* Queue what changed since the last commit (finish: the final commit of the session). */
  commit(finish) {
    if (!this.model) { return; }
    if (finish && this.forcedExit) {
      this.model.set(this.model.version === "1.2" ? "cmi.core.exit" : "cmi.exit", this.forcedExit);
    }
    if (!this.model.hasChanges() && !finish) { return; }
    this.queue.push(this.model.takeChanges(), finish);
  }

  /* The learner's button wins over what the content asked for. */
  finishing() {
    if (this.pendingNav) { this.model.set("adl.nav.request", this.pendingNav); }
  }

  terminated(navRequest) {
    if (this.config.sequencing) { return; }   // the final commit's reply says where to go
    const next = document.getElementById("player-next");
    const href = this.navigationTarget(navRequest) ||
      (this.config.autoContinue && !this.leaving && next ? next.href : null);
    if (href) { window.setTimeout(() => this.leaveTo(href), 0); }
  }

  // ---- page life cycle ----------------------------------------------------------------------

  watchPageLife() {
    window.addEventListener("pagehide", () => {
      this.queue.unloading = true;
      if (this.isRunning() && this.model.hasChanges()) { this.commit(false); } else { this.queue.beaconAll(); }
    });
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") {
        this.queue.unloading = true;
        if (this.isRunning()) { this.commit(false); }
        this.queue.beaconAll();
      } else {
        this.queue.unloading = false;
      }
    });
    window.addEventListener("online", () => this.queue.retryNow());
  }

  /* Call ``then`` once every commit is delivered, or after LEAVE_WAIT_MS. */
  whenDelivered(then) {
    let waited = 0;
    const check = () => {
      if (this.queue.isIdle() || waited >= LEAVE_WAIT_MS) { then(); return; }
      waited += 100;
      window.setTimeout(check, 100);
    };
    check();
  }

  /* Let the SCO end (it usually calls Terminate when unloaded), let the queue drain, go. */
  leaveTo(href) {
    this.leaving = true;
    this.frame.src = "about:blank";
    this.whenDelivered(() => this.page.navigate(href));
  }

  /* Where a SCO's own request leads on an unsequenced page (its links), or null. */
  navigationTarget(request) {
    let link = null;
    const targeted = this.model.patterns.targeted_nav_request.exec(request || "");
    if (request === "continue") { link = document.getElementById("player-next"); }
    else if (request === "previous") { link = document.getElementById("player-previous"); }
    else if (targeted) { link = document.querySelector('.player-toc a[data-sco="' + CSS.escape(targeted[1]) + '"]'); }
    else if (request === "exit" || request === "exitAll" || request === "suspendAll") { return this.config.exitUrl; }
    return link ? link.href : null;
  }

  wireControls() {
    if (this.config.sequencing) {
      wireSequencing((request) => this.requestNavigation(request), () => this.leaveTo(this.config.exitUrl));
      return;
    }
    const links = document.querySelectorAll("#player-previous, #player-next, .player-toc a");
    Array.prototype.forEach.call(links, (link) => {
      link.addEventListener("click", (event) => { event.preventDefault(); this.leaveTo(link.href); });
    });
    document.getElementById("player-exit").addEventListener("click", () => this.leaveTo(this.config.exitUrl));
    document.getElementById("player-suspend").addEventListener("click", () => {
      this.forcedExit = "suspend";
      this.leaveTo(this.config.exitUrl);
    });
  }

  // ---- sequencing (SCORM 2004) ----------------------------------------------------------------

  /* Ask for ``request``: a running SCO is unloaded first, so that it terminates (its unload
   * handler calls Terminate) and the final commit carries the request; a SCO that does not
   * terminate within a second is terminated by the adapter. With no SCO session open, the
   * server processes the request (the page's navigation form) once every commit is delivered. */
  requestNavigation(request) {
    if (this.leaving) { return; }
    if (!this.isRunning()) {
      this.leaving = true;
      this.whenDelivered(() => this.page.submitNavigation(request));
      return;
    }
    this.pendingNav = request;
    if (request === "suspendAll") { this.forcedExit = "suspend"; }
    this.say(word("saving"));
    this.frame.src = "about:blank";
    window.setTimeout(() => { if (this.isRunning()) { this.session.Terminate(""); } }, 1000);
  }

  showNavigation(navigation) {
    if (this.page.showNavigation) { this.page.showNavigation(navigation); }
    if (navigation.request_valid) { this.model.navValid = navigation.request_valid; }
    showNavigation(navigation);
  }

  onNavigation(navigation, finished) {
    if (this.leaving && !this.pendingNav) { return; }
    this.showNavigation(navigation);
    if (!finished) { return; }
    if (navigation.url) { this.leaving = true; this.page.navigate(navigation.url); return; }
    this.pendingNav = null;
    if (navigation.move && navigation.move.kind === "refused") {
      this.say(word("refused"));
    } else {
      this.say(word("chooseNext"));
    }
  }
}
