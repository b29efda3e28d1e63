"""Gegevens, Examens, Brieven and the webmail in a real browser: flows, axe-core, 360 px."""

from __future__ import annotations

import threading
from datetime import date, timedelta

import pytest
from flask import request
from playwright.sync_api import expect
from werkzeug.serving import make_server

from simulator import create_app
from simulator.sandbox import auth
from tests.browser.conftest import act_once, assert_accessible, assert_no_sideways_scroll

M = "/sites/mijn.inburgeren.nl"
MAIL = "/sites/mail.oefenpost.nl"


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """Our own simulator on a free port, so tests can log the browser's learner in directly."""
    app = create_app(
        {
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("mijn-browser")),
            "SECRET_KEY": "browser-test",
        }
    )
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    app.extensions["store"].engine.dispose()


@pytest.fixture
def page(context, server):
    """Like the shared page fixture, but watching for requests outside our own server."""
    base = server[1]
    page = context.new_page()
    outside: list[str] = []
    page.on(
        "request",
        lambda req: outside.append(req.url) if not req.url.startswith((base, "data:")) else None,
    )
    yield page
    assert not outside, f"requests outside the simulator: {outside}"


def learner_id(app, page) -> str:
    """The learner id behind the browser's session cookie."""
    name = app.config["SESSION_COOKIE_NAME"]
    value = next(c["value"] for c in page.context.cookies() if c["name"] == name)
    with app.test_request_context(headers={"Cookie": f"{name}={value}"}):
        return app.session_interface.open_session(app, request)["learner_id"]


def login(server, page) -> str:
    """Log the browser's learner in to Mijn Inburgering (DigiD is tested elsewhere)."""
    app, base = server
    act_once(page, base)
    app.extensions["store"].mutate_state(
        learner_id(app, page), lambda data: auth.log_in(data, "duo", "sms", "2026-01-01T10:00:00")
    )
    return base


def exam_day() -> date:
    day = date.today() + timedelta(weeks=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def test_change_postal_address(server, page):
    base = login(server, page)
    page.goto(base + M + "/gegevens/persoon")
    assert_accessible(page)
    assert page.get_by_text("Gelijk aan woonadres").is_visible()
    page.locator("[data-target='mijn.persoon.postadres.wijzig']").click()
    page.get_by_label("Nee").check()
    page.get_by_label("Straat").fill("Hoofdstraat")
    page.get_by_label("Huisnummer").fill("5a")
    page.get_by_label("Postcode").fill("12345")
    page.get_by_label("Plaats").fill("Utrecht")
    page.get_by_role("button", name="Opslaan").click()
    error = page.locator("#fout-postcode")
    assert error.inner_text() == "Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB."
    assert page.get_by_label("Straat").input_value() == "Hoofdstraat"
    assert_accessible(page)
    page.get_by_label("Postcode").fill("1234 ab")
    page.get_by_role("button", name="Opslaan").click()
    page.wait_for_url("**/gegevens/persoon")
    assert page.locator("[data-target='mijn.melding']").inner_text() == "Uw postadres is gewijzigd."
    assert "1234 AB Utrecht" in page.locator("[data-value='postadres']").inner_text()


def test_address_fields_hide_when_same_as_home(server, page):
    base = login(server, page)
    page.goto(base + M + "/gegevens/persoon/postadres")
    assert not page.get_by_label("Straat").is_visible()
    page.get_by_label("Nee").check()
    assert page.get_by_label("Straat").is_visible()


def test_register_for_an_exam_and_cancel_it(server, page):
    base = login(server, page)
    page.goto(base + M + "/examens")
    assert_accessible(page)
    page.locator("[data-target='mijn.examens.aanmelden']").click()
    assert_accessible(page)
    page.get_by_role("button", name="Volgende").click()
    assert page.locator("#fout-onderdelen").inner_text() == "Kies minstens één examen."
    page.get_by_label("Luisteren").check()
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/aanmelden/datum")
    assert_accessible(page)
    page.get_by_label("DUO Examenlocatie Zwolle").check()
    page.get_by_label("Datum").fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_label("11:00 uur").check()
    page.get_by_role("button", name="Volgende").click()
    assert "Deze datum is te vroeg." in page.locator("#fout-datum").inner_text()
    assert_accessible(page)
    page.get_by_label("Datum").fill(exam_day().isoformat())
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/aanmelden/controleren")
    assert page.locator("[data-value='totaal']").inner_text() == "€ 50,00"
    assert_accessible(page)
    page.get_by_label("Betalen uit mijn lening bij DUO").check()
    page.get_by_role("button", name="Aanmelden en betalen").click()
    assert "geheimhoudingsverklaring accepteren" in page.locator("#fout-geheimhouding").inner_text()
    page.get_by_label("Ik ga akkoord met de geheimhoudingsverklaring").check()
    page.get_by_role("button", name="Aanmelden en betalen").click()
    page.wait_for_url("**/aanmelden/klaar")
    assert (
        "U bent aangemeld voor Luisteren."
        in page.locator("[data-target='mijn.aanmelden.klaar']").inner_text()
    )
    assert_accessible(page)
    page.get_by_role("link", name="Naar Examens").click()
    card = page.locator(".mf-exam", has_text="Luisteren")
    assert "Aangemeld" in card.inner_text() and exam_day().strftime("%d-%m-%Y") in card.inner_text()
    page.locator("[data-target='mijn.examen.luisteren']").click()
    assert_accessible(page)
    page.get_by_role("link", name="Wijzigen").click()
    page.wait_for_url("**/luisteren/wijzigen", wait_until="load")
    assert page.get_by_label("DUO Examenlocatie Zwolle").is_checked()
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="Afmelden").click()
    assert_accessible(page)
    page.get_by_role("button", name="Ja, afmelden").click()
    page.wait_for_url("**/examens")
    assert (
        "Het geld staat weer in uw lening: € 50,00."
        in page.locator("[data-target='mijn.melding']").inner_text()
    )
    assert "Nog niet gedaan" in page.locator(".mf-exam", has_text="Luisteren").inner_text()


