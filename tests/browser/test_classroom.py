"""The classroom in the browser: a begeleider makes a class, three learners (one on a 360 px
phone) join by code and walk lesson 2, the dashboard follows them live, one idles and one
asks for help, "Zet terug" resets one, and presenter mode moves the followers' panels.
axe-core on the join, dashboard and presenter pages; nothing scrolls sideways at 360 px.

CLASSROOM_SHOTS=1 keeps screenshots in /tmp/shots/classroom."""

from __future__ import annotations

import os
import re
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

from simulator import clock
from simulator.classroom import accounts
from tests.browser.conftest import (
    _watch_outside,
    assert_accessible,
    assert_no_sideways_scroll,
    learner_id_of,
)

SHOTS = Path("/tmp/shots/classroom")
PASSWORD = "een fiets met drie wielen"
LESSON_2 = "Stap 2: Log in bij Mijn Inburgering met DigiD"
LIVE = 5_000  # the dashboard and the panels show a change within 5 s, without a reload


def shot(page, name: str) -> None:
    if os.environ.get("CLASSROOM_SHOTS"):
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


class Browser:
    """One person's browser (its own context), failing the test on outside requests."""

    def __init__(self, browser, base: str, width: int, height: int = 800, touch: bool = False):
        self.context = browser.new_context(
            viewport={"width": width, "height": height}, has_touch=touch
        )
        self.page = self.context.new_page()
        self.base = base
        self.outside = _watch_outside(self.page, base)

    def close(self) -> None:
        self.context.close()
        assert not self.outside, self.outside


@pytest.fixture
def people(browser, live_server):
    made: list[Browser] = []

    def make(width: int, **kwargs) -> Browser:
        made.append(Browser(browser, live_server, width, **kwargs))
        return made[-1]

    yield make
    for one in made:
        one.close()


def target(page, name: str):
    return page.locator(f"[data-target='{name}']:visible").first


def panel_button(page, name: str):
    """A button of the lesson panel, opening the phone's sheet first when it is folded."""
    panel = page.locator("#lesson-panel")
    button = panel.get_by_role("button", name=name, exact=True)
    if not button.is_visible():
        panel.locator(".lesson-panel__toggle").click()
    return button


def join_and_begin(person: Browser, code: str, nickname: str) -> None:
    page = person.page
    page.goto(person.base + "/")
    page.get_by_role("link", name="Doe mee met een klas").click()
    page.get_by_label("Code van de klas").fill(code.lower())
    page.get_by_label("Uw voornaam of een bijnaam").fill(nickname)
    page.get_by_role("button", name="Doe mee").click()
    expect(page.get_by_text(f"Welkom in de klas, {nickname}!")).to_be_visible()
    page.get_by_role("button", name=LESSON_2).click()
    page.wait_for_url("**/les/inloggen")
    page.locator(".lesson-page__nav").get_by_role("button", name="Volgende").click()
    step_is(page, "Stap 2 van 7")


def step_is(page, step: str) -> None:
    expect(page.locator("#lesson-panel .lesson-panel__count")).to_have_text(step, timeout=LIVE)


def row(dashboard, nickname: str):
    return dashboard.locator(
        "tr.klas-row", has=dashboard.get_by_role("link", name=re.compile(nickname))
    )


