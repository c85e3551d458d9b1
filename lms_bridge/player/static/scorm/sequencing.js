/*
 * The controls of a sequenced SCORM 2004 player page (play_sequenced.html): the buttons of the
 * #player-nav form and the contents' links, each carrying its navigation request in
 * data-request. One copy for both pages that show them: the adapter's, when the lesson is on
 * this origin, and player-bridge.js, when the lesson is on the content origin and the adapter
 * runs there (it gets hidden copies of these controls from content-bridge.js).
 */
const CONTROL_STATES = ["enabled", "disabled", "hidden"];
import { label } from "./words.js";

/* The statuses a contents entry may show (anything else is ignored), in the learner's words. */
const TOC_STATUSES = ["not attempted", "incomplete", "completed", "passed", "failed"];

/* The requests a sequenced page's buttons make (the contents make {target=<id>}choice). */
export const CONTROL_REQUESTS = ["previous", "continue", "suspendAll", "exitAll"];

export function navButtons() { return document.querySelectorAll("#player-nav button[data-request]"); }

export function tocLinks() { return document.querySelectorAll(".player-toc a[data-request]"); }

/* Whether ``request`` is one that this page's own controls make. */
export function isOwnRequest(request) {
  if (typeof request !== "string") { return false; }
  return Array.prototype.some.call(navButtons(), (button) => button.dataset.request === request) ||
    Array.prototype.some.call(tocLinks(), (link) => link.dataset.request === request);
}

/* A click on a usable control asks for its request; Exit leaves without one. */
export function wireSequencing(onRequest, onExit) {
  Array.prototype.forEach.call(document.querySelectorAll("#player-nav button[data-request], .player-toc a[data-request]"),
    (control) => {
      control.addEventListener("click", (event) => {
        event.preventDefault();
        if (control.disabled || control.getAttribute("aria-disabled") || control.getAttribute("aria-current")) { return; }
        onRequest(control.dataset.request);
      });
    });
  const exit = document.getElementById("player-exit");
  if (exit) {
    exit.addEventListener("click", (event) => { event.preventDefault(); onExit(); });
  }
}

/* Each contents entry's status and the note on finishing the module, as the last reply says
 * (as text only), so that a part just passed no longer reads "(incomplete)". */
function showProgress(navigation) {
  const statuses = navigation.statuses && typeof navigation.statuses === "object" ? navigation.statuses : {};
  Array.prototype.forEach.call(document.querySelectorAll(".player-toc .toc-status[data-sco]"), (node) => {
    const status = statuses[node.dataset.sco];
    if (TOC_STATUSES.includes(status) && label("statuses", status)) {
      node.textContent = "(" + label("statuses", status) + ")";
    }
  });
  const note = document.getElementById("player-progress");
  if (note && typeof navigation.progress === "string") { note.textContent = label("progress", navigation.progress); }
}

/* What sequencing allows now (a start or commit reply's "navigation"): which buttons are
 * enabled, which entries of the contents may be chosen, each part's status. */
export function showNavigation(navigation) {
  showProgress(navigation);
  const controls = navigation.controls && typeof navigation.controls === "object" ? navigation.controls : {};
  Array.prototype.forEach.call(navButtons(), (button) => {
    const state = controls[button.dataset.request];
    if (CONTROL_STATES.includes(state)) { button.disabled = state !== "enabled"; }
  });
  if (!Array.isArray(navigation.choosable)) { return; }
  Array.prototype.forEach.call(tocLinks(), (link) => {
    if (link.getAttribute("aria-current")) { return; }
    if (navigation.choosable.includes(link.dataset.sco)) {
      link.removeAttribute("aria-disabled");
      link.setAttribute("href", "?sco=" + encodeURIComponent(link.dataset.sco));
    } else {
      link.setAttribute("aria-disabled", "true");
      link.removeAttribute("href");
    }
  });
}

/* Post the page's navigation form (CSRF token and session cookie: only the LMS origin can). */
export function submitNavigationForm(request) {
  const form = document.getElementById("player-nav");
  const field = document.createElement("input");
  field.type = "hidden"; field.name = "request"; field.value = request;
  form.appendChild(field);
  form.submit();
}
