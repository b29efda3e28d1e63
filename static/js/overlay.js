// The guiding overlay: an arrow or letters A-E at the elements a lesson step points at.
// It only points: pointer-events are off, so the learner clicks the real element.
(function () {
  "use strict";
  var layer = null;
  var hidden = false;
  var items = [];
  var frame = 0;
  var SVG = "http://www.w3.org/2000/svg";

  function state() {
    return document.querySelector(".lesson-panel__state");
  }

  function targets() {
    var el = state();
    if (!el || el.getAttribute("data-arrows") !== "1") return [];
    try { return JSON.parse(el.getAttribute("data-targets") || "[]"); } catch (e) { return []; }
  }

  function visible(el) {
    var rect = el.getBoundingClientRect();
    if (rect.width === 0 && rect.height === 0) return false;
    var style = window.getComputedStyle(el);
    return style.visibility !== "hidden" && style.display !== "none";
  }

  function find(name) {
    var all = document.querySelectorAll("[data-target]");
    for (var i = 0; i < all.length; i++) {
      if (all[i].getAttribute("data-target") === name && visible(all[i])) return all[i];
    }
    return null;
  }

  function arrowSvg() {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", "0 0 48 48");
    svg.setAttribute("width", "48");
    svg.setAttribute("height", "48");
    svg.setAttribute("focusable", "false");
    var path = document.createElementNS(SVG, "path");
    path.setAttribute("d", "M4 20h24V8l18 16-18 16V28H4z");
    svg.appendChild(path);
    return svg;
  }

  function clear() {
    items.forEach(function (item) { item.el.classList.remove("lesson-highlight"); });
    items = [];
    if (layer) layer.textContent = "";
  }

  function build() {
    clear();
    var wanted = targets();
    if (!wanted.length) return { wanted: 0, found: 0 };
    if (!layer) {
      layer = document.createElement("div");
      layer.className = "lesson-overlay";
      layer.setAttribute("aria-hidden", "true");
      document.body.appendChild(layer);
    }
    wanted.forEach(function (t) {
      var el = find(t.target);
      if (!el) return;
      var mark = document.createElement("div");
      if (t.mark === "arrow") {
        mark.className = "lesson-arrow";
        mark.appendChild(arrowSvg());
      } else {
        mark.className = "lesson-letter";
        mark.textContent = t.mark;
      }
      layer.appendChild(mark);
      if (t.mark === "arrow") el.classList.add("lesson-highlight");
      items.push({ el: el, mark: mark, kind: t.mark });
    });
    place();
    return { wanted: wanted.length, found: items.length, names: wanted.map(function (t) { return t.target; }) };
  }

  function place() {
    frame = 0;
    if (!layer) return;
    layer.hidden = hidden;
    var sx = window.scrollX, sy = window.scrollY, vw = document.documentElement.clientWidth;
    items.forEach(function (item) {
      var r = item.el.getBoundingClientRect();
      var m = item.mark.style;
      if (item.kind !== "arrow") {
        // Centred on the element's top edge, like the letters in the workbook's pictures.
        m.left = Math.max(2, Math.min(r.left + sx + r.width / 2 - 14, sx + vw - 30)) + "px";
        m.top = Math.max(2, r.top + sy - 14) + "px";
        return;
      }
      item.mark.classList.remove("lesson-arrow--down", "lesson-arrow--left");
      if (r.left >= 56) {            // room on the left: point right, at the middle
        m.left = (r.left + sx - 52) + "px";
        m.top = (r.top + sy + r.height / 2 - 24) + "px";
      } else if (r.right + 56 <= vw) { // room on the right: point left
        item.mark.classList.add("lesson-arrow--left");
        m.left = (r.right + sx + 4) + "px";
        m.top = (r.top + sy + r.height / 2 - 24) + "px";
      } else {                          // full width: point down from above
        item.mark.classList.add("lesson-arrow--down");
        m.left = (r.left + sx + Math.min(r.width / 2, 60) - 24) + "px";
        m.top = Math.max(0, r.top + sy - 50) + "px";
      }
    });
  }

  function schedule() {
    if (!frame) frame = window.requestAnimationFrame(place);
  }

  function setHidden(value) {
    hidden = value;
    if (layer) layer.hidden = hidden;
    items.forEach(function (item) {
      if (item.kind === "arrow") item.el.classList.toggle("lesson-highlight", !hidden);
    });
    var button = document.querySelector("[data-show-arrows]");
    if (button) button.hidden = !hidden || !items.length;
  }

  window.addEventListener("scroll", schedule, { passive: true, capture: true });
  window.addEventListener("resize", schedule);
  document.addEventListener("toggle", schedule, true);
  document.addEventListener("click", function () { window.setTimeout(schedule, 30); });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && items.length && !hidden) setHidden(true);
  });
  if (window.ResizeObserver) new window.ResizeObserver(schedule).observe(document.body);

  // Scroll so the first target is in view and not under a panel of `inset` px at the bottom.
  function reveal(inset) {
    if (!items.length) return;
    var r = items[0].el.getBoundingClientRect();
    var bottom = window.innerHeight - (inset || 0);
    if (r.top >= 8 && r.bottom <= bottom - 8) return;
    window.scrollTo({ top: Math.max(0, window.scrollY + r.top - bottom * 0.35) });
    schedule();
  }

  window.LessonOverlay = {
    reveal: reveal,
    update: function () { var result = build(); setHidden(false); return result; },
    hide: function () { setHidden(true); },
    show: function () { setHidden(false); schedule(); },
    count: function () { return items.length; }
  };
})();
