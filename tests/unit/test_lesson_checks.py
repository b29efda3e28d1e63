"""Every check type: what passes, what does not, and that evaluate() changes nothing."""

from __future__ import annotations

import copy

import pytest

from simulator.lessons import answers, values
from simulator.lessons.checks import REGISTRY, Context, parse_check, read_path
from simulator.lessons.messages import is_message
from simulator.lessons.names import Names
from simulator.yamlsource import Problems, loads

NAMES = Names(
    pages={p: None for p in ("mijn.lening", "mijn.factuur", "mijn.brieven")},
    actions={"invoice.accepted": ("invoice",), "contact.changed": ("field",)},
)
STATE = {
    "persona": {"email": None, "bsn": "999993653"},
    "loan": {
        "maximum": 1_000_000,
        "paid": [{"bedrag": 150_000}, {"bedrag": 175_000}, {"bedrag": 5_000}],
    },
    "ind_fees": {
        "year": 2026,
        "onbepaalde_tijd_regulier": 22_800,
        "vervangend_verblijfsdocument": 17_100,
    },
    "invoices": [{"nummer": "FAC1", "status": "open"}, {"nummer": "FAC2", "status": "vrijgegeven"}],
    "exam_fee": 5_000,
}


def ev(i, kind, name, **params):
    return {"id": i, "kind": kind, "name": name, "params": params}


def build(data):
    problems = Problems(loads("x: 1", "test.yaml"))
    check = parse_check(data, ("check",), problems, NAMES)
    assert not problems, problems.numbered()
    return check


def test_registry_has_every_type():
    assert set(REGISTRY) == {"page", "action", "state", "answer", "all_of", "any_of"}


@pytest.mark.parametrize(
    ("data", "events", "passed"),
    [
        ({"type": "page", "page": "mijn.lening"}, [ev(1, "page", "mijn.lening")], True),
        ({"type": "page", "page": "mijn.lening"}, [ev(1, "page", "mijn.brieven")], False),
        ({"type": "page", "page": "mijn.lening"}, [ev(1, "action", "mijn.lening")], False),
        (
            {"type": "page", "page": "mijn.factuur", "params": {"invoice": "FAC1"}},
            [ev(1, "page", "mijn.factuur", invoice="FAC2")],
            False,
        ),
        (
            {"type": "page", "page": "mijn.factuur", "params": {"invoice": "FAC1"}},
            [ev(1, "page", "mijn.factuur", invoice="FAC1")],
            True,
        ),
        (
            {"type": "page", "page": "mijn.lening", "latest": True},
            [ev(1, "page", "mijn.lening"), ev(2, "page", "mijn.brieven")],
            False,
        ),
        (
            {"type": "page", "page": "mijn.brieven", "latest": True},
            [ev(1, "page", "mijn.lening"), ev(2, "action", "x"), ev(3, "page", "mijn.brieven")],
            True,
        ),
    ],
)
def test_page_check(data, events, passed):
    assert build(data).evaluate(Context(events=events, state=STATE)).passed is passed


@pytest.mark.parametrize(
    ("params", "events", "passed"),
    [
        ({}, [ev(1, "action", "invoice.accepted", invoice="FAC1")], True),
        ({"invoice": "FAC1"}, [ev(1, "action", "invoice.accepted", invoice="FAC1")], True),
        ({"invoice": "FAC1"}, [ev(1, "action", "invoice.accepted", invoice="FAC2")], False),
        ({}, [ev(1, "page", "invoice.accepted")], False),
        ({}, [], False),
    ],
)
def test_action_check(params, events, passed):
    check = build({"type": "action", "action": "invoice.accepted", "params": params})
    result = check.evaluate(Context(events=events, state=STATE))
    assert result.passed is passed
    assert is_message(result.message) and result.message["nl"]  # translated when shown


@pytest.mark.parametrize(
    ("data", "state_change", "passed"),
    [
        ({"type": "state", "path": "persona.email", "filled": True}, None, False),
        ({"type": "state", "path": "persona.email", "filled": True}, "a@b.nl", True),
        ({"type": "state", "path": "persona.email", "filled": False}, None, True),
        ({"type": "state", "path": "invoices[nummer=FAC1].status", "equals": "open"}, None, True),
        ({"type": "state", "path": "invoices[nummer=FAC2].status", "equals": "open"}, None, False),
        ({"type": "state", "path": "invoices[nummer=FAC9].status", "equals": "open"}, None, False),
    ],
)
def test_state_check(data, state_change, passed):
    state = copy.deepcopy(STATE)
    if state_change:
        state["persona"]["email"] = state_change
    assert build(data).evaluate(Context(state=state)).passed is passed


