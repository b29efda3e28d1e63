"""Money as whole cents, written the Dutch way: € 1.250,00."""

from __future__ import annotations

import re

_MONEY = re.compile(r"^\s*(?:€\s*)?(\d{1,3}(?:\.\d{3})*|\d+)(?:,(\d{2}))?\s*$")


def parse(text: object) -> int:
    """Parse "1.250,00", "250,00", "€ 250" or an int/float of euros into cents."""
    if isinstance(text, bool):
        raise ValueError("geen bedrag")
    if isinstance(text, int):
        return text * 100
    if isinstance(text, float):
        return round(text * 100)
    match = _MONEY.match(str(text))
    if not match:
        raise ValueError(f'{text!r} is geen bedrag; schrijf het zo: "1.250,00"')
    euros = int(match.group(1).replace(".", ""))
    cents = int(match.group(2) or 0)
    return euros * 100 + cents


def fmt(cents: int, symbol: bool = True) -> str:
    """Format cents as "€ 1.250,00" (or "1.250,00" without the symbol)."""
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    euros, rest = divmod(cents, 100)
    text = f"{euros:,}".replace(",", ".") + f",{rest:02d}"
    return f"{sign}€ {text}" if symbol else sign + text


def fmt_en(cents: int) -> str:
    """Format cents the English way: € 1,250.00."""
    sign = "-" if cents < 0 else ""
    cents = abs(int(cents))
    euros, rest = divmod(cents, 100)
    return f"{sign}€ {euros:,}.{rest:02d}"
