"""Named values taken from the learner's own sandbox state, for answer checks.

An exercise never holds the right answer itself: it names a value here, and the check
compares what the learner typed with that value in *their* world.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from simulator.sandbox import loan


@dataclass(frozen=True)
class Value:
    """One named value: its kind (money in cents, number, text) and how to read it."""

    name: str
    kind: str
    read: Callable[[dict], object]


VALUES: dict[str, Value] = {}


def value(name: str, kind: str):
    """Register a value function under a name (decorator)."""

    def wrap(fn: Callable[[dict], object]) -> Callable[[dict], object]:
        VALUES[name] = Value(name, kind, fn)
        return fn

    return wrap


value("loan.borrowed", "money")(loan.borrowed)
value("loan.available", "money")(loan.available)


@value("loan.maximum", "money")
def _loan_maximum(state: dict) -> int:
    return state["loan"]["maximum"]


@value("exam_fee", "money")
def _exam_fee(state: dict) -> int:
    return state["exam_fee"]


@value("persona.email", "text")
def _email(state: dict) -> str:
    return state["persona"].get("email") or ""


@value("persona.bsn", "text")
def _bsn(state: dict) -> str:
    return state["persona"]["bsn"]


_IND_FEE = re.compile(r"^ind_fees\.([a-z_]+)$")


def lookup(name: str) -> Value | None:
    """The value called name; "ind_fees.<key>" reads any fee of the IND scenario data."""
    if name in VALUES:
        return VALUES[name]
    match = _IND_FEE.match(name)
    if match and match.group(1) != "year":
        key = match.group(1)
        return Value(name, "money", lambda state: state["ind_fees"][key])
    return None


def read(name: str, state: dict) -> object:
    """The value called name in this state; KeyError when it is unknown or missing."""
    found = lookup(name)
    if found is None:
        raise KeyError(name)
    return found.read(state)
