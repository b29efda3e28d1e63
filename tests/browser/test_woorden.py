"""The glossary in a real browser: by keyboard and by tap, at 360 px, axe-clean, and its
read-aloud audio plays from the simulator itself."""

from __future__ import annotations

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll


def test_glossary_by_keyboard_from_the_start_page(page, live_server):
    page.goto(live_server + "/")
    for _ in range(40):  # Tab through the start page until the glossary link has focus
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Woordenlijst":
            break
    else:
        raise AssertionError("the Woordenlijst link cannot be reached with Tab")
    page.keyboard.press("Enter")
    page.wait_for_url("**/woorden/")
    assert_accessible(page)
    page.get_by_role("link", name="H", exact=True).focus()
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#letter-H"
    page.get_by_role("link", name="hangslotje", exact=True).focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/woorden/hangslotje")
    assert page.get_by_role("heading", level=1).inner_text() == "hangslotje"
    assert page.locator("h1").get_attribute("lang") == "nl"
    assert_accessible(page)


def test_glossary_by_tap_at_360px(mobile, live_server):
    mobile.goto(live_server + "/woorden/")
    assert_no_sideways_scroll(mobile)
    assert_accessible(mobile)
    mobile.get_by_role("link", name="proces-verbaal", exact=True).tap()
    mobile.wait_for_url("**/woorden/proces-verbaal")
    assert_no_sideways_scroll(mobile)
    assert_accessible(mobile)
    drawing = mobile.locator("img.woord-blok__tekening")
    assert drawing.get_attribute("alt").startswith("Een vel papier met een politiester")
    assert drawing.evaluate("img => img.complete && img.naturalWidth > 0")
    box = drawing.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360


def test_read_aloud_audio_plays_in_the_browser(page, live_server, live_app):
    page.goto(live_server + "/woorden/factuur")
    if not live_app.extensions["speech"].installed():
        assert page.get_by_text("Voorlezen is hier niet beschikbaar.").is_visible()
        return
    players = page.locator("audio")
    assert players.count() == 2
    durations = [
        players.nth(i).evaluate(
            """audio => new Promise((resolve, reject) => {
                audio.addEventListener('loadedmetadata', () => resolve(audio.duration));
                audio.addEventListener('error', () => reject(new Error('cannot play')));
                audio.preload = 'auto';
                audio.load();
            })"""
        )
        for i in range(2)
    ]
    assert durations[0] > 2 and durations[1] > durations[0]  # the slower one lasts longer
