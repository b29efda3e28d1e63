"""The DUO loan: maximum, what was paid from it, what is still available.

`loan.paid` in the state is the one record of payments: borrowed = their sum.
"""

from __future__ import annotations

from simulator.sandbox import dates, money


def borrowed(state: dict) -> int:
    """Cents borrowed so far (everything paid from the loan)."""
    return sum(item["bedrag"] for item in state["loan"]["paid"])


def available(state: dict) -> int:
    """Cents that can still be borrowed."""
    return max(0, state["loan"]["maximum"] - borrowed(state))


def summary(state: dict) -> dict:
    """Maximum, borrowed and available, in cents."""
    return {
        "maximum": state["loan"]["maximum"],
        "borrowed": borrowed(state),
        "available": available(state),
    }


def can_pay(state: dict, cents: int) -> bool:
    """True when the loan can cover this amount (0 always fits)."""
    return 0 <= cents <= available(state)


def pay(state: dict, cents: int, omschrijving: str, datum: str) -> None:
    """Pay an amount from the loan; raise ValueError when the loan cannot cover it."""
    if not can_pay(state, cents):
        raise ValueError("De lening is niet hoog genoeg voor dit bedrag.")
    state["loan"]["paid"].append({"datum": datum, "omschrijving": omschrijving, "bedrag": cents})


def too_low_message(state: dict) -> str:
    """The sentence shown when an amount does not fit in the loan."""
    return (
        "Uw lening is niet hoog genoeg voor dit bedrag. "
        f"U kunt nog {money.fmt(available(state))} lenen."
    )


def quarter_cap(state: dict) -> int:
    """Cents DUO pays at most per calendar quarter to language schools (0 = no limit)."""
    return int(state["loan"].get("quarter_cap") or 0)


def payments(state: dict) -> list[dict]:
    """Everything paid from the loan, oldest first (same date: in the order it was paid)."""
    indexed = list(enumerate(state["loan"]["paid"]))
    indexed.sort(key=lambda pair: (_sort_date(pair[1]["datum"]), pair[0]))
    return [item for _, item in indexed]


def _sort_date(text: str):
    try:
        return dates.parse(text).toordinal()
    except ValueError:
        return 0
