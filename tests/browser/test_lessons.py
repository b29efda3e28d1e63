"""The chapter's lessons in a real browser, clicking only what the lesson panel says."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

SHOTS = Path("/tmp/shots/lessons")
SHOTS.mkdir(parents=True, exist_ok=True)


def panel(page):
    return page.locator("#lesson-panel")


def open_sheet(page) -> None:
    """Open the lesson sheet when it is collapsed (a phone)."""
    toggle = panel(page).locator(".lesson-panel__toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")


def expect_step(page, text: str) -> None:
    expect(panel(page).locator(".lesson-panel__count")).to_have_text(text, timeout=10_000)


def target(page, name: str):
    return page.locator(f"[data-target='{name}']:visible").first


def begin(page, base: str, lesson_id: str) -> None:
    page.goto(base + "/")
    page.locator(f"form[action='/les/{lesson_id}/begin'] button").click()
    page.wait_for_url(re.compile(r".*/(les|sites)/.*"))
    page.wait_for_load_state()


def read_on(page) -> None:
    """Press Volgende on the lesson's reading pages until a step on the websites begins."""
    while "/les/" in page.url:
        page.locator(".lesson-page__nav").get_by_role("button", name="Volgende").click()
        page.wait_for_load_state()


def expect_arrows(page, count: int) -> None:
    expect(page.locator(".lesson-overlay:not([hidden]) .lesson-arrow")).to_have_count(count)


def expect_letters(page, letters: list[str]) -> None:
    expect(page.locator(".lesson-overlay .lesson-letter")).to_have_text(letters)


def read_sms_code(page) -> str:
    """Open the phone (beside the page on a wide screen, behind its button on a small one)."""
    page.wait_for_load_state()
    small = page.locator("[data-target='phone.sms']:visible").count() == 0
    if small:
        target(page, "phone.toggle").click()
    target(page, "phone.sms").click()
    code = page.locator(".phone-sms__code").last.inner_text().strip()
    if small:  # on a small screen the phone covers the page: put it away again
        page.locator("[data-phone-close]").click()
    return code


def login_with_sms(page) -> None:
    """DigiD with the practice account and the sms code from the simulated phone."""
    target(page, "digid.gebruikersnaam").fill("oefenaccount")
    target(page, "digid.wachtwoord").fill("Oefenen123")
    target(page, "digid.inloggen").click()
    code = read_sms_code(page)
    target(page, "digid.sms.code").fill(code)
    target(page, "digid.sms.volgende").click()


def log_in(page, base: str) -> None:
    """Log in to Mijn Inburgering without a lesson (for the lessons that need it)."""
    page.goto(base + "/sites/digid.nl/inloggen?dienst=duo")
    target(page, "digid.methode.sms").click()
    login_with_sms(page)
    page.wait_for_url("**/mijn.inburgeren.nl/**")


def test_lesson_1_inburgeren(page, live_server):
    page.goto(live_server + "/")
    assert_accessible(page)
    begin(page, live_server, "inburgeren")
    expect(page.get_by_text("Wanneer u dit hoofdstuk heeft doorlopen, dan")).to_be_visible()
    assert_accessible(page)
    read_on(page)
    expect_step(page, "Stap 7 van 9")
    expect_arrows(page, 1)
    assert_accessible(page)  # the start page with the lesson panel open
    page.screenshot(path=SHOTS / "desktop-les1-begin-pijl.png")
    target(page, "oefen.begin").click()
    expect_step(page, "Stap 8 van 9")
    expect(panel(page).get_by_text("Let op!")).to_be_visible()
    expect_letters(page, ["A", "B"])
    page.screenshot(path=SHOTS / "desktop-les1-hangslot-letop.png")
    panel(page).get_by_role("button", name="Volgende").click()
    expect_step(page, "Stap 9 van 9")
    expect(panel(page).get_by_text("Klik dan op de Engelse vlag")).to_be_visible()
    target(page, "inburgeren.onderwerp.inburgeren-betalen").click()
    expect(panel(page).get_by_text("U heeft deze les afgerond.")).to_be_visible()
    panel(page).get_by_role("link", name="Verder").click()
    expect(page.get_by_role("button", name=re.compile("Volgende les"))).to_be_visible()
    page.goto(live_server + "/")
    expect(page.locator(".lesson-card--klaar")).to_contain_text("Klaar")


