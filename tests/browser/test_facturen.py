"""Mijn Inburgering in a real browser: the chapter's accept flow, refusing with each reason,
two learners side by side, the idle dialog, accessibility and 360 px."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from playwright.sync_api import expect

from simulator.sandbox import auth
from simulator.store import Store, events
from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

M = "/sites/mijn.inburgeren.nl"
FAC = "FAC229230568"
SHOTS = Path("/tmp/shots/mijn-core")


@pytest.fixture(scope="session")
def store(live_server, tmp_path_factory):
    """The live server's own store (same SQLite file), to log in and to set the clock."""
    found = sorted(tmp_path_factory.getbasetemp().glob("browser-instance*/oefenomgeving.sqlite3"))
    assert found, "live server database not found"
    store = Store(f"sqlite:///{found[-1]}")
    yield store
    store.engine.dispose()


def log_in(page, live_server, store, scenario: str = "standaard") -> str:
    """Begin opnieuw with a scenario in this browser, then log in (DigiD is tested elsewhere).

    The learner is found through the "sandbox.reset" event this browser just caused.
    """
    page.goto(live_server + "/opnieuw")
    page.locator(f"#scenario-{scenario}").check()
    page.get_by_role("button", name="Ja, begin opnieuw").click()
    page.wait_for_url("**/opnieuw?klaar=1")
    with store.engine.connect() as conn:
        learner_id = conn.execute(
            sa.select(events.c.learner_id)
            .where(events.c.name == "sandbox.reset")
            .order_by(events.c.id.desc())
            .limit(1)
        ).scalar_one()
    now = datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")
    store.mutate_state(learner_id, lambda data: auth.log_in(data, "duo", "sms", now))
    page.goto(live_server + M + "/")
    expect(page.locator("h1")).to_contain_text("Welkom")
    return learner_id


def shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def melding(page):
    return page.locator("[data-target='mijn.melding']")


def test_chapter_accept_flow(page, live_server, store):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, store)
    assert_accessible(page)
    shot(page, "home-desktop")
    page.locator("[data-target='mijn.menu.facturen']").click()
    expect(page.locator("h1")).to_have_text("Contracten en facturen")
    assert_accessible(page)
    page.locator("[data-target='mijn.submenu.facturen']").click()
    expect(page.locator("h1")).to_have_text("Mijn facturen")
    expect(page.locator("[data-target='mijn.facturen.open']")).to_contain_text(
        "Factuur is openstaand"
    )
    assert_accessible(page)
    shot(page, "facturen-desktop")
    page.locator(f"[data-target='mijn.factuur.{FAC}']").click()
    expect(page.locator("h1")).to_have_text("Details factuur")
    assert_accessible(page)
    shot(page, "factuur-desktop")
    page.locator("[data-target='mijn.factuur.accepteren']").click()
    expect(page.locator("h1")).to_have_text("Accepteren factuur")
    expect(page.get_by_text("Als u op 'Akkoord' klikt, accepteert u de factuur.")).to_be_visible()
    expect(page.get_by_role("link", name="← Terug naar Details factuur")).to_be_visible()
    assert_accessible(page)
    shot(page, "accepteren-desktop")
    page.locator("[data-target='mijn.factuur.akkoord']").click()
    expect(melding(page)).to_have_text("U hebt uw factuur geaccepteerd.")
    expect(page.locator("[data-target='mijn.facturen.open']")).to_have_text(
        "Er zijn geen openstaande facturen."
    )
    handled = page.locator("[data-target='mijn.facturen.afgehandeld']")
    expect(handled.locator("tr", has_text=FAC)).to_contain_text("Factuur is vrijgegeven")
    assert_accessible(page)
    shot(page, "facturen-na-akkoord-desktop")
    page.locator("[data-target='mijn.menu.lening']").click()
    expect(page.locator("[data-target='mijn.lening.geleend']")).to_contain_text("€ 3.550,00")
    expect(page.locator("[data-target='mijn.lening.beschikbaar']")).to_contain_text("€ 6.450,00")
    assert_accessible(page)
    shot(page, "lening-desktop")


