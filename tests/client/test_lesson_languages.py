"""Every lesson text and glossary entry is there in all seven languages, or `lessons check`
says which are missing (a warning: the panel and the glossary fall back to Dutch)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from simulator import create_app
from simulator.lessons import report
from simulator.lessons.fields import lesson_fields
from simulator.lessons.texts import LANGUAGES, OFFERED
from tests.conftest import glossary_without

ROOT = Path(__file__).resolve().parents[2]


def gaps(fields) -> dict[str, int]:
    """Per language: how many texts have no translation."""
    fields = list(fields)
    return {lang: sum(1 for f in fields if not f.text.get(lang)) for lang in LANGUAGES}


def reported(lines: list[str], lang: str) -> bool:
    return any(
        line.startswith(f"{lang}:") and ("ontbreken" in line or "nog niet vertaald" in line)
        for line in lines
    )


def test_the_seven_offered_languages_are_the_lesson_languages():
    assert list(OFFERED) == list(LANGUAGES) == ["nl", "en", "ar", "ti", "uk", "fa", "tr"]


def test_every_shipped_text_is_in_every_language_or_reported(app):
    lessons = app.extensions["lessons"]
    glossary = app.extensions["glossary"]
    assert not lessons.broken
    groups = [
        (list(lesson_fields(lesson)), lesson.translations) for lesson in lessons.ordered()
    ] + [(report.glossary_fields(glossary), glossary.translations)]
    for fields, translations in groups:
        assert fields
        missing = gaps(fields)
        assert missing["nl"] == 0  # Dutch is never missing
        lines = report.translation_report(fields, translations)
        for lang in LANGUAGES[1:]:
            assert missing[lang] == 0 or reported(lines, lang), (lang, lines)


def test_a_missing_language_is_reported_by_lessons_check(tmp_path):
    lessons = tmp_path / "lessons"
    shutil.copytree(ROOT / "lessons", lessons)
    glossary_without(lessons, "ti")
    path = lessons / "01-inburgeren.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title"].pop("uk")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "LESSON_DIR": str(lessons)}
    )
    try:
        result = app.test_cli_runner().invoke(args=["lessons", "check"])
        assert result.exit_code == 0, result.output  # a warning, not an error
        assert "uk: 1 van " in result.output and "teksten ontbreken" in result.output
        assert "ti: nog niet vertaald" in result.output
    finally:
        app.extensions["store"].engine.dispose()


@pytest.mark.parametrize("lang", list(OFFERED))
def test_each_lesson_title_is_shown_in_the_chosen_language(learner, client, app, lang):
    learner.post("/les/taal", {"taal": lang, "next": "/"}, form_url="/")
    lesson = app.extensions["lessons"].get("inburgeren")
    page = client.get("/les/inburgeren").get_data(as_text=True)
    title = lesson.title[lang].replace("**", "").replace("*", "")
    assert f'<article class="lesson-page" lang="{lang}">' in page
    assert title.split()[0] in page
