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
    var previous = document.getElementById("player-previous");
    var next = document.getElementById("player-next");
    var toc = Array.prototype.map.call(document.querySelectorAll(".player-toc a[data-sco]"),
      function (link) { return { sco: link.dataset.sco, href: pathOf(link) }; });
    return {
      type: "lmsb:launch", token: root.dataset.token, mode: root.dataset.mode,
      startUrl: absolute(root.dataset.startUrl), commitUrl: absolute(root.dataset.commitUrl),
      contentUrl: root.dataset.contentUrl, exitUrl: root.dataset.exitUrl,
      previous: previous ? pathOf(previous) : null, next: next ? pathOf(next) : null, toc: toc
    };
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
  });

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

  wireControls();
  frame.src = root.dataset.bridgeUrl;
}());
