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
 *   hidden navigation links and buttons), then loads the adapter (scorm-api.js), which installs
 *   window.API / API_1484_11 here and frames the lesson beside them: the lesson finds the API by
 *   walking window.parent as usual.
 * - Relays: the player page's toolbar ("lmsb:control") to the hidden controls the adapter
 *   listens to; the adapter's status text ("lmsb:status") and its page navigation
 *   ("lmsb:navigate", always an LMS-relative path) to the player page, which checks both again.
 */
(function () {
  "use strict";

  var root = document.getElementById("player");
  if (!root || !root.dataset.lmsOrigin || window.parent === window) { return; }

  var lmsOrigin = root.dataset.lmsOrigin;
  var bridgeScript = document.currentScript.src;
  var launched = false;

  function tell(message) { window.parent.postMessage(message, lmsOrigin); }

  function isLmsPath(url) {
    return typeof url === "string" && url.charAt(0) === "/" && url.charAt(1) !== "/" &&
      url.charAt(1) !== "\\";
  }

  function isLmsUrl(url) { return typeof url === "string" && url.indexOf(lmsOrigin + "/") === 0; }

  function isLessonPath(url) { return typeof url === "string" && /^\/content\/g\/\d+\/[^/]+\//.test(url); }

  function addLink(parent, href, id, sco) {
    if (!isLmsPath(href)) { return; }
    var link = document.createElement("a");
    link.href = href;
    if (id) { link.id = id; }
    if (typeof sco === "string") { link.dataset.sco = sco; }
    parent.appendChild(link);
  }

  function isLaunch(data) {
    return typeof data.token === "string" && isLmsUrl(data.startUrl) &&
      isLmsUrl(data.commitUrl) && isLessonPath(data.contentUrl) && isLmsPath(data.exitUrl);
  }

  function launch(data) {
    if (launched || !isLaunch(data)) { return; }
    launched = true;
    root.dataset.token = data.token;
    root.dataset.startUrl = data.startUrl;
    root.dataset.commitUrl = data.commitUrl;
    root.dataset.contentUrl = data.contentUrl;
    root.dataset.exitUrl = data.exitUrl;
    root.dataset.mode = String(data.mode);
    var nav = root.querySelector(".player-toc");
    addLink(nav, data.previous, "player-previous");
    addLink(nav, data.next, "player-next");
    (Array.isArray(data.toc) ? data.toc : []).forEach(function (entry) {
      if (entry) { addLink(nav, entry.href, null, entry.sco); }
    });
    var adapter = document.createElement("script");
    adapter.src = new URL("scorm-api.js", bridgeScript).href;   // beside this file
    document.body.appendChild(adapter);
  }

  /* Press the hidden control the adapter listens to, as the learner pressed the page's. */
  function press(data) {
    var target = null;
    if (["previous", "next", "exit", "suspend"].indexOf(data.control) >= 0) {
      target = document.getElementById("player-" + data.control);
    } else if (data.control === "sco" && typeof data.sco === "string") {
      target = root.querySelector('.player-toc a[data-sco="' + CSS.escape(data.sco) + '"]');
    }
    if (target) { target.click(); }
  }

  /* The adapter's navigateTo(url): the player page navigates, to a path of the LMS. */
  window.LMSBridgeContentBridge = {
    navigate: function (url) {
      var target = new URL(url, window.location.href);
      if (target.origin !== window.location.origin && target.origin !== lmsOrigin) { return; }
      tell({ type: "lmsb:navigate", url: target.pathname + target.search + target.hash });
    }
  };

  var statusNode = document.getElementById("player-status");
  new MutationObserver(function () {
    tell({ type: "lmsb:status", text: statusNode.textContent });
  }).observe(statusNode, { childList: true, characterData: true, subtree: true });

  window.addEventListener("message", function (event) {
    if (event.origin !== lmsOrigin || event.source !== window.parent) { return; }
    var data = event.data || {};
    if (data.type === "lmsb:launch") { launch(data); }
    else if (data.type === "lmsb:control") { press(data); }
  });
  tell({ type: "lmsb:ready" });
}());
