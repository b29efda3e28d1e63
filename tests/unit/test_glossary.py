"""The glossary file: its loader and validation, and the drawings beside it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from simulator.lessons import glossary
from simulator.lessons.loader import load_all
from simulator.lessons.names import Names

ROOT = Path(__file__).resolve().parents[2]
DRAWINGS = ROOT / "static" / "img" / "woorden"
#: The ids the translators' lesson texts already link to.
USED_IDS = (
    "adresbalk hangslotje browser website link knop menu startpagina inloggen uitloggen digid "
    "digid-app sms-code wachtwoord gebruikersnaam mijn-inburgering duo ind inburgeren factuur "
    "lening taalaanbieder kwartaal examen verblijfsdocument verblijfsvergunning proces-verbaal "
    "contract accepteren weigeren e-mail"
).split()


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "woorden").mkdir(exist_ok=True)
    (tmp_path / "woorden" / "woordenlijst.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_the_shipped_glossary_has_every_word_the_lessons_use():
    loaded, problems = glossary.load(ROOT / "lessons", ROOT / "static")
    assert problems == ""
    assert sorted(loaded.entries) == sorted(USED_IDS)
    for entry in loaded.entries.values():
        assert entry.word and entry.text.get("nl") and entry.text.get("en"), entry.id
        assert entry.alt.get("nl") and entry.alt.get("en"), entry.id
        sentences = re.findall(r"[.?!](?:\s|$)", entry.text["nl"])
        assert 1 <= len(sentences) <= 4, (entry.id, entry.text["nl"])


def test_words_come_in_the_order_of_the_dutch_word_case_ignored():
    loaded, _ = glossary.load(ROOT / "lessons")
    words = [entry.word for entry in loaded.alphabetical()]
    assert words == sorted(words, key=str.casefold)
    assert words[0] == "Accepteren" and words[-1] == "Weigeren"


@pytest.mark.parametrize("word_id", USED_IDS)
def test_each_drawing_is_our_own_simple_svg(word_id):
    svg = (DRAWINGS / f"{word_id}.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg ") and 'role="img"' in svg.split(">")[0]
    assert "<script" not in svg and "href" not in svg and "url(" not in svg
    assert "<image" not in svg and "<foreignObject" not in svg
    texts = re.findall(r"<text[^>]*>(.*?)</text>", svg)
    # no words in a drawing, or only the Dutch word as it is on the screen
    assert all(re.sub(r"<[^>]+>", "", t) in ("DigiD",) for t in texts), texts
    assert len(svg) < 4096


def test_the_lesson_loader_does_not_take_the_glossary_for_a_lesson():
    catalog = load_all(ROOT / "lessons", Names(is_target=lambda name: True))
    assert not any("woorden" in name for name in catalog.broken)
    assert not any("woord" in lesson.filename for lesson in catalog.ordered())


def test_no_glossary_file_is_an_empty_glossary(tmp_path):
    loaded, problems = glossary.load(tmp_path)
    assert loaded.entries == {} and problems == ""


def test_problems_name_file_line_and_key_and_good_entries_stay(tmp_path):
    write(
        tmp_path,
        "schema_version: 1\n"  # 1
        "translations:\n"  # 2
        "  xx: {reviewed: true}\n"  # 3
        "words:\n"  # 4
        "  knop:\n"  # 5
        "    word: knop\n"  # 6
        "    text: {nl: Een knop., en: A button.}\n"  # 7
        "    alt: {nl: Een knop., en: A button.}\n"  # 8
        "  Slot:\n"  # 9
        "    word: slot\n"  # 10
        "    text: {nl: Een slot., en: A lock.}\n"  # 11
        "    alt: {nl: Een slot., en: A lock.}\n"  # 12
        "  menu:\n"  # 13
        "    text:\n"  # 14
        "      nl: Klik op **[[knop|knop]]**.\n"  # 15
        "      en: A menu.\n"  # 16
        "      de: Ein Menü.\n"  # 17
        "    alt: {nl: Een menu.}\n"  # 18
        "    plaatje: menu.png\n",  # 19
    )
    loaded, problems = glossary.load(tmp_path)
    assert list(loaded.entries) == ["knop"]
    expected = [
        "woorden/woordenlijst.yaml:3 translations.xx: onbekende vertaaltaal",
        "woorden/woordenlijst.yaml:9 words.Slot: ongeldige id 'Slot'",
        "woorden/woordenlijst.yaml:19 words.menu.plaatje: onbekende sleutel",
        "woorden/woordenlijst.yaml:13 words.menu: 'word' ontbreekt",
        "woorden/woordenlijst.yaml:15 words.menu.text.nl: opmaak in opmaak kan niet",
        "woorden/woordenlijst.yaml:17 words.menu.text.de: onbekende taal 'de'",
        "woorden/woordenlijst.yaml:18 words.menu.alt: tekst in taal 'en' ontbreekt",
    ]
    for message in expected:
        assert message in problems, (message, problems)
    assert problems.startswith("1. ")


def test_a_missing_drawing_is_a_problem(tmp_path):
    write(
        tmp_path,
        "schema_version: 1\nwords:\n  knop:\n    word: knop\n"
        "    text: {nl: Een knop., en: A button.}\n    alt: {nl: Een knop., en: A button.}\n",
    )
    loaded, problems = glossary.load(tmp_path, tmp_path / "static")
    assert "de tekening static/img/woorden/knop.svg ontbreekt" in problems
    assert loaded.entries == {}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("schema_version: 2\nwords: {}\n", "onbekende schema_version 2"),
        ("- knop\n", "de woordenlijst begint met schema_version:"),
        ("schema_version: 1\nwords: [knop]\n", "verwacht per woord-id"),
        ("schema_version: 1\nwords: {knop: [1]}\n", "verwacht word:, text: en alt:"),
        ("schema_version: 1\nwords:\n  knop: {word: knop\n", "woorden/woordenlijst.yaml:"),
    ],
)
def test_broken_files_say_what_is_wrong(tmp_path, text, message):
    loaded, problems = glossary.load(write(tmp_path, text))
    assert message in problems
    assert loaded.entries == {}
