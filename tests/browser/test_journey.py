"""The whole chapter across the sites, as a learner clicks it, at 1280 px and at 360 px.

Set JOURNEY_SHOTS=1 to save a screenshot of every page in /tmp/shots/journey/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_no_sideways_scroll
from tests.browser.journey_steps import (
    FAC,
    IB,
    IND,
    M,
    amount,
    begin_opnieuw,
    check,
    close_phone,
    computer_waits,
    exam_day,
    fresh,
    login_with_sms,
    open_phone,
    pair_in_app,
    phone,
    press_enter,
    read_sms_code,
    shot,
    tab_to,
    to_digid,
)


def walk_chapter(page, live_server, wide: bool) -> None:
    """Journey 1: the chapter from the start page to Begin opnieuw."""
    n = "j1"
    page.goto(live_server + "/")
    check(page, f"{n}-start", wide)
    page.locator("[data-target='oefen.begin']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "inburgeren.home")
    check(page, f"{n}-inburgeren-home", wide)
    login_with_sms(page, wide, n)
    expect(page.locator("h1")).to_contain_text("Yonas Tesfay")
    check(page, f"{n}-mijn-home", wide)

    page.locator("[data-target='mijn.menu.gegevens']").click()
    page.locator("[data-target='mijn.submenu.persoon']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "mijn.persoon")
    check(page, f"{n}-persoon", wide)
    page.locator("[data-target='mijn.persoon.email.voegtoe']").click()
    check(page, f"{n}-wijzig-email", wide)
    page.get_by_label("E-mailadres", exact=True).fill("yonas@oefenpost.nl")
    page.get_by_label("Herhaal e-mailadres").fill("yonas@oefenpost.nl")
    page.get_by_role("button", name="Opslaan").click()
    expect(page.locator("[data-value='email']")).to_have_text("yonas@oefenpost.nl")
    check(page, f"{n}-persoon-na", wide)

    page.locator("[data-target='mijn.menu.gegevens']").click()
    page.locator("[data-target='mijn.submenu.inburgering']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "mijn.inburgering")
    check(page, f"{n}-inburgering", wide)

    page.locator("[data-target='mijn.menu.lening']").click()
    check(page, f"{n}-lening", wide)
    geleend = amount(page, "mijn.lening.geleend")
    beschikbaar = amount(page, "mijn.lening.beschikbaar")

    page.locator("[data-target='mijn.menu.facturen']").click()
    page.locator("[data-target='mijn.submenu.facturen']").click()
    check(page, f"{n}-facturen", wide)
    page.locator(f"[data-target='mijn.factuur.{FAC}']").click()
    check(page, f"{n}-factuur", wide)
    page.locator("[data-target='mijn.factuur.accepteren']").click()
    check(page, f"{n}-accepteren", wide)
    page.locator("[data-target='mijn.factuur.akkoord']").click()
    expect(page.locator("[data-target='mijn.melding']")).to_have_text(
        "U hebt uw factuur geaccepteerd."
    )
    handled = page.locator("[data-target='mijn.facturen.afgehandeld'] tr", has_text=FAC)
    expect(handled).to_contain_text("Factuur is vrijgegeven")
    check(page, f"{n}-facturen-na", wide)

    page.locator("[data-target='mijn.menu.lening']").click()
    assert amount(page, "mijn.lening.geleend") == geleend + 25000
    assert amount(page, "mijn.lening.beschikbaar") == beschikbaar - 25000
    check(page, f"{n}-lening-na", wide)

    open_phone(page)  # the webmail is the E-mail app on the phone's home screen
    mail_app = phone(page).locator("[data-target='phone.mail']")
    if not mail_app.is_visible():
        phone(page).locator(".phone-back").click()  # "< Terug" from the messages
    mail_app.click()
    expect(page.locator("body")).to_have_attribute("data-page", "mail.inbox")
    expect(page.locator("main")).to_contain_text("Er staat een factuur voor u klaar")
    expect(page.locator("main")).to_contain_text("Uw gegevens zijn gewijzigd")
    check(page, f"{n}-mail", wide)
    page.go_back()
    expect(page.locator("body")).to_have_attribute("data-page", "mijn.lening")

    page.locator("[data-target='mijn.uitloggen']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "inburgeren.home")
    expect(page.locator("[data-target='inburgeren.melding']")).to_contain_text("U bent uitgelogd.")
    check(page, f"{n}-uitgelogd", wide)

    login_with_sms(page, wide)
    page.locator("[data-target='mijn.menu.facturen']").click()
    page.locator("[data-target='mijn.submenu.facturen']").click()
    expect(page.locator("[data-target='mijn.facturen.open']")).not_to_contain_text(FAC)
    page.locator("[data-target='mijn.menu.gegevens']").click()
    page.locator("[data-target='mijn.submenu.persoon']").click()
    expect(page.locator("[data-value='email']")).to_have_text("yonas@oefenpost.nl")

    begin_opnieuw(page)
    check(page, f"{n}-opnieuw", wide)
    page.get_by_role("link", name="Naar inburgeren.nl").click()
    login_with_sms(page, wide)  # logged out by Begin opnieuw: DigiD again
    page.locator("[data-target='mijn.menu.facturen']").click()
    page.locator("[data-target='mijn.submenu.facturen']").click()
    expect(page.locator("[data-target='mijn.facturen.open']")).to_contain_text(FAC)
    page.locator("[data-target='mijn.menu.lening']").click()
    assert amount(page, "mijn.lening.geleend") == geleend
    page.locator("[data-target='mijn.menu.gegevens']").click()
    page.locator("[data-target='mijn.submenu.persoon']").click()
    expect(page.locator("[data-value='email']")).to_have_text("Onbekend")


def test_chapter_at_1280(page, live_server):
    page.set_viewport_size({"width": 1280, "height": 900})
    walk_chapter(page, live_server, wide=True)


def test_chapter_at_360(mobile, live_server):
    walk_chapter(mobile, live_server, wide=False)


@pytest.mark.parametrize("wide", [True, False], ids=["1280", "360"])
def test_app_rijbewijs_and_annuleren(browser, live_server, wide):
    """Journey 2: the DigiD app on another device, the rijbewijs, and "< Annuleren"."""
    size = {"width": 1280, "height": 900} if wide else {"width": 360, "height": 740}
    context = browser.new_context(viewport=size, has_touch=not wide)
    page = context.new_page()
    try:
        fresh(page, live_server)
        to_digid(page)
        page.locator("[data-target='digid.annuleren']").click()
        expect(page.locator("body")).to_have_attribute("data-page", "inburgeren.home")
        expect(page.locator("[data-target='inburgeren.melding']")).to_be_visible()
        check(page, "j2-geannuleerd", wide)

        to_digid(page)
        page.locator("[data-target='digid.methode.app']").click()
        check(page, "j2-app-koppel", wide)
        pair_in_app(page)
        pin = phone(page).locator("[data-target='phone.app.pin']")
        expect(pin).to_be_visible()
        check(page, "j2-app-pin", wide)
        pin.fill("12345")
        with computer_waits(page):
            phone(page).get_by_role("button", name="Inloggen").click()
            expect(phone(page).get_by_text("Ga verder op uw computer.")).to_be_visible()
            close_phone(page)
        expect(page.locator("body")).to_have_attribute("data-page", "mijn.home", timeout=10000)
        expect(page.locator("h1")).to_contain_text("Yonas Tesfay")
        page.locator("[data-target='mijn.uitloggen']").click()
        expect(page.locator("[data-target='inburgeren.melding']")).to_contain_text(
            "U bent uitgelogd."
        )
        # back to the app's koppel page after Uitloggen: that login is over, DigiD starts
        # again (it used to reload itself over and over with "nog niet bevestigd")
        page.go_back()
        page.go_back()
        expect(page.locator("body")).to_have_attribute("data-page", "digid.kies")
        page.goto(live_server + IB + "/")

        to_digid(page)
        page.locator("[data-target='digid.methode.rijbewijs']").click()
        check(page, "j2-rijbewijs", wide)
        pair_in_app(page)
        phone(page).get_by_role("button", name="Ik houd mijn rijbewijs tegen de telefoon").click()
        phone(page).locator("[data-target='phone.app.pin']").fill("123456")
        with computer_waits(page):
            phone(page).get_by_role("button", name="Bevestigen").click()
            expect(phone(page).get_by_text("Ga verder op uw computer.")).to_be_visible()
            close_phone(page)
        expect(page.locator("body")).to_have_attribute("data-page", "mijn.home", timeout=10000)
    finally:
        context.close()


def test_refusing_an_invoice(page, live_server):
    """Journey 3: each required-field error, then "Andere reden" with a text; loan unchanged."""
    page.set_viewport_size({"width": 1280, "height": 900})
    fresh(page, live_server)
    login_with_sms(page, True)
    page.locator("[data-target='mijn.menu.lening']").click()
    geleend = amount(page, "mijn.lening.geleend")
    page.locator("[data-target='mijn.menu.facturen']").click()
    page.locator("[data-target='mijn.submenu.facturen']").click()
    page.locator(f"[data-target='mijn.factuur.{FAC}']").click()
    page.locator("[data-target='mijn.factuur.weigeren']").click()
    page.locator("[data-target='mijn.factuur.verder']").click()
    expect(page.locator("#reden-fout")).to_have_text("Reden is verplicht")
    expect(page.locator("#reden")).to_be_focused()
    check(page, "j3-reden-verplicht", True)
    page.locator("#reden").select_option(label="Andere reden")
    page.locator("[data-target='mijn.factuur.verder']").click()
    expect(page.locator("#toelichting-fout")).to_have_text("Vul de reden in.")
    check(page, "j3-toelichting-verplicht", True)
    page.locator("#toelichting").fill("Ik heb deze lessen niet gehad.")
    page.locator("[data-target='mijn.factuur.verder']").click()
    expect(page.locator("[data-target='mijn.melding']")).to_contain_text(
        "U hebt uw factuur geweigerd."
    )
    row = page.locator("[data-target='mijn.facturen.afgehandeld'] tr", has_text=FAC)
    expect(row).to_contain_text("Factuur is geweigerd")
    check(page, "j3-geweigerd", True)
    page.reload()  # reload after the POST: nothing twice, no error
    expect(page.locator("[data-target='mijn.melding']")).to_have_count(0)
    page.locator("[data-target='mijn.menu.lening']").click()
    assert amount(page, "mijn.lening.geleend") == geleend


def test_exam_paid_from_the_loan_and_cancelled(page, live_server):
    """Journey 4: register, pay from the loan, Aangemeld, letter and e-mail, cancel, money back."""
    page.set_viewport_size({"width": 1280, "height": 900})
    fresh(page, live_server)
    login_with_sms(page, True)
    page.locator("[data-target='mijn.menu.lening']").click()
    geleend = amount(page, "mijn.lening.geleend")
    page.locator("[data-target='mijn.menu.examens']").click()
    page.locator("[data-target='mijn.examens.aanmelden']").click()
    check(page, "j4-aanmelden", True)
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("Luisteren").check()
    page.get_by_role("button", name="Volgende").click()
    page.get_by_label("DUO Examenlocatie Zwolle").check()
    page.get_by_label("Datum").fill(exam_day().isoformat())
    page.get_by_label("11:00 uur").check()
    page.get_by_role("button", name="Volgende").click()
    check(page, "j4-controleren", True)
    page.get_by_label("Ik ga akkoord met de geheimhoudingsverklaring").check()
    page.get_by_label("Betalen uit mijn lening bij DUO").check()
    page.get_by_role("button", name="Aanmelden en betalen").click()
    expect(page.locator("[data-target='mijn.aanmelden.klaar']")).to_contain_text(
        "U bent aangemeld voor Luisteren."
    )
    check(page, "j4-klaar", True)
    page.go_back()  # back after the POST: no second registration, no error
    page.reload()
    expect(page.locator("body")).to_have_attribute("data-page", re.compile("^mijn\\."))
    page.locator("[data-target='mijn.menu.examens']").click()
    card = page.locator(".mf-exam", has_text="Luisteren")
    expect(card).to_contain_text("Aangemeld")
    expect(card).to_contain_text(exam_day().strftime("%d-%m-%Y"))
    check(page, "j4-examens", True)
    page.locator("[data-target='mijn.menu.lening']").click()
    assert amount(page, "mijn.lening.geleend") == geleend + 5000
    page.locator("[data-target='mijn.menu.brieven']").click()
    page.locator("main a", has_text="Bevestiging aanmelding examen").first.click()
    expect(page.locator("main")).to_contain_text("Luisteren")
    check(page, "j4-brief", True)
    page.goto(live_server + "/sites/mail.oefenpost.nl/")
    page.locator("main a", has_text="Bevestiging aanmelding examen").first.click()
    expect(page.locator("main")).to_contain_text("Er staat een nieuwe brief voor u klaar")
    check(page, "j4-mail", True)
    page.goto(live_server + M + "/examens")
    page.locator("[data-target='mijn.examen.luisteren']").click()
    page.get_by_role("link", name="Afmelden").click()
    page.get_by_role("button", name="Ja, afmelden").click()
    expect(page.locator("[data-target='mijn.melding']")).to_contain_text(
        "Het geld staat weer in uw lening: € 50,00."
    )
    expect(page.locator(".mf-exam", has_text="Luisteren")).to_contain_text("Nog niet gedaan")
    page.locator("[data-target='mijn.menu.lening']").click()
    assert amount(page, "mijn.lening.geleend") == geleend


@pytest.mark.parametrize(
    ("english", "wide"),
    [(False, True), (True, True), (False, False), (True, False)],
    ids=["nl-1280", "en-1280", "nl-360", "en-360"],
)
def test_ind_mijn_ind_and_the_two_answers(page, live_server, english, wide):
    """Journey 5: Mijn IND through DigiD and back; the two answers by search and browsing."""
    size = {"width": 1280, "height": 900} if wide else {"width": 360, "height": 740}
    page.set_viewport_size(size)
    fresh(page, live_server)
    page.goto(live_server + IND + "/")
    if english:
        page.locator("[data-target='ind.taal']").first.click()
        expect(page.locator("main#inhoud")).to_have_attribute("lang", "en")
    check(page, f"j5-ind-home-{'en' if english else 'nl'}", wide)
    page.get_by_role("link", name=re.compile("Mijn IND|My IND")).first.click()
    expect(page.locator("body")).to_have_attribute("data-page", "digid.kies")
    expect(page.locator("main")).to_contain_text("IND")
    page.locator("[data-target='digid.methode.sms']").click()
    page.locator("[data-target='digid.gebruikersnaam']").fill("oefenaccount")
    page.locator("[data-target='digid.wachtwoord']").fill("Oefenen123")
    page.locator("[data-target='digid.inloggen']").click()
    code = read_sms_code(page)
    page.locator("[data-target='digid.sms.code']").fill(code)
    page.locator("[data-target='digid.sms.volgende']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "ind.mijn_ind")
    expect(page.locator("main#inhoud")).to_have_attribute("lang", "en" if english else "nl")
    check(page, f"j5-mijn-ind-{'en' if english else 'nl'}", wide)
    page.get_by_role("button", name=re.compile("Uitloggen|Log out")).click()
    expect(page.locator("body")).to_have_attribute("data-page", re.compile("^ind\\."))
    expect(page.locator("[data-target='ind.melding']")).to_be_visible()
    check(page, f"j5-ind-uitgelogd-{'en' if english else 'nl'}", wide)
    # Mijn Inburgering was never logged in by the IND login
    page.goto(live_server + M + "/")
    expect(page.locator("body")).not_to_have_attribute("data-page", "mijn.home")

    # by search: a lost residence document
    page.goto(live_server + IND + "/")
    box = page.locator("[data-target='ind.zoek'] input[type=search], [data-target='ind.zoek']")
    box.first.fill("lost residence permit" if english else "verblijfsdocument kwijt")
    box.first.press("Enter")
    page.locator("main a", has_text=re.compile("lost|kwijt", re.I)).first.click()
    expect(page.locator("body")).to_have_attribute("data-page", "ind.kwijt")
    check(page, f"j5-kwijt-{'en' if english else 'nl'}", wide)
    # by browsing: Home > Wonen > permanent residence, its cost and its form
    page.locator(".ind-crumbs a", has_text="Home").click()
    page.locator("[data-target='ind.onderwerp.wonen']").click()
    page.locator(".ind-links a").filter(
        has_text=re.compile("Permanent residence permit|Verblijfsvergunning voor onbepaalde tijd")
    ).first.click()
    expect(page.locator("body")).to_have_attribute("data-page", "ind.onbepaalde_tijd")
    fee = "€ 228.00" if english else "€ 228,00"
    expect(page.locator("[data-target='ind.onbepaalde_tijd.kosten']")).to_contain_text(fee)
    page.locator("[data-target='ind.onbepaalde_tijd.formulier']").click()
    expect(page.locator("body")).to_have_attribute("data-page", "ind.onbepaalde_tijd.formulier")
    expect(page.locator("main#inhoud")).to_have_attribute("lang", "en" if english else "nl")
    check(page, f"j5-formulier-{'en' if english else 'nl'}", wide)
    # the language of ind.nl never leaks into inburgeren.nl or DigiD
    page.goto(live_server + IB + "/")
    expect(page.locator("main#inhoud")).to_have_attribute("lang", "nl")
    page.goto(live_server + "/sites/digid.nl/inloggen?dienst=duo")
    expect(page.locator("main#inhoud")).to_have_attribute("lang", "nl")


def test_two_learners_and_a_second_tab(browser, live_server):
    """Journey 6: two learners at once never see each other's changes; a second tab's
    Akkoord never pays twice."""
    one = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    two = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    try:
        for page in (one, two):
            fresh(page, live_server)
            login_with_sms(page, True)
        one.goto(live_server + M + "/lening")
        geleend = amount(one, "mijn.lening.geleend")
        one.goto(f"{live_server}{M}/facturen/{FAC}/accepteren")
        tab = one.context.new_page()  # the same learner in a second tab
        tab.goto(f"{live_server}{M}/facturen/{FAC}/accepteren")
        one.locator("[data-target='mijn.factuur.akkoord']").click()
        expect(one.locator("[data-target='mijn.melding']")).to_have_text(
            "U hebt uw factuur geaccepteerd."
        )
        tab.locator("[data-target='mijn.factuur.akkoord']").click()
        expect(tab.locator("[data-target='mijn.melding']")).to_contain_text("al afgehandeld")
        tab.close()
        one.goto(live_server + M + "/lening")
        assert amount(one, "mijn.lening.geleend") == geleend + 25000

        # the other learner still has the open invoice, the old loan and no new mail
        two.goto(live_server + M + "/facturen")
        expect(two.locator("[data-target='mijn.facturen.open']")).to_contain_text(FAC)
        expect(two.locator("[data-target='mijn.melding']")).to_have_count(0)
        two.goto(live_server + M + "/lening")
        assert amount(two, "mijn.lening.geleend") == geleend
        two.locator("[data-target='mijn.uitloggen']").click()
        expect(two.locator("[data-target='inburgeren.melding']")).to_contain_text(
            "U bent uitgelogd."
        )
        # logging the other learner out does not log this one out
        one.goto(live_server + M + "/facturen")
        expect(one.locator("body")).to_have_attribute("data-page", "mijn.facturen")
        expect(one.locator("[data-target='inburgeren.melding']")).to_have_count(0)
    finally:
        one.context.close()
        two.context.close()


def test_phone_panel_at_360(mobile, live_server):
    """Journey 7: the phone opens full screen and closes; the buttons are big enough to tap."""
    fresh(mobile, live_server)
    to_digid(mobile)
    toggle = mobile.locator("[data-target='phone.toggle']")
    open_phone(mobile)
    box = phone(mobile).bounding_box()
    assert box["width"] >= 355 and box["height"] >= 700, f"not full screen: {box}"
    assert_no_sideways_scroll(mobile)
    shot(mobile, "j7-telefoon-open-360")
    for button in phone(mobile).locator("button:visible, a:visible").all():
        size = button.bounding_box()
        assert size["height"] >= 44, f"too small to tap: {button.inner_text()!r} {size}"
    mobile.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    expect(phone(mobile)).to_be_hidden()
    for target in ("digid.methode.app", "digid.methode.sms", "digid.annuleren", "phone.toggle"):
        size = mobile.locator(f"[data-target='{target}']").first.bounding_box()
        assert size["height"] >= 44, f"{target} too small to tap: {size}"


def test_login_and_accept_by_keyboard_only(page, live_server):
    """Journey 1's core by keyboard only: log in with sms and accept the invoice."""
    page.set_viewport_size({"width": 1280, "height": 900})
    fresh(page, live_server)
    tab_to(page, "[data-target='inburgeren.menu.inloggen']")
    press_enter(page, "inburgeren.login")
    tab_to(page, "[data-target='inburgeren.login.knop']")
    press_enter(page, "digid.kies")
    tab_to(page, "[data-target='digid.methode.sms']")
    press_enter(page, "digid.sms.login")
    tab_to(page, "#gebruikersnaam")
    page.keyboard.press("Enter")  # nothing typed: the errors, and the focus on the first one
    expect(page.get_by_text("Vul uw DigiD gebruikersnaam in.")).to_be_visible()
    expect(page.locator("#gebruikersnaam")).to_be_focused()
    page.keyboard.type("oefenaccount")
    tab_to(page, "#wachtwoord")
    page.keyboard.type("Oefenen123")
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-page", "digid.sms.code")
    toggle = page.locator("[data-target='phone.toggle']")
    if toggle.get_attribute("aria-expanded") == "false":
        tab_to(page, "[data-target='phone.toggle']")
        page.keyboard.press("Enter")
    if not phone(page).locator(".phone-messages").is_visible():
        tab_to(page, "#telefoon [data-target='phone.sms']")
        page.keyboard.press("Enter")
    code = phone(page).locator(".phone-sms--newest .phone-sms__code")
    expect(code).to_be_visible()
    text = code.inner_text()
    tab_to(page, "[data-target='digid.sms.code']")
    page.keyboard.type(text)
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-page", "mijn.home")
    tab_to(page, "[data-target='mijn.menu.facturen']")
    press_enter(page, "mijn.contracten_facturen")
    tab_to(page, "[data-target='mijn.submenu.facturen']")
    press_enter(page, "mijn.facturen")
    tab_to(page, f"[data-target='mijn.factuur.{FAC}']")
    press_enter(page, "mijn.factuur")
    tab_to(page, "[data-target='mijn.factuur.accepteren']")
    press_enter(page, "mijn.factuur.accepteren")
    tab_to(page, "[data-target='mijn.factuur.akkoord']")
    press_enter(page, "mijn.facturen")
    melding = page.locator("[data-target='mijn.melding']")
    expect(melding).to_have_text("U hebt uw factuur geaccepteerd.")
