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

  // Each copy button is shown only when this runs, and says in the element it controls
  // whether the copy worked. `textOf` gives the text to copy (null: nothing to copy).
  function setUpCopyButtons(root, selector, textOf, copied, failed) {
    root.querySelectorAll(selector).forEach(function (button) {
      if (button.dataset.ready) { return; }
      button.dataset.ready = "true";
      button.hidden = false;
      var status = document.getElementById(button.getAttribute("aria-controls") || "");
      button.addEventListener("click", function () {
        var text = textOf(button);
        if (text === null) { return; }
        copyText(text).then(
          function () { if (status) { status.textContent = copied; } },
          function () { if (status) { status.textContent = failed(button); } }
        );
      });
    });
  }

  function setUp(root) {
    // "Copy citation", "Copy embed code": the text is on the page, selectable without script.
    setUpCopyButtons(root, "[data-copy-from]", function (button) {
      var source = document.getElementById(button.dataset.copyFrom);
      if (!source) { return null; }
      return "value" in source ? source.value : source.textContent.trim();
    }, "Copied to the clipboard.", function () {
      return "Could not copy; select the text and copy it.";
    });
    setUpCopyButtons(root, "[data-copy-link]", function (button) {
      return button.dataset.copyLink;
    }, "Link copied to the clipboard.", function (button) {
      return "Could not copy; the link is " + button.dataset.copyLink;
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
