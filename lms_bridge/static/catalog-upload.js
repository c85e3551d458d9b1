// Upload progress for the package import form. Without this script the form posts normally.
// Its words come from the page (#upload-words, in the reader's language).
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form || !window.XMLHttpRequest || !window.FormData || !window.DOMParser) { return; }
  var words = JSON.parse(document.getElementById("upload-words").textContent);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var box = document.getElementById("upload-progress");
    var bar = document.getElementById("upload-bar");
    var percent = document.getElementById("upload-percent");
    var button = form.querySelector("button[type=submit]");
    var xhr = new XMLHttpRequest();
    box.hidden = false;
    button.disabled = true;
    xhr.upload.addEventListener("progress", function (e) {
      if (e.lengthComputable) {
        var done = Math.round(100 * e.loaded / e.total);
        bar.value = done;
        percent.textContent = done === 100 ? words.validating
          : words.percent.replace("{percent}", String(done));
      }
    });
    xhr.addEventListener("load", function () {
      // Success was redirected to the version page (whose one-time message is in this very
      // response), a refusal is the import page with its report: show what came back.
      var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var main = page.getElementById("main");
      if (!main) { form.submit(); return; }
      document.getElementById("main").replaceWith(main);
      document.title = page.title;
      if (xhr.responseURL && xhr.responseURL !== window.location.href) {
        window.history.pushState(null, page.title, xhr.responseURL);
      }
      var focus = document.getElementById("import-result") || main;
      focus.focus();
    });
    xhr.addEventListener("error", function () { form.submit(); });
    xhr.open("POST", form.action);
    xhr.send(new FormData(form));
  });
}());
