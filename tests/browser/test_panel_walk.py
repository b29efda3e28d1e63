"""Lessons 1-5 on a 360 x 740 phone, tapping only what the lesson panel points at.

On arrival at every guided step, every target of the step and every arrow and letter lies in
the free area: not under the lesson sheet, the phone, the banner or the bar, not off the screen.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.geometry import assert_in_view


class Walk:
    """A learner on a phone who taps what the panel points at, and what was measured."""

    def __init__(self, page, base: str, lesson: str):
        self.page, self.base, self.lesson = page, base, lesson
        self.steps = self.targets = self.marks = 0
        self.split: list[str] = []  # steps whose targets cannot be on the screen together

    def panel(self):
        return self.page.locator("#lesson-panel")

    def target(self, name: str):
        return self.page.locator(f"[data-target='{name}']:visible").first

    def arrive(self, step: str, here: bool = True) -> None:
        """The step is on screen: measure the free area."""
        expect(self.panel().locator(".lesson-panel__count")).to_have_text(step, timeout=10_000)
        self.page.wait_for_load_state()
        view, presses = assert_in_view(self.page, f"{self.lesson}, {step} on {self.page.url}", here)
        self.steps += 1
        self.targets += len(view.found)
        self.marks += view.marks
        if presses:
            self.split.append(f"{step} ({presses}x Waar nog?)")

    def tap(self, name: str) -> None:
        self.target(name).tap()

    def tap_panel(self, button: str) -> None:
        """A button of the step itself (Volgende, Laat zien): opens the sheet when needed."""
        control = self.panel().get_by_role("button", name=button, exact=True)
        if not control.is_visible():
            self.panel().locator(".lesson-panel__toggle").tap()
        control.tap()

    def begin(self) -> None:
        self.page.goto(self.base + "/")
        self.page.locator(f"form[action='/les/{self.lesson}/begin'] button").tap()
        self.page.wait_for_url(re.compile(r".*/(les|sites)/.*"))
        while "/les/" in self.page.url:
            with self.page.expect_navigation():
                self.page.locator(".lesson-page__nav").get_by_role("button", name="Volgende").tap()

    def done(self) -> None:
        expect(self.page.get_by_text(re.compile("U heeft deze les afgerond"))).to_be_attached()
        print(
            f"\n{self.lesson} at 360x740: {self.steps} arrivals measured, {self.targets} targets,"
            f" {self.marks} marks in the free area; one group at a time: {self.split or 'none'}"
        )


def log_in(walk: Walk) -> None:
    """Log in to Mijn Inburgering before a lesson that needs it (not part of the lesson)."""
    page = walk.page
    page.goto(walk.base + "/sites/digid.nl/inloggen?dienst=duo")
    walk.target("digid.methode.sms").tap()
    walk.target("digid.gebruikersnaam").fill("oefenaccount")
    walk.target("digid.wachtwoord").fill("Oefenen123")
    walk.target("digid.inloggen").tap()
    walk.target("digid.sms.code").fill(read_code(walk))
    walk.target("digid.sms.volgende").tap()
    page.wait_for_url("**/mijn.inburgeren.nl/**")


def read_code(walk: Walk) -> str:
    """The banner says a message came: one tap opens it on the phone; then close the phone."""
    page = walk.page
    page.locator("[data-phone-notice] button[type=submit]").tap()
    code = page.locator("#telefoon .phone-sms--newest .phone-sms__code")
    expect(code).to_be_visible()
    text = code.inner_text().strip()
    page.locator("#telefoon [data-phone-close]").tap()
    expect(page.locator("#telefoon")).to_be_hidden()
    return text


@pytest.fixture
def phone_page(mobile):
    return mobile


def test_lesson_1_at_360px(phone_page, live_server):
    walk = Walk(phone_page, live_server, "inburgeren")
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


def test_lesson_2_at_360px(phone_page, live_server):
    walk = Walk(phone_page, live_server, "inloggen")
    walk.begin()
    walk.arrive("Stap 2 van 7")
    walk.tap("inburgeren.menu.inloggen")
    walk.arrive("Stap 3 van 7")
    walk.tap("inburgeren.login.knop")
    walk.arrive("Stap 4 van 7")
    walk.tap("digid.methode.sms")
    walk.arrive("Stap 5 van 7")
    walk.target("digid.gebruikersnaam").fill("oefenaccount")
    walk.target("digid.wachtwoord").fill("Oefenen123")
    walk.tap("digid.inloggen")
    walk.arrive("Stap 6 van 7")
    walk.tap("phone.toggle")  # A: the Telefoon button, then Berichten on the phone
    phone = walk.page.locator("#telefoon")
    phone.locator("[data-target='phone.sms']").tap()
    code = phone.locator(".phone-sms--newest .phone-sms__code").inner_text().strip()
    walk.tap("phone.toggle")  # the same button closes the phone
    walk.target("digid.sms.code").fill(code)
    walk.tap("digid.sms.volgende")
    walk.arrive("Stap 7 van 7")
    walk.tap_panel("Volgende")
    walk.done()


def test_lesson_3_at_360px(phone_page, live_server):
    walk = Walk(phone_page, live_server, "mijn-inburgering")
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


def test_lesson_4_at_360px(phone_page, live_server):
    walk = Walk(phone_page, live_server, "facturen")
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
    walk.arrive("Stap 8 van 15")
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


def show_me(walk: Walk, step: str) -> None:
    """An exercise has no arrows: "Laat zien" brings them."""
    walk.tap_panel("Laat zien")
    walk.arrive(step)


def answer(walk: Walk, answers: dict[str, str]) -> None:
    sheet = walk.panel()
    if not sheet.get_by_role("button", name="Controleer mijn antwoord").is_visible():
        sheet.locator(".lesson-panel__toggle").tap()
    for label, value in answers.items():
        sheet.get_by_label(label).fill(value)
    sheet.get_by_role("button", name="Controleer mijn antwoord").tap()


def test_lesson_5_at_360px(phone_page, live_server):
    walk = Walk(phone_page, live_server, "oefen-nu-zelf")
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