def test_lesson_2_inloggen_with_digid_and_the_phone(page, live_server):
    begin(page, live_server, "inloggen")
    read_on(page)
    expect_step(page, "Stap 2 van 7")
    target(page, "inburgeren.menu.inloggen").click()
    expect_step(page, "Stap 3 van 7")
    target(page, "inburgeren.login.knop").click()
    expect_step(page, "Stap 4 van 7")
    expect(panel(page).get_by_text("oefenenmetdigid.nl/app")).to_be_visible()
    target(page, "digid.methode.sms").click()
    expect_step(page, "Stap 5 van 7")
    expect_letters(page, ["A", "B"])
    target(page, "digid.gebruikersnaam").fill("oefenaccount")
    target(page, "digid.wachtwoord").fill("Oefenen123")
    target(page, "digid.inloggen").click()
    expect_step(page, "Stap 6 van 7")
    expect(panel(page).get_by_text("gesproken sms")).to_be_visible()
    code = read_sms_code(page)
    target(page, "digid.sms.code").fill(code)
    target(page, "digid.sms.volgende").click()
    expect_step(page, "Stap 7 van 7")
    panel(page).get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("U heeft deze les afgerond. Goed gedaan!")).to_be_visible()


def test_lesson_3_mijn_inburgering_with_letters(page, live_server):
    log_in(page, live_server)
    begin(page, live_server, "mijn-inburgering")
    expect(page.get_by_alt_text(re.compile("gele menubalk"))).to_be_visible()
    read_on(page)
    expect_step(page, "Stap 2 van 5")
    expect_letters(page, ["A", "B", "C", "D", "E"])
    page.screenshot(path=SHOTS / "desktop-les3-letters-A-E.png")
    assert_accessible(page)
    target(page, "mijn.menu.gegevens").click()
    expect_step(page, "Stap 3 van 5")
    target(page, "mijn.submenu.persoon").click()
    expect_step(page, "Stap 4 van 5")
    # Done in a second tab: the first tab's panel moves on by itself (it polls the server).
    other = page.context.new_page()
    other.goto(page.url)
    target(other, "mijn.persoon.email.voegtoe").click()
    other.locator("input[name='email']").fill("yonas@voorbeeld.nl")
    for extra in other.locator("input[name^='email_']").all():
        extra.fill("yonas@voorbeeld.nl")
    other.get_by_role("button", name="Opslaan").click()
    expect_step(other, "Stap 5 van 5")
    expect_step(page, "Stap 5 van 5")
    other.close()
    target(page, "mijn.submenu.inburgering").click()
    expect(panel(page).get_by_text("U heeft deze les afgerond.")).to_be_visible()


def choose_world(page, title: str) -> None:
    """On "Begin opnieuw": pick the practice world with this title and start again."""
    page.get_by_label(re.compile(re.escape(title))).check()
    page.get_by_role("button", name="Ja, begin opnieuw").click()
    expect(page.get_by_text("Alles staat weer klaar.")).to_be_visible()


