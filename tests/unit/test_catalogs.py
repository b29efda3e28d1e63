"""The interface catalogs: each compiles, keeps its placeholders, and matches the code's msgids."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from simulator import catalogs
from simulator.lessons import messages
from simulator.lessons.messages import msg, nmsg
from simulator.lessons.texts import OFFERED, pick, pick_lang

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "simulator" / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]")
TAG = re.compile(r"</?([a-z]+)")


def load(lang: str):
    with (TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=lang)


def entries(catalog) -> list:
    return [m for m in catalog if m.id]


def forms(message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def ids(message) -> list[str]:
    return list(message.id) if isinstance(message.id, tuple) else [message.id]


@pytest.mark.parametrize("lang", list(OFFERED))
def test_every_offered_language_has_a_catalog_that_compiles(lang):
    catalog = load(lang)
    assert str(catalog.locale) == lang
    out = io.BytesIO()
    write_mo(out, catalog)
    assert out.getvalue().startswith(b"\xde\x12\x04\x95")  # a GNU .mo file


@pytest.mark.parametrize("lang", list(OFFERED))
def test_translations_keep_the_placeholders_and_tags_of_the_dutch(lang):
    for message in entries(load(lang)):
        wanted = sorted(PLACEHOLDER.findall(ids(message)[-1]))
        tags = sorted(TAG.findall(ids(message)[0]))
        plural = isinstance(message.id, tuple)
        for text in forms(message):
            if text:
                found = set(PLACEHOLDER.findall(text))
                # a plural form may say the number in words ("two steps" in Arabic: خطوتان)
                # and leave %(num)d out; any other placeholder must stay, none may be added
                expected = set(wanted) - ({"%(num)d"} - found if plural else set())
                assert sorted(found) == sorted(expected), (lang, text)
                assert sorted(TAG.findall(text)) == tags, (lang, text)


def test_dutch_is_the_identity_and_english_is_complete():
    for message in entries(load("nl")):
        assert forms(message) == ids(message)[: len(forms(message))] or (
            len(forms(message)) == 2 and forms(message) == ids(message)
        )
    missing = [m.id for m in entries(load("en")) if not all(forms(m))]
    assert missing == []
    english = {m.id: m.string for m in entries(load("en"))}
    assert english["Volgende"] == "Next"
    assert english[("Deze les heeft %(num)d stap.", "Deze les heeft %(num)d stappen.")] == (
        "This lesson has %(num)d step.",
        "This lesson has %(num)d steps.",
    )


@pytest.mark.parametrize("lang", ["ar", "ti", "uk", "fa", "tr"])
def test_the_other_catalogs_hold_every_msgid_with_their_own_plural_forms(lang):
    catalog = load(lang)
    assert {m.id for m in entries(catalog)} == {m.id for m in entries(load("nl"))}
    assert catalog.num_plurals == {"ar": 6, "ti": 2, "uk": 3, "fa": 2, "tr": 2}[lang]


def test_the_catalogs_hold_exactly_the_msgids_of_the_code(tmp_path, monkeypatch):
    """scripts/i18n.sh was run after the last change of an interface text."""
    monkeypatch.chdir(ROOT)
    pot = tmp_path / "fresh.pot"
    CommandLineInterface().run(
        ["pybabel", "-q", "extract", "-F", "babel.cfg", "-k", "msg", "-k", "nmsg:1,2", "-k", "N_"]
        + ["-o", str(pot), "."]
    )
    with pot.open("rb") as handle:
        fresh = {m.id for m in read_po(handle) if m.id}
    committed = {m.id for m in entries(load("nl"))}
    assert len(fresh) > 100 and "Volgende" in fresh and "Vul een antwoord in." in fresh
    assert fresh - committed == set(), "new texts: run bash scripts/i18n.sh"
    assert committed - fresh == set(), "texts no longer used: run bash scripts/i18n.sh"


def test_compiling_leaves_half_translated_plurals_out(tmp_path):
    po = tmp_path / "ar" / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: ar\\n"\n'
        '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        'msgid "a"\nmsgid_plural "b"\nmsgstr[0] "x"\nmsgstr[1] ""\n\n'
        'msgid "c"\nmsgstr "d"\n',
        encoding="utf-8",
    )
    assert catalogs.compile_dir(tmp_path) == [po]
    assert catalogs.stale(tmp_path) == []  # compiled once, then up to date
    from babel.support import Translations

    found = Translations.load(str(tmp_path), ["ar"])
    assert found.ugettext("c") == "d"
    assert found.ungettext("a", "b", 2) == "b"  # the Dutch, never an empty text


def test_a_message_is_dutch_without_catalogs_and_translated_with_them(monkeypatch):
    # an app made earlier in this process gave the module its catalogs: start without them
    monkeypatch.setattr(messages, "_translator", None)
    done = msg("Vul een antwoord in.")
    assert done["nl"] == "Vul een antwoord in." and pick(done, "en") == "Vul een antwoord in."
    table = {
        "Vul een antwoord in.": "Fill in an answer.",
        "%(num)d stap": ["%(num)d step", "%(num)d steps"],
    }

    def translator(lang, msgid, plural, num):
        found = table.get(msgid) if lang == "en" else None
        if isinstance(found, list):
            return found[0] if num == 1 else found[1]
        return found

    messages.set_translator(translator)
    try:
        assert pick_lang(done, "en") == ("en", "Fill in an answer.")
        assert pick_lang(done, "ar") == ("nl", "Vul een antwoord in.")  # not translated: Dutch
        assert pick(nmsg("%(num)d stap", "%(num)d stappen", 3), "en") == "3 steps"
        assert pick(nmsg("%(num)d stap", "%(num)d stappen", 1), "en") == "1 step"
        assert pick(nmsg("%(num)d stap", "%(num)d stappen", 3), "tr") == "3 stappen"
        table["Vul een antwoord in."] = "Broken %(missing)s"
        assert pick(done, "en") == "Broken %(missing)s"  # a broken translation: no 500
    finally:
        messages.set_translator(None)  # monkeypatch puts back what was there


def test_a_new_catalog_is_a_new_language_named_in_its_own_script(tmp_path, monkeypatch):
    from simulator.lessons import texts

    for code in ("nl", "so", "ckb", "x-bad"):
        (tmp_path / code / "LC_MESSAGES").mkdir(parents=True)
        (tmp_path / code / "LC_MESSAGES" / "messages.po").write_text("", encoding="utf-8")
    monkeypatch.setattr(texts, "CATALOGS", tmp_path)
    assert texts._with_catalog() == ("nl", "en", "ar", "ti", "uk", "fa", "tr", "ckb", "so")
    assert texts._own_name("so") == "Soomaali"
    assert texts._right_to_left("ckb") and not texts._right_to_left("so")
    assert texts._own_name("qq") == "qq"  # no CLDR data: its code
