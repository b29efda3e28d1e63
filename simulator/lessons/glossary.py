"""The glossary: the words learners stumble on, each with a short explanation and a drawing.

It lives beside the lessons in lessons/woorden/woordenlijst.yaml (a sub-folder, so the lesson
loader never takes it for a lesson)::

    schema_version: 1
    translations:            # as in a lesson: has a native speaker checked each language?
      en: {reviewed: false}
    words:
      hangslotje:            # the id lesson texts link to: [[het slotje|hangslotje]]
        word: hangslotje     # the Dutch word exactly as on the screen
        text: {nl: ..., en: ..., audio: {ti: audio/woorden/hangslotje-ti.mp3}}
        alt: {nl: ..., en: ...}   # what the drawing static/img/woorden/<id>.svg shows

Problems are collected with file:line like the lesson loader's; an entry with a problem is
left out, the other entries are used.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator import yamlsource
from simulator.lessons.schema import _keys, _translations  # the lessons' own key checks
from simulator.lessons.texts import WORD_ID, Text, parse_text
from simulator.yamlsource import Problems, Source, YamlSourceError

#: Where the glossary lives, relative to the lesson folder.
GLOSSARY_FILE = Path("woorden") / "woordenlijst.yaml"
#: Where the drawings live, relative to static/.
DRAWINGS = Path("img") / "woorden"
SCHEMA_VERSIONS = (1,)
FILE_KEYS = {"schema_version": True, "translations": False, "words": True}
ENTRY_KEYS = {"word": True, "text": True, "alt": True}


@dataclass
class Entry:
    """One glossary word: the Dutch word on the screen, its explanation and its drawing."""

    id: str
    word: str
    text: Text
    alt: Text

    @property
    def image(self) -> str:
        """The drawing, relative to static/."""
        return f"{DRAWINGS.as_posix()}/{self.id}.svg"


@dataclass
class Glossary:
    """The usable entries by id, and which translations a native speaker checked."""

    entries: dict[str, Entry] = field(default_factory=dict)
    translations: dict[str, dict] = field(default_factory=dict)
    filename: str = str(GLOSSARY_FILE)
    source: Source | None = field(default=None, repr=False)

    def get(self, word_id: str) -> Entry | None:
        """The entry with this id, or None."""
        return self.entries.get(word_id)

    def alphabetical(self) -> list[Entry]:
        """The entries in the order of their Dutch words (case ignored)."""
        return sorted(self.entries.values(), key=lambda e: (e.word.casefold(), e.id))


def load(lesson_dir: str | Path, static_dir: str | Path | None = None) -> tuple[Glossary, str]:
    """Load the glossary of a lesson folder: (glossary, numbered problems or "").
    A missing file gives an empty glossary and no problem; static_dir checks the drawings."""
    path = Path(lesson_dir) / GLOSSARY_FILE
    if not path.exists():
        return Glossary(), ""
    try:
        source = yamlsource.load(path)
    except (YamlSourceError, OSError) as exc:  # name the file as a trainer finds it
        return Glossary(), f"1. {str(exc).replace(path.name, str(GLOSSARY_FILE), 1)}"
    source.filename = str(GLOSSARY_FILE)
    glossary, problems = parse_glossary(source, Path(static_dir) if static_dir else None)
    return glossary, problems.numbered()


def parse_glossary(source: Source, static_dir: Path | None = None) -> tuple[Glossary, Problems]:
    """Build the glossary from parsed YAML, collecting every problem."""
    problems = Problems(source)
    problems.add_duplicates()
    data = source.data
    if not isinstance(data, dict):
        problems.add((), "de woordenlijst begint met schema_version:, translations: en words:.")
        return Glossary(), problems
    if data.get("schema_version") not in SCHEMA_VERSIONS:
        problems.add(
            ("schema_version",),
            f"onbekende schema_version {data.get('schema_version')!r}; bekend: 1.",
        )
        return Glossary(), problems
    _keys(data, FILE_KEYS, (), problems)
    glossary = Glossary(
        translations=_translations(data, problems), filename=source.filename, source=source
    )
    words = data.get("words")
    if not isinstance(words, dict):
        problems.add(("words",), "verwacht per woord-id: word:, text: en alt:.")
        return glossary, problems
    for word_id, raw in words.items():
        entry = _entry(str(word_id), raw, ("words", word_id), problems, static_dir)
        if entry is not None:
            glossary.entries[entry.id] = entry
    return glossary, problems


def _entry(
    word_id: str, raw: object, path: tuple, problems: Problems, static_dir: Path | None
) -> Entry | None:
    before = len(problems.items)
    if not WORD_ID.fullmatch(word_id):
        problems.add(path, f"ongeldige id {word_id!r}: gebruik kleine letters, cijfers en -.")
    if not isinstance(raw, dict):
        problems.add(path, "verwacht word:, text: en alt:.")
        return None
    _keys(raw, ENTRY_KEYS, path, problems)
    word = raw.get("word")
    if "word" in raw and (not isinstance(word, str) or not word.strip() or "\n" in word):
        problems.add(path + ("word",), "verwacht het Nederlandse woord zoals op het scherm.")
    text = parse_text(raw.get("text"), path + ("text",), problems) if "text" in raw else Text()
    alt = parse_text(raw.get("alt"), path + ("alt",), problems) if "alt" in raw else Text()
    entry = Entry(word_id, str(word or "").strip(), text, alt)
    if static_dir is not None and not (static_dir / entry.image).is_file():
        problems.add(path, f"de tekening static/{entry.image} ontbreekt.")
    return entry if len(problems.items) == before else None