def test_back_button_after_akkoord_does_not_pay_twice(page, live_server, store):
    log_in(page, live_server, store)
    page.goto(f"{live_server}{M}/facturen/{FAC}/accepteren")
    second = page.context.new_page()  # the same learner in a second tab
    second.goto(f"{live_server}{M}/facturen/{FAC}/accepteren")
    page.locator("[data-target='mijn.factuur.akkoord']").click()
    expect(melding(page)).to_have_text("U hebt uw factuur geaccepteerd.")
    second.locator("[data-target='mijn.factuur.akkoord']").click()
    expect(melding(second)).to_contain_text("Deze factuur is al afgehandeld.")
    page.go_back()  # back to "Accepteren factuur": it is handled, so the details show
    expect(page.locator("h1")).to_have_text("Details factuur")
    second.goto(f"{live_server}{M}/lening")
    expect(second.locator("[data-target='mijn.lening.geleend']")).to_contain_text("€ 3.550,00")
    second.close()


def open_refuse_page(page, live_server):
    page.goto(f"{live_server}{M}/facturen/{FAC}")
    page.locator("[data-target='mijn.factuur.weigeren']").click()
    expect(page.locator("h1")).to_have_text("Weigeren factuur")


def test_refuse_required_field_errors(page, live_server, store):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, store)
    open_refuse_page(page, live_server)
    expect(page.get_by_text("Als u de factuur weigert, dan worden de lessen")).to_be_visible()
    expect(page.locator("#toelichting")).to_be_hidden()  # only for "Andere reden"
    assert_accessible(page)
    shot(page, "weigeren-desktop")
    page.locator("[data-target='mijn.factuur.verder']").click()
    expect(page.locator("#reden-fout")).to_have_text("Reden is verplicht")
    expect(page.locator("#reden")).to_have_attribute("aria-invalid", "true")
    assert_accessible(page)
    shot(page, "weigeren-reden-verplicht-desktop")
    page.locator("#reden").select_option(label="Andere reden")
    expect(page.locator("#toelichting")).to_be_visible()
    page.locator("[data-target='mijn.factuur.verder']").click()
    expect(page.locator("#toelichting-fout")).to_have_text("Vul de reden in.")
    expect(page.locator("#reden")).to_have_value("anders")
    assert_accessible(page)
    page.goto(f"{live_server}{M}/facturen")
    expect(page.locator("[data-target='mijn.facturen.open']")).to_contain_text(FAC)


@pytest.mark.parametrize(
    ("label", "typed"),
    [
        ("Factuurbedrag is niet goed", ""),
        ("Factuurnummer is niet goed", ""),
        ("Factuur is niet compleet", ""),
        ("Andere reden", "Ik heb deze lessen niet gehad."),
    ],
)
def test_refuse_with_each_reason(page, live_server, store, label, typed):
    log_in(page, live_server, store)
    open_refuse_page(page, live_server)
    page.locator("[data-target='mijn.factuur.reden']").select_option(label=label)
    if typed:
        page.locator("#toelichting").fill(typed)
    page.locator("[data-target='mijn.factuur.verder']").click()
    expect(melding(page)).to_contain_text("U hebt uw factuur geweigerd.")
    row = page.locator("[data-target='mijn.facturen.afgehandeld'] tr", has_text=FAC)
    expect(row).to_contain_text("Factuur is geweigerd")
    expect(row).to_contain_text(typed or label)
    page.locator(f"[data-target='mijn.factuur.{FAC}']").click()
    expect(page.get_by_text("De taalschool kan dan het contract met u beëindigen.")).to_be_visible()
    page.locator("[data-target='mijn.menu.lening']").click()
    expect(page.locator("[data-target='mijn.lening.geleend']")).to_contain_text("€ 3.300,00")


