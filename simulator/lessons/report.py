"""What `lessons check` reports beyond one file's own problems: glossary words a text links to
that do not exist, recordings that are missing, and per language what is not yet translated
or not yet checked by a native speaker (a warning: the panel falls back to Dutch)."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from simulator.lessons.fields import TextField, lesson_fields
from simulator.lessons.glossary import GLOSSARY_FILE, Glossary
from simulator.lessons.schema import Lesson
from simulator.lessons.texts import LANGUAGES, WORD_ID, word_ids
from simulator.yamlsource import Problems

MAX_RECORDING = 5 * 1024 * 1024


def lesson_problems(lesson: Lesson, glossary: Glossary, lesson_dir: Path) -> Problems:
    """Unknown glossary words and missing recordings in one loaded lesson."""
    problems = Problems(lesson.source)
    for field in lesson_fields(lesson):
        text_problems(field, glossary, lesson_dir, problems)
    return problems


def glossary_problems(glossary: Glossary, lesson_dir: Path) -> Problems | None:
    """The same for the glossary's own texts (links between entries, recordings)."""
    if glossary.source is None:
        return None
    problems = Problems(glossary.source)
    for field in glossary_fields(glossary):
        text_problems(field, glossary, lesson_dir, problems)
    return problems


def glossary_fields(glossary: Glossary) -> list[TextField]:
    """Every explanation and picture description of the glossary."""
    fields = []
    for entry in glossary.entries.values():
        fields.append(TextField(("words", entry.id, "text"), None, entry.id, entry.text))
        fields.append(TextField(("words", entry.id, "alt"), None, entry.id, entry.alt))
    return fields


def text_problems(
    field: TextField, glossary: Glossary, lesson_dir: Path, problems: Problems
) -> None:
    """Add a problem for every unknown [[...|id]] and every missing or broken recording."""
    for lang, value in field.text.items():
        for word in word_ids(value):
            if WORD_ID.fullmatch(word) and glossary.get(word) is None:
                problems.add(
                    field.path + (lang,),
                    f"het woord {word!r} staat niet in de woordenlijst (lessons/{GLOSSARY_FILE}).",
                )
    for lang, file in getattr(field.text, "audio", {}).items():
        problem = recording_problem(lesson_dir, file)
        if problem:
            problems.add(field.path + ("audio", lang), problem)


def recording_problem(lesson_dir: Path, file: str) -> str | None:
    """Why a recording cannot be played, or None when it is a usable mp3."""
    path = Path(lesson_dir) / file
    if not path.is_file():
        return f"de opname bestaat niet: zet het mp3-bestand in lessons/{file}."
    if path.stat().st_size > MAX_RECORDING:
        return f"de opname lessons/{file} is groter dan 5 MB: maak hem korter of kleiner."
    with path.open("rb") as handle:
        head = handle.read(3)
    if not (head == b"ID3" or (len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0)):
        return f"lessons/{file} is geen mp3-bestand: sla de opname op als mp3."
    return None


def translation_report(fields: Iterable[TextField], translations: dict[str, dict]) -> list[str]:
    """Per language other than Dutch: one line saying what is missing or not yet checked."""
    fields = list(fields)
    total = len(fields)
    lines = []
    for lang in LANGUAGES[1:]:
        missing = sum(1 for field in fields if not field.text.get(lang))
        if total and missing == total:
            lines.append(f"{lang}: nog niet vertaald ({total} teksten).")
            continue
        parts = [f"{missing} van {total} teksten ontbreken"] if missing else []
        if lang not in translations:
            parts.append(f"staat niet onder translations: (zet er {lang}: {{reviewed: false}} bij)")
        elif not translations[lang].get("reviewed"):
            parts.append("vertaald, nog niet nagekeken door een moedertaalspreker")
        if parts:
            lines.append(f"{lang}: {'; '.join(parts)}.")
    return lines
