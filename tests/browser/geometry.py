"""What the learner can see: the free area of the screen, measured in the page.

The free area is the viewport minus what covers the page: the lesson sheet, the opened phone,
the notification banner and the bar, whenever they are fixed or sticky. It is computed here
from their boxes, independently of static/js/freearea.js, so the tests check the overlay
against the screen and not against itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from playwright.sync_api import expect

COVERS = {
    "lesson panel": "#lesson-panel",
    "phone": "#telefoon",
    "banner": "[data-phone-notice]",
    "purple bar": ".frame-top",
}

MEASURE = """(covers) => {
  const d = document.documentElement, vw = d.clientWidth, vh = d.clientHeight;
  const shown = (el) => {
    if (!el || el.hidden || el.closest('[hidden]')) return false;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden') return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const over = (a, b) => a.left < b.right - 1 && a.right > b.left + 1 && a.top < b.bottom - 1 && a.bottom > b.top + 1;
  const box = (r) => `${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}x${Math.round(r.height)}`;
  const found = [];
  for (const [name, selector] of Object.entries(covers)) {
    const el = document.querySelector(selector);
    if (!shown(el)) continue;
    const pos = getComputedStyle(el).position;
    if (pos === 'fixed' || pos === 'sticky') found.push({name, el, r: el.getBoundingClientRect()});
  }
  const problems = [];
  const check = (what, el, r, mark) => {
    if (r.left < -1 || r.top < -1 || r.right > vw + 1 || r.bottom > vh + 1) {
      problems.push(`${what} at ${box(r)} is outside the ${vw}x${vh} screen`);
    }
    for (const c of found) {
      if (!c.el.contains(el) && over(r, c.r)) problems.push(`${what} at ${box(r)} is under the ${c.name} (${box(c.r)})`);
    }
    for (let a = (mark || el).parentElement; a && a !== document.body; a = a.parentElement) {
      const cs = getComputedStyle(a);
      if (cs.overflowX === 'visible' && cs.overflowY === 'visible') continue;
      const c = a.getBoundingClientRect();
      if (r.left < c.left - 1 || r.right > c.right + 1 || r.top < c.top - 1 || r.bottom > c.bottom + 1) {
        problems.push(`${what} at ${box(r)} is cut off by a scrolling box (${box(c)})`);
      }
    }
  };
  // The band of the screen the page is seen in: full-width covers at its top or bottom off.
  const band = {top: 0, bottom: vh};
  for (const c of found) {
    if (c.r.width < vw * 0.9 || c.name === 'phone') continue;
    if (c.r.top <= 24) band.top = Math.max(band.top, c.r.bottom);
    else if (c.r.bottom >= vh - 24) band.bottom = Math.min(band.bottom, c.r.top);
  }
  // A target taller than that band cannot lie in it: it counts as in view when its top is in
  // the band (with room for its letter) and it fills the rest of it.
  const tall = (el, r) => !found.some((c) => c.el.contains(el)) && r.height > band.bottom - band.top - 24
    && r.top >= band.top + 14 && r.top <= band.top + 120 && r.bottom >= band.bottom
    && r.left >= -1 && r.right <= vw + 1;
  const state = document.querySelector('.lesson-panel__state');
  const wanted = state && state.dataset.arrows === '1' ? JSON.parse(state.dataset.targets) : [];
  const targets = [];
  for (const t of wanted) {
    const el = [...document.querySelectorAll('[data-target]')].find((e) => e.dataset.target === t.target && shown(e));
    if (!el) { targets.push({name: t.target, mark: t.mark, missing: true}); continue; }
    const before = problems.length, r = el.getBoundingClientRect();
    if (!tall(el, r)) check(`target ${t.target} (${t.mark})`, el, r);
    targets.push({name: t.target, mark: t.mark, ok: problems.length === before, tall: tall(el, r)});
  }
  let marks = 0;
  for (const m of document.querySelectorAll('.lesson-arrow, .lesson-letter')) {
    if (!shown(m)) continue;
    marks += 1;
    // A mark on a target inside the sheet or the phone may sit on that sheet or phone.
    const target = [...document.querySelectorAll('[data-target]')].find((e) => e.dataset.target === m.dataset.for && shown(e));
    const what = m.classList.contains('lesson-arrow') ? 'arrow' : 'letter ' + m.textContent;
    check(`${what} for ${m.dataset.for}`, target || m, m.getBoundingClientRect(), m);
  }
  // Can the targets be in view together at all? Their span on the page (with room for the
  // letters above them) against the screen's height minus the covers at its top and bottom,
  // the lesson sheet counted collapsed.
  let top = Infinity, bottom = -Infinity, free = vh;
  for (const t of wanted) {
    const el = [...document.querySelectorAll('[data-target]')].find((e) => e.dataset.target === t.target && shown(e));
    if (!el || found.some((c) => c.el.contains(el))) continue;
    const r = el.getBoundingClientRect();
    top = Math.min(top, r.top + scrollY - (t.mark === 'arrow' ? 2 : 17));
    bottom = Math.max(bottom, r.bottom + scrollY + 2);
  }
  for (const c of found) {
    if (c.r.width < vw * 0.9 || c.name === 'phone') continue;
    let height = c.r.height;
    const more = c.el.querySelector('.lesson-panel__more');
    if (more && shown(more)) height -= more.getBoundingClientRect().height;
    free -= height + (c.r.top > 1 && c.r.bottom < vh - 1 ? c.r.top : 0);
  }
  const together = bottom - top <= free - 24;
  return {targets, marks, problems, covers: found.map((c) => c.name), width: vw, height: vh, together};
}"""


@dataclass
class View:
    """One measurement: the step's targets, the marks shown, and what is wrong."""

    targets: list[dict]
    marks: int
    problems: list[str]
    covers: list[str]
    width: int
    height: int
    together: bool  # the targets fit on the screen together (else one group at a time)
    seen: set[str] = field(default_factory=set)

    @property
    def found(self) -> list[dict]:
        return [t for t in self.targets if not t.get("missing")]


def measure(page) -> View:
    """The free area now: every target's and every shown mark's box checked against it."""
    page.wait_for_function("() => !document.fonts || document.fonts.status === 'loaded'")
    data = page.evaluate(MEASURE, COVERS)
    view = View(**data)
    view.seen = {t["name"] for t in view.targets if t.get("ok")}
    return view


def settle(page) -> None:
    """Wait until the overlay has placed its marks (two animation frames after the last change)."""
    page.evaluate(
        "() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok)))"
    )


def _marks_problems(view: View) -> list[str]:
    return [p for p in view.problems if p.startswith(("arrow", "letter"))]


def assert_in_view(page, where: str, here: bool = True) -> tuple[View, int]:
    """Every target of the step and every mark lies in the free area: nothing under the sheet,
    the phone, the banner or the bar, nothing off the screen. When the targets cannot be on
    the screen together (their span is taller than the screen minus the covers, the sheet
    counted collapsed), the first group is and "Waar nog?" brings each of the others, with
    every shown mark still in the free area. here=False: the step happens on another page.
    Returns the first measurement and how often "Waar nog?" was pressed."""
    settle(page)
    view = measure(page)
    missing = [t["name"] for t in view.targets if t.get("missing")]
    assert not (missing if here else view.found), f"{where}: {view.targets}"
    assert not _marks_problems(view), f"{where}: " + "; ".join(view.problems)
    assert view.marks <= len(view.found), (
        f"{where}: {view.marks} marks for {len(view.found)} targets"
    )
    if view.together:
        assert not view.problems, f"{where}: " + "; ".join(view.problems)
        assert view.marks == len(view.found), (
            f"{where}: {view.marks} marks shown for {len(view.found)} targets"
        )
        return view, 0
    wanted = {t["name"] for t in view.found}
    seen, presses = set(view.seen), 0
    assert seen, f"{where}: not one target in view on arrival: {view.problems}"
    button = page.locator("[data-where-button]")
    again = view
    while seen != wanted:
        assert presses < 2 * len(wanted), (
            f"{where}: never saw {wanted - seen} ({presses} presses): {again.problems}"
        )
        # "Waar?" or "Waar nog?" (in the learner's language), never "Toon de pijl weer"
        labels = [button.get_attribute(f"data-label-{k}") for k in ("where", "next")]
        expect(button).to_have_text(re.compile("^(" + "|".join(map(re.escape, labels)) + ")$"))
        button.click()
        presses += 1
        settle(page)
        again = measure(page)
        assert not _marks_problems(again), f"{where}, press {presses}: {again.problems}"
        seen |= again.seen
    return view, presses