def test_two_learners_never_see_each_others_changes(browser, live_server, store):
    one = browser.new_context().new_page()
    two = browser.new_context().new_page()
    try:
        first = log_in(one, live_server, store)
        second = log_in(two, live_server, store)
        assert first != second
        one.goto(f"{live_server}{M}/facturen/{FAC}/accepteren")
        one.locator("[data-target='mijn.factuur.akkoord']").click()
        expect(melding(one)).to_have_text("U hebt uw factuur geaccepteerd.")
        two.goto(f"{live_server}{M}/facturen")
        expect(two.locator("[data-target='mijn.facturen.open']")).to_contain_text(FAC)
        expect(melding(two)).to_have_count(0)
        open_refuse_page(two, live_server)
        two.locator("#reden").select_option(label="Factuur is niet compleet")
        two.locator("[data-target='mijn.factuur.verder']").click()
        expect(melding(two)).to_contain_text("U hebt uw factuur geweigerd.")
        one.goto(f"{live_server}{M}/facturen/{FAC}")
        expect(one.locator("[data-target='mijn.factuur.status']")).to_contain_text("vrijgegeven")
        one.goto(f"{live_server}{M}/lening")
        expect(one.locator("[data-target='mijn.lening.geleend']")).to_contain_text("€ 3.550,00")
        two.goto(f"{live_server}{M}/lening")
        expect(two.locator("[data-target='mijn.lening.geleend']")).to_contain_text("€ 3.300,00")
    finally:
        one.context.close()
        two.context.close()


def test_quarter_rule_with_two_schools(page, live_server, store):
    page.set_viewport_size({"width": 1280, "height": 900})
    log_in(page, live_server, store, "twee-scholen")
    for nummer in (FAC, "FAC229231177"):
        page.goto(f"{live_server}{M}/facturen/{nummer}/accepteren")
        page.locator("[data-target='mijn.factuur.akkoord']").click()
        expect(melding(page).first).to_have_text("U hebt uw factuur geaccepteerd.")
    expect(melding(page).nth(1)).to_contain_text("DUO betaalt nu € 500,00")
    expect(page.locator("[data-target='mijn.facturen.open']")).to_contain_text(
        "Factuur is uitgesteld"
    )
    assert_accessible(page)
    shot(page, "facturen-twee-scholen-desktop")
    page.goto(f"{live_server}{M}/lening")
    assert_accessible(page)
    shot(page, "lening-twee-scholen-desktop")


MOBILE_PAGES = [
    ("home", "/"),
    ("contracten-en-facturen", "/contracten-en-facturen"),
    ("contracten", "/contracten"),
    ("contract", "/contracten/CNT229230568"),
    ("facturen", "/facturen"),
    ("factuur", f"/facturen/{FAC}"),
    ("accepteren", f"/facturen/{FAC}/accepteren"),
    ("weigeren", f"/facturen/{FAC}/weigeren"),
    ("lening", "/lening"),
    ("niet-gevonden", "/facturen/FAC000"),
]


def test_every_page_at_360px(mobile, live_server, store):
    log_in(mobile, live_server, store, "twee-scholen")
    for name, path in MOBILE_PAGES:
        mobile.goto(live_server + M + path)
        assert_no_sideways_scroll(mobile)
        assert_accessible(mobile)
        shot(mobile, f"{name}-360")
    mobile.goto(f"{live_server}{M}/facturen/{FAC}/weigeren")
    mobile.locator("[data-target='mijn.factuur.verder']").click()
    expect(mobile.locator("#reden-fout")).to_be_visible()
    assert_no_sideways_scroll(mobile)
    shot(mobile, "weigeren-fout-360")


def test_idle_dialog_ja_keeps_the_learner_logged_in(page, live_server, store):
    log_in(page, live_server, store)
    page.clock.install()
    page.goto(f"{live_server}{M}/facturen")
    dialog = page.get_by_role("dialog", name="Wilt u ingelogd blijven?")
    expect(dialog).to_be_hidden()
    page.clock.fast_forward("14:01")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("button", name="Ja")).to_be_focused()
    assert_accessible(page)
    shot(page, "idle-dialog")
    with page.expect_response(re.compile(r".*/ingelogd-blijven$")) as answer:
        dialog.get_by_role("button", name="Ja").click()
    assert answer.value.status == 204
    expect(dialog).to_be_hidden()
    expect(page.locator("h1")).to_have_text("Mijn facturen")


