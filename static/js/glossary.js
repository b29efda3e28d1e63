// The glossary in the lesson panel: a [[word|id]] link in a lesson text opens a small dialog
// over the page with the word's explanation in the learner's language, its drawing and the
// speaker buttons (fetched from /les/woord/<id>). Enter or a tap opens it; Escape, "Sluiten" or
// a tap beside it closes it, and the focus goes back to the link. Without JavaScript the link
// goes to the word's own page. Also the panel's small menus (language, text size): Escape
// closes the open one first, and on a wide screen it opens beside its button.
(function () {
  "use strict";
  var opener = null, asked = 0;

  function dialog() {
    var panel = document.getElementById("lesson-panel");
    return panel ? panel.querySelector("[data-word-pop]") : null;
  }

  function wordId(link) {
    var match = (link.getAttribute("href") || "").match(/\/woorden\/([a-z0-9][a-z0-9-]*)\/?$/);
    return match ? match[1] : "";
  }

  function show(pop, html) {
    var body = pop.querySelector("[data-word-body]");
    body.innerHTML = html;
    var title = body.querySelector("#woord-pop-titel");
    if (title) {
      pop.setAttribute("aria-labelledby", "woord-pop-titel");
      title.setAttribute("tabindex", "-1");
      title.focus();
    }
  }

  function open(link, pop) {
    var id = wordId(link);
    var url = document.getElementById("lesson-panel").getAttribute("data-word-url").replace("WOORD", id);
    var ticket = ++asked;
    if (!pop.open) {
      opener = link;
      pop.showModal();
    }
    document.dispatchEvent(new CustomEvent("readaloud:stop"));
    var body = pop.querySelector("[data-word-body]");
    body.textContent = "";
    var wait = document.createElement("p");
    wait.setAttribute("role", "status");
    wait.textContent = pop.getAttribute("data-loading");
    body.appendChild(wait);
    window.fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (r) { if (!r.ok) throw new Error(String(r.status)); return r.text(); })
      .then(function (html) { if (ticket === asked && pop.open) show(pop, html); })
      .catch(function () { if (ticket === asked) wait.textContent = pop.getAttribute("data-failed"); });
  }

  function close(pop) {
    if (pop.open) pop.close();
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target.closest) return;
    var pop = dialog();
    var link = target.closest("a.woord");
    if (link && pop && pop.showModal && link.closest("#lesson-panel") && wordId(link)) {
      event.preventDefault();
      open(link, pop);
      return;
    }
    if (!pop || !pop.open) return;
    if (target.closest("[data-word-close]")) { close(pop); return; }
    // A tap on the backdrop (outside the dialog's box) closes it.
    if (target === pop) {
      var r = pop.getBoundingClientRect();
      var x = event.clientX, y = event.clientY;
      if (x < r.left || x > r.right || y < r.top || y > r.bottom) close(pop);
    }
  });

  // The dialog closed (Sluiten, Escape, a tap beside it): stop reading, focus back to the link.
  document.addEventListener("close", function (event) {
    if (!event.target.matches || !event.target.matches("[data-word-pop]")) return;
    document.dispatchEvent(new CustomEvent("readaloud:stop"));
    var back = opener;
    opener = null;
    if (back && back.isConnected) back.focus();
  }, true);

  function openMenu() {
    var menus = document.querySelectorAll(".lesson-menu");
    for (var i = 0; i < menus.length; i++) {
      try { if (menus[i].matches(":popover-open")) return menus[i]; } catch (e) { return null; }
    }
    return null;
  }

  // Escape closes the topmost thing only: the word's dialog or an open menu, before the arrow
  // (overlay.js) sees the key. Capturing on the document runs before its other listeners.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented) return;
    var pop = dialog();
    if (pop && pop.open) {
      event.preventDefault();
      close(pop);
      return;
    }
    var menu = openMenu();
    if (menu) {
      event.preventDefault();
      menu.hidePopover();
      var button = document.querySelector("[popovertarget='" + menu.id + "']");
      if (button) button.focus();
    }
  }, true);

  // On a wide screen a menu opens beside its button (on a phone the CSS puts it above the sheet).
  document.addEventListener("toggle", function (event) {
    var menu = event.target;
    if (!menu.classList || !menu.classList.contains("lesson-menu") || event.newState !== "open") return;
    var button = document.querySelector("[popovertarget='" + menu.id + "']");
    if (!button || !window.matchMedia("(min-width: 60em)").matches) {
      menu.style.removeProperty("top");
      menu.style.removeProperty("left");
      return;
    }
    var r = button.getBoundingClientRect(), width = menu.offsetWidth, height = menu.offsetHeight;
    var vw = document.documentElement.clientWidth, vh = document.documentElement.clientHeight;
    var left = window.getComputedStyle(button).direction === "rtl" ? r.left : r.right - width;
    var top = r.bottom + 4 + height <= vh ? r.bottom + 4 : Math.max(4, r.top - 4 - height);
    menu.style.left = Math.max(4, Math.min(left, vw - width - 4)) + "px";
    menu.style.top = top + "px";
  }, true);
})();
