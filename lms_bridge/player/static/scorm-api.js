/*
 * LMS Bridge's SCORM API on the player page itself (package content on the LMS origin): the
 * adapter (scorm/adapter.js) with this page as the one it navigates. An ES module loaded by
 * play.html / play_sequenced.html with <script type="module"> under script-src 'self'; no build
 * step, no dependency. With a content origin, content-bridge.js starts the adapter instead.
 */
import { startAdapter } from "./scorm/adapter.js";
import { submitNavigationForm } from "./scorm/sequencing.js";

const root = document.getElementById("player");
if (root) {
  startAdapter(root, {
    navigate(href) { window.location.href = href; },
    submitNavigation(request) { submitNavigationForm(request); }
  });
}
