"""Dates as the sites write them: dd-mm-jjjj (read by fields.read_date, the one date reader)."""

from __future__ import annotations

from datetime import date

from simulator.sandbox import fields


def parse(text: str) -> date:
    """Parse "01-06-2022" into a date; raise ValueError with a Dutch message otherwise."""
    try:
        return fields.read_date(text)
    except fields.Invalid as exc:
        raise ValueError(f'{text!r} is geen datum; schrijf het zo: "01-06-2022"') from exc


def fmt(value: date) -> str:
    """Format a date as "01-06-2022"."""
    return value.strftime("%d-%m-%Y")