def test_bank_payment_page_and_annuleren(server, page):
    app, _ = server
    base = login(server, page)
    page.goto(base + M + "/examens/aanmelden")
    page.get_by_label("Spreken").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("DUO Examenlocatie Utrecht").check()
    page.get_by_label("Datum").fill(exam_day().isoformat())
    page.get_by_label("09:30 uur").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Ik ga akkoord met de geheimhoudingsverklaring").check()
    page.get_by_label("Betalen via mijn bank").check()
    page.get_by_role("button", name="Aanmelden en betalen").click()
    page.wait_for_url("**/examens/betalen")
    assert_accessible(page)
    page.get_by_role("button", name="Annuleren").click()
    page.wait_for_url("**/aanmelden/controleren")
    assert (
        "U heeft het betalen geannuleerd."
        in page.locator("[data-target='mijn.melding']").inner_text()
    )
    page.get_by_label("Ik ga akkoord met de geheimhoudingsverklaring").check()
    page.get_by_label("Betalen via mijn bank").check()
    page.get_by_role("button", name="Aanmelden en betalen").click()
    page.get_by_label("Tulpbank").check()
    page.get_by_role("button", name="Betalen").click()
    page.wait_for_url("**/aanmelden/klaar")
    assert "via uw bank" in page.locator("[data-target='mijn.aanmelden.klaar']").inner_text()


def test_other_pages_are_accessible(server, page):
    base = login(server, page)
    for path in (
        "/gegevens",
        "/gegevens/inburgering",
        "/gegevens/persoon/email",
        "/gegevens/persoon/telefoon",
        "/examens/lezen",
        "/brieven",
    ):
        page.goto(base + M + path)
        assert_accessible(page)
    page.goto(base + M + "/gegevens/persoon/telefoon")
    page.get_by_role("button", name="Opslaan").click()
    assert page.locator("#fout-telefoon").inner_text() == "Vul uw telefoonnummer in."
    assert_accessible(page)


def test_letter_print_button_and_webmail(server, page):
    base = login(server, page)
    page.goto(base + M + "/brieven")
    page.locator("[data-target='mijn.brief.BRF2022001']").click()
    page.wait_for_url("**/brieven/BRF2022001")
    assert page.get_by_role("button", name="Print deze brief").is_visible()
    assert page.get_by_role("heading", name="Onderwerp: U moet inburgeren").is_visible()
    assert_accessible(page)
    page.emulate_media(media="print")
    assert not page.locator(".mijn-menu, [data-target='mijn.menu.home']").first.is_visible()
    assert page.locator(".brief__body").is_visible()
    page.emulate_media(media="screen")
    page.goto(base + MAIL + "/")
    assert_accessible(page)
    page.locator("[data-target='mail.bericht.MAIL001']").click()
    # The click returns once the next page's address is in, not yet its document: wait for it.
    page.wait_for_url("**/bericht/MAIL001", wait_until="load")
    expect(page.get_by_role("heading", name="Er staat een factuur voor u klaar")).to_be_visible()
    assert page.locator(".webmail__body a").count() == 0
    assert_accessible(page)


def test_keyboard_only_adds_a_phone_number(server, page):
    base = login(server, page)
    page.goto(base + M + "/gegevens/persoon")
    page.locator("[data-target='mijn.persoon.telefoon.voegtoe']").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/persoon/telefoon")
    page.get_by_label("Telefoonnummer").focus()
    page.keyboard.type("06-12345678")
    page.keyboard.press("Enter")
    page.wait_for_url("**/gegevens/persoon")
    assert page.locator("[data-value='telefoon']").inner_text() == "06 12345678"


def test_no_sideways_scroll_at_360px(server, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    base = login(server, page)
    paths = [
        M + p
        for p in (
            "/gegevens",
            "/gegevens/persoon",
            "/gegevens/persoon/postadres",
            "/gegevens/inburgering",
            "/examens",
            "/examens/lezen",
            "/examens/aanmelden",
            "/brieven",
            "/brieven/BRF2022001",
        )
    ]
    for path in paths + [MAIL + "/", MAIL + "/bericht/MAIL001"]:
        page.goto(base + path)
        assert_no_sideways_scroll(page)
    page.goto(base + M + "/examens/aanmelden")
    page.get_by_label("Luisteren").check()
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/aanmelden/datum", wait_until="load")
    assert_no_sideways_scroll(page)
    page.get_by_role("button", name="Volgende").click()
    page.locator("#fout-datum").wait_for()
    page.wait_for_load_state("load")
    assert_no_sideways_scroll(page)
    assert_accessible(page)
    context.close()
