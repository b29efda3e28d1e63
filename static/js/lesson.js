// The lesson panel: collapse on small screens, arrows, "where to look" when a target is
// missing, the hint offer after a minute, and polling so a step done elsewhere moves on.
(function () {
  "use strict";
  var POLL_MS = 2000;
  var panel, content, live, offerTimer = 0, reported = {};

  function $(sel, root) { return (root || document).querySelector(sel); }

  function version() {
    var st = $(".lesson-panel__state", content);
    return st ? st.getAttribute("data-version") : "";
  }

  function announce() {
    var instruction = $("[data-instruction]", content);
    if (!live || !instruction) return;
    live.textContent = "";
    window.setTimeout(function () { live.textContent = instruction.textContent.trim(); }, 250);
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
    var st = $(".lesson-panel__state", content);
    var offer = $("[data-offer]", content);
    var after = st ? parseInt(st.getAttribute("data-hint-after"), 10) : -1;
    if (!offer || isNaN(after) || after < 0) return;
    offerTimer = window.setTimeout(function () { offer.hidden = false; }, after * 1000);
  }

  function pad() {
    var height = fixedHeight();
    document.body.style.paddingBottom = height ? height + "px" : "";
  }

  function setup() {
    var result = window.LessonOverlay ? window.LessonOverlay.update() : { wanted: 0, found: 0 };
    var where = $("[data-where]", content);
    if (where) where.hidden = !(result.wanted > 0 && result.found === 0);
    if (result.wanted > 0 && result.found === 0) reportMissing(result.names);
    var again = $("[data-show-arrows]", content);
    if (again) again.addEventListener("click", function () { window.LessonOverlay.show(); });
    offerHint();
    announce();
    pad();
    if (window.LessonOverlay && result.found) window.LessonOverlay.reveal(fixedHeight());
  }

  function fixedHeight() {
    return window.getComputedStyle(panel).position === "fixed" ? panel.offsetHeight : 0;
  }

  function collapse(closed) {
    var toggle = $(".lesson-panel__toggle", panel);
    toggle.setAttribute("aria-expanded", closed ? "false" : "true");
    toggle.textContent = toggle.getAttribute(closed ? "data-label-closed" : "data-label-open");
    content.hidden = closed;
    panel.classList.toggle("lesson-panel--closed", closed);
    try { window.sessionStorage.setItem("lessonPanelClosed", closed ? version() : ""); } catch (e) {}
    pad();
  }

  function poll() {
    if (document.hidden) return;
    var next = window.location.pathname + window.location.search;
    var url = panel.getAttribute("data-status-url") + "?page=" +
      encodeURIComponent(panel.getAttribute("data-page") || "") + "&next=" + encodeURIComponent(next);
    window.fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data || data.version === version()) return;
        var active = document.activeElement;
        if (active && content.contains(active) && active.tagName === "INPUT" && active.value) return;
        if (!data.html) { panel.remove(); if (window.LessonOverlay) window.LessonOverlay.hide(); return; }
        content.innerHTML = data.html;
        reported = {};
        setup();
      })
      .catch(function () {});
  }

  function start() {
    panel = document.getElementById("lesson-panel");
    if (!panel) return;
    content = $(".lesson-panel__content", panel);
    live = document.getElementById("lesson-live");
    $(".lesson-panel__toggle", panel).addEventListener("click", function () {
      collapse(!content.hidden);
    });
    var closed = false;
    // Stay closed on the next page only while the step is the same one.
    try { closed = window.sessionStorage.getItem("lessonPanelClosed") === version(); } catch (e) {}
    if (closed) collapse(true);
    setup();
    window.addEventListener("resize", pad);
    window.setInterval(poll, POLL_MS);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
