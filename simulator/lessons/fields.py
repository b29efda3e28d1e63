"""Every text of a lesson by name: for the translation report, the markup check and read-aloud.

A part's texts are named as in their audio URL: title, text, instruction, situation, task,
where, tip-0, hint-1, feedback-0, answer-<field> and wrong-<field> (an exercise's answer
labels). The lesson's own texts (title, intro, goal-0) have no part.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from simulator.lessons.schema import Lesson, Part

PART_TEXTS = ("title", "text", "alt", "instruction", "situation", "task", "where")


@dataclass(frozen=True)
class TextField:
    """One text of a lesson: where it stands in the file, and its languages."""

    path: tuple  # YAML key path, for file:line messages
    part: str | None  # the part's id; None for the lesson's own title, intro and goals
    name: str
    text: dict


def lesson_fields(lesson: Lesson) -> Iterator[TextField]:
    """The lesson's own texts, then each part's, in file order."""
    if lesson.title:
        yield TextField(("title",), None, "title", lesson.title)
    if lesson.intro:
        yield TextField(("intro",), None, "intro", lesson.intro)
    for i, goal in enumerate(lesson.goals):
        yield TextField(("goals", i), None, f"goal-{i}", goal)
    for index, part in enumerate(lesson.parts):
        yield from part_fields(part, ("parts", index))


def part_fields(part: Part, path: tuple) -> Iterator[TextField]:
    """One part's texts (only those it has)."""
    for name in PART_TEXTS:
        text = getattr(part, name)
        if text:
            yield TextField(path + (name,), part.id, name, text)
    for i, tip in enumerate(part.tips):
        yield TextField(path + ("tips", i, "text"), part.id, f"tip-{i}", tip.text)
    for i, hint in enumerate(part.hints):
        yield TextField(path + ("hints", i), part.id, f"hint-{i}", hint)
    for i, feedback in enumerate(part.feedback):
        yield TextField(path + ("feedback", i, "text"), part.id, f"feedback-{i}", feedback.text)
    for check in part.check.answer_checks() if part.check else ():
        if check.label:
            yield TextField(path + ("check",), part.id, f"answer-{check.field}", check.label)
        if check.wrong:
            yield TextField(path + ("check",), part.id, f"wrong-{check.field}", check.wrong)


def find(lesson: Lesson, part_id: str, name: str) -> dict | None:
    """The text `name` of part `part_id`, or None."""
    for index, part in enumerate(lesson.parts):
        if part.id == part_id:
            for field in part_fields(part, ("parts", index)):
                if field.name == name:
                    return field.text
    return None