def test_a_class_from_start_to_presenter_mode(live_app, live_server, people):
    name = f"anna{uuid.uuid4().hex[:6]}"
    accounts.create_trainer(live_app.extensions["store"], name, PASSWORD)

    # -- the begeleider makes a class and puts the join page on the projector
    anna = people(1280)
    dash = anna.page
    dash.goto(live_server + "/begeleider")
    dash.get_by_label("Naam").fill(name)
    dash.get_by_label("Wachtwoord").fill(PASSWORD)
    dash.get_by_role("button", name="Inloggen").click()
    dash.get_by_role("link", name="Nieuwe klas").click()
    dash.get_by_label("Naam van de klas").fill("Dinsdagochtend")
    dash.get_by_role("button", name="Klas maken").click()
    code = dash.locator(".klas-screen__code").inner_text().strip()
    assert re.fullmatch(r"[A-HJKMNP-Z2-9]{6}", code)
    expect(dash.locator(".klas-qr svg")).to_be_visible()
    assert_accessible(dash)
    shot(dash, "join-screen-1280")
    dash.set_viewport_size({"width": 360, "height": 740})
    assert_no_sideways_scroll(dash)
    shot(dash, "join-screen-360")
    dash.set_viewport_size({"width": 1280, "height": 800})
    dash.get_by_role("link", name="Naar het overzicht van de klas").click()
    expect(dash.get_by_text("Nog niemand doet mee.")).to_be_visible()

    # -- three learners join by code and walk lesson 2 (one on a 360 px phone)
    amina = people(360, height=740, touch=True)
    bram, chen = people(1280), people(1280)
    amina.page.goto(live_server + "/klas")
    assert_accessible(amina.page)
    assert_no_sideways_scroll(amina.page)
    for person, nickname in ((amina, "Amina"), (bram, "Bram"), (chen, "Chen")):
        join_and_begin(person, code, nickname)
    assert_no_sideways_scroll(amina.page)
    target(amina.page, "inburgeren.menu.inloggen").click()
    step_is(amina.page, "Stap 3 van 7")
    target(amina.page, "inburgeren.login.knop").click()
    step_is(amina.page, "Stap 4 van 7")
    target(bram.page, "inburgeren.menu.inloggen").click()
    step_is(bram.page, "Stap 3 van 7")
    for nickname, step in (
        ("Amina", "Stap 4 van 7"),
        ("Bram", "Stap 3 van 7"),
        ("Chen", "Stap 2 van 7"),
    ):
        expect(row(dash, nickname)).to_contain_text(step, timeout=LIVE)

    # -- four minutes later: Chen idled, Bram asks for help, Amina moved on
    with clock.advance(timedelta(minutes=4)):
        target(amina.page, "digid.methode.sms").click()
        step_is(amina.page, "Stap 5 van 7")
        panel_button(bram.page, "Ik wil hulp").click()
        expect(bram.page.locator("#lesson-panel")).to_contain_text(
            "De begeleider weet dat u hulp wilt."
        )
        for nickname, reason in (
            ("Bram", "Vraagt om hulp"),
            ("Chen", "Al 4 minuten op dezelfde stap"),
        ):
            expect(row(dash, nickname)).to_contain_text("Vastgelopen", timeout=LIVE)
            expect(row(dash, nickname)).to_contain_text(reason)
        expect(row(dash, "Amina")).to_contain_text("Bezig")
        expect(row(dash, "Amina")).to_contain_text("Stap 5 van 7")
        names = dash.locator("tr.klas-row th a").all_inner_texts()
        assert [n.split(":")[0].strip() for n in names][:2] == ["Bram", "Chen"]  # stuck on top
        expect(dash.locator(".klas-chart__stuck").first).to_be_attached()
        assert_accessible(dash)
        shot(dash, "dashboard-stuck-1280")
        dash.set_viewport_size({"width": 360, "height": 740})
        assert_no_sideways_scroll(dash)
        dash.set_viewport_size({"width": 1280, "height": 800})

    # -- Amina's world has changed (DigiD sent an sms); "Zet terug" resets it
    target(amina.page, "digid.gebruikersnaam").fill("oefenaccount")
    target(amina.page, "digid.wachtwoord").fill("Oefenen123")
    target(amina.page, "digid.inloggen").click()
    step_is(amina.page, "Stap 6 van 7")
    amina_id = learner_id_of(amina.page, live_app)
    store = live_app.extensions["store"]
    assert store.load_state(amina_id)[1]["phone"]["messages"]
    row(dash, "Amina").get_by_role("link").click()
    dash.get_by_role("link", name="Zet terug").click()
    dash.get_by_role("button", name="Ja, zet terug").click()
    expect(dash.get_by_text("De oefenwereld van Amina is teruggezet.")).to_be_visible()
    assert not store.load_state(amina_id)[1].get("phone", {}).get("messages")
    expect(amina.page.locator("#lesson-panel")).to_contain_text(
        "De begeleider heeft uw oefenwereld teruggezet.", timeout=LIVE
    )

    # -- presenter mode: the begeleider shows lesson 2; the class follows (Amina waits on
    #    the home page: her DigiD page is gone with the reset)
    amina.page.goto(live_server + "/sites/www.inburgeren.nl/")
    dash.goto(f"{live_server}/begeleider/klas/{code}/presentatie")
    dash.get_by_label(LESSON_2).check()
    dash.get_by_role("button", name="Begin met presenteren").click()
    expect(dash.locator(".presenter-bar")).to_contain_text("Stap 1 van 7")
    dash.keyboard.press("ArrowRight")
    expect(dash.locator(".presenter-bar")).to_contain_text("Stap 2 van 7")
    expect(dash.locator("body")).to_have_attribute("data-page", "inburgeren.home")
    expect(dash.locator(".lesson-arrow").first).to_be_visible()
    assert_accessible(dash)
    shot(dash, "presenter-1280")
    dash.get_by_role("button", name="Volgende →").click()
    expect(dash.locator(".presenter-bar")).to_contain_text("Stap 3 van 7")
    for person in (amina, bram, chen):
        step_is(person.page, "Stap 3 van 7")  # their panels moved without a reload
    panel_button(amina.page, "Zelf verder").click()
    expect(amina.page.locator("#lesson-panel")).to_contain_text("Volg de begeleider")
    dash.keyboard.press("ArrowLeft")
    expect(dash.locator(".presenter-bar")).to_contain_text("Stap 2 van 7")
    for person in (bram, chen):
        step_is(person.page, "Stap 2 van 7")
    step_is(amina.page, "Stap 3 van 7")  # she left: she stays where she is
    panel_button(amina.page, "Volg de begeleider").click()
    step_is(amina.page, "Stap 2 van 7")  # and came back to the presenter's step
    assert_no_sideways_scroll(amina.page)
