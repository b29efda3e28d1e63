"""Language of each sandbox site (nl or en), kept in the session per site."""

from __future__ import annotations

from flask import session

LANGUAGES = ("nl", "en")


def site_lang(site: str) -> str:
    """The language the learner chose for one site; Dutch unless they switched."""
    value = (session.get("lang") or {}).get(site, "nl")
    return value if value in LANGUAGES else "nl"


def set_site_lang(site: str, lang: str) -> None:
    if lang not in LANGUAGES:
        return
    langs = dict(session.get("lang") or {})
    langs[site] = lang
    session["lang"] = langs


def pick(text: dict | str | None, lang: str) -> str:
    """Pick one language from a {nl:..., en:...} text, falling back to Dutch."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("nl", "")