def test_lesson_4_facturen_accept_then_refuse_with_a_reason(page, live_server):
    begin(page, live_server, "facturen")
    read_on(page)
    # Lesson 4 plays in its own world (two open invoices, one of them wrong): beginning the
    # lesson switched to it, so its "Zet de oefenwereld klaar" step passed by itself.
    expect_step(page, "Stap 4 van 15")
    assert "/sites/mail.oefenpost.nl/" in page.url  # "Volgende" led to the step's site
    target(page, "mail.bericht.MAIL001").click()
    expect_step(page, "Stap 5 van 15")
    expect(panel(page).get_by_text("Log dan eerst in met DigiD.")).to_be_visible()
    log_in(page, live_server)  # switching the world logged the learner out
    target(page, "mijn.menu.facturen").click()
    expect_step(page, "Stap 6 van 15")
    target(page, "mijn.submenu.facturen").click()
    expect_step(page, "Stap 7 van 15")
    expect_letters(page, ["A", "B"])
    target(page, "mijn.factuur.FAC229230568").click()
    expect_step(page, "Stap 8 van 15")
    expect(page.locator("[data-target='mijn.factuur.gegevens']")).to_contain_text("€ 250,00")
    target(page, "mijn.factuur.accepteren").click()
    expect_step(page, "Stap 9 van 15")
    expect(
        panel(page).get_by_text("Als u op 'Akkoord' klikt, accepteert u de factuur.")
    ).to_be_visible()
    target(page, "mijn.factuur.akkoord").click()
    expect_step(page, "Stap 10 van 15")
    expect(target(page, "mijn.melding")).to_have_text("U hebt uw factuur geaccepteerd.")
    expect_letters(page, ["A", "B"])
    panel(page).get_by_role("button", name="Volgende").click()
    # Refusing: the second invoice, whose amount is ten times too high.
    expect_step(page, "Stap 11 van 15")
    expect(panel(page).get_by_text("klikt u op Weigeren", exact=False)).to_be_visible()
    target(page, "mijn.factuur.FAC229230569").click()
    expect_step(page, "Stap 12 van 15")
    expect_arrows(page, 1)
    expect(target(page, "mijn.factuur.gegevens")).to_contain_text("€ 2.500,00")
    page.screenshot(path=SHOTS / "desktop-les4-foute-factuur-bedrag.png")
    assert_accessible(page)
    panel(page).get_by_role("button", name="Volgende").click()
    expect_step(page, "Stap 13 van 15")
    target(page, "mijn.factuur.weigeren").click()
    expect_step(page, "Stap 14 van 15")
    expect(
        panel(page).get_by_text("De taalschool kan dan het contract met u beëindigen.")
    ).to_be_visible()
    expect(
        panel(page).get_by_text("Als u kiest voor 'Andere reden' moet u die reden invullen.")
    ).to_be_visible()
    page.screenshot(path=SHOTS / "desktop-les4-reden-letop.png")
    assert_accessible(page)
    target(page, "mijn.factuur.reden").select_option(label="Factuurbedrag is niet goed")
    target(page, "mijn.factuur.verder").click()
    expect_step(page, "Stap 15 van 15")
    expect(target(page, "mijn.melding")).to_contain_text("U hebt uw factuur geweigerd.")
    expect(target(page, "mijn.facturen.afgehandeld")).to_contain_text("Factuur is geweigerd")
    expect_letters(page, ["A", "B"])
    expect(panel(page).get_by_text("Vertel dan aan uw taalschool waarom")).to_be_visible()
    page.screenshot(path=SHOTS / "desktop-les4-geweigerd.png")
    panel(page).get_by_role("button", name="Volgende").click()
    expect(page.get_by_text("U heeft deze les afgerond. Goed gedaan!")).to_be_visible()


def test_lesson_4_wrong_turns_at_360px(mobile, live_server):
    page = mobile
    page.goto(live_server + "/opnieuw")
    choose_world(page, "Oefenen met facturen")
    log_in(page, live_server)
    begin(page, live_server, "facturen")
    read_on(page)
    expect_step(page, "Stap 4 van 15")  # the world is already right: no "Begin opnieuw" step
    target(page, "mail.bericht.MAIL001").click()
    expect_step(page, "Stap 5 van 15")
    panel(page).get_by_role("link", name="Ga naar mijn.inburgeren.nl").click()
    target(page, "mijn.menu.facturen").click()
    target(page, "mijn.submenu.facturen").click()
    expect_step(page, "Stap 7 van 15")
    # Wrong turn: the other open invoice first.
    target(page, "mijn.factuur.FAC229230569").click()
    expect(panel(page).get_by_text("Die bekijkt u later in deze les.")).to_be_visible()
    page.get_by_role("link", name="Terug naar Mijn facturen").click()
    target(page, "mijn.factuur.FAC229230568").click()
    expect_step(page, "Stap 8 van 15")
    # Wrong turn: Weigeren on the good invoice.
    page.locator("[data-target='mijn.factuur.weigeren']").click()
    expect(panel(page).get_by_text("Deze factuur klopt. Weiger hem dus niet.")).to_be_visible()
    page.get_by_role("link", name="terug", exact=True).click()
    target(page, "mijn.factuur.accepteren").click()
    target(page, "mijn.factuur.akkoord").click()
    expect_step(page, "Stap 10 van 15")
    panel(page).get_by_role("button", name="Volgende").click()
    target(page, "mijn.factuur.FAC229230569").click()
    expect_step(page, "Stap 12 van 15")
    expect_arrows(page, 1)
    assert_no_sideways_scroll(page)
    page.screenshot(path=SHOTS / "m360-les4-foute-factuur-bedrag.png")
    panel(page).get_by_role("button", name="Volgende").click()
    target(page, "mijn.factuur.weigeren").click()
    expect_step(page, "Stap 14 van 15")
    expect(panel(page).locator(".lesson-tip__label")).to_have_text("Let op!")
    assert_no_sideways_scroll(page)
    open_sheet(page)  # on a phone the sheet may start collapsed, to leave the page its room
    panel(page).locator(".lesson-tip").scroll_into_view_if_needed()
    page.screenshot(path=SHOTS / "m360-les4-reden-letop.png")
    # Wrong turn: Verder without a reason; the site asks for one, the lesson waits.
    target(page, "mijn.factuur.verder").click()
    expect(page.get_by_text("Reden is verplicht")).to_be_visible()
    expect_step(page, "Stap 14 van 15")
    target(page, "mijn.factuur.reden").select_option(label="Factuurbedrag is niet goed")
    target(page, "mijn.factuur.verder").click()
    expect_step(page, "Stap 15 van 15")
    assert_no_sideways_scroll(page)
    page.screenshot(path=SHOTS / "m360-les4-geweigerd.png")
    assert_accessible(page)


