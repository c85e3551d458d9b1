/*
 * LMS Bridge content bridge, the wrapper side: runs in the bridge page on the content origin
 * (player/content_bridge.html), framed by the player page on the LMS origin.
 *
 * - Announces itself to the player page ("lmsb:ready") and waits for the launch ("lmsb:launch":
 *   launch token, runtime URLs on the LMS origin, the lesson's path here, navigation links).
 *   Only messages from the LMS origin named by the server (data-lms-origin, signed into the
 *   content grant) and from the parent window itself are accepted; the lesson, although it is
 *   same-origin with this page, is not the parent.
 * - Writes the launch into the elements the SCORM adapter reads (#player data attributes,
 *   hidden navigation links and buttons), then starts the adapter (scorm/adapter.js), which
 *   installs window.API / API_1484_11 here and frames the lesson beside them: the lesson finds
 *   the API by walking window.parent as usual. This page is the adapter's ``page``: its
 *   navigation goes to the player page as messages.
 * - Relays: the player page's toolbar ("lmsb:control") to the hidden controls the adapter
 *   listens to; the adapter's status text ("lmsb:status") and its page navigation
 *   ("lmsb:navigate", always an LMS-relative path) to the player page, which checks both again.
 * - A sequenced SCORM 2004 launch ("sequencing": true) gets hidden copies of the player page's
 *   navigation form and contents; a learner's request ("lmsb:request", a SCORM navigation
 *   request of a control that exists) presses its copy, so the adapter ends the SCO and sends
 *   the request with the final commit. What sequencing allows now goes back to the page
 *   ("lmsb:navigation"), and a request made while no SCO is open is posted by the page's own
 *   form ("lmsb:submit"): this page can not post to the LMS with the learner's session.
 * An ES module (<script type="module">), no build step.
 */
import { startAdapter } from "./scorm/adapter.js";
import { CONTROL_REQUESTS, isOwnRequest } from "./scorm/sequencing.js";
import { useWords } from "./scorm/words.js";

const root = document.getElementById("player");
const lmsOrigin = root ? root.dataset.lmsOrigin : null;
let launched = false;

function tell(message) { window.parent.postMessage(message, lmsOrigin); }

function isLmsPath(url) {
  return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" &&
    url.charAt(1) !== "\\";
}

function isLmsUrl(url) { return typeof url === "string" && url.startsWith(lmsOrigin + "/"); }

function isLessonPath(url) { return typeof url === "string" && /^\/content\/g\/\d+\/[^/]+\//.test(url); }

function addLink(parent, href, id, sco) {
  if (!isLmsPath(href)) { return; }
  const link = document.createElement("a");
  link.href = href;
  if (id) { link.id = id; }
  if (typeof sco === "string") { link.dataset.sco = sco; }
  parent.appendChild(link);
}

function isLaunch(data) {
  return typeof data.token === "string" && isLmsUrl(data.startUrl) &&
    isLmsUrl(data.commitUrl) && isLessonPath(data.contentUrl) && isLmsPath(data.exitUrl);
}

/* Hidden copies of the sequenced page's form buttons and contents, as the page has them: only
 * the requests a sequenced page's buttons make, and a choice of each contents entry. */
function addSequencingControls(data) {
  root.dataset.sequencing = "1";
  const form = document.createElement("form");
  form.id = "player-nav";
  form.hidden = true;
  (Array.isArray(data.controls) ? data.controls : []).forEach((control) => {
    if (!control || !CONTROL_REQUESTS.includes(control.request)) { return; }
    const button = document.createElement("button");
    button.type = "button";
    button.dataset.request = control.request;
    button.disabled = control.disabled === true;
    form.appendChild(button);
  });
  root.appendChild(form);
  const nav = root.querySelector(".player-toc");
  (Array.isArray(data.toc) ? data.toc : []).forEach((entry) => {
    if (!entry || typeof entry.sco !== "string" || entry.sco === "" ||
        entry.request !== "{target=" + entry.sco + "}choice") { return; }
    const link = document.createElement("a");
    link.dataset.sco = entry.sco;
    link.dataset.request = entry.request;
    if (entry.disabled === true) { link.setAttribute("aria-disabled", "true"); }
    if (entry.current === true) { link.setAttribute("aria-current", "step"); }
    nav.appendChild(link);
  });
}

function addFlowLinks(data) {
  const nav = root.querySelector(".player-toc");
  addLink(nav, data.previous, "player-previous");
  addLink(nav, data.next, "player-next");
  (Array.isArray(data.toc) ? data.toc : []).forEach((entry) => {
    if (entry) { addLink(nav, entry.href, null, entry.sco); }
  });
}

/* The adapter's page: its navigation becomes messages to the player page, which checks them
 * again (an LMS-relative path; a request of its own controls). */
const playerPage = {
  navigate(url) {
    const target = new URL(url, window.location.href);
    if (target.origin !== window.location.origin && target.origin !== lmsOrigin) { return; }
    tell({ type: "lmsb:navigate", url: target.pathname + target.search + target.hash });
  },
  showNavigation(navigation) {
    const choosable = Array.isArray(navigation.choosable) ?
      navigation.choosable.filter((id) => typeof id === "string") : null;
    tell({ type: "lmsb:navigation", controls: navigation.controls || {}, choosable: choosable,
           statuses: navigation.statuses || {},
           progress: typeof navigation.progress === "string" ? navigation.progress : "" });
  },
  submitNavigation(request) {
    if (isOwnRequest(request)) { tell({ type: "lmsb:submit", request: request }); }
  }
};

function launch(data) {
  if (launched || !isLaunch(data)) { return; }
  launched = true;
  root.dataset.token = data.token;
  root.dataset.startUrl = data.startUrl;
  root.dataset.commitUrl = data.commitUrl;
  root.dataset.contentUrl = data.contentUrl;
  root.dataset.exitUrl = data.exitUrl;
  root.dataset.mode = String(data.mode);
  if (data.sequencing === true) { addSequencingControls(data); } else { addFlowLinks(data); }
  useWords(data.words);   // the player page's, in the learner's language
  startAdapter(root, playerPage);
}

/* The learner's navigation request: press the hidden copy of the control that makes it. */
function request(data) {
  if (!launched || root.dataset.sequencing !== "1") { return; }
  const controls = root.querySelectorAll("#player-nav button[data-request], .player-toc a[data-request]");
  const target = Array.prototype.find.call(controls, (control) => control.dataset.request === data.request);
  if (target) { target.click(); }
}

/* Press the hidden control the adapter listens to, as the learner pressed the page's. */
function press(data) {
  let target = null;
  if (["previous", "next", "exit", "suspend"].includes(data.control)) {
    target = document.getElementById("player-" + data.control);
  } else if (data.control === "sco" && typeof data.sco === "string") {
    target = root.querySelector('.player-toc a[data-sco="' + CSS.escape(data.sco) + '"]');
  }
  if (target) { target.click(); }
}

function receive(event) {
  if (event.origin !== lmsOrigin || event.source !== window.parent) { return; }
  const data = event.data || {};
  if (data.type === "lmsb:launch") { launch(data); }
  else if (data.type === "lmsb:control") { press(data); }
  else if (data.type === "lmsb:request") { request(data); }
}

if (root && lmsOrigin && window.parent !== window) {
  const statusNode = document.getElementById("player-status");
  new MutationObserver(() => tell({ type: "lmsb:status", text: statusNode.textContent }))
    .observe(statusNode, { childList: true, characterData: true, subtree: true });
  window.addEventListener("message", receive);
  tell({ type: "lmsb:ready" });
}
