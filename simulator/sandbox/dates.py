"""Dates as the sites write them: dd-mm-jjjj."""

from __future__ import annotations

from datetime import date, datetime


def parse(text: str) -> date:
    """Parse "01-06-2022" into a date; raise ValueError with a Dutch message otherwise."""
    try:
        return datetime.strptime(str(text).strip(), "%d-%m-%Y").date()
    except ValueError as exc:
        raise ValueError(f'{text!r} is geen datum; schrijf het zo: "01-06-2022"') from exc


def fmt(value: date) -> str:
    """Format a date as "01-06-2022"."""
    return value.strftime("%d-%m-%Y")
