"""Load every lesson file: the good ones are used, a broken one is listed with its problems."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from simulator import yamlsource
from simulator.lessons.names import Names
from simulator.lessons.schema import Lesson, parse_lesson
from simulator.yamlsource import Problems, YamlSourceError


@dataclass
class Catalog:
    """The loaded lessons in order, and the broken files with their numbered problems."""

    lessons: dict[str, Lesson] = field(default_factory=dict)
    broken: dict[str, str] = field(default_factory=dict)

    def get(self, lesson_id: str) -> Lesson | None:
        return self.lessons.get(lesson_id)

    def ordered(self) -> list[Lesson]:
        return list(self.lessons.values())

    def after(self, lesson_id: str) -> Lesson | None:
        """The lesson that follows lesson_id, if any."""
        ids = list(self.lessons)
        index = ids.index(lesson_id) + 1 if lesson_id in ids else len(ids)
        return self.lessons[ids[index]] if index < len(ids) else None


def load_file(path: Path, names: Names) -> tuple[Lesson | None, str]:
    """One file: (lesson or None, numbered problems or "")."""
    try:
        source = yamlsource.load(path)
    except (YamlSourceError, OSError) as exc:
        return None, f"1. {exc}"
    lesson, problems = parse_lesson(source, names)
    if lesson is not None:
        return lesson, ""
    return None, problems.numbered()


def load_files(paths: list[Path], names: Names) -> Catalog:
    """Load the given files, then check what lessons say about each other."""
    loaded: list[Lesson] = []
    broken_ids: set[str] = set()
    catalog = Catalog()
    for path in sorted(paths):
        lesson, problems = load_file(path, names)
        if lesson is None:
            catalog.broken[Path(path).name] = problems
            broken_ids.add(_declared_id(path))
        else:
            loaded.append(lesson)
    loaded.sort(key=lambda lesson: (lesson.order, lesson.filename))
    # A lesson that requires a broken one still loads: `requires` only advises an order.
    ids = {lesson.id for lesson in loaded} | broken_ids | names.lessons
    for lesson in loaded:
        problems = _cross_problems(lesson, ids, catalog.lessons, names)
        if problems:
            catalog.broken[lesson.filename] = problems.numbered()
        else:
            catalog.lessons[lesson.id] = lesson
    return catalog


def _declared_id(path: Path) -> str:
    """The id a (broken) lesson file says it has, or "" when even that cannot be read."""
    try:
        data = yamlsource.load(path).data
    except (YamlSourceError, OSError):
        return ""
    return str(data.get("id", "")) if isinstance(data, dict) else ""


def _cross_problems(lesson: Lesson, ids: set[str], seen: dict, names: Names) -> Problems:
    problems = Problems(lesson.source)
    if lesson.id in seen:
        problems.add(("id",), f"id {lesson.id!r} is al gebruikt in {seen[lesson.id].filename}.")
    for i, required in enumerate(lesson.requires):
        if required not in ids:
            problems.add(("requires", i), f"les {required!r} bestaat niet.")
    if names.scenarios is not None and lesson.scenario not in names.scenarios:
        problems.add(("scenario",), f"oefenwereld {lesson.scenario!r} bestaat niet.")
    return problems


def load_all(directory: str | Path, names: Names) -> Catalog:
    """Every lessons/*.yaml in a folder."""
    return load_files(list(Path(directory).glob("*.yaml")), names)