def test_lesson_5_exercises_with_wrong_turns(page, live_server):
    log_in(page, live_server)
    begin(page, live_server, "oefen-nu-zelf")
    read_on(page)
    expect_step(page, "Stap 2 van 6")
    expect_arrows(page, 0)  # Oefen nu zelf: no arrows
    # A wrong turn first: the letters.
    target(page, "mijn.menu.brieven").click()
    expect(
        panel(page).get_by_text("Dit is de pagina Brieven. De lening vindt u onder")
    ).to_be_visible()
    panel(page).get_by_role("button", name="Hulp nodig?").click()
    expect(panel(page).locator(".lesson-hints li")).to_have_count(1)
    panel(page).get_by_role("button", name="Laat zien").click()
    expect_arrows(page, 1)
    target(page, "mijn.menu.lening").click()
    panel(page).get_by_label("Hoeveel heeft u geleend?").fill("3.300,00")
    panel(page).get_by_label("Hoeveel kunt u nog lenen?").fill("10.000,00")
    panel(page).get_by_role("button", name="Controleer mijn antwoord").click()
    expect(panel(page).get_by_text("Dit is het bedrag dat u in totaal mag lenen")).to_be_visible()
    expect_letters(page, ["A", "B"])  # "Laat zien" still shows the way on this page
    expect_arrows(page, 1)
    page.screenshot(path=SHOTS / "desktop-les5-feedback.png")
    assert_accessible(page)
    geleend = page.locator("[data-target='mijn.lening.geleend'] dd").inner_text()
    nog = page.locator("[data-target='mijn.lening.beschikbaar'] dd").inner_text()
    panel(page).get_by_label("Hoeveel heeft u geleend?").fill(geleend)
    panel(page).get_by_label("Hoeveel kunt u nog lenen?").fill(nog)
    panel(page).get_by_role("button", name="Controleer mijn antwoord").click()
    expect(panel(page).get_by_text("Goed gedaan!")).to_be_visible()
    expect_step(page, "Stap 3 van 6")
    # Oefening 2
    target(page, "mijn.menu.examens").click()
    target(page, "mijn.examens.aanmelden").click()
    expect(panel(page).get_by_text("Zo meldt u zich aan voor een examen.")).to_be_visible()
    target(page, "mijn.menu.examens").click()
    target(page, "mijn.examen.lezen").click()
    expect_step(page, "Stap 4 van 6")
    # Oefening 3 on ind.nl
    panel(page).get_by_role("link", name="Ga naar ind.nl").click()
    expect(panel(page).get_by_text("Klik dan op het vlag-symbool")).to_be_visible()
    target(page, "ind.onderwerp.verblijfsdocument").click()
    page.get_by_role("link", name=re.compile("kwijt of gestolen", re.I)).first.click()
    expect_step(page, "Stap 5 van 6")
    # Oefening 4: the wrong fee first
    expect(panel(page).get_by_text("Vul nooit een aanvraag in zonder advies")).to_be_visible()
    target(page, "ind.zoek").fill("onbepaalde tijd")
    target(page, "ind.zoek").press("Enter")
    page.get_by_role("link", name=re.compile("onbepaalde tijd", re.I)).first.click()
    costs = target(page, "ind.onbepaalde_tijd.kosten").inner_text()
    fee = re.search(r"€\s?[\d.]+,\d\d", costs).group(0)
    panel(page).get_by_label("Wat kost de aanvraag?").fill("€ 1,00")
    panel(page).get_by_role("button", name="Controleer mijn antwoord").click()
    expect(panel(page).get_by_text("Dit bedrag klopt nog niet.")).to_be_visible()
    panel(page).get_by_label("Wat kost de aanvraag?").fill(fee)
    panel(page).get_by_role("button", name="Controleer mijn antwoord").click()
    expect_step(page, "Stap 6 van 6")
    panel(page).get_by_role("link", name="Lees verder").click()
    expect(page.get_by_text("In dit hoofdstuk heeft u geoefend")).to_be_visible()
    page.get_by_role("button", name="Afronden").click()
    expect(page.get_by_text("U heeft deze les afgerond. Goed gedaan!")).to_be_visible()


