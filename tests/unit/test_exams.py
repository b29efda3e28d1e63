"""Exam rules: which parts, the six-week rule, paying from the loan or the bank, change, cancel."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from simulator.sandbox import exams, loan
from simulator.sandbox.scenario import load_scenario

SCENARIO = Path(__file__).resolve().parents[2] / "scenarios" / "standaard.yaml"
TODAY = date(2026, 11, 30)  # a Monday
GOOD_DAY = "2027-01-12"  # a Tuesday, 6 weeks and 1 day later


@pytest.fixture
def state():
    return load_scenario(SCENARIO).initial_state()


def draft(**changes) -> dict:
    return {
        "onderdelen": ["luisteren"],
        "locatie": "zwolle",
        "datum": "12-01-2027",
        "tijd": "09:30",
        **changes,
    }


def test_open_and_needed_parts(state):
    assert exams.open_parts(state) == ["luisteren", "schrijven", "spreken", "knm", "ona"]
    assert "lezen" not in exams.needed_parts(state)
    exams.get(state, "knm")["status"] = "niet_gehaald"
    assert "knm" in exams.open_parts(state)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Kies een datum voor uw examen."),
        ("morgen", "Dit is geen datum"),
        ("2027-02-30", "Dit is geen datum"),
        ("2026-11-01", "Deze datum is al voorbij"),
        ("2026-12-14", "Deze datum is te vroeg"),
        ("2027-01-10", "Deze datum is te vroeg"),  # a Sunday, but too soon comes first
        ("2028-01-04", "Deze datum is te ver weg"),
        ("2027-01-16", "Op zaterdag en zondag zijn er geen examens"),
        ("17-01-2027", "Op zaterdag en zondag zijn er geen examens"),
    ],
)
def test_date_errors(text, message):
    day, error = exams.check_date(text, TODAY)
    assert day is None and message in error


def test_six_weeks_exactly_is_allowed():
    assert exams.earliest(TODAY) == date(2027, 1, 11)
    assert exams.check_date("2027-01-11", TODAY) == (date(2027, 1, 11), None)
    assert exams.check_date("11-01-2027", TODAY) == (date(2027, 1, 11), None)


def test_too_soon_message_names_the_first_possible_day():
    _, error = exams.check_date("2027-01-08", TODAY)
    assert "op of na 11-01-2027" in error


def test_when_where(state):
    values, errors = exams.check_when_where(
        state, {"locatie": "zwolle", "datum": GOOD_DAY, "tijd": "11:00"}, TODAY
    )
    assert errors == {}
    assert values == {"locatie": "zwolle", "datum": "12-01-2027", "tijd": "11:00"}


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"locatie": "", "datum": GOOD_DAY, "tijd": "11:00"}, "locatie", "Kies een examenlocatie."),
        (
            {"locatie": "parijs", "datum": GOOD_DAY, "tijd": "11:00"},
            "locatie",
            "Kies een examenlocatie.",
        ),
        ({"locatie": "zwolle", "datum": GOOD_DAY, "tijd": ""}, "tijd", "Kies een tijd."),
        ({"locatie": "zwolle", "datum": GOOD_DAY, "tijd": "03:00"}, "tijd", "Kies een tijd."),
    ],
)
def test_when_where_errors(state, form, field, message):
    _, errors = exams.check_when_where(state, form, TODAY)
    assert errors[field] == message


def test_parts_errors(state):
    assert exams.check_parts(state, [])[1] == {"onderdelen": "Kies minstens één examen."}
    assert "nog niet heeft gehaald" in exams.check_parts(state, ["lezen"])[1]["onderdelen"]
    assert exams.check_parts(state, ["knm", "luisteren"]) == (["luisteren", "knm"], {})


def test_cost_is_the_fee_per_part(state):
    assert state["exam_fee"] == 5000
    assert exams.cost(state, ["luisteren", "knm"]) == 10000


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({"betaalwijze": "lening"}, "geheimhouding", "geheimhoudingsverklaring accepteren"),
        ({"geheimhouding": "ja"}, "betaalwijze", "Kies hoe u wilt betalen."),
        (
            {"geheimhouding": "ja", "betaalwijze": "contant"},
            "betaalwijze",
            "Kies hoe u wilt betalen.",
        ),
    ],
)
def test_confirm_errors(state, form, field, message):
    _, errors = exams.check_confirm(state, draft(), form)
    assert message in errors[field]


def test_loan_too_low_asks_for_the_bank(state):
    state["loan"]["maximum"] = loan.borrowed(state) + 4999
    _, errors = exams.check_confirm(
        state, draft(), {"geheimhouding": "ja", "betaalwijze": "lening"}
    )
    assert "Betalen via mijn bank" in errors["betaalwijze"]
    assert exams.check_confirm(state, draft(), {"geheimhouding": "ja", "betaalwijze": "bank"}) == (
        "bank",
        {},
    )


def test_register_from_the_loan(state):
    before = loan.available(state)
    letters, mails = len(state["letters"]), len(state["mails"])
    parts = exams.register(state, draft(onderdelen=["luisteren", "knm"]), "lening", TODAY)
    assert parts == ["luisteren", "knm"]
    knm = exams.get(state, "knm")
    assert (knm["status"], knm["datum"], knm["tijd"], knm["locatie"]) == (
        "aangemeld",
        "12-01-2027",
        "09:30",
        "zwolle",
    )
    assert loan.available(state) == before - 10000
    assert state["loan"]["paid"][-1]["omschrijving"] == "Examen KNM"
    assert len(state["letters"]) == letters + 1 and len(state["mails"]) == mails + 1
    letter = state["letters"][-1]
    assert letter["onderwerp"] == "Bevestiging aanmelding examen"
    assert "Luisteren en KNM" in letter["tekst"]["nl"] and "€ 100,00" in letter["tekst"]["nl"]
    assert "Beste heer Tesfay," in letter["tekst"]["nl"]
    assert "geen link" in state["mails"][-1]["tekst"]["nl"]


def test_register_by_bank_leaves_the_loan_alone(state):
    before = loan.available(state)
    exams.register(state, draft(), "bank", TODAY)
    assert loan.available(state) == before
    assert exams.get(state, "luisteren")["betaald_via"] == "bank"


def test_register_twice_is_refused(state):
    exams.register(state, draft(), "lening", TODAY)
    with pytest.raises(exams.ExamError):
        exams.register(state, draft(), "lening", TODAY)


def test_register_with_a_date_that_became_too_soon_is_refused(state):
    with pytest.raises(exams.ExamError, match="te vroeg"):
        exams.register(state, draft(), "lening", date(2026, 12, 20))


def test_change_moves_the_exam_and_sends_a_letter(state):
    exams.register(state, draft(), "lening", TODAY)
    exams.change(
        state, "luisteren", {"locatie": "utrecht", "datum": "15-01-2027", "tijd": "15:00"}, TODAY
    )
    exam = exams.get(state, "luisteren")
    assert (exam["locatie"], exam["datum"], exam["tijd"]) == ("utrecht", "15-01-2027", "15:00")
    assert state["letters"][-1]["onderwerp"] == "Wijziging examen"


def test_change_needs_a_registration(state):
    with pytest.raises(exams.ExamError):
        exams.change(state, "spreken", {"locatie": "utrecht", "datum": "x", "tijd": "x"}, TODAY)


def test_cancel_refunds_the_loan(state):
    before = loan.available(state)
    exams.register(state, draft(), "lening", TODAY)
    assert exams.cancel(state, "luisteren", TODAY) == 5000
    assert loan.available(state) == before
    exam = exams.get(state, "luisteren")
    assert exam == {"onderdeel": "luisteren", "status": "niet_gedaan"}
    assert state["letters"][-1]["onderwerp"] == "Afmelding examen"
    assert "weer in uw lening" in state["letters"][-1]["tekst"]["nl"]


def test_cancel_after_bank_payment_refunds_to_the_bank(state):
    exams.register(state, draft(), "bank", TODAY)
    paid = list(state["loan"]["paid"])
    assert exams.cancel(state, "luisteren", TODAY) == 0
    assert state["loan"]["paid"] == paid
    assert "bankrekening" in state["letters"][-1]["tekst"]["nl"]


def test_cancel_a_retake_restores_the_failed_result(state):
    exam = exams.get(state, "knm")
    exam.update(
        status="niet_gehaald", datum="01-03-2026", locatie="enschede", resultaat="Niet gehaald"
    )
    exams.register(state, draft(onderdelen=["knm"]), "lening", TODAY)
    assert "resultaat" not in exams.get(state, "knm")
    exams.cancel(state, "knm", TODAY)
    assert exams.get(state, "knm")["status"] == "niet_gehaald"
    assert exams.get(state, "knm")["resultaat"] == "Niet gehaald"


def test_cancel_needs_a_registration(state):
    with pytest.raises(exams.ExamError):
        exams.cancel(state, "spreken", TODAY)


@pytest.mark.parametrize(
    ("today", "deadline", "text"),
    [
        (date(2026, 11, 28), date(2027, 8, 1), "8 maanden en 4 dagen"),
        (date(2024, 2, 1), date(2027, 8, 1), "3 jaar en 6 maanden"),
        (date(2026, 7, 31), date(2026, 8, 1), "1 dag"),
        (date(2026, 1, 31), date(2026, 3, 1), "1 maand en 1 dag"),
        (date(2025, 7, 30), date(2027, 8, 1), "2 jaar en 2 dagen"),
        (date(2027, 8, 1), date(2027, 8, 1), "Vandaag is de laatste dag."),
        (date(2027, 8, 2), date(2027, 8, 1), "De termijn is voorbij."),
    ],
)
def test_time_left(today, deadline, text):
    assert exams.time_left(today, deadline) == text


def test_part_names():
    assert exams.part_names(["luisteren"]) == "Luisteren"
    assert exams.part_names(["luisteren", "knm", "ona"]) == "Luisteren, KNM en ONA"
