"""Lesson documents (schema_version 1): parts, targets, tips, feedback, and their validation.

parse_lesson() builds a Lesson from a yamlsource.Source and collects every problem at once
(file:line key.path: message), like Oppia's validate() with the place added.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from simulator.lessons.checks import Check, parse_check
from simulator.lessons.flow import check_flow
from simulator.lessons.names import Names
from simulator.lessons.texts import LANGUAGES, parse_text
from simulator.yamlsource import Problems, Source

SCHEMA_VERSIONS = (1,)
PART_TYPES = ("read", "guide", "exercise", "summary")
MARKS = ("arrow", "A", "B", "C", "D", "E")
TIP_KINDS = ("tip", "let_op")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")

LESSON_KEYS = {
    "schema_version": True,
    "id": True,
    "title": True,
    "start_url": True,
    "parts": True,
    "order": False,
    "intro": False,
    "goals": False,
    "scenario": False,
    "requires": False,
    "translations": False,
}
PART_KEYS = {
    "read": {"text": True, "image": False, "alt": False},
    "summary": {"text": True},
    "guide": {
        "instruction": True,
        "check": False,
        "targets": False,
        "where": False,
        "url": False,
        "feedback": False,
    },
    "exercise": {
        "situation": True,
        "task": True,
        "check": True,
        "hints": True,
        "show": False,
        "where": False,
        "feedback": False,
        "url": False,
    },
}
COMMON_PART_KEYS = {"id": True, "type": True, "title": False, "next": False, "tips": False}


@dataclass
class Target:
    """Something the overlay points at: an arrow or a letter A-E, optionally only on one page."""

    target: str
    mark: str = "arrow"
    page: str | None = None

    def to_dict(self) -> dict:
        return {"target": self.target, "mark": self.mark, "page": self.page}


@dataclass
class Tip:
    kind: str  # "tip" or "let_op"
    text: dict


@dataclass
class Feedback:
    """Shown when its check holds and the step is not done (a likely wrong turn)."""

    when: Check
    text: dict


@dataclass
class Part:
    """One part of a lesson: a reading page, a guided step, an exercise or the summary."""

    id: str
    type: str
    title: dict = field(default_factory=dict)
    text: dict = field(default_factory=dict)
    image: str | None = None
    alt: dict = field(default_factory=dict)
    instruction: dict = field(default_factory=dict)
    situation: dict = field(default_factory=dict)
    task: dict = field(default_factory=dict)
    where: dict = field(default_factory=dict)
    url: str | None = None
    targets: list[Target] = field(default_factory=list)
    tips: list[Tip] = field(default_factory=list)
    hints: list[dict] = field(default_factory=list)
    feedback: list[Feedback] = field(default_factory=list)
    check: Check | None = None
    next: str | None = None

    @property
    def is_step(self) -> bool:
        """Guided steps and exercises happen on the sites; the others are lesson pages."""
        return self.type in ("guide", "exercise")

    @property
    def manual(self) -> bool:
        """The learner moves on with "Volgende" (reading parts, guided steps without a check)."""
        return not self.is_step or self.check is None

    def watched_events(self) -> frozenset[str]:
        """The page ids and action names the check and the feedback of this part look at:
        other events cannot change how it is evaluated (besides the latest page)."""
        checks = ([self.check] if self.check else []) + [f.when for f in self.feedback]
        return frozenset(name for check in checks for name in check.event_names())


@dataclass
class Lesson:
    id: str
    title: dict
    start_url: str
    parts: list[Part]
    order: int = 0
    intro: dict = field(default_factory=dict)
    goals: list[dict] = field(default_factory=list)
    scenario: str = "standaard"
    requires: list[str] = field(default_factory=list)
    #: per language other than Dutch: {"reviewed": bool} (has a native speaker checked it?)
    translations: dict[str, dict] = field(default_factory=dict)
    filename: str = ""
    source: Source | None = field(default=None, repr=False)

    def index_of(self, part_id: str) -> int:
        return next(i for i, p in enumerate(self.parts) if p.id == part_id)

    def next_index(self, index: int) -> int:
        """Index of the part after parts[index] (len(parts) when the lesson is over)."""
        part = self.parts[index]
        return self.index_of(part.next) if part.next else index + 1


class LessonError(ValueError):
    """A lesson file has problems; str() lists them all, numbered."""


def parse_lesson(source: Source, names: Names) -> tuple[Lesson | None, Problems]:
    """Build a Lesson from parsed YAML; every problem is collected, the lesson is None if any."""
    problems = Problems(source)
    problems.add_duplicates()
    data = source.data
    if not isinstance(data, dict):
        problems.add((), "een les begint met sleutels (schema_version:, id:, title:, ...).")
        return None, problems
    version = data.get("schema_version")
    if version not in SCHEMA_VERSIONS:
        problems.add(
            ("schema_version",),
            f"onbekende schema_version {version!r}; deze versie van de oefenomgeving kent "
            f"{', '.join(map(str, SCHEMA_VERSIONS))}.",
        )
        return None, problems
    _keys(data, LESSON_KEYS, (), problems)
    lesson = Lesson(
        id=_lesson_id(data, problems),
        title=parse_text(data.get("title"), ("title",), problems) if "title" in data else {},
        start_url=_url(data, "start_url", (), problems) or "/",
        parts=[],
        order=_order(data, problems),
        intro=parse_text(data["intro"], ("intro",), problems) if "intro" in data else {},
        goals=_texts(data, "goals", (), problems),
        scenario=data.get("scenario", "standaard"),
        requires=_requires(data, problems),
        translations=_translations(data, problems),
        filename=source.filename,
        source=source,
    )
    if not isinstance(lesson.scenario, str):
        problems.add(
            ("scenario",), f"verwacht de id van een oefenwereld, gevonden {lesson.scenario!r}."
        )
    raw_parts = data.get("parts")
    if "parts" in data and (not isinstance(raw_parts, list) or not raw_parts):
        problems.add(("parts",), "verwacht een lijst met minstens één deel.")
    elif isinstance(raw_parts, list):
        for i, raw in enumerate(raw_parts):
            part = _part(raw, ("parts", i), problems, names)
            if part is not None:
                lesson.parts.append(part)
        if len(lesson.parts) == len(raw_parts):
            check_flow(lesson, problems)
    return (None if problems else lesson), problems


def _keys(data: dict, spec: dict, path: tuple, problems: Problems) -> None:
    for key in data:
        if key not in spec:
            problems.add(path + (key,), f"onbekende sleutel (bekend: {', '.join(spec)}).")
    for key, required in spec.items():
        if required and key not in data:
            problems.add(path, f"'{key}' ontbreekt.")


def _lesson_id(data: dict, problems: Problems) -> str:
    value = data.get("id")
    if value is not None and (not isinstance(value, str) or not _ID.match(value)):
        problems.add(("id",), f"ongeldige id {value!r}: gebruik kleine letters, cijfers en -.")
    return value if isinstance(value, str) else ""


def _order(data: dict, problems: Problems) -> int:
    value = data.get("order", 0)
    if not isinstance(value, int) or isinstance(value, bool):
        problems.add(("order",), f"verwacht een heel getal, gevonden {value!r}.")
        return 0
    return value


def _url(data: dict, key: str, path: tuple, problems: Problems) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.startswith("/") or value.startswith("//"):
        problems.add(
            path + (key,),
            f"verwacht een adres in de oefenomgeving dat met / begint, gevonden {value!r}.",
        )
        return None
    return value


def _requires(data: dict, problems: Problems) -> list[str]:
    value = data.get("requires", [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(("requires",), "verwacht een lijst met les-id's.")
        return []
    return value


def _translations(data: dict, problems: Problems) -> dict[str, dict]:
    """translations: {ar: {reviewed: false}, ...}: which translations a native speaker checked."""
    value = data.get("translations")
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(("translations",), "verwacht per taal: reviewed: true of false.")
        return {}
    out = {}
    for lang, info in value.items():
        where = ("translations", lang)
        if lang not in LANGUAGES or lang == "nl":
            problems.add(
                where, f"onbekende vertaaltaal {lang!r} (bekend: {', '.join(LANGUAGES[1:])})."
            )
            continue
        if not isinstance(info, dict) or not isinstance(info.get("reviewed"), bool):
            problems.add(where, "verwacht reviewed: true of reviewed: false.")
            continue
        _keys(info, {"reviewed": True, "by": False}, where, problems)
        out[lang] = dict(info)
    return out


def _texts(data: dict, key: str, path: tuple, problems: Problems) -> list[dict]:
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.add(path + (key,), "verwacht een lijst met teksten.")
        return []
    return [parse_text(item, path + (key, i), problems) for i, item in enumerate(value)]


def _part(raw: object, path: tuple, problems: Problems, names: Names) -> Part | None:
    if not isinstance(raw, dict):
        problems.add(path, "verwacht een deel met sleutels (id:, type:, ...).")
        return None
    kind = raw.get("type")
    if kind not in PART_TYPES:
        problems.add(path + ("type",), f"onbekend type {kind!r} (bekend: {', '.join(PART_TYPES)}).")
        return None
    spec = {**COMMON_PART_KEYS, **PART_KEYS[kind]}
    _keys(raw, spec, path, problems)
    part = Part(id=str(raw.get("id", "")), type=kind, next=raw.get("next"))
    if "id" in raw and (not isinstance(raw["id"], str) or not _ID.match(raw["id"])):
        problems.add(
            path + ("id",), f"ongeldige id {raw['id']!r}: gebruik kleine letters, cijfers en -."
        )
    for key in ("title", "text", "instruction", "situation", "task", "where", "alt"):
        if key in raw and key in spec:
            setattr(part, key, parse_text(raw[key], path + (key,), problems))
    part.url = _url(raw, "url", path, problems)
    part.tips = _tips(raw, path, problems)
    part.hints = _texts(raw, "hints", path, problems)
    if kind == "exercise" and "hints" in raw and not part.hints:
        problems.add(
            path + ("hints",), "een oefening heeft minstens één hint nodig (de hulpladder)."
        )
    part.image = _image(raw, path, problems)
    part.targets = _targets(raw, "targets" if kind == "guide" else "show", path, problems, names)
    if part.targets and not part.where:
        problems.add(
            path,
            "'where' ontbreekt: zeg in woorden waar de learner moet kijken als het doel niet op de pagina staat.",
        )
    if "check" in raw:
        part.check = parse_check(raw["check"], path + ("check",), problems, names)
        _check_answers(part, path, problems)
    part.feedback = _feedback(raw, path, problems, names)
    return part


def _check_answers(part: Part, path: tuple, problems: Problems) -> None:
    """Answer checks need the answer form of an exercise, each field once."""
    fields = [a.field for a in part.check.answer_checks()] if part.check else []
    if fields and part.type != "exercise":
        problems.add(
            path + ("check",), "een antwoord-check kan alleen in een oefening (type: exercise)."
        )
    for name in sorted({f for f in fields if fields.count(f) > 1}):
        problems.add(path + ("check",), f"het antwoordveld {name!r} komt meer dan één keer voor.")


def _image(raw: dict, path: tuple, problems: Problems) -> str | None:
    image = raw.get("image")
    if image is None:
        return None
    if not isinstance(image, str) or not re.fullmatch(r"img/lessons/[a-z0-9-]+\.svg", image):
        problems.add(path + ("image",), f"verwacht img/lessons/<naam>.svg, gevonden {image!r}.")
        return None
    if "alt" not in raw:
        problems.add(path, "'alt' ontbreekt: beschrijf de afbeelding voor wie haar niet ziet.")
    return image


def _tips(raw: dict, path: tuple, problems: Problems) -> list[Tip]:
    items = raw.get("tips") or []
    if not isinstance(items, list):
        problems.add(path + ("tips",), "verwacht een lijst met tips.")
        return []
    tips = []
    for i, item in enumerate(items):
        where = path + ("tips", i)
        if not isinstance(item, dict) or item.get("kind") not in TIP_KINDS:
            problems.add(where, "verwacht kind: tip of kind: let_op, met text.")
            continue
        _keys(item, {"kind": True, "text": True}, where, problems)
        tips.append(Tip(item["kind"], parse_text(item.get("text"), where + ("text",), problems)))
    return tips


def _targets(raw: dict, key: str, path: tuple, problems: Problems, names: Names) -> list[Target]:
    items = raw.get(key) or []
    if not isinstance(items, list):
        problems.add(path + (key,), "verwacht een lijst met doelen (target:, mark:).")
        return []
    found = []
    for i, item in enumerate(items):
        where = path + (key, i)
        if not isinstance(item, dict) or not isinstance(item.get("target"), str):
            problems.add(where, "verwacht target: <data-target naam>.")
            continue
        _keys(item, {"target": True, "mark": False, "page": False}, where, problems)
        target = Target(item["target"], item.get("mark", "arrow"), item.get("page"))
        if not names.is_target(target.target):
            problems.add(
                where + ("target",),
                f"onbekend data-target {target.target!r}: geen template heeft dit doel.",
            )
        if target.mark not in MARKS:
            problems.add(
                where + ("mark",), f"onbekend teken {target.mark!r} (bekend: {', '.join(MARKS)})."
            )
        if target.page is not None and not names.has_page(target.page):
            problems.add(
                where + ("page",),
                f"onbekende pagina-id {target.page!r}{names.suggest_page(target.page)}.",
            )
        found.append(target)
    return found


def _feedback(raw: dict, path: tuple, problems: Problems, names: Names) -> list[Feedback]:
    items = raw.get("feedback") or []
    if not isinstance(items, list):
        problems.add(path + ("feedback",), "verwacht een lijst met when: en text:.")
        return []
    out = []
    for i, item in enumerate(items):
        where = path + ("feedback", i)
        if not isinstance(item, dict):
            problems.add(where, "verwacht when: en text:.")
            continue
        _keys(item, {"when": True, "text": True}, where, problems)
        check = (
            parse_check(item.get("when"), where + ("when",), problems, names)
            if "when" in item
            else None
        )
        text = parse_text(item.get("text"), where + ("text",), problems) if "text" in item else {}
        if check is not None:
            out.append(Feedback(check, text))
    return out
