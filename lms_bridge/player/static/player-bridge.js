/*
 * LMS Bridge content bridge, the player page side: loaded by the player page instead of the
 * SCORM adapter when package content is on its own origin (data-content-origin).
 *
 * - Frames the bridge page on the content origin (data-bridge-url) and, when it announces
 *   itself, hands it the launch: the launch token, the runtime URLs (absolute, on this origin),
 *   the lesson's path on the content origin and this page's navigation links as paths.
 * - Accepts messages only from the content origin AND from the framed bridge window itself:
 *   status text (shown as text), and navigation requests, followed only to a path of this
 *   origin ("/...", never "//host" or a full URL).
 * - The toolbar (previous, next, contents, exit, suspend) is relayed to the adapter in the
 *   bridge, which lets the lesson end and its commits drain, then asks this page to navigate.
 *   If the bridge never answers (the lesson failed to start), the page goes there by itself.
 * - A sequenced SCORM 2004 page (data-sequencing="1"): its buttons and contents send the
 *   learner's navigation request ("lmsb:request", only requests of this page's own controls) to
 *   the adapter, which ends the SCO and sends it with the final commit. The adapter sends back
 *   what sequencing allows now ("lmsb:navigation": controls, choosable activities), which this
 *   page shows on its buttons and links, and, when no SCO is open any more, asks this page to
 *   post its own navigation form ("lmsb:submit", only with the request this page last sent).
 *   The controls are shown and wired by scorm/sequencing.js, as the adapter does on a page whose
 *   lesson is on this origin.
 * An ES module (<script type="module">), no build step.
 */
import { isOwnRequest, navButtons, showNavigation, submitNavigationForm, tocLinks,
         wireSequencing } from "./scorm/sequencing.js";
import { allWords } from "./scorm/words.js";

const LEAVE_FALLBACK_MS = 5000;   // longer than the adapter's wait for its queue (3 s)
const root = document.getElementById("player");
const frame = document.getElementById("player-content");
const statusNode = document.getElementById("player-status");
let leaving = null;               // the fallback timer while the adapter is asked to leave
let asked = null;                 // the navigation request last sent to the adapter (sequencing)

function isLmsPath(url) {
  if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/" ||
      url.charAt(1) === "\\") { return false; }
  return new URL(url, window.location.href).origin === window.location.origin;
}

function pathOf(link) {
  const url = new URL(link.href);
  return url.pathname + url.search + url.hash;
}

function absolute(url) { return new URL(url, window.location.href).href; }

function isSequenced() { return root.dataset.sequencing === "1"; }

function send(message) { frame.contentWindow.postMessage(message, root.dataset.contentOrigin); }

function baseLaunch() {
  return {
    type: "lmsb:launch", token: root.dataset.token, mode: root.dataset.mode,
    startUrl: absolute(root.dataset.startUrl), commitUrl: absolute(root.dataset.commitUrl),
    contentUrl: root.dataset.contentUrl, exitUrl: root.dataset.exitUrl, words: allWords()
  };
}

/* The sequenced page's controls as they are now: requests and whether they may be used. */
function sequencedLaunch() {
  const launch = baseLaunch();
  launch.sequencing = true;
  launch.controls = Array.prototype.map.call(navButtons(), (button) => (
    { request: button.dataset.request, disabled: button.disabled }));
  launch.toc = Array.prototype.map.call(tocLinks(), (link) => (
    { sco: link.dataset.sco, request: link.dataset.request,
      disabled: link.hasAttribute("aria-disabled"), current: link.hasAttribute("aria-current") }));
  return launch;
}

function flowLaunch() {
  const previous = document.getElementById("player-previous");
  const next = document.getElementById("player-next");
  const launch = baseLaunch();
  launch.previous = previous ? pathOf(previous) : null;
  launch.next = next ? pathOf(next) : null;
  launch.toc = Array.prototype.map.call(document.querySelectorAll(".player-toc a[data-sco]"),
    (link) => ({ sco: link.dataset.sco, href: pathOf(link) }));
  return launch;
}

/* No SCO is open any more: this page posts its own form (CSRF token and all). */
function submitNavigation(request) {
  if (request !== asked || !isOwnRequest(request)) { return; }
  asked = null;
  window.clearTimeout(leaving);
  submitNavigationForm(request);
}

/* The learner's request goes to the adapter; if the bridge never answers, the form goes. */
function requestNavigation(request) {
  if (!isOwnRequest(request)) { return; }
  asked = request;
  send({ type: "lmsb:request", request: request });
  window.clearTimeout(leaving);
  leaving = window.setTimeout(() => submitNavigation(request), LEAVE_FALLBACK_MS);
}

function leave(control, sco, fallback) {
  send({ type: "lmsb:control", control: control, sco: sco });
  window.clearTimeout(leaving);
  leaving = window.setTimeout(() => { window.location.href = fallback; }, LEAVE_FALLBACK_MS);
}

function receive(event) {
  if (event.origin !== root.dataset.contentOrigin || event.source !== frame.contentWindow) { return; }
  const data = event.data || {};
  if (data.type === "lmsb:ready") { send(isSequenced() ? sequencedLaunch() : flowLaunch()); }
  else if (data.type === "lmsb:status" && statusNode) { statusNode.textContent = String(data.text).slice(0, 300); }
  else if (data.type === "lmsb:navigate" && isLmsPath(data.url)) { window.location.href = data.url; }
  else if (isSequenced() && data.type === "lmsb:navigation") {
    window.clearTimeout(leaving);   // the adapter answers: a refusal leaves the page where it is
    showNavigation(data);
  }
  else if (isSequenced() && data.type === "lmsb:submit") { submitNavigation(data.request); }
}

function wireControls() {
  const links = document.querySelectorAll("#player-previous, #player-next, .player-toc a[data-sco]");
  Array.prototype.forEach.call(links, (link) => {
    const control = link.id === "player-previous" ? "previous" : link.id === "player-next" ? "next" : "sco";
    link.addEventListener("click", (event) => {
      event.preventDefault();
      leave(control, link.dataset.sco, link.href);
    });
  });
  document.getElementById("player-exit").addEventListener("click", () => leave("exit", null, root.dataset.exitUrl));
  document.getElementById("player-suspend").addEventListener("click", () => leave("suspend", null, root.dataset.exitUrl));
}

if (root && root.dataset.contentOrigin) {
  window.addEventListener("message", receive);
  if (isSequenced()) {
    wireSequencing(requestNavigation, () => leave("exit", null, root.dataset.exitUrl));
  } else {
    wireControls();
  }
  frame.src = root.dataset.bridgeUrl;
}
