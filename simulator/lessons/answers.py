"""Comparing what a learner typed with a value from their state: money, numbers, text."""

from __future__ import annotations

import re

from simulator.lessons.messages import msg
from simulator.sandbox import money

_DOT_DECIMAL = re.compile(r"^\d+\.\d{2}$")


def parse_money(text: str) -> int | None:
    """Cents from Dutch money input ("3.300", "3300,00", "€ 3.300,00", "3.300,-"); None if not."""
    cleaned = str(text).strip().lower()
    cleaned = re.sub(r"^(eur|euro)\s*|\s*(eur|euro)$", "", cleaned).strip()
    cleaned = re.sub(r",-{1,2}$", "", cleaned).replace("\u00a0", " ")
    cleaned = re.sub(r"(?<=\d) (?=\d{3}\b)", ".", cleaned)
    if _DOT_DECIMAL.match(cleaned.lstrip("€ ")):
        cleaned = cleaned.replace(".", ",")
    try:
        return money.parse(cleaned)
    except ValueError:
        return None


def parse_number(text: str) -> float | None:
    """A plain number, with a Dutch decimal comma allowed."""
    try:
        return float(str(text).strip().replace(",", "."))
    except ValueError:
        return None


def _norm(text: str, case_insensitive: bool) -> str:
    out = " ".join(str(text).split())
    return out.casefold() if case_insensitive else out


def same(kind: str, typed: str, expected: object, case_insensitive: bool = True) -> bool:
    """True when typed means the expected value of this kind."""
    if kind == "money":
        cents = parse_money(typed)
        return cents is not None and cents == int(expected)
    if kind == "number":
        number = parse_number(typed)
        return number is not None and number == float(expected)
    return _norm(typed, case_insensitive) == _norm(str(expected), case_insensitive)


def invalid_message(kind: str, typed: str) -> dict | None:
    """A plain-language message (messages.msg) when typed cannot be a value of this kind."""
    if not str(typed).strip():
        return msg("Vul een antwoord in.")
    if kind == "money" and parse_money(typed) is None:
        return msg("Dit is geen bedrag. Schrijf het bedrag zo: %(example)s", example="3.300,00")
    if kind == "number" and parse_number(typed) is None:
        return msg("Vul een getal in.")
    return None
