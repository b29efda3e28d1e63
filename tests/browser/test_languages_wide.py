"""Lesson 4 (facturen) in Ukrainian and in Tigrinya on a 1280 px screen: the panel beside the
page in the learner's language and script, the Dutch site's words quoted in Dutch, every
target and mark in view and each mark on its own element, axe-core clean."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.lang_walk import LangWalk, assert_direction, choose_language
from tests.browser.panel_walk import log_in, shot


@pytest.mark.parametrize("lang", ["uk", "ti"])
def test_lesson_4_at_1280px(browser, live_server, seven_languages, watch, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    page = watch(context.new_page())
    walk = LangWalk(page, live_server, "facturen")
    page.goto(live_server + "/opnieuw")
    page.get_by_label(re.compile("Oefenen met facturen")).check()
    page.locator("form[action='/opnieuw'] button[type=submit]").click()
    expect(page).to_have_url(re.compile(r".*/opnieuw\?klaar=1"))
    choose_language(page, live_server, lang)
    log_in(walk)
    walk.begin()
    walk.arrive("Stap 4 van 15")
    assert_direction(page, lang)
    panel = walk.panel()
    instruction = panel.locator("[data-instruction]")
    assert instruction.evaluate("el => el.closest('[lang]').lang") == lang
    expect(instruction.locator("[lang=nl]").first).to_be_attached()  # a Dutch word quoted
    assert_accessible(page)
    walk.tap("mail.bericht.MAIL001")
    walk.arrive("Stap 5 van 15", here=False)  # on the e-mail: the panel links to the site
    walk.press(panel.locator(".lesson-panel__goto a"))
    page.wait_for_url("**/mijn.inburgeren.nl/")
    walk.arrive("Stap 5 van 15")
    walk.tap("mijn.menu.facturen")
    walk.arrive("Stap 6 van 15")
    walk.tap("mijn.submenu.facturen")
    walk.arrive("Stap 7 van 15")
    walk.tap("mijn.factuur.FAC229230568")
    walk.arrive("Stap 8 van 15")
    if lang == "ti":
        shot(page, "les4-ti-accepteren")
    assert_accessible(page)
    walk.tap("mijn.factuur.accepteren")
    walk.arrive("Stap 9 van 15")
    walk.tap("mijn.factuur.akkoord")
    walk.arrive("Stap 10 van 15")
    walk.tap_panel("Volgende")
    walk.arrive("Stap 11 van 15")
    walk.tap("mijn.factuur.FAC229230569")
    walk.arrive("Stap 12 van 15")
    walk.tap_panel("Volgende")
    walk.arrive("Stap 13 van 15")
    walk.tap("mijn.factuur.weigeren")
    walk.arrive("Stap 14 van 15")
    walk.target("mijn.factuur.reden").select_option(label="Factuurbedrag is niet goed")
    walk.tap("mijn.factuur.verder")
    walk.arrive("Stap 15 van 15")
    assert_accessible(page)
    walk.tap_panel("Volgende")
    walk.done()
    context.close()