ANSWER = {
    "type": "answer",
    "field": "geleend",
    "label": {"nl": "Geleend", "en": "Borrowed"},
    "value": "loan.borrowed",
}


@pytest.mark.parametrize(
    ("typed", "passed"),
    [
        ("3.300", True),
        ("3300,00", True),
        ("€ 3.300,00", True),
        ("3300", True),
        ("3.300,-", True),
        ("€3300", True),
        ("3300.00", True),
        ("3 300", True),
        ("3.300,01", False),
        ("1.000,00", False),
        ("drie", False),
        ("", False),
    ],
)
def test_answer_check_compares_money_with_the_learners_own_state(typed, passed):
    check = build(ANSWER)
    assert check.evaluate(Context(state=STATE, answers={"geleend": typed})).passed is passed


def test_answer_follows_the_state_not_a_constant():
    state = copy.deepcopy(STATE)
    state["loan"]["paid"].append({"bedrag": 25_000})
    check = build(ANSWER)
    assert not check.evaluate(Context(state=state, answers={"geleend": "3.300,00"})).passed
    assert check.evaluate(Context(state=state, answers={"geleend": "3.550,00"})).passed


def test_answer_wrong_message_comes_from_the_lesson():
    check = build({**ANSWER, "wrong": {"nl": "Kijk bij Geleend.", "en": "Look at Borrowed."}})
    result = check.evaluate(Context(state=STATE, answers={"geleend": "1,00"}))
    assert result.message == {"nl": "Kijk bij Geleend.", "en": "Look at Borrowed."}


def test_answer_text_is_case_insensitive_by_default():
    data = {
        "type": "answer",
        "field": "bsn",
        "label": {"nl": "BSN", "en": "BSN"},
        "value": "persona.bsn",
    }
    assert build(data).evaluate(Context(state=STATE, answers={"bsn": " 999993653 "})).passed


def test_ind_fee_values():
    check = build({**ANSWER, "field": "kosten", "value": "ind_fees.onbepaalde_tijd_regulier"})
    assert check.evaluate(Context(state=STATE, answers={"kosten": "€ 228,00"})).passed
    assert values.lookup("ind_fees.year") is None


def test_all_of_and_any_of():
    page = {"type": "page", "page": "mijn.lening"}
    action = {"type": "action", "action": "invoice.accepted"}
    only_page = Context(events=[ev(1, "page", "mijn.lening")], state=STATE)
    both = Context(
        events=[ev(1, "page", "mijn.lening"), ev(2, "action", "invoice.accepted")], state=STATE
    )
    all_of = build({"type": "all_of", "checks": [page, action]})
    any_of = build({"type": "any_of", "checks": [action, page]})
    assert not all_of.evaluate(only_page).passed
    assert all_of.evaluate(both).passed
    assert any_of.evaluate(only_page).passed
    assert not any_of.evaluate(Context(state=STATE)).passed
    assert [
        a.field for a in build({"type": "all_of", "checks": [ANSWER, page]}).answer_checks()
    ] == ["geleend"]


def test_evaluate_changes_nothing():
    state = copy.deepcopy(STATE)
    events = [ev(1, "page", "mijn.lening"), ev(2, "action", "invoice.accepted", invoice="FAC1")]
    answers_typed = {"geleend": "3.300"}
    before = copy.deepcopy((state, events, answers_typed))
    for data in (
        {"type": "page", "page": "mijn.lening"},
        {"type": "action", "action": "invoice.accepted"},
        {"type": "state", "path": "persona.email", "filled": True},
        ANSWER,
        {"type": "all_of", "checks": [ANSWER, {"type": "page", "page": "mijn.lening"}]},
        {"type": "any_of", "checks": [ANSWER]},
    ):
        build(data).evaluate(Context(events=events, state=state, answers=answers_typed))
    assert (state, events, answers_typed) == before


def test_read_path():
    assert read_path(STATE, "persona.bsn") == "999993653"
    with pytest.raises(KeyError):
        read_path(STATE, "persona.naam")


@pytest.mark.parametrize(
    ("kind", "typed", "message"),
    [
        ("money", "", "Vul een antwoord in."),
        ("money", "veel", "Dit is geen bedrag. Schrijf het bedrag zo: 3.300,00"),
        ("number", "x", "Vul een getal in."),
        ("money", "3.300", None),
    ],
)
def test_invalid_answer_messages(kind, typed, message):
    found = answers.invalid_message(kind, typed)
    assert (found or {}).get("nl") == message
