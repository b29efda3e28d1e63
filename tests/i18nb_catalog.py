"""The English (and the draft ar, uk, tr, fa, ti) of the lesson panel and the phone for the
tests, until the lead merges i18nb-en.yaml and i18nb-translations.yaml into
simulator/translations (then delete this file, the yamls and the two `translation_dirs()` uses
in tests/conftest.py and tests/browser/conftest.py).

Flask-Babel merges the catalogs of every directory in BABEL_TRANSLATION_DIRECTORIES, so the
app's own catalogs come first and this one only adds what they lack.
"""

from __future__ import annotations

import tempfile
from functools import cache
from pathlib import Path

import yaml
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo

from simulator.i18n import TRANSLATIONS

SOURCE = Path(__file__).resolve().parents[1] / "i18nb-en.yaml"
DRAFTS = SOURCE.with_name("i18nb-translations.yaml")
LANGS = ("ar", "uk", "tr", "fa", "ti")


def entries() -> dict:
    """msgid -> English, or singular msgid -> {plural, en: [one, other]} (empty when merged)."""
    if not SOURCE.exists():
        return {}
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8")) or {}


def drafts() -> dict:
    """msgid -> {ar: ..., ...}, or singular msgid -> {plural, ar: [forms], ...}."""
    if not DRAFTS.exists():
        return {}
    return yaml.safe_load(DRAFTS.read_text(encoding="utf-8")) or {}


def _catalog(lang: str, source: dict) -> Catalog:
    catalog = Catalog(locale=lang, domain="messages")
    for msgid, value in source.items():
        if isinstance(value, dict) and "plural" in value:
            catalog.add((msgid, value["plural"]), tuple(value[lang]))
        elif isinstance(value, dict):
            catalog.add(msgid, value[lang])
        else:
            catalog.add(msgid, value)
    return catalog


@cache
def _compiled() -> str:
    folder = Path(tempfile.mkdtemp(prefix="i18nb-catalog-"))
    english = {
        k: ({"plural": v["plural"], "en": v["en"]} if isinstance(v, dict) else v)
        for k, v in entries().items()
    }
    catalogs = {"en": _catalog("en", english)} if english else {}
    catalogs |= {lang: _catalog(lang, drafts()) for lang in LANGS if drafts()}
    for lang, catalog in catalogs.items():
        target = folder / lang / "LC_MESSAGES"
        target.mkdir(parents=True)
        with open(target / "messages.mo", "wb") as out:
            write_mo(out, catalog)
    return str(folder)


def translation_dirs() -> str:
    """BABEL_TRANSLATION_DIRECTORIES for a test app: the app's catalogs, then this one."""
    return f"{TRANSLATIONS};{_compiled()}" if entries() or drafts() else str(TRANSLATIONS)
