"""Every interface string of the lesson panel and the phone has its English in i18nb-en.yaml and
a draft in each of ar, uk, tr, fa, ti in i18nb-translations.yaml (until the lead merges them
into the catalogs; then these tests skip themselves)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from babel.messages.extract import extract_from_file

from tests.i18nb_catalog import DRAFTS, LANGS, SOURCE, drafts, entries

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "simulator" / "templates"
FILES = [
    *sorted((TEMPLATES / "lessons").glob("_panel*.html")),
    *(
        TEMPLATES / "lessons" / name
        for name in (
            "_exercise.html",
            "_feedback.html",
            "_goto.html",
            "_letters.html",
            "_tips.html",
            "_where.html",
            "_list.html",
            "_word_popover.html",
        )
    ),
    *sorted((TEMPLATES / "phone").glob("*.html")),
    ROOT / "simulator" / "phone" / "__init__.py",
    ROOT / "simulator" / "lessons" / "panel_web.py",
]
JINJA = {"extensions": "jinja2.ext.i18n", "trim_blocks": "true", "lstrip_blocks": "true"}


def msgids() -> dict:
    found = {}
    for path in FILES:
        html = path.suffix == ".html"
        method = "jinja2.ext:babel_extract" if html else "python"
        for line, message, _comments, _context in extract_from_file(
            method, str(path), options=JINJA if html else {}
        ):
            found.setdefault(message, f"{path.relative_to(ROOT)}:{line}")
    return found


@pytest.mark.skipif(not SOURCE.exists(), reason="i18nb-en.yaml is merged into the catalogs")
def test_every_panel_and_phone_string_has_its_english():
    english = entries()
    missing = []
    for message, where in msgids().items():
        if isinstance(message, tuple):
            entry = english.get(message[0])
            ok = isinstance(entry, dict) and entry.get("plural") == message[1]
            ok = ok and len(entry.get("en", [])) == 2
        else:
            ok = isinstance(english.get(message), str) and english[message].strip()
        if not ok:
            missing.append(f"{where}: {message!r}")
    assert not missing, "no English in i18nb-en.yaml for:\n" + "\n".join(missing)


@pytest.mark.skipif(not SOURCE.exists(), reason="i18nb-en.yaml is merged into the catalogs")
def test_the_english_keeps_every_placeholder():
    import re

    for msgid, english in entries().items():
        forms = english["en"] if isinstance(english, dict) else [english]
        wanted = sorted(re.findall(r"%\(\w+\)[sd]", msgid))
        for form in forms:
            assert sorted(re.findall(r"%\(\w+\)[sd]", form)) == wanted, (msgid, form)


@pytest.mark.skipif(not DRAFTS.exists(), reason="i18nb-translations.yaml is merged")
def test_every_string_has_a_draft_in_each_language_with_its_placeholders():
    import re

    from babel.messages.plurals import get_plural

    found = drafts()
    for message, where in msgids().items():
        msgid = message[0] if isinstance(message, tuple) else message
        assert msgid in found, f"{where}: no draft translations for {msgid!r}"
        value = found[msgid]
        wanted = sorted(re.findall(r"%\(\w+\)[sd]", msgid))
        for lang in LANGS:
            forms = value[lang] if isinstance(message, tuple) else [value[lang]]
            if isinstance(message, tuple):
                assert value["plural"] == message[1], msgid
                assert len(forms) == get_plural(lang).num_plurals, (msgid, lang)
            for form in forms:
                assert form.strip(), (msgid, lang)
                if not isinstance(message, tuple):
                    assert sorted(re.findall(r"%\(\w+\)[sd]", form)) == wanted, (msgid, lang)


@pytest.mark.skipif(not DRAFTS.exists(), reason="i18nb-translations.yaml is merged")
def test_the_drafts_name_buttons_as_the_lessons_do():
    """A lesson text that says "tap __الرسائل__" needs the phone's Berichten to say الرسائل."""
    labels = yaml.safe_load((ROOT / "i18nb-labels.yaml").read_text(encoding="utf-8"))
    found = drafts()
    for msgid, words in labels.items():
        for lang, word in words.items():
            assert found[msgid][lang] == word, (msgid, lang)
