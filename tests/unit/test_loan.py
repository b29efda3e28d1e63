"""The DUO loan: borrowed, available, paying, and its payments in order."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.sandbox import loan
from simulator.sandbox.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


@pytest.fixture
def state():
    return load_scenario(SCENARIOS / "standaard.yaml").initial_state()


def test_standaard_loan_worked_example(state):
    # 1.500,00 + 1.750,00 + 50,00 = 3.300,00 borrowed of 10.000,00
    assert loan.borrowed(state) == 330_000
    assert loan.available(state) == 670_000
    assert loan.summary(state) == {"maximum": 1_000_000, "borrowed": 330_000, "available": 670_000}


def test_pay_adds_a_payment_and_lowers_available(state):
    loan.pay(state, 25_000, "Factuur FAC229230568 Onderhands Nederlands", "01-06-2022")
    assert loan.borrowed(state) == 355_000
    assert loan.available(state) == 645_000
    assert state["loan"]["paid"][-1]["bedrag"] == 25_000


def test_pay_more_than_available_raises_and_changes_nothing(state):
    with pytest.raises(ValueError):
        loan.pay(state, 670_001, "te veel", "01-06-2022")
    assert loan.borrowed(state) == 330_000


def test_can_pay_edges(state):
    assert loan.can_pay(state, 0)
    assert loan.can_pay(state, 670_000)
    assert not loan.can_pay(state, 670_001)
    assert not loan.can_pay(state, -1)


def test_available_never_negative(state):
    state["loan"]["maximum"] = 100_000
    assert loan.available(state) == 0


def test_too_low_message_names_what_is_left(state):
    state["loan"]["maximum"] = 340_000
    assert loan.too_low_message(state) == (
        "Uw lening is niet hoog genoeg voor dit bedrag. U kunt nog € 100,00 lenen."
    )


def test_payments_sorted_by_date(state):
    loan.pay(state, 5_000, "Examen Luisteren", "01-01-2022")
    assert [p["datum"] for p in loan.payments(state)] == [
        "01-01-2022",
        "01-03-2022",
        "01-12-2022",
        "15-02-2023",
    ]


def test_quarter_cap(state):
    assert loan.quarter_cap(state) == 200_000
