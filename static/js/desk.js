/* The desk (summits/desk.py) with keys and in-place saving.
 *
 * Without this file every proposal is a plain form that posts and comes back to the desk at
 * the next proposal. With it: J/K move between proposals, 1-5 accept with that stance, A
 * accepts, S skips, Q/P turn the selected text into a quote or paraphrase, and accepting
 * swaps in the new desk instead of loading the page again. No inline script or style, so it
 * runs under the strict Content Security Policy.
 */
(function () {
  "use strict";

  var current = 0;

  function proposals() {
    return Array.prototype.slice.call(document.querySelectorAll("#desk-forms > .desk-proposal"));
  }

  function isTyping(target) {
    if (!target || !target.tagName) return false;
    var tag = target.tagName.toLowerCase();
    if (tag === "textarea" || tag === "select") return true;
    return tag === "input" && !/^(radio|checkbox|submit|button|hidden)$/.test(target.type);
  }

  function show(index, focus) {
    var items = proposals();
    if (!items.length) return;
    current = Math.max(0, Math.min(index, items.length - 1));
    items.forEach(function (item, i) { item.classList.toggle("current", i === current); });
    document.querySelectorAll(".desk-mark.current").forEach(function (mark) {
      mark.classList.remove("current");
    });
    var item = items[current];
    var mark = document.querySelector('.desk-mark.proposal[data-start="' + item.dataset.start + '"]');
    if (mark) {
      mark.classList.add("current");
      mark.scrollIntoView({ block: "center" });
    }
    item.scrollIntoView({ block: "nearest" });
    if (focus !== false) item.focus({ preventScroll: true });
  }

  function startFromHash() {
    var items = proposals();
    var refused = items.findIndex(function (item) { return item.classList.contains("has-errors"); });
    if (refused >= 0) return refused;
    var found = items.findIndex(function (item) { return "#" + item.id === location.hash; });
    return found >= 0 ? found : 0;
  }

  function accept(form) {
    var button = form.querySelector('button[name="accept"]');
    form.requestSubmit(button);
  }

  function chooseStance(digit) {
    var item = proposals()[current];
    if (!item) return;
    var radios = item.querySelectorAll('.desk-stance input[type="radio"]');
    var radio = radios[digit - 1];
    if (!radio) return;
    radio.checked = true;
    accept(item.querySelector("form"));
  }

  function fromSelection(kind) {
    var selection = window.getSelection();
    var body = document.getElementById("desk-body");
    if (!selection || selection.isCollapsed || !body.contains(selection.anchorNode)) return false;
    var words = selection.toString().replace(/\s+/g, " ").trim();
    if (!words) return false;
    var passage = document.getElementById("desk-passage");
    passage.querySelector("textarea").value = words;
    var radio = passage.querySelector('.desk-kind input[value="' + kind + '"]');
    if (radio) radio.checked = true;
    passage.scrollIntoView({ block: "nearest" });
    passage.querySelector("select").focus();
    return true;
  }

  function swapIn(html, url, acceptedStart, saved) {
    var fresh = new DOMParser().parseFromString(html, "text/html");
    var desk = fresh.getElementById("desk");
    if (!desk) {
      // Not the desk (a login page, an error): show it as a page of its own.
      window.location.assign(url);
      return;
    }
    document.getElementById("desk").replaceWith(document.adoptNode(desk));
    var messages = fresh.querySelector(".messagelist");
    var old = document.querySelector(".messagelist");
    if (old) old.remove();
    if (messages) document.getElementById("content").before(document.adoptNode(messages));
    prepare();
    var items = proposals();
    var next = 0;
    if (saved) {
      next = items.findIndex(function (item) { return Number(item.dataset.start) > acceptedStart; });
      if (next < 0) next = 0;
    } else {
      next = items.findIndex(function (item) { return item.classList.contains("has-errors"); });
      if (next < 0) {
        var passage = document.getElementById("desk-passage");
        if (passage.classList.contains("has-errors")) {
          passage.scrollIntoView({ block: "nearest" });
          passage.querySelector("textarea").focus();
          return;
        }
        next = 0;
      }
    }
    if (items.length) show(next);
    else document.getElementById("desk-publish").scrollIntoView({ block: "nearest" });
  }

  function submit(event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("desk-form")) return;
    event.preventDefault();
    var start = Number(form.querySelector('input[name="start"]').value || -1);
    var data = new FormData(form, event.submitter || undefined);
    form.querySelectorAll("button").forEach(function (button) { button.disabled = true; });
    fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (html) {
          swapIn(html, response.url, start, response.redirected);
        });
      })
      .catch(function () { form.submit(); });
  }

  var pending = null;
  function suggest(event) {
    var input = event.target;
    if (input.getAttribute("list") !== "desk-participants") return;
    clearTimeout(pending);
    pending = setTimeout(function () {
      var term = input.value.trim();
      if (term.length < 2) return;
      var url = document.getElementById("desk").dataset.autocompleteUrl + "&term=" + encodeURIComponent(term);
      fetch(url, { credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { results: [] }; })
        .then(function (answer) {
          var list = document.getElementById("desk-participants");
          list.replaceChildren();
          answer.results.forEach(function (result) {
            var option = document.createElement("option");
            option.value = result.text;
            list.appendChild(option);
          });
        });
    }, 200);
  }

  function keys(event) {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      var form = event.target.closest && event.target.closest("form.desk-form");
      if (form) {
        event.preventDefault();
        accept(form);
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    var key = event.key.toLowerCase();
    var handled = true;
    if (key === "j" || key === "s") show(current + 1);
    else if (key === "k") show(current - 1);
    else if (key === "a") {
      var item = proposals()[current];
      if (item) accept(item.querySelector("form"));
    } else if (/^[1-5]$/.test(key)) chooseStance(Number(key));
    else if (key === "q") handled = fromSelection("quote");
    else if (key === "p") handled = fromSelection("paraphrase");
    else handled = false;
    if (handled) event.preventDefault();
  }

  function prepare() {
    proposals().forEach(function (item, index) {
      item.tabIndex = -1;
      item.addEventListener("focusin", function () {
        if (current !== index) show(index, false);
      });
    });
    document.querySelectorAll(".desk-mark.proposal").forEach(function (mark) {
      mark.addEventListener("click", function (event) {
        var index = proposals().findIndex(function (item) { return item.dataset.start === mark.dataset.start; });
        if (index >= 0) {
          event.preventDefault();
          show(index);
        }
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    if (!document.getElementById("desk")) return;
    prepare();
    show(startFromHash());
    document.addEventListener("submit", submit);
    document.addEventListener("keydown", keys);
    document.addEventListener("input", suggest);
  });
})();
