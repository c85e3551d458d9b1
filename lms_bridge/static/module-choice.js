// The import page's module choice: the "new module" part shows only when "A new module" is
// chosen, and the address derived from the title is previewed as it is typed (the server
// derives it again: this is only a preview). Without this script every part stays visible.
// The placeholder's words come from the page (data-placeholder, in the reader's language).
(function () {
  "use strict";
  function slugOf(title) {
    return title.normalize("NFKD").replace(/[^\x00-\x7f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 100).replace(/-+$/, "");
  }
  document.querySelectorAll("[data-new-module]").forEach(function (box) {
    var form = box.closest("form");
    var choice = form.querySelector("select[name=module]");
    var title = box.querySelector("input[name=new_title]");
    var preview = box.querySelector("[data-slug-preview]");
    function refresh() {
      box.hidden = choice.value !== "+new";
      preview.textContent = slugOf(title.value) || preview.dataset.placeholder;
    }
    choice.addEventListener("change", refresh);
    title.addEventListener("input", refresh);
    refresh();
  });
}());
