"""Steps a learner takes across the sites, shared by the journey tests (tests/browser)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

FAC = "FAC229230568"
SHOTS = Path("/tmp/shots/journey")


def shot(page, name: str) -> None:
    """A full-page screenshot for a human to look at (only when JOURNEY_SHOTS is set)."""
    if os.environ.get("JOURNEY_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


SMALL_TARGETS = """() => {
  const out = [];
  const sel = 'button, input:not([type=hidden]), select, textarea, nav a, a.button, summary';
  for (const el of document.querySelectorAll(sel)) {
    const box = el.getBoundingClientRect();
    if (!box.width || !box.height || el.closest('#telefoon')) continue;
    let height = box.height;
    if (el.type === 'checkbox' || el.type === 'radio') {
      const label = el.labels && el.labels[0];
      height = Math.max(height, label ? label.getBoundingClientRect().height : 0);
    }
    if (height < 44) out.push(`${el.tagName} "${(el.innerText || el.value || '').trim()}" ${height}px`);
  }
  return out;
}"""


def assert_big_enough(page) -> None:
    """Buttons, fields and menu links are at least 44 px high (to tap on a phone)."""
    page.wait_for_load_state("load")  # the stylesheets are in
    small = page.evaluate(SMALL_TARGETS)
    assert not small, f"too small to tap on {page.url}: {small}"


def check(page, name: str, wide: bool) -> None:
    """What every page of the journey keeps: a page id, axe clean, no sideways scroll, and
    at 360 px targets big enough to tap."""
    if "/sites/" in page.url:
        assert page.locator("body").get_attribute("data-page"), f"{name}: no page id"
    assert_accessible(page)
    if not wide:
        assert_no_sideways_scroll(page)
        assert_big_enough(page)
    shot(page, f"{name}-{'desktop' if wide else '360'}")


def phone(page):
    return page.locator("#telefoon")


def open_phone(page):
    """Open the phone panel (on a small screen it is a toggle button)."""
    toggle = page.locator("[data-target='phone.toggle']")
    expect(toggle).to_have_attribute("aria-expanded", re.compile("true|false"))  # phone.js ran
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    expect(phone(page)).to_be_visible()


def close_phone(page):
    """Close the phone with its own "Sluiten" (full screen, the page behind is inert)."""
    toggle = page.locator("[data-target='phone.toggle']")
    if toggle.get_attribute("aria-expanded") == "true":
        phone(page).locator("[data-phone-close]").click()
        expect(toggle).to_have_attribute("aria-expanded", "false")


def read_sms_code(page) -> str:
    open_phone(page)
    if not phone(page).locator(".phone-messages").is_visible():
        phone(page).get_by_role("button", name=re.compile("Berichten")).first.click()
    code = phone(page).locator(".phone-sms--newest .phone-sms__code")
    expect(code).to_be_visible()
    text = code.inner_text()
    close_phone(page)
    return text


def login_with_sms(page, wide: bool, name: str = "") -> None:
    """From inburgeren.nl's home: the header link, the DigiD button, sms, the code."""
    page.locator("[data-target='inburgeren.menu.inloggen']").first.click()
    expect(page.locator("body")).to_have_attribute("data-page", "inburgeren.login")
    if name:
        check(page, f"{name}-inloggen", wide)
    page.locator("[data-target='inburgeren.login.knop']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "digid.kies")
    if name:
        check(page, f"{name}-digid-kies", wide)
    page.locator("[data-target='digid.methode.sms']").click()
    oefen = page.locator("[data-target='digid.oefengegevens']")
    expect(oefen).to_contain_text("oefenaccount")
    if name:
        check(page, f"{name}-digid-sms", wide)
    page.get_by_label("DigiD gebruikersnaam").fill("oefenaccount")
    page.get_by_label("Wachtwoord", exact=True).fill("Oefenen123")
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.locator("body")).to_have_attribute("data-page", "digid.sms.code")
    if name:
        check(page, f"{name}-digid-code", wide)
    code = read_sms_code(page)
    page.get_by_label("Sms-code").fill(code)
    page.get_by_role("button", name="Volgende").click()
    expect(page.locator("body")).to_have_attribute("data-page", "mijn.home")


