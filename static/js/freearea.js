// The free area: the part of the screen where the learner sees the page itself. It is the
// viewport minus what covers it: the lesson sheet (fixed at the bottom on a phone), the opened
// phone, the notification banner and a fixed bar. The overlay puts its marks only there and
// scrolls a step's targets into it. Something the element lives in never covers it (a mark on
// the sheet's Telefoon button sits on the sheet).
(function () {
  "use strict";
  var COVERS = ["#lesson-panel", "#telefoon", "[data-phone-notice]", ".frame-top"];
  var MARGIN = 12;
  var EDGE = 24; // a cover this close to the top or the bottom takes that edge (a banner's margin)

  function shown(el) {
    if (!el || el.hidden) return false;
    var style = window.getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") return false;
    var r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  }

  function positioned(el) {
    var pos = window.getComputedStyle(el).position;
    return pos === "fixed" || pos === "sticky";
  }

  // The cover (sheet, phone, bar) an element lives in, if any.
  function home(el) {
    for (var i = 0; el && i < COVERS.length; i++) {
      var cover = document.querySelector(COVERS[i]);
      if (cover && cover.contains(el)) return cover;
    }
    return null;
  }

  // True when the element sits in something fixed: its marks must not scroll with the page.
  function fixed(el) {
    for (var node = el; node && node !== document.body; node = node.parentElement) {
      if (window.getComputedStyle(node).position === "fixed") return true;
    }
    return false;
  }

  // The rectangles (viewport coordinates) that cover the page for el.
  function covers(el) {
    var own = home(el), out = [];
    COVERS.forEach(function (selector) {
      var cover = document.querySelector(selector);
      if (!cover || cover === own || !shown(cover) || !positioned(cover)) return;
      out.push(cover.getBoundingClientRect());
    });
    return out;
  }

  function viewport() {
    var d = document.documentElement;
    return { left: 0, top: 0, right: d.clientWidth, bottom: d.clientHeight };
  }

  // The part of the viewport's height el can be seen in: full-width covers at the top or the
  // bottom take their height off (a column beside the page does not).
  function band(el) {
    var v = viewport(), b = { left: v.left, right: v.right, top: v.top, bottom: v.bottom };
    var own = home(el);
    if (own && window.getComputedStyle(own).position === "fixed") {
      var r = own.getBoundingClientRect();
      b.top = Math.max(b.top, r.top);
      b.bottom = Math.min(b.bottom, r.bottom);
    }
    covers(el).forEach(function (c) {
      if (c.width < (v.right - v.left) * 0.9) return;
      if (c.top <= b.top + EDGE && c.bottom > b.top) b.top = c.bottom;
      else if (c.bottom >= b.bottom - EDGE && c.top < b.bottom) b.bottom = c.top;
    });
    return b;
  }

  function overlaps(a, b) {
    return a.left < b.right - 0.5 && a.right > b.left + 0.5 && a.top < b.bottom - 0.5 && a.bottom > b.top + 0.5;
  }

  function within(r, b) {
    return r.left >= b.left - 0.5 && r.right <= b.right + 0.5 && r.top >= b.top - 0.5 && r.bottom <= b.bottom + 0.5;
  }

  // True when the rectangle r (of el or of its mark) lies wholly in el's free area.
  function free(r, el) {
    return within(r, band(el)) && !covers(el).some(function (c) { return overlaps(r, c); });
  }

  // The element's box as far as its scrolling ancestors show it (null when they hide it all).
  function seenBox(el) {
    var r = el.getBoundingClientRect();
    var box = { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    for (var node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      var style = window.getComputedStyle(node);
      if (style.overflowX === "visible" && style.overflowY === "visible") continue;
      var c = node.getBoundingClientRect();
      box = { left: Math.max(box.left, c.left), top: Math.max(box.top, c.top),
        right: Math.min(box.right, c.right), bottom: Math.min(box.bottom, c.bottom) };
    }
    if (box.right - box.left < 1 || box.bottom - box.top < 1) return null;
    box.width = box.right - box.left;
    box.height = box.bottom - box.top;
    return box;
  }

  // Scroll the element's own scrolling ancestors (a table, the phone) so it shows in them.
  function showInside(el) {
    for (var node = el.parentElement; node && node !== document.body && node !== document.documentElement; node = node.parentElement) {
      var style = window.getComputedStyle(node);
      var scrollsX = /(auto|scroll)/.test(style.overflowX) && node.scrollWidth > node.clientWidth;
      var scrollsY = /(auto|scroll)/.test(style.overflowY) && node.scrollHeight > node.clientHeight;
      if (!scrollsX && !scrollsY) continue;
      var r = el.getBoundingClientRect(), c = node.getBoundingClientRect();
      if (scrollsX && r.left < c.left) node.scrollLeft -= c.left - r.left + MARGIN;
      else if (scrollsX && r.right > c.right) node.scrollLeft += Math.min(r.right - c.right + MARGIN, r.left - c.left);
      if (scrollsY && r.top < c.top + MARGIN) node.scrollTop -= c.top + MARGIN - r.top + 16;
      else if (scrollsY && r.bottom > c.bottom - MARGIN) node.scrollTop += r.bottom - c.bottom + MARGIN;
    }
  }

  // Items are {el, above, below}: room the marks need above and below the element.
  function span(list) {
    var top = Infinity, bottom = -Infinity;
    list.forEach(function (item) {
      var r = item.el.getBoundingClientRect();
      top = Math.min(top, r.top + window.scrollY - item.above);
      bottom = Math.max(bottom, r.bottom + window.scrollY + item.below);
    });
    return { top: top, bottom: bottom };
  }

  // The items in groups that fit the free area together, in the order of the page, starting
  // with the group of the lead item (what the learner must tap). Items in something fixed
  // (the sheet, the phone) are always in view, so they join every group.
  function groups(items, lead) {
    var page = [], always = [];
    items.forEach(function (item) { (fixed(item.el) ? always : page).push(item); });
    if (!page.length) return items.length ? [always] : [];
    var first = page.indexOf(lead) >= 0 ? lead : page[0];
    page.sort(function (a, b) { return span([a]).top - span([b]).top; });
    var b = band(page[0].el), room = b.bottom - b.top - 2 * MARGIN;
    var out = [[page[0]]];
    for (var i = 1; i < page.length; i++) {
      var current = out[out.length - 1];
      var s = span(current.concat([page[i]]));
      if (s.bottom - s.top <= room) current.push(page[i]);
      else out.push([page[i]]);
    }
    var start = 0;
    while (out[start].indexOf(first) < 0) start++;
    out = out.slice(start).concat(out.slice(0, start));
    return out.map(function (group) { return group.concat(always); });
  }

  // True when the items (with their marks' room) fit in the free area together.
  function fit(items) {
    var page = items.filter(function (item) { return !fixed(item.el); });
    if (!page.length) return true;
    var s = span(page), b = band(page[0].el);
    return s.bottom - s.top <= b.bottom - b.top - 2 * MARGIN;
  }

  // Scroll the page (the least it can) so the group lies in the free area.
  function reveal(group) {
    group.forEach(function (item) { showInside(item.el); });
    var page = group.filter(function (item) { return !fixed(item.el); });
    if (!page.length) return;
    var s = span(page), b = band(page[0].el);
    var top = window.scrollY + b.top + MARGIN, bottom = window.scrollY + b.bottom - MARGIN;
    var y = window.scrollY;
    if (s.bottom - s.top > bottom - top || s.top < top) y += s.top - top;
    else if (s.bottom > bottom) y += s.bottom - bottom;
    var max = document.documentElement.scrollHeight - document.documentElement.clientHeight;
    y = Math.max(0, Math.min(y, max));
    if (Math.abs(y - window.scrollY) >= 1) window.scrollTo(window.scrollX, y);
  }

  window.OefenFreeArea = {
    band: band,
    covers: covers,
    free: free,
    fixed: fixed,
    seenBox: seenBox,
    groups: groups,
    fit: fit,
    reveal: reveal
  };
})();
