"""The DUO loan: maximum, what was paid from it, what is still available.

`loan.paid` in the state is the one record of payments: borrowed = their sum.
"""

from __future__ import annotations


def borrowed(state: dict) -> int:
    """Cents borrowed so far (everything paid from the loan)."""
    return sum(item["bedrag"] for item in state["loan"]["paid"])


def available(state: dict) -> int:
    """Cents that can still be borrowed."""
    return max(0, state["loan"]["maximum"] - borrowed(state))


def summary(state: dict) -> dict:
    return {"maximum": state["loan"]["maximum"], "borrowed": borrowed(state), "available": available(state)}


def can_pay(state: dict, cents: int) -> bool:
    return 0 <= cents <= available(state)


def pay(state: dict, cents: int, omschrijving: str, datum: str) -> None:
    """Pay an amount from the loan; raise ValueError when the loan cannot cover it."""
    if not can_pay(state, cents):
        raise ValueError("De lening is niet hoog genoeg voor dit bedrag.")
    state["loan"]["paid"].append({"datum": datum, "omschrijving": omschrijving, "bedrag": cents})