def test_overlay_at_360px(mobile, live_server):
    page = mobile
    log_in(page, live_server)
    page.goto(live_server + "/")
    assert_no_sideways_scroll(page)
    begin(page, live_server, "mijn-inburgering")
    assert_no_sideways_scroll(page)  # the reading page with its picture
    assert_accessible(page)
    page.screenshot(path=SHOTS / "m360-les3-leespagina.png", full_page=True)
    read_on(page)
    expect_step(page, "Stap 2 van 5")
    expect(page.locator(".lesson-letter")).to_have_count(5)
    assert_no_sideways_scroll(page)
    page.screenshot(path=SHOTS / "m360-les3-letters-A-E.png")
    # The panel folds away; the arrows keep pointing at the menu.
    toggle = panel(page).locator(".lesson-panel__toggle")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    page.screenshot(path=SHOTS / "m360-les3-paneel-dicht.png")
    letter = page.locator(".lesson-letter").first.bounding_box()
    menu = target(page, "mijn.menu.gegevens").bounding_box()
    assert abs(letter["x"] + 14 - (menu["x"] + menu["width"] / 2)) < 3
    assert abs(letter["y"] - (menu["y"] - 14)) < 3
    target(page, "mijn.menu.gegevens").click()  # the overlay never blocks the click
    expect_step(page, "Stap 3 van 5")
    expect_arrows(page, 1)
    page.screenshot(path=SHOTS / "m360-les3-persoon-pijl.png")
    assert_accessible(page)
    assert_no_sideways_scroll(page)
    page.mouse.wheel(0, 300)
    page.wait_for_timeout(200)
    arrow = page.locator(".lesson-arrow").bounding_box()
    persoon = target(page, "mijn.submenu.persoon").bounding_box()
    assert (
        abs((arrow["y"] + 24) - (persoon["y"] + persoon["height"] / 2)) < 30
        or arrow["y"] < persoon["y"]
        or abs(arrow["y"] - (persoon["y"] + persoon["height"] + 2)) < 3  # below, pointing up
    )


def test_escape_hides_the_arrow_and_missing_target_is_said_in_words(page, live_server):
    begin(page, live_server, "inloggen")
    read_on(page)
    expect_step(page, "Stap 2 van 7")
    expect_arrows(page, 1)
    page.keyboard.press("Escape")
    expect_arrows(page, 0)
    panel(page).get_by_role("button", name="Toon de pijl weer").click()
    expect_arrows(page, 1)
    page.goto(live_server + "/sites/ind.nl/")  # the target is not on this site
    expect(
        panel(page).get_by_text("staat bovenaan op elke pagina van inburgeren.nl")
    ).to_be_visible()


def test_panel_is_keyboard_reachable_and_accessible(page, live_server):
    begin(page, live_server, "inburgeren")
    read_on(page)
    target(page, "oefen.begin").click()
    expect_step(page, "Stap 8 van 9")
    assert_accessible(page)
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.closest('#lesson-panel') !== null"):
            break
    else:
        raise AssertionError("the lesson panel cannot be reached with Tab")
    live = page.locator("#lesson-live")
    expect(live).to_contain_text("Kijk in de adresbalk bovenaan (B).")
    assert live.get_attribute("aria-live") == "polite"


def test_tip_and_arrow_at_360px(mobile, live_server):
    page = mobile
    log_in(page, live_server)
    begin(page, live_server, "mijn-inburgering")
    read_on(page)
    target(page, "mijn.menu.gegevens").click()
    target(page, "mijn.submenu.persoon").click()
    expect_step(page, "Stap 4 van 5")
    expect(panel(page).locator(".lesson-tip__label")).to_have_text("Tip")
    expect_arrows(page, 1)
    arrow = page.locator(".lesson-arrow").bounding_box()
    assert 0 <= arrow["y"] <= page.viewport_size["height"]  # scrolled into view, above the panel
    page.screenshot(path=SHOTS / "m360-les3-tip-pijl.png")
    assert_no_sideways_scroll(page)
