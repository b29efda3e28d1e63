"""Languages: each sandbox site's own (nl or en, per site in the session) and the learner's
interface language (the frame, panel, phone and lesson messages), through gettext (Flask-Babel).
"""

from __future__ import annotations

from pathlib import Path

from flask import Flask, session

LANGUAGES = ("nl", "en")
#: Interface languages written from right to left (the panel, the phone and the frame mirror).
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
#: Where the gettext catalogs live: translations/<lang>/LC_MESSAGES/messages.po
TRANSLATIONS = Path(__file__).resolve().parent / "translations"


def interface_lang() -> str:
    """The language the learner reads the interface in (Dutch until they choose another)."""
    from simulator.lessons.texts import OFFERED

    value = session.get("lesson_lang", "nl")
    return value if value in OFFERED else "nl"


def direction(lang: str) -> str:
    """The writing direction of a language: "rtl" for Arabic and Farsi, else "ltr"."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def init_app(app: Flask) -> None:
    """gettext for the interface: `_()` and `ngettext()` in templates and Python."""
    from flask_babel import Babel

    app.config.setdefault("BABEL_DEFAULT_LOCALE", "nl")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    Babel(app, locale_selector=interface_lang)


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
