"""ind.nl in a real browser: a learner finds both answers by searching and by browsing, in Dutch
and in English; the forms by keyboard; axe-core and 360 px on every page."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

IND = "/sites/ind.nl"


def open_home(page, live_server, english: bool = False):
    page.goto(live_server + IND + "/")
    if english:
        page.locator("[data-target='ind.taal']").click()
        expect(page.locator("h1")).to_have_text("Welcome to the IND")


def search_for(page, words: str):
    box = page.locator("[data-target='ind.zoek']")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url(re.compile(r"/zoeken\?q="))


# --- exercise 3: a replacement residence document -------------------------------------------


@pytest.mark.parametrize(
    ("english", "words", "title", "police"),
    [
        (False, "kwijt", "Verblijfsdocument kwijt of gestolen", "proces-verbaal"),
        (True, "lost", "Residence document lost or stolen", "police report"),
    ],
)
def test_find_replacement_by_search(page, live_server, english, words, title, police):
    open_home(page, live_server, english)
    search_for(page, words)
    assert_accessible(page)
    page.locator(".ind-hits a", has_text=title).first.click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("body")).to_have_attribute("data-page", "ind.kwijt")
    expect(page.get_by_text(police).first).to_be_visible()
    expect(page.locator("[data-target='ind.kwijt.aanvragen']")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    ("english", "topic", "title"),
    [
        (False, "Verblijfsdocument kwijt of gestolen", "Verblijfsdocument kwijt of gestolen"),
        (True, "Residence document lost or stolen", "Residence document lost or stolen"),
    ],
)
def test_find_replacement_by_browsing(page, live_server, english, topic, title):
    open_home(page, live_server, english)
    page.locator("[data-target='ind.onderwerp.verblijfsdocument']").click()
    page.locator(".ind-links a", has_text=topic).click()
    expect(page.locator("h1")).to_have_text(title)
    expect(page.locator("body")).to_have_attribute("data-page", "ind.kwijt")
    # the online way goes through Mijn IND, which asks for DigiD
    page.locator("[data-target='ind.kwijt.aanvragen']").click()
    page.wait_for_url(re.compile(r"/sites/digid\.nl/inloggen\?dienst=ind"))


# --- exercise 4: permanent residence: the form and the costs --------------------------------


@pytest.mark.parametrize(
    ("english", "words", "title", "fee", "form_title"),
    [
        (
            False,
            "onbepaalde tijd",
            "Verblijfsvergunning voor onbepaalde tijd",
            "€ 228,00",
            "Aanvraagformulier verblijfsvergunning voor onbepaalde tijd",
        ),
        (
            True,
            "permanent residence",
            "Permanent residence permit",
            "€ 228.00",
            "Application form permanent residence permit",
        ),
    ],
)
def test_find_permanent_permit_costs_and_form_by_search(
    page, live_server, english, words, title, fee, form_title
):
    open_home(page, live_server, english)
    search_for(page, words)
    page.locator(".ind-hits a", has_text=title).first.click()
    expect(page.locator("h1")).to_have_text(title)
    costs = page.locator("[data-target='ind.onbepaalde_tijd.kosten']")
    expect(costs).to_contain_text(fee)
    expect(costs).to_contain_text("2026")
    assert_accessible(page)
    page.locator("[data-target='ind.onbepaalde_tijd.formulier']").click()
    expect(page.locator("h1")).to_have_text(form_title)
    expect(page.locator("body")).to_have_attribute("data-page", "ind.onbepaalde_tijd.formulier")
    assert_accessible(page)


@pytest.mark.parametrize(
    ("english", "topic", "link", "fee"),
    [
        (False, "Wonen", "Verblijfsvergunning voor onbepaalde tijd", "€ 228,00"),
        (True, "Living", "Permanent residence permit", "€ 228.00"),
    ],
)
def test_find_permanent_permit_by_browsing(page, live_server, english, topic, link, fee):
    open_home(page, live_server, english)
    page.locator("[data-target='ind.onderwerp.wonen']").click()
    expect(page.locator("h1")).to_have_text(topic)
    page.locator(".ind-links a", has_text=link).click()
    expect(page.locator("body")).to_have_attribute("data-page", "ind.onbepaalde_tijd")
    expect(page.locator("[data-target='ind.onbepaalde_tijd.kosten']")).to_contain_text(fee)
    page.locator(".ind-footer a", has_text="Kosten" if not english else "Costs").click()
    expect(page.locator("body")).to_have_attribute("data-page", "ind.kosten")
    expect(page.locator(".ind-table")).to_contain_text(fee)
    assert_accessible(page)


# --- search edge cases, forms, keyboard -------------------------------------------------------


def test_search_without_results_and_empty(page, live_server):
    open_home(page, live_server)
    search_for(page, "fietsenstalling")
    expect(page.get_by_text('Geen resultaten gevonden voor "fietsenstalling".')).to_be_visible()
    assert_accessible(page)
    search_for(page, "   ")
    expect(page.get_by_text("U heeft nog geen zoekwoord ingevuld.", exact=False)).to_be_visible()


def test_replacement_form_by_keyboard_with_mistakes_then_right(page, live_server):
    page.goto(live_server + IND + "/formulieren/vervangend-verblijfsdocument")
    page.locator("#v_nummer").fill("12345")
    page.locator("#achternaam").fill("Tesfay")
    page.get_by_role("button", name="Controleren").press("Enter")
    expect(page.locator(".ind-errors")).to_be_focused()
    expect(page.locator("#v_nummer-fout")).to_have_text(
        "Een V-nummer heeft 10 cijfers. U typte er 5."
    )
    expect(page.locator("#achternaam")).to_have_value("Tesfay")
    assert_accessible(page)
    page.locator(".ind-errors a", has_text="V-nummer").click()
    expect(page.locator("#v_nummer")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("1234567890")
    for field, value in {
        "voornamen": "Yonas",
        "geboortedatum": "14-03-1992",
        "pv_nummer": "PL0900-2026123456",
        "pv_datum": "02-11-2026",
        "straat": "Kastanjelaan",
        "huisnummer": "12",
        "postcode": "7511 AB",
        "plaats": "Enschede",
        "email": "yonas@voorbeeld.nl",
    }.items():
        page.locator(f"#{field}").fill(value)
    page.locator("#reden-gestolen").check()
    page.locator("#verklaring").check()
    page.get_by_role("button", name="Controleren").click()
    expect(page.locator("h1")).to_have_text("Goed ingevuld! Dit was een oefening")
    expect(page.get_by_text("Het formulier is niet verstuurd", exact=False)).to_be_visible()
    assert_accessible(page)


def test_print_button_appears_with_javascript(page, live_server):
    page.goto(live_server + IND + "/verblijfsvergunning-onbepaalde-tijd/formulier")
    expect(page.get_by_role("button", name="Formulier printen")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.locator(".ind-header")).to_be_hidden()
    expect(page.locator("#v_nummer")).to_be_visible()


OTHER_PAGES = [
    "/",
    "/zoeken?q=kosten",
    "/kosten",
    "/contact",
    "/openingstijden",
    "/afspraak-maken",
    "/familie-en-partner",
    "/formulieren/vervangend-verblijfsdocument",
    "/verblijfsvergunning-onbepaalde-tijd/formulier",
    "/bestaat-niet",
]


@pytest.mark.parametrize("path", OTHER_PAGES)
def test_other_pages_are_accessible(page, live_server, path):
    page.goto(live_server + IND + path)
    assert_accessible(page)


MOBILE_PAGES = OTHER_PAGES + [
    "/verblijfsdocument-kwijt-of-gestolen",
    "/verblijfsvergunning-onbepaalde-tijd",
    "/zoeken?q=" + "verblijfsdocumentkwijtgestolen" * 8,
]


def test_no_sideways_scroll_at_360px(mobile, live_server):
    for path in MOBILE_PAGES:
        mobile.goto(live_server + IND + path)
        assert_no_sideways_scroll(mobile)
    mobile.goto(live_server + IND + "/taal/en?next=" + IND + "/kosten")
    assert_no_sideways_scroll(mobile)


def test_topics_and_flag_are_big_enough_to_tap(mobile, live_server):
    mobile.goto(live_server + IND + "/")
    for target in ("ind.taal", "ind.onderwerp.wonen", "ind.zoek"):
        box = mobile.locator(f"[data-target='{target}']").bounding_box()
        assert box["height"] >= 44, target
