"""The English of the lesson panel and the phone for the tests, until the lead merges
i18nb-en.yaml into simulator/translations/en (then delete this file, the yaml and the two
`translation_dirs()` uses in tests/conftest.py and tests/browser/conftest.py).

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


def entries() -> dict:
    """msgid -> English, or singular msgid -> {plural, en: [one, other]} (empty when merged)."""
    if not SOURCE.exists():
        return {}
    return yaml.safe_load(SOURCE.read_text(encoding="utf-8")) or {}


@cache
def _compiled() -> str:
    catalog = Catalog(locale="en", domain="messages")
    for msgid, english in entries().items():
        if isinstance(english, dict):
            catalog.add((msgid, english["plural"]), tuple(english["en"]))
        else:
            catalog.add(msgid, english)
    folder = Path(tempfile.mkdtemp(prefix="i18nb-catalog-"))
    target = folder / "en" / "LC_MESSAGES"
    target.mkdir(parents=True)
    with open(target / "messages.mo", "wb") as out:
        write_mo(out, catalog)
    return str(folder)


def translation_dirs() -> str:
    """BABEL_TRANSLATION_DIRECTORIES for a test app: the app's catalogs, then this one."""
    return f"{TRANSLATIONS};{_compiled()}" if entries() else str(TRANSLATIONS)
