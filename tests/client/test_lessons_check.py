"""`flask lessons check` with the glossary: unknown words and missing recordings are errors,
missing or unchecked translations are warnings (exit code 0)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from simulator import create_app
from tests.conftest import glossary_without

ROOT = Path(__file__).resolve().parents[2]
GOOD = ROOT / "tests" / "unit" / "lesson_fixtures" / "good.yaml"
MP3 = b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\xff\xfb\x90\x00" * 64


def check(tmp_path: Path, lesson_text=None, glossary: bool = True, prepare=None):
    """Run `lessons check` on a lesson folder with good.yaml (changed) and the glossary
    (prepare(lessons) may change the copy first)."""
    lessons = tmp_path / "lessons"
    lessons.mkdir(exist_ok=True)
    text = GOOD.read_text(encoding="utf-8")
    (lessons / "good.yaml").write_text(lesson_text(text) if lesson_text else text, "utf-8")
    if glossary:
        shutil.copytree(ROOT / "lessons" / "woorden", lessons / "woorden", dirs_exist_ok=True)
    if prepare:
        prepare(lessons)
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "LESSON_DIR": str(lessons)}
    )
    try:
        return app.test_cli_runner().invoke(args=["lessons", "check"]), lessons
    finally:
        app.extensions["store"].engine.dispose()


def test_shipped_lessons_and_glossary_pass_with_warnings_per_language(runner):
    result = runner.invoke(args=["lessons", "check"])
    assert result.exit_code == 0, result.output
    assert "OK   woorden/woordenlijst.yaml (31 woorden)" in result.output
    assert "LET OP woorden/woordenlijst.yaml (62 teksten), vertalingen:" in result.output
    assert "  ar: vertaald, nog niet nagekeken door een moedertaalspreker." in result.output
    assert "nog niet vertaald" not in result.output  # all seven languages are written
    assert "  en: vertaald, nog niet nagekeken door een moedertaalspreker." in result.output
    assert "LET OP 02-inloggen.yaml (" in result.output
    assert "FOUT" not in result.output


def test_a_language_missing_from_the_glossary_is_a_warning_not_an_error(tmp_path):
    def without_arabic(lessons):
        glossary_without(lessons, "ar")

    result, _ = check(tmp_path, prepare=without_arabic)
    assert result.exit_code == 0, result.output
    assert "LET OP woorden/woordenlijst.yaml (62 teksten), vertalingen:" in result.output
    assert "  ar: nog niet vertaald (62 teksten)." in result.output
    assert "FOUT" not in result.output


def test_a_word_missing_from_the_glossary_is_an_error_with_its_line(tmp_path):
    result, _ = check(
        tmp_path,
        lambda t: t.replace(
            "text: {nl: Tekst., en: Text.}", "text: {nl: Tekst., en: Text.}"
        ).replace("title: {nl: Lezen, en: Reading}", "title: {nl: Lezen, en: '[[x|toetsenbord]]'}"),
    )
    assert result.exit_code == 1, result.output
    assert (
        "1. good.yaml:9 parts[0].title.en: het woord 'toetsenbord' staat niet in de woordenlijst"
        in result.output
    )


def test_known_words_pass(tmp_path):
    result, _ = check(
        tmp_path, lambda t: t.replace("en: Text.}", "en: 'The [[address bar|adresbalk]].'}")
    )
    assert result.exit_code == 0, result.output
    assert "OK   good.yaml" in result.output


def test_without_a_glossary_every_word_link_is_an_error_and_a_warning_says_why(tmp_path):
    result, _ = check(
        tmp_path, lambda t: t.replace("en: Text.}", "en: 'The [[bar|adresbalk]].'}"), False
    )
    assert result.exit_code == 1
    assert "er is geen woordenlijst" in result.output
    assert "het woord 'adresbalk' staat niet in de woordenlijst" in result.output


RECORDED = "text: {nl: Tekst., en: Text., audio: {ti: audio/goed/lees-ti.mp3}}"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "de opname bestaat niet: zet het mp3-bestand in lessons/audio/goed/lees-ti.mp3"),
        (b"RIFF....WAVEfmt ", "lessons/audio/goed/lees-ti.mp3 is geen mp3-bestand"),
        (MP3, None),
    ],
)
def test_recordings_must_exist_and_be_mp3(tmp_path, content, message):
    (tmp_path / "lessons" / "audio" / "goed").mkdir(parents=True)
    if content is not None:
        (tmp_path / "lessons" / "audio" / "goed" / "lees-ti.mp3").write_bytes(content)
    result, _ = check(tmp_path, lambda t: t.replace("text: {nl: Tekst., en: Text.}", RECORDED))
    if message is None:
        assert result.exit_code == 0, result.output
    else:
        assert result.exit_code == 1
        assert f"1. good.yaml:10 parts[0].text.audio.ti: {message}" in result.output


@pytest.mark.parametrize(
    ("audio", "message"),
    [
        ("{ti: ../secret.mp3}", "verwacht audio/<naam>.mp3"),
        ("{ti: audio/x.wav}", "verwacht audio/<naam>.mp3"),
        ("{xx: audio/x.mp3}", "onbekende taal 'xx'"),
        ("audio/x.mp3", "verwacht per taal een opname"),
    ],
)
def test_recording_paths_are_checked_when_the_lesson_loads(tmp_path, audio, message):
    result, _ = check(
        tmp_path,
        lambda t: t.replace(
            "text: {nl: Tekst., en: Text.}", f"text: {{nl: T., en: T., audio: {audio}}}"
        ),
    )
    assert result.exit_code == 1
    assert message in result.output


def test_missing_translations_are_counted_per_language(tmp_path):
    result, _ = check(
        tmp_path,
        lambda t: (
            t.replace("title: {nl: Goed, en: Good}", "title: {nl: Goed, en: Good, uk: Добре}")
            .replace("text: {nl: Tekst., en: Text.}", "text: {nl: Tekst., en: Text., uk: Текст.}")
            .replace("start_url:", "translations:\n  uk: {reviewed: true}\nstart_url:")
        ),
    )
    assert result.exit_code == 0, result.output
    assert "LET OP good.yaml (11 teksten), vertalingen:" in result.output
    assert "  uk: 9 van 11 teksten ontbreken." in result.output
    assert (
        "  en: staat niet onder translations: (zet er en: {reviewed: false} bij)." in result.output
    )
    assert "  ti: nog niet vertaald (11 teksten)." in result.output


def test_a_broken_glossary_fails_the_check(tmp_path):
    lessons = tmp_path / "lessons"
    (lessons / "woorden").mkdir(parents=True)
    (lessons / "woorden" / "woordenlijst.yaml").write_text("schema_version: 1\nwords: {knop: 3}\n")
    result, _ = check(tmp_path, glossary=False)
    assert result.exit_code == 1
    assert (
        "FOUT woorden/woordenlijst.yaml\n1. woorden/woordenlijst.yaml:2 words.knop:"
        in result.output
    )
