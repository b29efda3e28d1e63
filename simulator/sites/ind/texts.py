"""Shared bits of ind.nl's content: a text in two languages and the link targets of own views."""

from __future__ import annotations


def T(nl: str, en: str) -> dict[str, str]:
    """One text in both languages."""
    return {"nl": nl, "en": en}


KWIJT = "@ind.kwijt"
ONBEPAALD = "@ind.onbepaalde_tijd"
KOSTEN = "@ind.kosten"
MIJN = "@ind.mijn_ind"

#: English for the one-time messages that can appear on ind.nl (from here and from DigiD).
NOTICES_EN = {
    "U bent uitgelogd uit Mijn IND.": "You are logged out of My IND.",
    "U heeft het inloggen geannuleerd.": "You cancelled logging in.",
}
