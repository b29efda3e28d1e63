"""Choosing the language in the lesson panel, by keyboard and by tap: the menu names every
language in its own script, Escape closes it (and only it), the choice keeps the step."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.lang_walk import SEVEN, LangWalk, choose_language

OPEN = "el => el.matches(':popover-open')"


def test_the_language_menu_by_keyboard(page, live_server, seven_languages):
    choose_language(page, live_server, "nl")
    walk = LangWalk(page, live_server, "inloggen")
    walk.begin()
    walk.arrive("Stap 2 van 7")
    button = page.locator("#lesson-taal-knop")
    menu = page.locator("#lesson-taal-menu")
    button.focus()
    page.keyboard.press("Enter")
    assert menu.evaluate(OPEN)
    names = [b.inner_text() for b in menu.locator("button[name=taal]").all()]
    assert names == list(SEVEN.values())
    for code in SEVEN:
        expect(menu.locator(f"button[value={code}]")).to_have_attribute("lang", code)
    page.keyboard.press("Escape")
    assert not menu.evaluate(OPEN)
    expect(button).to_be_focused()
    expect(page.locator(".lesson-arrow")).to_be_visible()  # the Escape was the menu's
    page.keyboard.press("Enter")
    assert menu.evaluate(OPEN)
    choice = menu.locator("button[value=fa]")
    for _ in range(12):
        page.keyboard.press("Tab")
        if choice.evaluate("el => el === document.activeElement"):
            break
    with page.expect_navigation():
        page.keyboard.press("Enter")
    panel = page.locator("#lesson-panel")
    expect(panel).to_have_attribute("lang", "fa")
    expect(panel).to_have_attribute("dir", "rtl")
    expect(panel.locator(".lesson-panel__count")).to_have_attribute("data-number", "2")
    expect(page.locator("#lesson-taal-knop .lesson-control__name")).to_have_text("فارسی")


def test_the_language_menu_by_tap_at_360px(mobile, live_server, seven_languages):
    choose_language(mobile, live_server, "nl")
    walk = LangWalk(mobile, live_server, "inloggen")
    walk.begin()
    walk.arrive("Stap 2 van 7")
    panel = mobile.locator("#lesson-panel")
    if panel.locator(".lesson-panel__toggle").get_attribute("aria-expanded") == "false":
        panel.locator(".lesson-panel__toggle").tap()
    panel.locator("#lesson-taal-knop").tap()
    menu = mobile.locator("#lesson-taal-menu")
    assert menu.evaluate(OPEN)
    box, sheet = menu.bounding_box(), panel.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 360, box
    assert box["y"] >= 0 and box["y"] + box["height"] <= sheet["y"] + 1, (box, sheet)
    with mobile.expect_navigation():
        menu.locator("button[value=uk]").tap()
    expect(panel).to_have_attribute("lang", "uk")
    expect(panel.locator(".lesson-panel__count")).to_have_attribute("data-number", "2")
    walk.arrive("Stap 2 van 7")  # the targets and marks are still in the free area
