/* Small enhancements that need script; every page works without them.
 * The copy-link button is hidden until this runs, and says whether the copy worked. */
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // Plain-HTTP pages (a laptop, a test server) have no async clipboard.
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.className = "visually-hidden";
      document.body.appendChild(field);
      field.select();
      var copied = document.execCommand && document.execCommand("copy");
      document.body.removeChild(field);
      if (copied) { resolve(); } else { reject(new Error("copy refused")); }
    });
  }

  // "Copy citation", "Copy embed code": the text is on the page, selectable without script;
  // the button, shown only when this runs, copies it and says so.
  function setUpCopyFrom(root) {
    root.querySelectorAll("[data-copy-from]").forEach(function (button) {
      if (button.dataset.ready) { return; }
      button.dataset.ready = "true";
      button.hidden = false;
      var status = document.getElementById(button.getAttribute("aria-controls") || "");
      button.addEventListener("click", function () {
        var source = document.getElementById(button.dataset.copyFrom);
        if (!source) { return; }
        var text = "value" in source ? source.value : source.textContent.trim();
        copyText(text).then(
          function () { if (status) { status.textContent = "Copied to the clipboard."; } },
          function () { if (status) { status.textContent = "Could not copy; select the text and copy it."; } }
        );
      });
    });
  }

  function setUp(root) {
    setUpCopyFrom(root);
    root.querySelectorAll("[data-copy-link]").forEach(function (button) {
      if (button.dataset.ready) { return; }
      button.dataset.ready = "true";
      button.hidden = false;
      var status = document.getElementById(button.getAttribute("aria-controls") || "");
      button.addEventListener("click", function () {
        copyText(button.dataset.copyLink).then(
          function () { if (status) { status.textContent = "Link copied to the clipboard."; } },
          function () { if (status) { status.textContent = "Could not copy; the link is " + button.dataset.copyLink; } }
        );
      });
    });
  }

  // A swap that replaces the focused control ("Clear all filters", "Remove") would drop
  // focus to the top of the page; keep it in the results the reader was working in.
  document.addEventListener("htmx:afterSettle", function (event) {
    var results = document.getElementById("results");
    var active = document.activeElement;
    if (results && (!active || active === document.body || !document.contains(active))) {
      results.focus({ preventScroll: true });
    }
  });

  document.addEventListener("DOMContentLoaded", function () { setUp(document); });
  document.addEventListener("htmx:load", function (event) { setUp(event.target); });
})();
