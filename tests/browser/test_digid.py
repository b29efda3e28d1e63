"""Logging in with DigiD in a real browser: all four ways, the phone, errors, axe, 360 px."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll
from tests.browser.journey_steps import computer_waits

KIES = "/sites/digid.nl/inloggen?dienst=duo"


def phone(page):
    return page.locator("#telefoon")


def start(page, live_server, method_name: str):
    page.goto(live_server + KIES)
    page.get_by_role("button", name=re.compile(method_name)).click()
    # the choice posts a form: wait for the chosen way's own page before looking at it
    page.wait_for_url(lambda url: "/inloggen?dienst=" not in url)


def log_in_with_password(page, password: str = "Oefenen123"):
    page.get_by_label("DigiD gebruikersnaam").fill("oefenaccount")
    page.get_by_label("Wachtwoord", exact=True).fill(password)
    page.get_by_role("button", name="Inloggen", exact=True).click()


def read_sms_code(page) -> str:
    if not phone(page).locator(".phone-messages").is_visible():
        phone(page).get_by_role("button", name=re.compile("Berichten")).first.click()
    code = phone(page).locator(".phone-sms--newest .phone-sms__code")
    expect(code).to_be_visible()
    return code.inner_text()


def koppelcode_on_computer(page) -> str:
    return "".join(page.locator("[data-target='digid.app.koppelcode'] span").all_inner_texts())


def pair_in_app(page):
    """Open the DigiD app on the phone, scan and pick the koppelcode the computer shows."""
    code = koppelcode_on_computer(page)
    phone(page).locator("[data-target='phone.app']").click()
    phone(page).locator("[data-target='phone.app.scan']").click()
    expect(phone(page).get_by_text("Kies de koppelcode")).to_be_visible()
    phone(page).get_by_label(code, exact=True).check()
    phone(page).get_by_role("button", name="Volgende").click()


def test_choice_page_is_accessible_in_dutch_and_english(page, live_server):
    page.goto(live_server + KIES)
    expect(page.get_by_text("DUO - DigiD voor Inburgeren")).to_be_visible()
    assert_accessible(page)
    page.locator("[data-target='digid.taal']").get_by_role("link").click()
    expect(page.get_by_role("heading", name="How do you want to log in?")).to_be_visible()
    assert_accessible(page)
    page.locator("[data-target='digid.taal']").get_by_role("link").click()
    expect(page.get_by_role("heading", name="Hoe wilt u inloggen?")).to_be_visible()


def test_sms_login_with_errors_then_success(page, live_server):
    start(page, live_server, "Met een sms-controle")
    assert_accessible(page)
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("Vul uw DigiD gebruikersnaam in.")).to_be_visible()
    expect(page.get_by_text("Vul uw wachtwoord in.")).to_be_visible()
    assert_accessible(page)
    log_in_with_password(page, "NietGoed1")
    expect(
        page.get_by_text("De combinatie van gebruikersnaam en wachtwoord is niet bekend.")
    ).to_be_visible()
    expect(page.get_by_label("DigiD gebruikersnaam")).to_have_value("oefenaccount")
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_value("")
    # show / hide the password
    page.get_by_label("Wachtwoord", exact=True).fill("Oefenen123")
    page.get_by_role("button", name="Toon wachtwoord").click()
    expect(page.locator("#wachtwoord")).to_have_attribute("type", "text")
    page.get_by_role("button", name="Verberg wachtwoord").click()
    page.get_by_role("button", name="Inloggen", exact=True).click()
    expect(page.get_by_text("We hebben een sms gestuurd naar")).to_be_visible()
    expect(page.get_by_role("button", name=re.compile("Nieuw bericht van DigiD"))).to_be_visible()
    assert_accessible(page)
    code = read_sms_code(page)
    assert_accessible(page)
    page.get_by_label("Sms-code").fill("000000" if code != "000000" else "111111")
    page.get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("De sms-code is niet juist.")).to_be_visible()
    page.get_by_label("Sms-code").fill(code)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/sites/mijn.inburgeren.nl/")


def test_old_code_no_longer_works_after_geen_sms_ontvangen(page, live_server):
    start(page, live_server, "Met een sms-controle")
    log_in_with_password(page)
    old = read_sms_code(page)
    page.get_by_role("button", name="Geen sms ontvangen?").click()
    expect(page.get_by_text("We hebben een nieuwe sms gestuurd.")).to_be_visible()
    new = read_sms_code(page)
    if old != new:
        page.get_by_label("Sms-code").fill(old)
        page.get_by_role("button", name="Volgende").click()
        expect(page.get_by_text("Deze sms-code werkt niet meer")).to_be_visible()
    page.get_by_label("Sms-code").fill(new)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/sites/mijn.inburgeren.nl/")


def test_spoken_sms_call_with_transcript(page, live_server):
    start(page, live_server, "Met een sms-controle")
    log_in_with_password(page)
    expect(page.get_by_text("Let op!")).to_be_visible()
    page.get_by_role("button", name="Laat de sms-code voorlezen").click()
    expect(phone(page).get_by_text("Inkomend gesprek")).to_be_visible()
    assert_accessible(page)
    phone(page).get_by_role("button", name="Opnemen").click()
    transcript = phone(page).locator(".phone-transcript strong")
    expect(transcript).to_have_text(re.compile(r"^\d( - \d){5}$"))
    assert_accessible(page)
    code = transcript.inner_text().replace(" - ", "")
    phone(page).get_by_role("button", name="Ophangen").click()
    page.get_by_label("Sms-code").fill(code)
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_url("**/sites/mijn.inburgeren.nl/")


def test_three_wrong_passwords_block_and_begin_opnieuw_lifts_it(page, live_server):
    start(page, live_server, "Met een sms-controle")
    for _ in range(3):
        log_in_with_password(page, "Fout1234")
    expect(page.get_by_text("15 minuten niet inloggen")).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name="Begin opnieuw").first.click()
    page.get_by_role("button", name="Ja, begin opnieuw").click()
    start(page, live_server, "Met een sms-controle")
    log_in_with_password(page)
    expect(page.get_by_text("We hebben een sms gestuurd naar")).to_be_visible()


def test_app_on_another_device_continues_by_itself(page, live_server):
    start(page, live_server, "Met de DigiD app")
    expect(page.locator("[data-target='digid.app.qr'] svg")).to_be_visible()
    assert re.fullmatch(r"[A-Z]{4}", koppelcode_on_computer(page))
    assert_accessible(page)
    # a wrong koppelcode is refused
    code = koppelcode_on_computer(page)
    phone(page).locator("[data-target='phone.app']").click()
    phone(page).locator("[data-target='phone.app.scan']").click()
    expect(phone(page).get_by_text("Kies de koppelcode")).to_be_visible()
    wrong = next(
        t for t in phone(page).locator(".phone-option__code").all_inner_texts() if t != code
    )
    phone(page).get_by_label(wrong, exact=True).check()
    phone(page).get_by_role("button", name="Volgende").click()
    expect(phone(page).get_by_text("niet dezelfde als op de computer")).to_be_visible()
    assert_accessible(page)
    phone(page).get_by_label(code, exact=True).check()
    phone(page).get_by_role("button", name="Volgende").click()
    pin = phone(page).locator("[data-target='phone.app.pin']")
    expect(pin).to_be_visible()
    assert_accessible(page)
    pin.fill("12345")
    with computer_waits(page):
        phone(page).get_by_role("button", name="Inloggen").click()
        expect(phone(page).get_by_text("Ga verder op uw computer.")).to_be_visible()
    page.wait_for_url("**/sites/mijn.inburgeren.nl/", timeout=10000)


def test_app_on_the_same_phone_at_360px(mobile, live_server):
    mobile.goto(live_server + KIES)
    assert_no_sideways_scroll(mobile)
    mobile.get_by_role("button", name=re.compile("Met de DigiD app")).click()
    mobile.wait_for_url("**/sites/digid.nl/app")  # the next page, not the one it leaves
    assert_no_sideways_scroll(mobile)
    assert_accessible(mobile)
    mobile.get_by_role("link", name="Inloggen met de DigiD app op deze telefoon").click()
    mobile.wait_for_url("**/sites/digid.nl/app/deze-telefoon")
    assert_no_sideways_scroll(mobile)
    assert_accessible(mobile)
    mobile.get_by_label("Vul uw pincode in").fill("11111")
    mobile.get_by_role("button", name="Inloggen").click()
    expect(mobile.get_by_text("Deze pincode is niet juist.")).to_be_visible()
    mobile.get_by_label("Vul uw pincode in").fill("12345")
    mobile.get_by_role("button", name="Inloggen").click()
    mobile.wait_for_url("**/sites/mijn.inburgeren.nl/")


def test_rijbewijs_with_wrong_then_right_pin(page, live_server):
    start(page, live_server, "Met mijn rijbewijs")
    expect(page.get_by_role("heading", name="Inloggen met uw rijbewijs")).to_be_visible()
    assert_accessible(page)
    pair_in_app(page)
    expect(phone(page).get_by_text("Houd uw rijbewijs tegen de achterkant")).to_be_visible()
    assert_accessible(page)
    phone(page).get_by_role("button", name="Ik houd mijn rijbewijs tegen de telefoon").click()
    pin = phone(page).locator("[data-target='phone.app.pin']")
    pin.fill("999999")
    phone(page).get_by_role("button", name="Bevestigen").click()
    expect(phone(page).get_by_text("Deze pincode is niet juist.")).to_be_visible()
    phone(page).locator("[data-target='phone.app.pin']").fill("123456")
    phone(page).get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/sites/mijn.inburgeren.nl/", timeout=10000)


def test_identiteitskaart(page, live_server):
    start(page, live_server, "Met mijn identiteitskaart")
    pair_in_app(page)
    phone(page).get_by_role(
        "button", name="Ik houd mijn identiteitskaart tegen de telefoon"
    ).click()
    phone(page).locator("[data-target='phone.app.pin']").fill("654321")
    phone(page).get_by_role("button", name="Bevestigen").click()
    page.wait_for_url("**/sites/mijn.inburgeren.nl/", timeout=10000)


def test_phone_opens_full_screen_and_closes_at_360px(mobile, live_server):
    mobile.goto(live_server + KIES)
    toggle = mobile.locator("[data-target='phone.toggle']")
    expect(mobile.locator("#telefoon")).to_be_hidden()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    toggle.click()
    panel = mobile.locator("#telefoon")
    expect(panel).to_be_visible()
    expect(panel).to_be_focused()
    box = panel.bounding_box()
    assert box["width"] >= 355 and box["height"] >= 700
    expect(toggle).to_have_attribute("aria-expanded", "true")
    assert_accessible(mobile)
    for _ in range(12):  # Tab stays inside the phone while it fills the screen
        mobile.keyboard.press("Tab")
        assert mobile.evaluate(
            "document.getElementById('telefoon').contains(document.activeElement)"
        )
    mobile.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    expect(toggle).to_be_focused()
    toggle.click()
    panel.get_by_role("link", name=re.compile("Sluiten")).click()
    expect(panel).to_be_hidden()


def test_phone_stays_beside_the_page_on_desktop(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server + "/sites/www.inburgeren.nl/")
    panel = page.locator("#telefoon")
    expect(panel).to_be_visible()
    main_box = page.locator("main").bounding_box()
    assert panel.bounding_box()["x"] >= main_box["x"] + main_box["width"] - 1
    assert_accessible(page)
    toggle = page.locator("[data-target='phone.toggle']")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    toggle.click()
    expect(panel).to_be_hidden()
    page.reload()  # the choice to hide it is remembered in this tab
    expect(panel).to_be_hidden()
    toggle.click()
    expect(panel).to_be_visible()


def test_cancel_returns_to_inburgeren(page, live_server):
    page.goto(live_server + KIES)
    page.locator("[data-target='digid.annuleren']").click()
    page.wait_for_url("**/sites/www.inburgeren.nl/")


def test_help_pages_are_accessible(page, live_server):
    page.goto(live_server + KIES)
    page.get_by_role("link", name="Nog geen DigiD? Vraag uw DigiD aan").click()
    expect(page.get_by_role("heading", name="Nog geen DigiD? Vraag uw DigiD aan")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server + "/sites/digid.nl/vergeten/wachtwoord")
    assert_accessible(page)
    page.goto(live_server + "/sites/digid.nl/vergeten/gebruikersnaam")
    assert_accessible(page)
