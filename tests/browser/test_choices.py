"""Language and text size in a real browser: Arabic right to left at 360 px, Tigrinya at 1280,
text size "groter"; by tap and by keyboard; axe-clean; screenshots in screenshots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import (
    FONTS_SETTLED,
    _watch_outside,
    assert_accessible,
    assert_no_sideways_scroll,
)

SHOTS = Path(__file__).resolve().parents[2] / "screenshots"


@pytest.fixture
def page_in(browser, live_server):
    """A page in a browser that asks for a language (Accept-Language), at a given width."""
    opened = []

    def make(locale: str, width: int):
        context = browser.new_context(
            locale=locale, viewport={"width": width, "height": 800}, has_touch=width < 600
        )
        page = context.new_page()
        opened.append((context, _watch_outside(page, live_server)))
        return page

    yield make
    for context, outside in opened:
        context.close()
        assert not outside, f"outside requests, CSP violations or script errors: {outside}"


def shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.evaluate(FONTS_SETTLED)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_arabic_browser_gets_the_start_page_right_to_left_at_360(page_in, live_server):
    page = page_in("ar-SA", 360)
    page.goto(live_server + "/")
    html = page.locator("html")
    assert html.get_attribute("lang") == "ar" and html.get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # right to left: the Oefenomgeving mark stands at the right edge of the bar
    mark = page.locator(".oefenbar__mark").bounding_box()
    assert mark["x"] + mark["width"] > 360 - 40
    pressed = page.locator('button[name="taal"][aria-pressed="true"]')
    assert pressed.inner_text().strip() == "العربية"
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    shot(page, "i18n-start-ar-360")
    # the fake site in the frame stays Dutch and left to right
    page.goto(live_server + "/sites/www.inburgeren.nl/")
    main = page.locator("main#inhoud")
    assert main.get_attribute("lang") == "nl"
    assert main.evaluate("el => getComputedStyle(el).direction") == "ltr"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    shot(page, "i18n-inburgeren-frame-ar-360")


def test_tigrinya_chosen_by_tap_at_1280_renders_in_our_own_font(page_in, live_server):
    page = page_in("nl-NL", 1280)
    page.goto(live_server + "/")
    assert page.locator("html").get_attribute("lang") == "nl"
    page.get_by_role("button", name="ትግርኛ").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "ti"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.get_by_role("button", name="ትግርኛ").get_attribute("aria-pressed") == "true"
    page.evaluate(FONTS_SETTLED)
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded').map(f => f.unicodeRange).join(' ')"
    )
    assert "U+1200" in loaded.upper()  # the Ethiopic subset of Oefen Sans was used
    assert_accessible(page)
    shot(page, "i18n-start-ti-1280")
    # it is remembered: the glossary and a lesson page are in Tigrinya too
    page.goto(live_server + "/woorden/")
    assert page.locator("html").get_attribute("lang") == "ti"
    page.goto(live_server + "/les/inburgeren")
    assert page.locator("article.lesson-page").get_attribute("lang") == "ti"


def test_text_size_groter_by_keyboard_makes_everything_bigger(page_in, live_server):
    page = page_in("nl-NL", 360)
    page.goto(live_server + "/")
    before = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    button = page.locator('button[name="grootte"][value="groter"]')
    for _ in range(60):  # Tab to the button, as a keyboard user would
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.value") == "groter":
            break
    else:
        raise AssertionError("the Groter button cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert "tekst-groter" in page.locator("html").get_attribute("class")
    assert button.get_attribute("aria-pressed") == "true"
    root = page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    after = page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")
    assert root == 24 and after == pytest.approx(before * 1.5, rel=0.01)
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    shot(page, "i18n-start-groter-360")
    page.goto(live_server + "/sites/www.inburgeren.nl/")  # the frame and the site follow
    assert page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)") == 24
    assert_no_sideways_scroll(page)
    shot(page, "i18n-inburgeren-groter-360")
