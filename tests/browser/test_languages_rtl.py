"""Lesson 2 in Arabic on a 360 px phone: the panel, the sheet and the phone right to left, the
Dutch site left to right, and every arrow and letter on its own element of that site.

The walk taps only what the panel points at (tests/browser/panel_walk.py), without relying on
the words of the interface; on arrival at every step the targets and marks lie in the free
area (geometry.py) and each mark touches its own target.
"""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll
from tests.browser.lang_walk import (
    RIGHT_TO_LEFT_PAGE,
    LangWalk,
    assert_direction,
    choose_language,
)
from tests.browser.panel_walk import shot, walk_lesson_2

#: Counts what the page asks the device's own voice to say.
DEVICE_VOICE = """(() => {
  if (!('speechSynthesis' in window)) return;
  const speak = window.speechSynthesis.speak.bind(window.speechSynthesis);
  window.speechSynthesis.speak = (u) => { window.__spokenOnDevice = (window.__spokenOnDevice || 0) + 1; speak(u); };
})();"""


def arabic_phone(browser, live_server):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    context.add_init_script(RIGHT_TO_LEFT_PAGE)
    context.add_init_script(DEVICE_VOICE)
    return context


def test_lesson_2_in_arabic_at_360px(browser, live_server, seven_languages, watch):
    context = arabic_phone(browser, live_server)
    page = watch(context.new_page())
    choose_language(page, live_server, "ar")
    walk = LangWalk(page, live_server, "inloggen")
    original = walk.arrive

    def arrive(step: str, here: bool = True, name: str = "") -> None:
        original(step, here, name)
        assert_direction(page, "ar")
        assert_no_sideways_scroll(page)

    walk.arrive = arrive
    walk_lesson_2(walk)
    context.close()


def test_lesson_2_in_arabic_at_1280px(browser, live_server, seven_languages, watch):
    """On a laptop the whole frame mirrors: the panel and the phone to the left of the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    context.add_init_script(RIGHT_TO_LEFT_PAGE)
    page = watch(context.new_page())
    choose_language(page, live_server, "ar")
    walk = LangWalk(page, live_server, "inloggen")
    original = walk.arrive

    def arrive(step: str, here: bool = True, name: str = "") -> None:
        original(step, here, name)
        assert_direction(page, "ar")
        panel = page.locator("#lesson-panel").bounding_box()
        site = page.locator("main.site").bounding_box()
        assert panel["x"] + panel["width"] <= site["x"] + 1, (panel, site)

    walk.arrive = arrive
    walk_lesson_2(walk)
    context.close()


def test_arabic_sheet_and_arrow_are_accessible(browser, live_server, seven_languages, watch):
    context = arabic_phone(browser, live_server)
    page = watch(context.new_page())
    choose_language(page, live_server, "ar")
    walk = LangWalk(page, live_server, "inloggen")
    walk.begin()
    walk.arrive("Stap 2 van 7", name="les2-ar-sheet-arrow")
    panel = page.locator("#lesson-panel")
    instruction = panel.locator("[data-instruction]")
    expect(instruction).to_contain_text("Inloggen Mijn Inburgering")
    # The Dutch words on the screen are quoted in Dutch inside the Arabic sentence.
    assert instruction.locator("strong[lang=nl]").first.inner_text() == "Inloggen Mijn Inburgering"
    # The sheet mirrors: its open/close button sits on the left, the step count on the right.
    toggle = panel.locator(".lesson-panel__toggle").bounding_box()
    count = panel.locator(".lesson-panel__count").bounding_box()
    assert toggle["x"] + toggle["width"] < count["x"], (toggle, count)
    # The speakers at the end (left) of the instruction's first line.
    speak = panel.locator(".lesson-read .lesson-speak").first.bounding_box()
    text = instruction.bounding_box()
    assert speak["x"] < text["x"] + 10, (speak, text)
    assert_accessible(page)
    # The arrow still points from the left at the link on the (left-to-right) Dutch site.
    arrow = page.locator(".lesson-arrow").bounding_box()
    link = page.locator("[data-target='inburgeren.menu.inloggen']:visible").bounding_box()
    assert abs((arrow["y"] + 24) - (link["y"] + link["height"] / 2)) < 2
    context.close()


def test_the_phone_mirrors_and_its_call_in_arabic(browser, live_server, seven_languages, watch):
    """The practice phone in Arabic: its own texts right to left, DigiD's sms and voice Dutch."""
    context = arabic_phone(browser, live_server)
    page = watch(context.new_page())
    choose_language(page, live_server, "ar")
    page.goto(live_server + "/sites/digid.nl/inloggen?dienst=duo")
    page.locator("[data-target='digid.methode.sms']:visible").tap()
    page.locator("[data-target='digid.gebruikersnaam']").fill("oefenaccount")
    page.locator("[data-target='digid.wachtwoord']").fill("Oefenen123")
    page.locator("[data-target='digid.inloggen']:visible").tap()
    expect(page.locator("body")).to_have_attribute("data-page", "digid.sms.code")
    page.locator("[data-target='digid.sms.voorlezen']").tap()  # "Laat de code voorlezen"
    notice = page.locator("[data-phone-notice]")
    expect(notice).to_be_visible()
    expect(notice).to_have_attribute("dir", "rtl")
    notice.locator("button[type=submit]").tap()
    phone = page.locator("#telefoon")
    expect(phone).to_be_visible()
    expect(phone).to_have_attribute("dir", "rtl")
    phone.locator(".phone-btn--green").tap()  # answer
    transcript = phone.locator(".phone-transcript")
    expect(transcript).to_be_visible()
    # DigiD's voice is the server's audio (no device voice needed: none was asked for).
    expect(transcript).to_have_attribute("data-speak-state", "playing", timeout=10_000)
    assert transcript.get_attribute("data-speak-url").startswith("/telefoon/gesprek.mp3?")
    assert page.evaluate("window.__spokenOnDevice || 0") == 0
    expect(transcript).to_have_attribute("lang", "nl")
    assert transcript.evaluate("el => getComputedStyle(el).direction") == "ltr"
    expect(phone.locator("[data-speak-again]")).to_be_visible()
    # The phone's bar mirrors: its close button on the left, the title on the right.
    close = phone.locator(".phone__close").bounding_box()
    title = phone.locator(".phone__title").bounding_box()
    assert close["x"] < title["x"], (close, title)
    assert_no_sideways_scroll(page)
    shot(page, "phone-call-ar")
    context.close()
