"""A learner who taps only what the lesson panel points at, measuring the free area on arrival
at every guided step (shared by the walks at 360 px and at 200 % and 400 % zoom)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import axe_violations
from tests.browser.geometry import assert_in_view, settle

SHOTS = Path("/tmp/shots/panel")


def shot(page, name: str) -> None:
    """A screenshot of the screen as the learner sees it (only when PANEL_SHOTS is set)."""
    if os.environ.get("PANEL_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        size = page.viewport_size
        page.screenshot(path=str(SHOTS / f"{name}-{size['width']}x{size['height']}.png"))


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

    def arrive(self, step: str, here: bool = True, name: str = "") -> None:
        """The step is on screen: measure the free area (a screenshot first when named)."""
        expect(self.panel().locator(".lesson-panel__count")).to_have_text(step, timeout=10_000)
        self.page.wait_for_load_state()
        if name:
            settle(self.page)
            shot(self.page, name)
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
        size = self.page.viewport_size
        print(
            f"\n{self.lesson} at {size['width']}x{size['height']}: {self.steps} arrivals,"
            f" {self.targets} targets, {self.marks} marks in the free area on arrival;"
            f" one group at a time: {self.split or 'none'}"
        )


def log_in(walk: Walk) -> None:
    """Log in to Mijn Inburgering before a lesson that needs it (not part of the lesson)."""
    page = walk.page
    page.goto(walk.base + "/sites/digid.nl/inloggen?dienst=duo")
    walk.target("digid.methode.sms").tap()
    walk.target("digid.gebruikersnaam").fill("oefenaccount")
    walk.target("digid.wachtwoord").fill("Oefenen123")
    walk.target("digid.inloggen").tap()
    expect(page.locator("body")).to_have_attribute("data-page", "digid.sms.code")
    walk.target("digid.sms.code").fill(read_code(walk))
    walk.target("digid.sms.volgende").tap()
    page.wait_for_url("**/mijn.inburgeren.nl/**")


def read_code(walk: Walk) -> str:
    """The banner says a message came: one tap opens it on the phone; then close the phone.
    (On a wide screen the phone is beside the page: open its Berichten.)"""
    page = walk.page
    phone = page.locator("#telefoon")
    beside = phone.is_visible()
    if beside:
        phone.locator("[data-target='phone.sms']").tap()
    else:
        page.locator("[data-phone-notice] button[type=submit]").tap()
    code = phone.locator(".phone-sms--newest .phone-sms__code")
    expect(code).to_be_visible()
    text = code.inner_text().strip()
    if not beside:
        phone.locator("[data-phone-close]").tap()
        expect(phone).to_be_hidden()
    return text


def walk_lesson_2(walk: Walk) -> None:
    """Lesson 2: log in with DigiD and the sms code from the practice phone."""
    walk.begin()
    walk.arrive("Stap 2 van 7")
    walk.tap("inburgeren.menu.inloggen")
    walk.arrive("Stap 3 van 7")
    walk.tap("inburgeren.login.knop")
    walk.arrive("Stap 4 van 7")
    walk.tap("digid.methode.sms")
    walk.arrive("Stap 5 van 7", name="digid-sms-A-B-inloggen")
    walk.target("digid.gebruikersnaam").fill("oefenaccount")
    walk.target("digid.wachtwoord").fill("Oefenen123")
    walk.tap("digid.inloggen")
    walk.arrive("Stap 6 van 7")
    phone = walk.page.locator("#telefoon")
    small = not phone.is_visible()  # on a wide screen the phone is beside the page
    if small:
        walk.tap("phone.toggle")  # A: the Telefoon button, then Berichten on the phone
    phone.locator("[data-target='phone.sms']").tap()
    expect(phone.locator(".phone-sms--newest .phone-sms__code")).to_be_visible()
    shot(walk.page, "sms-code-phone-open")
    if small:
        # The phone over the page, the sheet below it. The page behind is inert while the
        # phone covers it, so its <main> and <h1> are out of the tree for that time: axe's two
        # page-structure rules cannot hold then; every other rule must.
        problems = axe_violations(walk.page, ("landmark-one-main", "page-has-heading-one"))
        assert not problems, [(v["id"], [n["target"] for n in v["nodes"][:3]]) for v in problems]
    code = phone.locator(".phone-sms--newest .phone-sms__code").inner_text().strip()
    if small:
        phone.locator("[data-phone-close]").tap()  # the phone's own Sluiten
        expect(phone).to_be_hidden()
    walk.target("digid.sms.code").fill(code)
    walk.tap("digid.sms.volgende")
    walk.arrive("Stap 7 van 7")
    walk.tap_panel("Volgende")
    walk.done()


def show_me(walk: Walk, step: str) -> None:
    """An exercise has no arrows: "Laat zien" brings them."""
    walk.tap_panel("Laat zien")
    walk.arrive(step)


def answer(walk: Walk, answers: dict[str, str]) -> None:
    """Fill the exercise's answer form in the sheet and check it."""
    sheet = walk.panel()
    if not sheet.get_by_role("button", name="Controleer mijn antwoord").is_visible():
        sheet.locator(".lesson-panel__toggle").tap()
    for label, value in answers.items():
        sheet.get_by_label(label).fill(value)
    sheet.get_by_role("button", name="Controleer mijn antwoord").tap()
