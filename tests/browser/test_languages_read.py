"""Read aloud in the lesson panel and the glossary popover, in the learner's language.

The speaker button plays the server's MP3 (no device voice, nothing from outside the
simulator: the page fixtures fail on any outside request), the file is longer than half a
second and the slower one is slower; Tigrinya (no espeak-ng voice) says plainly that reading
aloud is not available, in the server's own words. The glossary word opens by keyboard
(Enter, Escape, the focus back on the link) and by tap, over the sheet at 360 px.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.lang_walk import RIGHT_TO_LEFT_PAGE, LangWalk, choose_language
from tests.browser.panel_walk import shot

DURATION = """async (url) => {
  const audio = new Audio(url);
  await new Promise((ok, fail) => {
    audio.onloadedmetadata = ok;
    audio.onerror = () => fail(new Error('cannot play ' + url + ': ' + (audio.error && audio.error.code)));
  });
  return audio.duration;
}"""


def speakers(page):
    """The instruction's speaker buttons: normal and slower."""
    box = page.locator("#lesson-panel .lesson-read:has([data-instruction]) .lesson-speak")
    return box.locator(".lesson-speak__button")


def lesson_2_step_2(page, base: str, lang: str) -> LangWalk:
    choose_language(page, base, lang)
    walk = LangWalk(page, base, "inloggen")
    walk.begin()
    walk.arrive("Stap 2 van 7")
    return walk


@pytest.mark.parametrize("lang", ["nl", "ar", "uk", "fa", "tr", "en"])
def test_the_speaker_plays_the_servers_audio(page, live_server, seven_languages, lang):
    lesson_2_step_2(page, live_server, lang)
    normal, slower = speakers(page).nth(0), speakers(page).nth(1)
    url = normal.get_attribute("data-speak")
    assert url.startswith("/les/inloggen/") and f"/instruction/{lang}.mp3" in url
    normal.click()
    expect(normal).to_have_attribute("aria-pressed", "true")
    expect(normal).to_have_attribute("data-speak-state", "playing", timeout=10_000)
    normal.click()  # pressed again: it stops
    expect(normal).to_have_attribute("aria-pressed", "false")
    seconds = page.evaluate(DURATION, url)
    slow = page.evaluate(DURATION, slower.get_attribute("data-speak"))
    assert seconds > 0.5, f"{lang}: {seconds:.2f} s"
    assert slow > seconds * 1.15, f"{lang}: slower {slow:.2f} s, normal {seconds:.2f} s"
    slower.click()  # one at a time: the slower one plays, the other is not pressed
    expect(slower).to_have_attribute("data-speak-state", "playing", timeout=10_000)
    expect(normal).to_have_attribute("aria-pressed", "false")


def test_tigrinya_says_reading_aloud_is_not_available(page, live_server, seven_languages):
    lesson_2_step_2(page, live_server, "ti")
    panel = page.locator("#lesson-panel")
    assert panel.locator("[data-speak]").count() == 0  # no audio anywhere in the panel
    button = speakers(page).first
    expect(button).not_to_have_attribute("data-speak", re.compile(".*"))
    url = "/les/inloggen/inloggen-mijn-inburgering/instruction/ti.mp3"
    said = page.evaluate(
        "async (url) => { const r = await fetch(url); return [r.status, (await r.text()).trim()]; }",
        url,
    )
    assert said[0] == 404 and said[1]
    expect(button).to_have_accessible_name(said[1])  # the button says what the server says
    message = panel.locator(".lesson-read .lesson-speak [data-speak-message]").first
    expect(message).to_be_hidden()
    button.click()
    expect(message).to_be_visible()
    expect(message).to_have_text(said[1])
    assert_accessible(page)


def test_a_glossary_word_opens_by_keyboard(page, live_server, seven_languages):
    walk = lesson_2_step_2(page, live_server, "ar")
    walk.tap("inburgeren.menu.inloggen")
    walk.arrive("Stap 3 van 7")
    panel = page.locator("#lesson-panel")
    link = panel.locator("[data-instruction] a.woord").first
    word_page = link.get_attribute("href")
    for _ in range(60):  # Tab to the word, as a keyboard user does
        page.keyboard.press("Tab")
        if link.evaluate("el => el === document.activeElement"):
            break
    else:
        pytest.fail("the glossary word cannot be reached with Tab")
    page.keyboard.press("Enter")
    dialog = panel.locator("dialog[data-word-pop]")
    expect(dialog).to_be_visible()
    expect(page).to_have_url(f"{live_server}/sites/www.inburgeren.nl/inloggen")  # not left
    title = dialog.locator("#woord-pop-titel")
    expect(title).to_be_focused()
    expect(title.locator("[lang=nl]")).to_have_text(title.inner_text())  # the Dutch word
    expect(dialog).to_have_accessible_name(title.inner_text())
    entry = page.request.get(live_server + word_page).text()  # the word's own page
    assert re.search(rf'<h1 lang="nl">{re.escape(title.inner_text())}</h1>', entry)
    expect(dialog.locator(".woord-uitleg")).to_have_attribute("lang", "ar")
    expect(dialog.locator("img.woord-pop__drawing")).to_be_visible()
    expect(dialog.locator(".lesson-speak__button").first).to_be_visible()
    assert_accessible(page)
    page.keyboard.press("Tab")  # the focus stays in the dialog
    assert dialog.evaluate("el => el.contains(document.activeElement)")
    page.keyboard.press("Escape")
    expect(dialog).to_be_hidden()
    expect(link).to_be_focused()
    expect(page.locator(".lesson-arrow")).to_be_visible()  # that Escape was the dialog's only
    page.keyboard.press("Escape")
    expect(page.locator(".lesson-arrow")).to_be_hidden()


def test_a_glossary_word_opens_by_tap_over_the_sheet(browser, live_server, seven_languages, watch):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    context.add_init_script(RIGHT_TO_LEFT_PAGE)
    page = watch(context.new_page())
    walk = lesson_2_step_2(page, live_server, "ar")
    walk.tap("inburgeren.menu.inloggen")
    walk.arrive("Stap 3 van 7")
    panel = page.locator("#lesson-panel")
    if panel.locator(".lesson-panel__toggle").get_attribute("aria-expanded") == "false":
        panel.locator(".lesson-panel__toggle").tap()
    link = panel.locator("[data-instruction] a.woord").first
    link.tap()
    dialog = panel.locator("dialog[data-word-pop]")
    expect(dialog.locator("#woord-pop-titel")).to_be_visible()
    box = dialog.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360 and box["y"] + box["height"] <= 740
    page.evaluate("document.fonts.ready")
    shot(page, "glossary-ar")
    speaker = dialog.locator(".lesson-speak__button").first
    speaker.tap()
    expect(speaker).to_have_attribute("data-speak-state", "playing", timeout=10_000)
    page.mouse.click(5, 5)  # a tap beside the dialog closes it (and stops reading)
    expect(dialog).to_be_hidden()
    expect(speaker).to_have_attribute("aria-pressed", "false")
    link.tap()
    expect(dialog.locator("#woord-pop-titel")).to_be_visible()
    dialog.locator("[data-word-close]").tap()
    expect(dialog).to_be_hidden()
    expect(page).to_have_url(f"{live_server}/sites/www.inburgeren.nl/inloggen")
    context.close()
