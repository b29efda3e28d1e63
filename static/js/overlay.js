// The guiding overlay: an arrow or letters A-E at the elements a lesson step points at.
// It only points: pointer-events are off, so the learner taps the real element. Every mark
// stays inside the free area (freearea.js): it flips to the side of its target that has room,
// and hides while its target is out of sight (under the sheet, behind the phone, scrolled away).
// For screen readers each target is described ("Hier wijst de pijl: stap 3 van 7") and the
// panel lists the letters as links to their elements ("A: DigiD gebruikersnaam").
(function () {
  "use strict";
  var FA = window.OefenFreeArea;
  var ARROW = 48, LETTER = 30, GAP = 4;
  var layers = null, descriptions = null;
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

  function makeLayers() {
    if (layers) return;
    layers = {};
    ["page", "fixed"].forEach(function (kind) {
      var layer = document.createElement("div");
      layer.className = "lesson-overlay" + (kind === "fixed" ? " lesson-overlay--fixed" : "");
      layer.setAttribute("aria-hidden", "true");
      document.body.appendChild(layer);
      layers[kind] = layer;
    });
    descriptions = document.createElement("div");
    descriptions.hidden = true;
    descriptions.id = "lesson-descriptions";
    document.body.appendChild(descriptions);
  }

  // aria-describedby tokens of our own, added to or taken from what the element had.
  function describe(el, id, on) {
    var tokens = (el.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
    tokens = tokens.filter(function (t) { return t !== id; });
    if (on) tokens.push(id);
    if (tokens.length) el.setAttribute("aria-describedby", tokens.join(" "));
    else el.removeAttribute("aria-describedby");
  }

  function clear() {
    items.forEach(function (item) {
      item.el.classList.remove("lesson-highlight");
      describe(item.el, item.descId, false);
    });
    items = [];
    if (layers) { layers.page.textContent = ""; layers.fixed.textContent = ""; descriptions.textContent = ""; }
  }

  function label(kind) {
    var st = state();
    if (kind === "arrow") return st.getAttribute("data-arrow-label") || "";
    return (st.getAttribute("data-letter-label") || "{letter}").replace("{letter}", kind);
  }

  function build() {
    clear();
    var wanted = targets();
    if (!wanted.length) { letterLinks(); return { wanted: 0, found: 0, names: [] }; }
    makeLayers();
    wanted.forEach(function (t, index) {
      var el = find(t.target);
      if (!el) return;
      var mark = document.createElement("div");
      mark.setAttribute("data-for", t.target);
      if (t.mark === "arrow") {
        mark.className = "lesson-arrow";
        mark.appendChild(arrowSvg());
        el.classList.add("lesson-highlight");
      } else {
        mark.className = "lesson-letter";
        mark.textContent = t.mark;
      }
      var item = { el: el, mark: mark, kind: t.mark, descId: "lesson-doel-" + index };
      var text = document.createElement("span");
      text.id = item.descId;
      text.textContent = label(t.mark);
      descriptions.appendChild(text);
      describe(el, item.descId, true);
      (FA.fixed(el) ? layers.fixed : layers.page).appendChild(mark);
      items.push(item);
    });
    letterLinks();
    place();
    return { wanted: wanted.length, found: items.length, names: wanted.map(function (t) { return t.target; }) };
  }

  // The element's text as the learner sees it (without words only a screen reader gets).
  function shownText(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".visually-hidden, [aria-hidden='true'], [hidden]").forEach(function (node) {
      node.remove();
    });
    return copy.textContent;
  }

  // The element's name as a screen reader would say it, short.
  function nameOf(el) {
    if (el.tagName === "DETAILS" && el.querySelector("summary")) return nameOf(el.querySelector("summary"));
    var text = el.getAttribute("aria-label") || "";
    var by = el.getAttribute("aria-labelledby");
    if (!text && by && document.getElementById(by.split(" ")[0])) text = document.getElementById(by.split(" ")[0]).textContent;
    if (!text && el.labels && el.labels.length) text = el.labels[0].textContent;
    if (!text && !/^(A|BUTTON|SUMMARY|LABEL)$/.test(el.tagName)) {
      var heading = el.querySelector("h1, h2, h3, h4, legend, caption, th, dt");
      if (heading) text = heading.textContent;
    }
    if (!text) text = shownText(el);
    if (!text.trim()) {
      var img = el.querySelector("img[alt]");
      text = img ? img.getAttribute("alt") : "";
    }
    text = text.replace(/\s+/g, " ").trim();
    return text.length > 48 ? text.slice(0, 46) + "…" : text;
  }

  // In the panel: "A: DigiD gebruikersnaam", a link that takes the learner to the element.
  function letterLinks() {
    var list = document.querySelector("[data-letters]");
    if (!list) return;
    list.textContent = "";
    items.forEach(function (item, index) {
      if (item.kind === "arrow") return;
      if (!item.el.id) item.el.id = "lesson-doel-element-" + index;
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = "#" + item.el.id;
      a.setAttribute("data-letter-link", String(index));
      var letter = document.createElement("b");
      letter.textContent = item.kind + ":";
      a.appendChild(letter);
      a.appendChild(document.createTextNode(nameOf(item.el)));
      li.appendChild(a);
      list.appendChild(li);
    });
    list.hidden = !list.children.length;
  }

  // Where a mark may go around the target's box r: the first one in the free area wins.
  function candidates(kind, r) {
    var cx = r.left + r.width / 2, cy = r.top + r.height / 2;
    if (kind !== "arrow") {
      var h = LETTER / 2;
      return [
        { x: Math.min(Math.max(cx - h, r.left), r.right - LETTER), y: r.top - h },
        { x: Math.min(Math.max(cx - h, r.left), r.right - LETTER), y: r.bottom - h },
        { x: r.left - LETTER - GAP, y: cy - h },
        { x: r.right + GAP, y: cy - h },
        { x: r.left + GAP, y: r.top + GAP }
      ];
    }
    var a = ARROW / 2, across = r.left + Math.min(r.width / 2, 60) - a;
    return [
      { x: r.left - ARROW - GAP, y: cy - a, dir: "" },
      { x: r.right + GAP, y: cy - a, dir: "left" },
      { x: across, y: r.top - ARROW - 2, dir: "down" },
      { x: across, y: r.bottom + 2, dir: "up" }
    ];
  }

  function boxAt(spot, size) {
    return { left: spot.x, top: spot.y, right: spot.x + size, bottom: spot.y + size };
  }

  // True when a mark there would hide another link, button or field (not its own target).
  var CONTROL = "a[href], button, input, select, textarea, summary, label";
  function onControl(box, el) {
    var cx = (box.left + box.right) / 2, cy = (box.top + box.bottom) / 2;
    var d = (box.right - box.left) * 0.3;  // inside the round letter or the arrow's body
    var points = [[cx, cy], [cx - d, cy], [cx + d, cy], [cx, cy - d], [cx, cy + d]];
    return points.some(function (point) {
      var hit = document.elementFromPoint(point[0], point[1]);
      var control = hit && hit.closest(CONTROL);
      return control && control !== el && !el.contains(control) && !control.contains(el);
    });
  }

  // The first spot in the free area that hides no other control; else the first one in the
  // free area; else the first spot pushed into it; else none.
  function spotFor(item, r) {
    var size = item.kind === "arrow" ? ARROW : LETTER;
    var spots = candidates(item.kind, r), free = [];
    for (var i = 0; i < spots.length; i++) {
      if (FA.free(boxAt(spots[i], size), item.el)) free.push(spots[i]);
    }
    for (var j = 0; j < free.length; j++) {
      if (!onControl(boxAt(free[j], size), item.el)) return free[j];
    }
    if (free.length) return free[0];
    var b = FA.band(item.el), first = spots[0];
    var pushed = {
      x: Math.max(b.left, Math.min(first.x, b.right - size)),
      y: Math.max(b.top, Math.min(first.y, b.bottom - size)),
      dir: first.dir
    };
    return FA.free(boxAt(pushed, size), item.el) ? pushed : null;
  }

  function place() {
    frame = 0;
    if (!layers) return;
    layers.page.hidden = layers.fixed.hidden = hidden;
    if (hidden) return;
    var sx = window.scrollX, sy = window.scrollY;
    items.forEach(function (item) {
      var r = FA.seenBox(item.el);
      var spot = r && FA.free(visiblePart(r, item.el), item.el) ? spotFor(item, r) : null;
      item.mark.hidden = !spot;
      if (!spot) return;
      var inPage = item.mark.parentNode === layers.page;
      item.mark.style.left = (spot.x + (inPage ? sx : 0)) + "px";
      item.mark.style.top = (spot.y + (inPage ? sy : 0)) + "px";
      if (item.kind === "arrow") {
        item.mark.classList.remove("lesson-arrow--left", "lesson-arrow--down", "lesson-arrow--up");
        if (spot.dir) item.mark.classList.add("lesson-arrow--" + spot.dir);
      }
    });
  }

  // A sliver of the target that must be in sight for its mark to show (its middle part).
  function visiblePart(r, el) {
    var b = FA.band(el);
    var top = Math.max(r.top, b.top), bottom = Math.min(r.bottom, b.bottom);
    if (bottom - top < Math.min(12, r.height)) return { left: -1, top: -1, right: -1, bottom: -1 };
    var left = Math.max(r.left, b.left), right = Math.min(r.right, b.right);
    return { left: left, top: top, right: right, bottom: bottom };
  }

  function schedule() {
    if (!frame) frame = window.requestAnimationFrame(place);
  }

  function setHidden(value) {
    hidden = value;
    items.forEach(function (item) {
      if (item.kind === "arrow") item.el.classList.toggle("lesson-highlight", !hidden);
      describe(item.el, item.descId, !hidden);
    });
    place();
    document.dispatchEvent(new CustomEvent("lesson:overlay", { detail: { hidden: hidden } }));
  }

  // Room the marks need above and below their element (for scrolling it into view).
  function roomOf(item) {
    if (item.kind !== "arrow") return { el: item.el, above: LETTER / 2 + 2, below: 2 };
    var r = item.el.getBoundingClientRect(), extra = Math.max(2, ARROW / 2 - r.height / 2 + 2);
    return { el: item.el, above: extra, below: extra };
  }

  // The targets in groups that fit the free area together; the arrow's group (what to tap)
  // comes first, the letters name what is around it.
  function groups() {
    var rooms = items.map(roomOf);
    var arrow = items.filter(function (item) { return item.kind === "arrow"; })[0];
    return FA.groups(rooms, arrow ? rooms[items.indexOf(arrow)] : rooms[0]);
  }

  // Scroll group number `index` into the free area; the arrows move again from the start.
  function reveal(index) {
    var all = groups();
    if (!all.length) return { group: 0, groups: 0 };
    var i = ((index || 0) % all.length + all.length) % all.length;
    FA.reveal(all[i]);
    items.forEach(function (item) {
      if (item.kind !== "arrow") return;
      var svg = item.mark.firstChild;
      item.mark.removeChild(svg);
      item.mark.appendChild(svg);
    });
    place();
    return { group: i, groups: all.length };
  }

  function goTo(index) {
    var item = items[index];
    if (!item) return;
    FA.reveal([roomOf(item)]);
    var el = item.el;
    if (el.tabIndex < 0 && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA|SUMMARY)$/.test(el.tagName)) el.setAttribute("tabindex", "-1");
    el.focus({ preventScroll: true });
    place();
  }

  window.addEventListener("scroll", schedule, { passive: true, capture: true });
  window.addEventListener("resize", schedule);
  document.addEventListener("toggle", schedule, true);
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("[data-letter-link]");
    if (link) {
      event.preventDefault();
      goTo(Number(link.getAttribute("data-letter-link")));
      return;
    }
    window.setTimeout(schedule, 30);
  });
  // Escape hides the arrow only when nothing above it (the phone, a popover) took the key:
  // whoever closes something on Escape calls preventDefault().
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || event.defaultPrevented || !items.length || hidden) return;
    event.preventDefault();
    setHidden(true);
  });
  if (window.ResizeObserver) new window.ResizeObserver(schedule).observe(document.body);
  if (document.fonts && document.fonts.ready) document.fonts.ready.then(schedule);

  window.LessonOverlay = {
    update: function () { var result = build(); setHidden(false); return result; },
    rebuild: function () { build(); setHidden(hidden); },
    place: schedule,
    reveal: reveal,
    groups: function () { return groups().length; },
    fits: function () { return FA.fit(items.map(roomOf)); },
    hide: function () { setHidden(true); },
    show: function () { setHidden(false); },
    hidden: function () { return hidden; },
    count: function () { return items.length; }
  };
})();