def amount(page, target: str) -> int:
    """An amount in cents from a Lening row ("€ 3.300,00" -> 330000)."""
    text = page.locator(f"[data-target='{target}']").inner_text()
    found = re.search(r"€\s*([\d.]+),(\d\d)", text)
    assert found, f"no amount in {target}: {text!r}"
    return int(found.group(1).replace(".", "")) * 100 + int(found.group(2))


def begin_opnieuw(page) -> None:
    page.locator("[data-target='oefen.opnieuw']").click()
    page.get_by_role("button", name="Ja, begin opnieuw").click()
    expect(page.get_by_text("Alles staat weer klaar", exact=False)).to_be_visible()


IB = "/sites/www.inburgeren.nl"
M = "/sites/mijn.inburgeren.nl"
IND = "/sites/ind.nl"


def fresh(page, live_server) -> None:
    """Begin opnieuw from the start page, then go to inburgeren.nl (logged out, all reset)."""
    page.goto(live_server + "/")
    begin_opnieuw(page)
    page.get_by_role("link", name="Naar inburgeren.nl").click()
    expect(page.locator("body")).to_have_attribute("data-page", "inburgeren.home")


def to_digid(page) -> None:
    page.locator("[data-target='inburgeren.menu.inloggen']").first.click()
    page.locator("[data-target='inburgeren.login.knop']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "digid.kies")


def koppelcode(page) -> str:
    return "".join(page.locator("[data-target='digid.app.koppelcode'] span").all_inner_texts())


def pair_in_app(page) -> None:
    code = koppelcode(page)
    open_phone(page)
    scan = phone(page).locator("[data-target='phone.app.scan']")
    if not scan.is_visible():  # the app may still be open from the last login
        phone(page).locator("[data-target='phone.app']").click()
    scan.click()
    phone(page).get_by_label(code, exact=True).check()
    phone(page).get_by_role("button", name="Volgende").click()


@contextmanager
def computer_waits(page) -> Iterator[None]:
    """Hold the DigiD page's polls ("is the app done?") while the block looks at the phone.

    The page asks every 2 s and moves on to Mijn Inburgering once the app has confirmed. On a
    slow machine that can happen between two of the test's looks at the phone's "Gelukt"; on a
    small screen the next page starts with the phone closed, and the test would look at a
    phone that is gone. A learner sees "Gelukt" first and then the page moving on: held here
    until the block ends, the polls are answered then and the page moves on as before."""
    held: list = []
    releasing = False

    def hold(route) -> None:
        if releasing:
            route.continue_()
        else:
            held.append(route)

    pattern = "**/sites/digid.nl/app/status"
    page.route(pattern, hold)
    # A poll sent before the route was in place is not held: wait for the next one, which the
    # page sends only after the last one's answer (so none is on its way any more).
    for _ in range(100):
        if held:
            break
        page.wait_for_timeout(100)
    assert held, "the DigiD page did not ask whether the app is done"
    try:
        yield
    finally:
        releasing = True
        for route in held:
            try:
                route.continue_()
            except PlaywrightError as error:
                # The browser dropped the request itself (its page went): nothing to answer.
                if "already handled" not in str(error):
                    raise
        page.unroute(pattern)


def exam_day() -> date:
    """A weekday seven weeks from now (far enough ahead to register)."""
    day = date.today() + timedelta(weeks=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until the element matching selector has the focus (fails when never)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("(s) => document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"Tab never reached {selector}")


def press_enter(page, page_id: str) -> None:
    """Enter on the focused link or button, then wait for the next page."""
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-page", page_id)
