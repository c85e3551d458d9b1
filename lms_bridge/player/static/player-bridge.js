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
 */
(function () {
  "use strict";

  var root = document.getElementById("player");
  if (!root || !root.dataset.contentOrigin) { return; }

  var LEAVE_FALLBACK_MS = 5000;   // longer than the adapter's wait for its queue (3 s)
  var contentOrigin = root.dataset.contentOrigin;
  var frame = document.getElementById("player-content");
  var statusNode = document.getElementById("player-status");
  var leaving = null;
  var sequencing = root.dataset.sequencing === "1";
  var asked = null;              // the navigation request last sent to the adapter (sequencing)
  var CONTROL_STATES = ["enabled", "disabled", "hidden"];
  var CHOICE = /^\{target=([^{}]+)\}choice$/;

  function isLmsPath(url) {
    if (typeof url !== "string" || url.charAt(0) !== "/" || url.charAt(1) === "/" ||
        url.charAt(1) === "\\") { return false; }
    return new URL(url, window.location.href).origin === window.location.origin;
  }

  function pathOf(link) {
    var url = new URL(link.href);
    return url.pathname + url.search + url.hash;
  }

  function absolute(url) { return new URL(url, window.location.href).href; }

  function send(message) { frame.contentWindow.postMessage(message, contentOrigin); }

  function launchMessage() {
    return sequencing ? sequencedLaunch() : flowLaunch();
  }

  function baseLaunch() {
    return {
      type: "lmsb:launch", token: root.dataset.token, mode: root.dataset.mode,
      startUrl: absolute(root.dataset.startUrl), commitUrl: absolute(root.dataset.commitUrl),
      contentUrl: root.dataset.contentUrl, exitUrl: root.dataset.exitUrl
    };
  }

  /* The sequenced page's controls as they are now: requests and whether they may be used. */
  function sequencedLaunch() {
    var launch = baseLaunch();
    launch.sequencing = true;
    launch.controls = Array.prototype.map.call(navButtons(), function (button) {
      return { request: button.dataset.request, disabled: button.disabled };
    });
    launch.toc = Array.prototype.map.call(tocLinks(), function (link) {
      return { sco: link.dataset.sco, request: link.dataset.request,
               disabled: link.hasAttribute("aria-disabled"), current: link.hasAttribute("aria-current") };
    });
    return launch;
  }

  function flowLaunch() {
    var previous = document.getElementById("player-previous");
    var next = document.getElementById("player-next");
    var toc = Array.prototype.map.call(document.querySelectorAll(".player-toc a[data-sco]"),
      function (link) { return { sco: link.dataset.sco, href: pathOf(link) }; });
    var launch = baseLaunch();
    launch.previous = previous ? pathOf(previous) : null;
    launch.next = next ? pathOf(next) : null;
    launch.toc = toc;
    return launch;
  }

  function navButtons() { return document.querySelectorAll("#player-nav button[data-request]"); }

  function tocLinks() { return document.querySelectorAll(".player-toc a[data-request]"); }

  /* Only the requests this page's own controls make. */
  function isOwnRequest(request) {
    if (typeof request !== "string") { return false; }
    var own = Array.prototype.map.call(navButtons(), function (b) { return b.dataset.request; })
      .concat(Array.prototype.map.call(tocLinks(), function (a) { return a.dataset.request; }));
    return own.indexOf(request) >= 0 && (/^(previous|continue|suspendAll|exitAll)$/.test(request) ||
      CHOICE.test(request));
  }

  /* What sequencing allows now (the adapter's showNavigation, on this page's controls). */
  function showNavigation(data) {
    var controls = data.controls && typeof data.controls === "object" ? data.controls : {};
    Array.prototype.forEach.call(navButtons(), function (button) {
      var state = controls[button.dataset.request];
      if (CONTROL_STATES.indexOf(state) >= 0) { button.disabled = state !== "enabled"; }
    });
    if (!Array.isArray(data.choosable)) { return; }
    Array.prototype.forEach.call(tocLinks(), function (link) {
      if (link.getAttribute("aria-current")) { return; }
      if (data.choosable.indexOf(link.dataset.sco) >= 0) {
        link.removeAttribute("aria-disabled");
        link.setAttribute("href", "?sco=" + encodeURIComponent(link.dataset.sco));
      } else {
        link.setAttribute("aria-disabled", "true");
        link.removeAttribute("href");
      }
    });
  }

  /* No SCO is open any more: this page posts its own form (CSRF token and all). */
  function submitNavigation(request) {
    if (request !== asked || !isOwnRequest(request)) { return; }
    asked = null;
    window.clearTimeout(leaving);
    var form = document.getElementById("player-nav");
    var field = document.createElement("input");
    field.type = "hidden"; field.name = "request"; field.value = request;
    form.appendChild(field);
    form.submit();
  }

  /* The learner's request goes to the adapter; if the bridge never answers, the form goes. */
  function requestNavigation(request) {
    if (!isOwnRequest(request)) { return; }
    asked = request;
    send({ type: "lmsb:request", request: request });
    window.clearTimeout(leaving);
    leaving = window.setTimeout(function () { submitNavigation(request); }, LEAVE_FALLBACK_MS);
  }

  function leave(control, sco, fallback) {
    send({ type: "lmsb:control", control: control, sco: sco });
    window.clearTimeout(leaving);
    leaving = window.setTimeout(function () { window.location.href = fallback; }, LEAVE_FALLBACK_MS);
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== contentOrigin || event.source !== frame.contentWindow) { return; }
    var data = event.data || {};
    if (data.type === "lmsb:ready") { send(launchMessage()); }
    else if (data.type === "lmsb:status" && statusNode) { statusNode.textContent = String(data.text).slice(0, 300); }
    else if (data.type === "lmsb:navigate" && isLmsPath(data.url)) { window.location.href = data.url; }
    else if (sequencing && data.type === "lmsb:navigation") { answered(); showNavigation(data); }
    else if (sequencing && data.type === "lmsb:submit") { submitNavigation(data.request); }
  });

  /* The adapter is alive and answering: no fallback (a refusal leaves the page where it is). */
  function answered() { window.clearTimeout(leaving); }

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
      exit.addEventListener("click", function (event) {
        event.preventDefault();
        leave("exit", null, root.dataset.exitUrl);
      });
    }
  }

  function wireControls() {
    var links = document.querySelectorAll("#player-previous, #player-next, .player-toc a[data-sco]");
    Array.prototype.forEach.call(links, function (link) {
      var control = link.id === "player-previous" ? "previous" : link.id === "player-next" ? "next" : "sco";
      link.addEventListener("click", function (event) {
        event.preventDefault();
        leave(control, link.dataset.sco, link.href);
      });
    });
    document.getElementById("player-exit").addEventListener("click", function () {
      leave("exit", null, root.dataset.exitUrl);
    });
    document.getElementById("player-suspend").addEventListener("click", function () {
      leave("suspend", null, root.dataset.exitUrl);
    });
  }

  if (sequencing) { wireSequencing(); } else { wireControls(); }
  frame.src = root.dataset.bridgeUrl;
}());
