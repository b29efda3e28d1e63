// The lesson panel. On a phone a sheet at the bottom: a new step opens it when the step's
// targets still fit in the free area beside it, else it starts collapsed (the summary line keeps
// the step and its first sentence in view): the page comes first. What the learner chooses
// (open or collapsed) holds for the rest of that step. "Waar?" scrolls the targets into view
// (group by group when they do not fit together). A new step is announced once (not again on
// a reload); after a panel button (Volgende) focus goes to the new instruction; a poll moves
// the step on when another tab or the phone did it, keeping the focus where it was.
(function () {
  "use strict";
  var POLL_MS = 2000;
  var SHORT = window.matchMedia("(max-width: 59.99em) and (max-height: 30em)");
  var panel, sheet, live, offerTimer = 0, reported = {};
  var group = 0, shownStep = "", phoneFull = false, closedBeforePhone = false;
  var userMoved = false, lastWidth = 0, lastInput = "pointer", statusTag = "";

  function $(sel, root) { return (root || document).querySelector(sel); }
  function overlay() { return window.LessonOverlay; }
  function state() { return $(".lesson-panel__state", sheet); }
  function attr(name) { var st = state(); return st ? st.getAttribute(name) || "" : ""; }
  function store(key, value) { try { window.sessionStorage.setItem(key, value); } catch (e) { /* private mode */ } }
  function stored(key) { try { return window.sessionStorage.getItem(key) || ""; } catch (e) { return ""; } }
  function fixedSheet() { return window.getComputedStyle(panel).position === "fixed"; }
  function closed() { return panel.classList.contains("lesson-panel--closed"); }
  function shown(el) { return !!el && el.offsetParent !== null; }

  // The sheet's height for the page (padding, scroll-padding, the phone above it).
  function syncHeight() {
    var height = fixedSheet() ? Math.ceil(panel.getBoundingClientRect().height) : 0;
    var root = document.documentElement;
    root.style.setProperty("--lesson-sheet-h", height + "px");
    // The Telefoon button moves from the bar into the sheet when the sheet shows it: the
    // overlay then points at the one the learner sees.
    var inSheet = shown($(".phone-toggle--sheet", panel));
    if (inSheet !== root.classList.contains("lesson-sheet-phone")) {
      root.classList.toggle("lesson-sheet-phone", inSheet);
      if (overlay() && overlay().count()) overlay().rebuild();
    }
    whereButton();
    if (overlay()) overlay().place();
  }

  function setClosed(value) {
    panel.classList.toggle("lesson-panel--closed", value);
    var toggle = $(".lesson-panel__toggle", sheet);
    if (toggle) {
      toggle.setAttribute("aria-expanded", value ? "false" : "true");
      $(".lesson-panel__toggle-text", toggle).textContent =
        toggle.getAttribute(value ? "data-label-closed" : "data-label-open");
    }
    syncHeight();
  }

  function stepChoice() {
    var saved = stored("lessonSheet").split("|");
    return saved[0] === attr("data-step") ? saved[1] : "";
  }

  // The learner opens or closes the sheet: kept for the rest of this step.
  function choose(value) {
    setClosed(value);
    store("lessonSheet", attr("data-step") + "|" + (value ? "dicht" : "open"));
    if (!value && overlay().count()) group = overlay().reveal(group).group;
  }

  // A new step: open when the step's targets fit in the free area beside the open sheet;
  // else collapsed, so the page has the room (the summary line keeps the step in view).
  function decide() {
    var choice = stepChoice();
    if (!fixedSheet() || !overlay().count()) { setClosed(choice === "dicht"); return; }
    if (phoneFull) { setClosed(SHORT.matches); return; }
    if (choice) { setClosed(choice === "dicht"); return; }
    setClosed(false);
    if (!overlay().fits()) setClosed(true);
  }

  // The first sentence of the instruction, for the collapsed sheet's summary line. Shown as
  // generated content (lessons.css), so the page's text holds the instruction only once.
  function fillExcerpt() {
    var excerpt = $("[data-excerpt]", sheet), instruction = $("[data-instruction]", sheet);
    if (!excerpt) return;
    var text = instruction ? instruction.textContent.replace(/\s+/g, " ").trim() : "";
    var first = text.match(/^.+?[.!?\u061F\u1362](?=\s|$)/);
    excerpt.setAttribute("data-excerpt", first ? first[0] : text);
  }

  function whereButton() {
    var button = $("[data-where-button]", sheet);
    if (!button || !overlay()) return;
    button.hidden = !overlay().count();
    // "Waar nog?" when the targets come group by group (on a short screen "Waar?" leaves the
    // summary line its room; it goes to the next group all the same).
    var key = overlay().hidden() ? "data-label-again"
      : !phoneFull && !SHORT.matches && overlay().groups() > 1 ? "data-label-next" : "data-label-where";
    button.textContent = button.getAttribute(key);
  }

  function where() {
    if (phoneFull) {  // the phone covers the page: put it away first (its own Sluiten)
      var close = document.querySelector("#telefoon [data-phone-close]");
      if (close) close.click();
    }
    if (overlay().hidden()) {
      overlay().show();
      group = overlay().reveal(group).group;
    } else {
      group = overlay().reveal(overlay().groups() > 1 ? group + 1 : 0).group;
    }
    whereButton();
  }

  function still(value) {
    try {
      if (value !== undefined) window.localStorage.setItem("lessonArrowStill", value ? "1" : "");
      return window.localStorage.getItem("lessonArrowStill") === "1";
    } catch (e) { return false; }
  }

  function stillButton() {
    var button = $("[data-arrow-still]", sheet);
    document.documentElement.classList.toggle("lesson-still", still());
    if (!button) return;
    var reduced = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    button.hidden = reduced || !document.querySelector(".lesson-arrow");
    button.setAttribute("aria-pressed", still() ? "true" : "false");
  }

  // "Stap 3 van 7" and the instruction, once per step (not again after a reload). When the
  // focus goes to the instruction, the reader reads it there: only the step is announced.
  function announce(focused) {
    var step = attr("data-step");
    if (!live || !step || stored("lessonAnnounced") === step) return;
    var count = $(".lesson-panel__count", sheet), instruction = $("[data-instruction]", sheet);
    var text = count ? count.textContent.trim() + ". " : "";
    if (!focused && instruction) text += instruction.textContent.replace(/\s+/g, " ").trim();
    live.textContent = "";
    window.setTimeout(function () {
      if (attr("data-step") !== step) return;
      live.textContent = text.trim();
      store("lessonAnnounced", step);
    }, 250);
  }

  // After a button of the panel: focus on the new instruction (or, in a collapsed sheet, on
  // its summary line); true when the instruction itself got it (the reader reads it there).
  function focusStep() {
    var target = $("[aria-invalid='true']", sheet) || $("[data-instruction]", sheet);
    if (!shown(target)) target = $("[data-summary]", sheet);
    if (!shown(target)) return false;
    target.focus({ preventScroll: true });
    // The focus ring shows when the learner pressed the button with the keyboard.
    if (stored("lessonFocusBy") === "key") {
      target.classList.add("lesson-focus-shown");
      target.addEventListener("blur", function () { target.classList.remove("lesson-focus-shown"); }, { once: true });
    }
    return target.hasAttribute("data-instruction");
  }

  function reportMissing(names) {
    var url = panel.getAttribute("data-missing-url");
    names.forEach(function (name) {
      if (reported[name]) return;
      reported[name] = true;
      window.fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": panel.getAttribute("data-csrf") },
        body: JSON.stringify({ target: name, page: panel.getAttribute("data-page") })
      }).catch(function () {});
    });
  }

  function offerHint() {
    window.clearTimeout(offerTimer);
    var offer = $("[data-offer]", sheet);
    var after = parseInt(attr("data-hint-after"), 10);
    if (!offer || isNaN(after) || after < 0) return;
    offerTimer = window.setTimeout(function () { offer.hidden = false; }, after * 1000);
  }

  // After the page loaded or the poll brought a new panel.
  function setup(arrived) {
    fillExcerpt();
    syncHeight();
    var result = overlay().update();
    var missing = $("[data-where]", sheet);
    if (missing) missing.hidden = !(result.wanted > 0 && result.found === 0);
    if (result.wanted > 0 && result.found === 0) reportMissing(result.names);
    stillButton();
    offerHint();
    var focusWanted = arrived && stored("lessonFocus") === "1";
    if (focusWanted) store("lessonFocus", "");
    if (attr("data-step") !== shownStep) {
      shownStep = attr("data-step");
      decide();
      group = result.found ? overlay().reveal(0).group : 0;
      userMoved = false;
    }
    // Feedback on a wrong turn must be read: the sheet opens for it.
    if (closed() && $(".lesson-panel__more .lesson-msg--wrong", sheet)) setClosed(false);
    syncHeight();
    announce(focusWanted && focusStep());
  }

  // What identifies the focused element again in a new copy of the panel.
  function focusKey(el) {
    if (!el || !sheet.contains(el)) return null;
    return { id: el.id, tag: el.tagName, cls: el.className, name: el.getAttribute("name"),
      value: el.getAttribute("value"), text: el.textContent.trim() };
  }

  function refocus(key) {
    if (!key) return;
    var found = key.id ? document.getElementById(key.id) : null;
    if (!found) {
      found = Array.prototype.filter.call(sheet.getElementsByTagName(key.tag), function (el) {
        return el.className === key.cls && el.getAttribute("name") === key.name &&
          el.getAttribute("value") === key.value && el.textContent.trim() === key.text;
      })[0];
    }
    if (!shown(found)) found = closed() ? $(".lesson-panel__toggle", sheet) : $("[data-instruction]", sheet);
    if (shown(found)) found.focus({ preventScroll: true });
  }

  function apply(data) {
    var active = document.activeElement;
    if (active && sheet.contains(active) && /^(INPUT|TEXTAREA)$/.test(active.tagName) && active.value) return;
    if (!data.html) {
      panel.remove();
      document.documentElement.style.setProperty("--lesson-sheet-h", "0px");
      document.documentElement.classList.remove("lesson-sheet-phone");
      overlay().hide();
      return;
    }
    var key = focusKey(active);
    var wasClosed = closed();
    sheet.innerHTML = data.html;
    reported = {};
    setClosed(wasClosed);
    setup(false);
    refocus(key);
  }

  // The status poll sends the tag of the panel it shows: the one the page came with, then
  // the last answer's. The server answers 304 (no body) while that panel is still right.
  function poll() {
    if (document.hidden || !panel.isConnected) return;
    var next = window.location.pathname + window.location.search;
    var url = panel.getAttribute("data-status-url") + "?page=" +
      encodeURIComponent(panel.getAttribute("data-page") || "") + "&next=" + encodeURIComponent(next);
    var headers = { Accept: "application/json" };
    if (statusTag) headers["If-None-Match"] = statusTag;
    window.fetch(url, { credentials: "same-origin", headers: headers })
      .then(function (r) {
        if (r.ok && r.headers.get("ETag")) statusTag = r.headers.get("ETag");
        return r.status === 304 || !r.ok ? null : r.json();
      })
      .then(function (data) { if (data && data.version !== attr("data-version")) apply(data); })
      .catch(function () {});
  }

  function onClick(event) {
    var el = event.target;
    if (el.closest(".lesson-panel__toggle")) choose(!closed());
    else if (el.closest("[data-where-button]")) where();
    else if (el.closest("[data-arrow-still]")) { still(!still()); stillButton(); }
    else if (el.closest("[data-summary]") && closed() && fixedSheet()) choose(false);
  }

  // The opened phone covers the page on a small screen: the sheet opens below it, so the
  // whole instruction stays in view (on a short screen the phone needs the room: only the
  // summary line stays); it goes back as it was when the phone closes.
  function onPhone(event) {
    var full = Boolean(event.detail && event.detail.full);
    if (full === phoneFull) return;
    phoneFull = full;
    if (full) { closedBeforePhone = closed(); setClosed(SHORT.matches); } else setClosed(closedBeforePhone);
  }

  function onResize() {
    var width = document.documentElement.clientWidth;
    if (width !== lastWidth && lastWidth && overlay().count() && !userMoved) group = overlay().reveal(group).group;
    lastWidth = width;
  }

  function start() {
    panel = document.getElementById("lesson-panel");
    if (!panel || !overlay()) return;
    sheet = $(".lesson-panel__sheet", panel);
    statusTag = panel.getAttribute("data-status-tag") || "";
    live = document.getElementById("lesson-live");
    phoneFull = document.documentElement.classList.contains("phone-fullscreen");
    lastWidth = document.documentElement.clientWidth;
    panel.addEventListener("click", onClick);
    panel.addEventListener("submit", function (event) {
      if (!event.target.closest("[data-panel-form]")) return;
      store("lessonFocus", "1");
      store("lessonFocusBy", lastInput);
    });
    document.addEventListener("keydown", function () { lastInput = "key"; }, true);
    document.addEventListener("pointerdown", function () { lastInput = "pointer"; }, true);
    document.addEventListener("phone:toggle", onPhone);
    document.addEventListener("lesson:overlay", whereButton);
    ["wheel", "touchmove", "keydown"].forEach(function (type) {
      window.addEventListener(type, function () { userMoved = true; }, { passive: true });
    });
    if (document.fonts && document.fonts.ready) {
      document.fonts.ready.then(function () { if (!userMoved && overlay().count()) overlay().reveal(group); });
    }
    if (window.ResizeObserver) new window.ResizeObserver(syncHeight).observe(panel);
    window.addEventListener("resize", onResize);
    setup(true);
    window.setInterval(poll, POLL_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
