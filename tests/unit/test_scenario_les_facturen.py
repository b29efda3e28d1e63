"""The world of lesson 4: the workbook's world plus one open invoice whose amount is wrong."""

from __future__ import annotations

from pathlib import Path

from simulator.sandbox import invoices, loan
from simulator.sandbox.scenario import load_scenario

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"


def world(name: str) -> dict:
    return load_scenario(SCENARIOS / f"{name}.yaml").initial_state()


def test_it_is_the_workbook_world_plus_one_invoice():
    les, standaard = world("les-facturen"), world("standaard")
    extra = [inv for inv in les["invoices"] if inv["nummer"] == "FAC229230569"]
    les["invoices"] = [inv for inv in les["invoices"] if inv["nummer"] != "FAC229230569"]
    for key in ("id", "scenario"):
        les.pop(key), standaard.pop(key)
    assert les == standaard
    assert len(extra) == 1


def test_the_wrong_invoice_asks_ten_times_the_amount_for_the_same_lessons():
    state = world("les-facturen")
    good = invoices.find(state, "FAC229230568")
    wrong = invoices.find(state, "FAC229230569")
    assert invoices.is_open(good) and invoices.is_open(wrong)
    assert wrong["contract"] == good["contract"]
    assert wrong["aantal_cursussen"] == good["aantal_cursussen"] == 25
    assert invoices.total(good) == 250_00
    assert invoices.total(wrong) == 10 * invoices.total(good)
    assert [inv["nummer"] for inv in invoices.open_invoices(state)] == [
        "FAC229230568",
        "FAC229230569",
    ]


def test_accepting_the_good_invoice_works_as_in_the_chapter():
    les, standaard = world("les-facturen"), world("standaard")
    for state in (les, standaard):
        result = invoices.accept(state, "FAC229230568")
        assert (result.pay_now, result.later) == (250_00, [])
    assert loan.borrowed(les) == loan.borrowed(standaard)
    assert invoices.find(les, "FAC229230568")["status"] == "vrijgegeven"


def test_refusing_the_wrong_invoice_pays_nothing():
    state = world("les-facturen")
    invoices.accept(state, "FAC229230568")
    before = loan.borrowed(state)
    invoices.refuse(state, "FAC229230569", "bedrag")
    wrong = invoices.find(state, "FAC229230569")
    assert wrong["status"] == "geweigerd"
    assert wrong["reden_tekst"] == "Factuurbedrag is niet goed"
    assert loan.borrowed(state) == before
    assert invoices.open_invoices(state) == []


def test_starting_lesson_4_again_resets_the_world_to_les_facturen(app, learner):
    learner.post("/les/facturen/begin", form_url="/")
    response = learner.post("/les/facturen/opnieuw", form_url="/les/facturen/opnieuw")
    assert response.status_code == 302
    state = learner.state(app)
    assert state["scenario"] == "les-facturen"
    assert invoices.is_open(invoices.find(state, "FAC229230569"))


# -- lesson 4 on this world: the steps and the feedback for wrong turns ---------------------


def ev(i: int, kind: str, name: str, **params) -> dict:
    return {"id": i, "kind": kind, "name": name, "params": params}


def at(app, part_id: str):
    """Lesson 4 and a fresh progress standing on part_id."""
    from simulator.lessons import runner

    les = app.extensions["lessons"].get("facturen")
    progress = runner.start(runner.Progress(), 0, 0.0)
    progress.part = les.index_of(part_id)
    return les, progress


def said(app, part_id: str, *events: dict, state: dict | None = None) -> str:
    from simulator.lessons import runner

    les, progress = at(app, part_id)
    text = runner.feedback(les, progress, list(events), state or world("les-facturen"))
    return (text or {}).get("nl", "")


def test_lesson_4_starts_from_les_facturen_and_skips_the_world_step_when_it_is_ready(app):
    from simulator.lessons import runner

    les, progress = at(app, "oefenwereld")
    assert les.scenario == "les-facturen"
    assert not runner.refresh(les, progress, [], world("standaard"), 1.0)
    assert runner.refresh(les, progress, [], world("les-facturen"), 1.0)
    assert progress.current(les).id == "email"
    used = world("les-facturen")
    invoices.accept(used, "FAC229230568")
    les, progress = at(app, "oefenwereld")
    assert not runner.refresh(les, progress, [], used, 1.0)  # already done: start again


def test_lesson_4_refusal_step_needs_the_wrong_invoice_and_the_reason_bedrag(app):
    from simulator.lessons import runner

    state = world("les-facturen")
    les, progress = at(app, "reden")
    wrong_reason = ev(1, "action", "invoice.refused", invoice="FAC229230569", reason="nummer")
    assert not runner.refresh(les, progress, [wrong_reason], state, 1.0)
    assert "de goede reden is 'Factuurbedrag is niet goed'" in said(app, "reden", wrong_reason)
    right = ev(2, "action", "invoice.refused", invoice="FAC229230569", reason="bedrag")
    assert runner.refresh(les, progress, [right], state, 2.0)
    assert progress.current(les).id == "geweigerd"


def test_lesson_4_says_kindly_what_went_wrong_and_how_to_start_again(app):
    refused_good = ev(1, "action", "invoice.refused", invoice="FAC229230568", reason="bedrag")
    text = said(app, "accepteren", ev(1, "page", "mijn.factuur.weigeren", invoice="FAC229230568"))
    assert text.startswith("Deze factuur klopt. Weiger hem dus niet.")
    text = said(app, "accepteren", refused_good)
    assert "Maar die factuur klopt." in text and "Begin opnieuw" in text
    accepted_wrong = ev(1, "action", "invoice.accepted", invoice="FAC229230569")
    for part in ("akkoord", "foute-factuur", "bedrag", "weigeren", "reden"):
        assert "het bedrag van die factuur klopt niet" in said(app, part, accepted_wrong)
    opened_wrong = ev(1, "page", "mijn.factuur", invoice="FAC229230569")
    assert "Die bekijkt u later in deze les." in said(app, "open-factuur", opened_wrong)
