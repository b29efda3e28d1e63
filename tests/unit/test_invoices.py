"""Invoices: accept, refuse and DUO's € 2.000,00 per quarter, with worked examples."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.sandbox import invoices, loan
from simulator.sandbox.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def scenario_state(name: str) -> dict:
    return load_scenario(SCENARIOS / f"{name}.yaml").initial_state()


@pytest.fixture
def state():
    return scenario_state("standaard")


def invoice(nummer, datum, bedrag, status="open", contract="CNT229230568"):
    return {
        "nummer": nummer,
        "contract": contract,
        "omschrijving": "kwartaalcheck",
        "factuurdatum": datum,
        "periode_van": datum,
        "periode_tot": datum,
        "aantal_cursussen": 10,
        "cursuskosten": bedrag,
        "lesmateriaal": 0,
        "examenkosten": 0,
        "status": status,
    }


# -- the chapter's invoice --------------------------------------------------------------


def test_total_of_chapter_invoice(state):
    assert invoices.total(invoices.find(state, "FAC229230568")) == 25_000


def test_accept_chapter_invoice_pays_it_all(state):
    result = invoices.accept(state, "FAC229230568")
    inv = invoices.find(state, "FAC229230568")
    assert inv["status"] == "vrijgegeven"
    assert invoices.status_text(inv) == "Factuur is vrijgegeven"
    assert result.pay_now == 25_000 and result.later == []
    assert loan.borrowed(state) == 330_000 + 25_000
    assert state["loan"]["paid"][-1] == {
        "datum": "01-06-2022",
        "omschrijving": "Factuur FAC229230568 Onderhands Nederlands",
        "bedrag": 25_000,
    }
    assert invoices.open_invoices(state) == []
    assert invoices.handled_invoices(state)[0]["nummer"] == "FAC229230702"


def test_accept_twice_never_pays_twice(state):
    invoices.accept(state, "FAC229230568")
    with pytest.raises(invoices.AlreadyHandled, match="al afgehandeld"):
        invoices.accept(state, "FAC229230568")
    assert loan.borrowed(state) == 355_000


def test_accept_unknown_invoice(state):
    with pytest.raises(KeyError):
        invoices.accept(state, "FAC000")


def test_accept_with_too_small_loan_changes_nothing(state):
    state["loan"]["maximum"] = 340_000  # 100,00 left, invoice is 250,00
    with pytest.raises(invoices.LoanTooLow, match="U kunt nog € 100,00 lenen"):
        invoices.accept(state, "FAC229230568")
    assert invoices.find(state, "FAC229230568")["status"] == "open"
    assert loan.borrowed(state) == 330_000


# -- the quarter rule ---------------------------------------------------------------------


def test_quarters():
    assert invoices.quarter_of("01-06-2022") == "2022-2"
    assert invoices.quarter_of("31-12-2022") == "2022-4"
    assert invoices.next_quarter("2022-4") == "2023-1"
    assert invoices.quarter_start("2022-3") == "01-07-2022"
    assert invoices.quarter_label("2022-2") == "2e kwartaal 2022 (april t/m juni)"


def test_worked_example_one_school_over_the_limit(state):
    # 2e kwartaal 2022: already 1.500,00 paid; a new invoice of 800,00 is accepted.
    # DUO pays 500,00 now (up to 2.000,00) and 300,00 is invoiced in the 3rd quarter.
    state["invoices"].append(invoice("FAC1", "10-04-2022", 150_000, status="vrijgegeven"))
    state["invoices"].append(invoice("FAC2", "20-05-2022", 80_000))
    state["invoices"] = [i for i in state["invoices"] if i["nummer"] != "FAC229230568"]
    before = loan.borrowed(state)
    result = invoices.accept(state, "FAC2")
    assert (result.pay_now, result.later) == (50_000, [("2022-3", 30_000)])
    assert loan.borrowed(state) == before + 50_000
    rest = invoices.find(state, "FAC2-2")
    assert rest["status"] == "uitgesteld" and rest["factuurdatum"] == "01-07-2022"
    assert invoices.total(rest) == 30_000 and rest["deel_van"] == "FAC2"
    assert invoices.find(state, "FAC2")["vervolg"] == ["FAC2-2"]
    assert invoices.paid_now(invoices.find(state, "FAC2")) == 50_000
    assert "DUO betaalt nu € 500,00" in invoices.plan_message(result)


def test_worked_example_two_schools_twee_scholen():
    # twee-scholen: 2e kwartaal 2022 has 1.250,00 paid (school 1). Open: 250,00 (school 1)
    # and 1.100,00 (school 2). Accept both: 250,00 fits (1.500,00); of 1.100,00 only
    # 500,00 fits, 600,00 moves to the 3rd quarter.
    state = scenario_state("twee-scholen")
    first = invoices.accept(state, "FAC229230568")
    second = invoices.accept(state, "FAC229231177")
    assert first.pay_now == 25_000 and first.later == []
    assert second.pay_now == 50_000 and second.later == [("2022-3", 60_000)]
    assert invoices.committed(state, "2022-2") == 200_000
    rows = {row["key"]: row for row in invoices.quarter_overview(state)}
    assert rows["2022-2"]["paid"] == 200_000 and rows["2022-2"]["room"] == 0
    assert rows["2022-3"]["planned"] == 60_000 and rows["2022-3"]["room"] == 140_000


def test_worked_example_other_order_defers_the_small_invoice():
    # Same quarter, other order: 1.100,00 first -> 750,00 now, 350,00 later; then the
    # 250,00 invoice finds no room left: nothing now, all 250,00 in the 3rd quarter.
    state = scenario_state("twee-scholen")
    big = invoices.accept(state, "FAC229231177")
    small = invoices.accept(state, "FAC229230568")
    assert (big.pay_now, big.later) == (75_000, [("2022-3", 35_000)])
    assert (small.pay_now, small.later) == (0, [("2022-3", 25_000)])
    assert invoices.find(state, "FAC229230568")["status"] == "vrijgegeven"
    assert invoices.plan_message(small) == (
        "DUO betaalt maximaal € 2.000,00 per kwartaal. Dit kwartaal is al vol. Daarom komt deze "
        "factuur (€ 250,00) later als nieuwe factuur: 3e kwartaal 2022 (juli t/m september)."
    )
    assert invoices.plan_message(invoices.Plan(25_000, 25_000, "2022-2", 0, 200_000)) == ""


def test_worked_example_two_quarters_later(state):
    # 2.000,00 already in Q2 and 1.800,00 already in Q3: an invoice of 700,00 in Q2 is
    # paid 0,00 now, 200,00 in Q3 and 500,00 in Q4 (two quarters later).
    state["invoices"] = [
        invoice("A", "01-04-2022", 200_000, status="vrijgegeven"),
        invoice("B", "01-07-2022", 180_000, status="vrijgegeven"),
        invoice("C", "15-06-2022", 70_000),
    ]
    result = invoices.accept(state, "C")
    assert result.pay_now == 0
    assert result.later == [("2022-3", 20_000), ("2022-4", 50_000)]
    assert [i["nummer"] for i in invoices.open_invoices(state)] == ["C-2", "C-3"]


def test_accepting_the_rest_later_pays_it_in_its_own_quarter(state):
    state["invoices"] = [
        invoice("A", "01-04-2022", 180_000, status="vrijgegeven"),
        invoice("C", "15-06-2022", 50_000),
    ]
    invoices.accept(state, "C")  # 200,00 now, 300,00 in Q3
    before = loan.borrowed(state)
    result = invoices.accept(state, "C-2")
    assert result.pay_now == 30_000 and result.later == []
    assert loan.borrowed(state) == before + 30_000
    assert state["loan"]["paid"][-1]["datum"] == "01-07-2022"


def test_invoice_bigger_than_the_cap(state):
    state["invoices"] = [invoice("BIG", "01-01-2023", 450_000)]
    result = invoices.accept(state, "BIG")
    assert result.pay_now == 200_000
    assert result.later == [("2023-2", 200_000), ("2023-3", 50_000)]


def test_no_cap_pays_everything(state):
    state["loan"]["quarter_cap"] = 0
    state["invoices"] = [invoice("BIG", "01-01-2023", 450_000)]
    assert invoices.accept(state, "BIG").pay_now == 450_000


def test_plan_does_not_change_state(state):
    state["invoices"].append(invoice("X", "01-06-2022", 300_000))
    before = repr(state)
    result = invoices.plan(state, invoices.find(state, "X"))
    assert result.pay_now == 200_000  # the open 250,00 invoice is not paid yet: no room used
    assert repr(state) == before


# -- refusing ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("reason", "other", "errors"),
    [
        ("", "", {"reden": "Reden is verplicht"}),
        ("onzin", "", {"reden": "Reden is verplicht"}),
        ("bedrag", "", {}),
        ("nummer", "", {}),
        ("niet_compleet", "", {}),
        ("anders", "   ", {"toelichting": "Vul de reden in."}),
        ("anders", "Ik heb deze lessen niet gehad.", {}),
    ],
)
def test_check_refusal(reason, other, errors):
    assert invoices.check_refusal(reason, other) == errors


def test_other_reason_too_long():
    errors = invoices.check_refusal("anders", "x" * 501)
    assert "maximaal 500 tekens" in errors["toelichting"]


def test_refuse_keeps_the_loan(state):
    invoices.refuse(state, "FAC229230568", "bedrag")
    inv = invoices.find(state, "FAC229230568")
    assert inv["status"] == "geweigerd"
    assert invoices.status_text(inv) == "Factuur is geweigerd"
    assert inv["reden_tekst"] == "Factuurbedrag is niet goed"
    assert loan.borrowed(state) == 330_000
    with pytest.raises(invoices.AlreadyHandled):
        invoices.accept(state, "FAC229230568")


def test_refuse_other_reason_stores_the_text(state):
    invoices.refuse(state, "FAC229230568", "anders", "  Ik was op vakantie.  ")
    assert invoices.find(state, "FAC229230568")["reden_tekst"] == "Ik was op vakantie."


def test_refuse_bad_reason_changes_nothing(state):
    with pytest.raises(invoices.InvoiceError, match="Reden is verplicht"):
        invoices.refuse(state, "FAC229230568", "")
    assert invoices.find(state, "FAC229230568")["status"] == "open"


def test_refused_invoice_does_not_count_in_the_quarter(state):
    invoices.refuse(state, "FAC229230568", "nummer")
    assert invoices.committed(state, "2022-2") == 0