def test_idle_dialog_uitloggen(page, live_server, store):
    log_in(page, live_server, store)
    page.clock.install()
    page.goto(f"{live_server}{M}/lening")
    page.clock.fast_forward("14:01")
    page.get_by_role("dialog").get_by_role("button", name="Uitloggen").click()
    page.wait_for_url("**/sites/www.inburgeren.nl/")
    expect(page.get_by_text("U bent uitgelogd.")).to_be_visible()
    page.goto(f"{live_server}{M}/lening")
    expect(page).to_have_url(re.compile(r".*/sites/digid\.nl/inloggen\?dienst=duo$"))


def test_no_answer_logs_out(page, live_server, store):
    learner_id = log_in(page, live_server, store)
    page.clock.install()
    page.goto(f"{live_server}{M}/facturen")
    page.clock.fast_forward("14:01")
    expect(page.get_by_role("dialog")).to_be_visible()
    # The server's clock: the last request was 16 minutes ago.
    old = (datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=16)).isoformat()

    def age(data):
        data["auth"]["sessions"]["duo"]["last_activity"] = old

    store.mutate_state(learner_id, age)
    page.clock.fast_forward("01:05")
    page.wait_for_url("**/sites/www.inburgeren.nl/")
    expect(page.get_by_text("U bent automatisch uitgelogd")).to_be_visible()
    assert "duo" not in store.load_state(learner_id)[1]["auth"]["sessions"]


def test_idle_dialog_escape_counts_as_ja(page, live_server, store):
    log_in(page, live_server, store)
    page.clock.install()
    page.goto(f"{live_server}{M}/")
    page.clock.fast_forward("14:01")
    dialog = page.get_by_role("dialog", name="Wilt u ingelogd blijven?")
    expect(dialog).to_be_visible()
    with page.expect_response(re.compile(r".*/ingelogd-blijven$")) as answer:
        page.keyboard.press("Escape")
    assert answer.value.status == 204
    expect(dialog).to_be_hidden()


def test_ja_too_late_goes_to_inburgeren(page, live_server, store):
    learner_id = log_in(page, live_server, store)
    page.clock.install()
    page.goto(f"{live_server}{M}/lening")
    page.clock.fast_forward("14:01")
    old = (datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=16)).isoformat()
    store.mutate_state(
        learner_id, lambda data: data["auth"]["sessions"]["duo"].update(last_activity=old)
    )
    page.get_by_role("dialog").get_by_role("button", name="Ja").click()
    page.wait_for_url("**/sites/www.inburgeren.nl/")
    assert "duo" not in store.load_state(learner_id)[1]["auth"]["sessions"]


def tab_to(page, target: str, limit: int = 80) -> None:
    """Press Tab until the element with this data-target has the focus (keyboard only)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.target") == target:
            return
    raise AssertionError(f"{target} cannot be reached with Tab")


def test_accept_and_refuse_by_keyboard_only(page, live_server, store):
    log_in(page, live_server, store, "twee-scholen")
    page.goto(f"{live_server}{M}/facturen")
    tab_to(page, f"mijn.factuur.{FAC}")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Details factuur")
    tab_to(page, "mijn.factuur.accepteren")
    page.keyboard.press("Enter")
    expect(page.locator("h1")).to_have_text("Accepteren factuur")
    tab_to(page, "mijn.factuur.akkoord")
    page.keyboard.press("Enter")
    expect(melding(page)).to_have_text("U hebt uw factuur geaccepteerd.")
    page.goto(f"{live_server}{M}/facturen/FAC229231177/weigeren")
    expect(page.locator("h1")).to_have_text("Weigeren factuur")
    tab_to(page, "mijn.factuur.reden")
    page.keyboard.press("ArrowDown")
    expect(page.locator("#reden")).to_have_value("bedrag")
    tab_to(page, "mijn.factuur.verder")
    page.keyboard.press("Enter")
    expect(melding(page)).to_contain_text("U hebt uw factuur geweigerd.")
