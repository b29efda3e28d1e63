"""Lessons 1-5 on a 360 x 740 phone, tapping only what the lesson panel points at.

On arrival at every guided step, every target of the step and every arrow and letter lies in
the free area: not under the lesson sheet, the phone, the banner or the bar, not off the screen.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible
from tests.browser.panel_walk import Walk, answer, log_in, show_me, walk_lesson_2


def test_lesson_1_at_360px(mobile, live_server):
    walk = Walk(mobile, live_server, "inburgeren")
    walk.begin()
    walk.arrive("Stap 7 van 9")
    walk.tap("oefen.begin")
    walk.arrive("Stap 8 van 9")
    walk.tap("browser.hangslot")
    expect(walk.page.locator(".padlock__info")).to_be_visible()
    walk.tap_panel("Volgende")
    walk.arrive("Stap 9 van 9")
    walk.tap("inburgeren.onderwerp.inburgeren-betalen")
    walk.done()


def test_lesson_2_at_360px(mobile, live_server):
    walk_lesson_2(Walk(mobile, live_server, "inloggen"))


def test_lesson_3_at_360px(mobile, live_server):
    walk = Walk(mobile, live_server, "mijn-inburgering")
    log_in(walk)
    walk.begin()
    walk.arrive("Stap 2 van 5")
    walk.tap("mijn.menu.gegevens")
    walk.arrive("Stap 3 van 5")
    walk.tap("mijn.submenu.persoon")
    walk.arrive("Stap 4 van 5")
    walk.tap("mijn.persoon.email.voegtoe")
    page = walk.page
    page.locator("input[name='email']").fill("yonas@voorbeeld.nl")
    for extra in page.locator("input[name^='email_']").all():
        extra.fill("yonas@voorbeeld.nl")
    page.get_by_role("button", name="Opslaan").tap()
    walk.arrive("Stap 5 van 5")
    walk.tap("mijn.submenu.inburgering")
    walk.done()


def test_lesson_4_at_360px(mobile, live_server):
    walk = Walk(mobile, live_server, "facturen")
    page = walk.page
    page.goto(live_server + "/opnieuw")
    page.get_by_label(re.compile("Oefenen met facturen")).check()
    page.get_by_role("button", name="Ja, begin opnieuw").tap()
    expect(page.get_by_text("Alles staat weer klaar.")).to_be_visible()
    log_in(walk)
    walk.begin()
    walk.arrive("Stap 4 van 15")
    walk.tap("mail.bericht.MAIL001")
    walk.arrive("Stap 5 van 15", here=False)  # on the e-mail: the panel links to the site
    walk.panel().get_by_role("link", name="Ga naar mijn.inburgeren.nl").tap()
    page.wait_for_url("**/mijn.inburgeren.nl/")
    walk.arrive("Stap 5 van 15")
    walk.tap("mijn.menu.facturen")
    walk.arrive("Stap 6 van 15")
    walk.tap("mijn.submenu.facturen")
    walk.arrive("Stap 7 van 15")
    walk.tap("mijn.factuur.FAC229230568")
    walk.arrive("Stap 8 van 15", name="factuur-accepteren")
    assert_accessible(page)  # the collapsed sheet
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
    walk.tap_panel("Volgende")
    walk.done()


def test_lesson_5_at_360px(mobile, live_server):
    walk = Walk(mobile, live_server, "oefen-nu-zelf")
    page = walk.page
    log_in(walk)
    walk.begin()
    expect(walk.panel().locator(".lesson-panel__count")).to_have_text("Stap 2 van 6")
    show_me(walk, "Stap 2 van 6")
    walk.tap("mijn.menu.lening")
    walk.arrive("Stap 2 van 6")  # A and B on the page Mijn lening
    geleend = page.locator("[data-target='mijn.lening.geleend'] dd").inner_text()
    nog = page.locator("[data-target='mijn.lening.beschikbaar'] dd").inner_text()
    answer(walk, {"Hoeveel heeft u geleend?": geleend, "Hoeveel kunt u nog lenen?": nog})
    expect(walk.panel().locator(".lesson-panel__count")).to_have_text("Stap 3 van 6")
    show_me(walk, "Stap 3 van 6")
    walk.tap("mijn.menu.examens")
    walk.arrive("Stap 3 van 6")
    walk.tap("mijn.examens.aanmelden")
    expect(walk.panel().get_by_text("Zo meldt u zich aan voor een examen.")).to_be_attached()
    walk.arrive("Stap 3 van 6")  # the arrow at Examens again
    walk.tap("mijn.menu.examens")
    walk.arrive("Stap 3 van 6")
    walk.tap("mijn.examen.lezen")
    expect(walk.panel().locator(".lesson-panel__count")).to_have_text("Stap 4 van 6")
    walk.panel().get_by_role("link", name="Ga naar ind.nl").tap()
    page.wait_for_url("**/ind.nl/")
    show_me(walk, "Stap 4 van 6")
    walk.tap("ind.onderwerp.verblijfsdocument")
    page.get_by_role("link", name=re.compile("kwijt of gestolen", re.I)).first.tap()
    expect(walk.panel().locator(".lesson-panel__count")).to_have_text("Stap 5 van 6")
    page.goto(live_server + "/sites/ind.nl/")
    show_me(walk, "Stap 5 van 6")
    walk.target("ind.zoek").fill("onbepaalde tijd")
    walk.target("ind.zoek").press("Enter")
    page.get_by_role("link", name=re.compile("onbepaalde tijd", re.I)).first.tap()
    walk.arrive("Stap 5 van 6")  # A (the form) and B (the costs)
    costs = walk.target("ind.onbepaalde_tijd.kosten").inner_text()
    answer(walk, {"Wat kost de aanvraag?": re.search(r"€\s?[\d.]+,\d\d", costs).group(0)})
    expect(walk.panel().locator(".lesson-panel__count")).to_have_text("Stap 6 van 6")
    walk.panel().get_by_role("link", name="Lees verder").tap()
    page.get_by_role("button", name="Afronden").tap()
    walk.done()
