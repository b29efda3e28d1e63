"""Lessons 2 and 4 on a 360 px phone with the keyboard only.

At every Tab stop the focused element is at most half covered (by the lesson sheet, the phone,
the banner or the edge of the screen); after "Volgende" in the panel the focus is on the new
instruction; the focus stays put when the panel updates itself; Escape closes the topmost
thing only; the arrow comes back by keyboard.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.panel_walk import Walk, log_in

COVERED = """() => {
  // Points of the focused element (a 6 x 6 grid): one is covered when it is off the screen or
  // the topmost thing there belongs to the lesson sheet, the phone or the banner.
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return {covered: 0, what: 'body'};
  const d = document.documentElement, vw = d.clientWidth, vh = d.clientHeight;
  const r = el.getBoundingClientRect();
  const what = `${el.tagName} "${(el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
  if (!r.width || !r.height) return {covered: 0, what};
  const covers = ['#lesson-panel', '#telefoon', '[data-phone-notice]']
    .map((s) => document.querySelector(s)).filter((c) => c && !c.contains(el));
  let hidden = 0, total = 0;
  for (let i = 0; i < 6; i++) {
    for (let j = 0; j < 6; j++) {
      const x = r.left + (i + 0.5) * r.width / 6, y = r.top + (j + 0.5) * r.height / 6;
      total += 1;
      if (x < 0 || y < 0 || x >= vw || y >= vh) { hidden += 1; continue; }
      const hit = document.elementFromPoint(x, y);
      if (hit && covers.some((c) => c.contains(hit))) hidden += 1;
    }
  }
  return {covered: hidden / total, what};
}"""


class Keys:
    """Tab, Enter and typing; every Tab stop is measured."""

    def __init__(self, page):
        self.page = page
        self.stops = 0
        self.worst = 0.0

    def tab_to(self, selector: str, limit: int = 150) -> None:
        """Press Tab until the element matching selector has the focus."""
        for _ in range(limit):
            self.page.keyboard.press("Tab")
            self.stops += 1
            result = self.page.evaluate(COVERED)
            self.worst = max(self.worst, result["covered"])
            assert result["covered"] <= 0.5, (
                f"{result['what']} is {result['covered']:.0%} covered on {self.page.url}"
            )
            if self.page.evaluate("(s) => document.activeElement.matches(s)", selector):
                return
        raise AssertionError(f"Tab never reached {selector} on {self.page.url}")

    def target(self, name: str) -> None:
        """Tab to a lesson target (a <details> is reached at its summary)."""
        self.tab_to(f"[data-target='{name}'], [data-target='{name}'] > summary")

    def press(self, key: str) -> None:
        self.page.keyboard.press(key)

    def enter(self) -> None:
        """Enter on a link or button that loads the next page."""
        with self.page.expect_navigation():
            self.press("Enter")

    def go(self, name: str) -> None:
        """Tab to a target and press Enter on it (the next page loads)."""
        self.target(name)
        self.enter()

    def panel_button(self, name: str) -> None:
        """A button in the sheet; the sheet is opened by keyboard first when it is collapsed."""
        toggle = self.page.locator("#lesson-panel .lesson-panel__toggle")
        if toggle.get_attribute("aria-expanded") == "false":
            self.tab_to("#lesson-panel .lesson-panel__toggle")
            self.press("Enter")
        button = self.page.locator("#lesson-panel").get_by_role("button", name=name, exact=True)
        button.evaluate("(el) => el.setAttribute('data-keys-goal', '')")
        self.tab_to("[data-keys-goal]")
        self.enter()


def step(page, text: str) -> None:
    expect(page.locator("#lesson-panel .lesson-panel__count")).to_have_text(text, timeout=10_000)


def arrow_on(page) -> bool:
    """The arrow is on (its target highlighted; the mark shows whenever the target is in sight)."""
    highlighted = page.locator(".lesson-highlight").count() == 1
    where = page.locator("[data-where-button]").inner_text()
    return highlighted and where != "Toon de pijl weer"


def test_lesson_2_by_keyboard_at_360px(mobile, live_server):
    page, keys = mobile, Keys(mobile)
    page.goto(live_server + "/")
    keys.tab_to("form[action='/les/inloggen/begin'] button")
    keys.enter()
    keys.tab_to(".lesson-page__nav button")
    keys.enter()
    step(page, "Stap 2 van 7")
    keys.go("inburgeren.menu.inloggen")
    step(page, "Stap 3 van 7")
    keys.go("inburgeren.login.knop")
    step(page, "Stap 4 van 7")
    keys.go("digid.methode.sms")
    step(page, "Stap 5 van 7")
    # The arrow's target keeps its normal focus ring beside the highlight.
    keys.target("digid.gebruikersnaam")
    page.keyboard.type("oefenaccount")
    keys.target("digid.wachtwoord")
    page.keyboard.type("Oefenen123")
    keys.target("digid.inloggen")
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement); return [s.outlineColor, s.outlineStyle, s.boxShadow]; }"
    )
    assert ring[0] == "rgb(255, 191, 71)" and ring[1] == "solid", ring  # the yellow focus ring
    assert "rgb(209, 0, 108)" in ring[2] and "rgb(27, 27, 27)" in ring[2], ring  # and the pink
    keys.enter()
    step(page, "Stap 6 van 7")
    assert arrow_on(page)
    # The padlock's information closes on Escape; the arrow stays.
    keys.target("browser.hangslot")
    keys.press("Enter")
    expect(page.locator(".padlock__info")).to_be_visible()
    keys.press("Escape")
    expect(page.locator(".padlock__info")).to_be_hidden()
    assert arrow_on(page)
    # A: the Telefoon button; Tab stays in the phone and the sheet below it.
    keys.target("phone.toggle")
    keys.press("Enter")
    phone = page.locator("#telefoon")
    expect(phone).to_be_visible()
    keys.tab_to("#telefoon [data-target='phone.sms']")
    keys.press("Enter")
    code = phone.locator(".phone-sms--newest .phone-sms__code")
    expect(code).to_be_visible()
    sms = code.inner_text().strip()
    keys.press("Escape")  # closes the phone, not the arrow
    expect(phone).to_be_hidden()
    assert arrow_on(page)
    keys.press("Escape")  # now the arrow hides
    expect(page.locator(".lesson-overlay .lesson-arrow")).to_be_hidden()
    assert not arrow_on(page)
    keys.tab_to("#lesson-panel [data-where-button]")
    expect(page.locator("[data-where-button]")).to_have_text("Toon de pijl weer")
    keys.press("Enter")
    assert arrow_on(page)
    keys.target("digid.sms.code")
    page.keyboard.type(sms)
    keys.go("digid.sms.volgende")
    step(page, "Stap 7 van 7")
    keys.panel_button("Volgende")
    expect(page.get_by_text("U heeft deze les afgerond. Goed gedaan!")).to_be_visible()
    print(
        f"\nlesson 2 by keyboard at 360x740: {keys.stops} Tab stops, worst {keys.worst:.0%} covered"
    )


def test_lesson_4_by_keyboard_at_360px(mobile, live_server):
    page, keys = mobile, Keys(mobile)
    page.goto(live_server + "/opnieuw")
    page.get_by_label(re.compile("Oefenen met facturen")).check()
    page.get_by_role("button", name="Ja, begin opnieuw").click()
    expect(page.get_by_text("Alles staat weer klaar.")).to_be_visible()
    log_in(Walk(page, live_server, "facturen"))  # setup: lesson 2 did this by keyboard
    page.goto(live_server + "/")
    keys.tab_to("form[action='/les/facturen/begin'] button")
    keys.enter()
    while "/les/" in page.url:
        keys.tab_to(".lesson-page__nav button:not(.button--secondary)")
        keys.enter()
    step(page, "Stap 4 van 15")
    keys.go("mail.bericht.MAIL001")
    step(page, "Stap 5 van 15")
    page.locator("#lesson-panel .lesson-panel__goto a").evaluate(
        "(el) => el.setAttribute('data-keys-goal', '')"
    )
    toggle = page.locator("#lesson-panel .lesson-panel__toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        keys.tab_to("#lesson-panel .lesson-panel__toggle")
        keys.press("Enter")
    keys.tab_to("[data-keys-goal]")
    keys.enter()
    keys.go("mijn.menu.facturen")
    step(page, "Stap 6 van 15")
    keys.go("mijn.submenu.facturen")
    step(page, "Stap 7 van 15")
    keys.go("mijn.factuur.FAC229230568")
    step(page, "Stap 8 van 15")
    keys.go("mijn.factuur.accepteren")
    step(page, "Stap 9 van 15")
    keys.go("mijn.factuur.akkoord")
    step(page, "Stap 10 van 15")
    # The panel updates itself (another tab moved the step on): the focus stays on its button.
    keys.tab_to("#lesson-panel [data-where-button]")
    other = page.context.new_page()
    other.goto(page.url)
    other.locator("#lesson-panel").get_by_role("button", name="Volgende", exact=True).first.click()
    step(page, "Stap 11 van 15")
    assert page.evaluate("document.activeElement.matches('#lesson-panel [data-where-button]')")
    other.close()
    keys.go("mijn.factuur.FAC229230569")
    step(page, "Stap 12 van 15")
    keys.panel_button("Volgende")
    step(page, "Stap 13 van 15")
    # After "Volgende" the focus is on the new instruction (or the collapsed sheet's summary).
    assert page.evaluate("document.activeElement.matches('[data-instruction], [data-summary]')"), (
        page.evaluate("document.activeElement.outerHTML.slice(0, 120)")
    )
    ring = page.evaluate("getComputedStyle(document.activeElement).outlineColor")
    assert ring == "rgb(255, 191, 71)", ring  # pressed with the keyboard: the ring shows
    keys.go("mijn.factuur.weigeren")
    step(page, "Stap 14 van 15")
    keys.target("mijn.factuur.reden")
    page.keyboard.type("Factuurbedrag")  # a closed <select> picks the option typed
    expect(page.locator("[data-target='mijn.factuur.reden'] option:checked")).to_have_text(
        "Factuurbedrag is niet goed"
    )
    keys.go("mijn.factuur.verder")
    step(page, "Stap 15 van 15")
    keys.panel_button("Volgende")
    expect(page.get_by_text("U heeft deze les afgerond. Goed gedaan!")).to_be_visible()
    print(
        f"\nlesson 4 by keyboard at 360x740: {keys.stops} Tab stops, worst {keys.worst:.0%} covered"
    )
