"""One learner's state stays bounded: delivered mails and letters, notices, new sms codes."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from simulator.sandbox import digid_rules, mailbox, phone_state
from simulator.sandbox.scenario import load_scenario
from simulator.sites.common import MAX_NOTICES, add_notice

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def standaard() -> dict:
    return load_scenario("scenarios/standaard.yaml").initial_state()


def test_mailbox_keeps_the_newest_delivered_mails_and_every_scenario_mail():
    state = standaard()
    own = [dict(mail) for mail in state["mails"]]
    ids = [mailbox.deliver(state, f"Bericht {n}", "tekst") for n in range(300)]
    delivered = [mail for mail in state["mails"] if mail.get("bezorgd")]
    assert len(delivered) == mailbox.MAX_DELIVERED
    assert [mail["onderwerp"] for mail in delivered] == [f"Bericht {n}" for n in range(250, 300)]
    assert state["mails"][: len(own)] == own
    assert len(set(ids)) == 300  # an id of a dropped mail is never given again


def test_letters_are_capped_the_same_way():
    state = standaard()
    own = [letter["id"] for letter in state["letters"]]
    for n in range(80):
        mailbox.send_letter(state, f"Brief {n}", "tekst", today=date(2026, 3, 2))
    assert [letter["id"] for letter in state["letters"]][: len(own)] == own
    assert len(state["letters"]) == len(own) + mailbox.MAX_DELIVERED
    assert state["letters"][-1]["id"] == "BRF2026080"


def test_notices_are_queued_once_and_capped():
    state: dict = {}
    for _ in range(300):
        add_notice(state, "digid", "We hebben een nieuwe sms gestuurd.")
    assert state["notices"] == [{"site": "digid", "text": "We hebben een nieuwe sms gestuurd."}]
    for n in range(30):
        add_notice(state, "mijn", f"Melding {n}")
    assert len(state["notices"]) == MAX_NOTICES
    assert state["notices"][-1] == {"site": "mijn", "text": "Melding 29"}


def code_login(state: dict) -> None:
    digid_rules.start_login(state, "duo", "sms")
    digid_rules.send_code(state, NOW)


def test_new_codes_on_request_are_limited_per_window():
    state = standaard()
    code_login(state)
    rng = digid_rules.seeded_rng(1)
    for n in range(digid_rules.RESEND_LIMIT):
        moment = NOW + timedelta(seconds=n)
        assert digid_rules.resend_code(state, moment, spoken_call=n % 2 == 1, rng=rng)
    before = phone_state.peek(state)["messages"]
    assert digid_rules.resend_code(state, NOW + timedelta(minutes=1)) is None
    assert phone_state.peek(state)["messages"] == before
    assert digid_rules.resend_allowed_at(state, NOW + timedelta(minutes=1)) == (
        NOW + digid_rules.RESEND_WINDOW
    )
    later = NOW + digid_rules.RESEND_WINDOW + timedelta(seconds=1)
    assert digid_rules.resend_allowed_at(state, later) is None
    assert digid_rules.resend_code(state, later, rng=rng)
    assert len(state["digid_runtime"]["resends"]) <= digid_rules.RESEND_LIMIT


def test_logging_in_again_sends_a_code_without_counting():
    state = standaard()
    for _ in range(3 * digid_rules.RESEND_LIMIT):
        code_login(state)
    assert digid_rules.resend_allowed_at(state, NOW) is None
