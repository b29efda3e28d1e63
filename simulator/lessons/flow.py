"""Whole-lesson checks: unique part ids, every `next` exists, all parts reachable, no dead ends."""

from __future__ import annotations

from typing import TYPE_CHECKING

from simulator.yamlsource import Problems

if TYPE_CHECKING:
    from simulator.lessons.schema import Lesson


def check_flow(lesson: Lesson, problems: Problems) -> None:
    """Unique ids, every `next` exists, every part reachable, and the end reachable from each."""
    ids: dict[str, int] = {}
    for i, part in enumerate(lesson.parts):
        if part.id in ids:
            problems.add(
                ("parts", i, "id"), f"id {part.id!r} komt al voor bij parts[{ids[part.id]}]."
            )
        ids.setdefault(part.id, i)
    for i, part in enumerate(lesson.parts):
        if part.next is not None and part.next not in ids:
            problems.add(
                ("parts", i, "next"),
                f"'next' wijst naar {part.next!r}, maar dat deel bestaat niet.",
            )
            return
    end = len(lesson.parts)
    reached, index = [], 0
    while index < end and index not in reached:
        reached.append(index)
        index = lesson.next_index(index)
    for i, part in enumerate(lesson.parts):
        if i not in reached:
            problems.add(
                ("parts", i), f"deel {part.id!r} is onbereikbaar: geen deel leidt ernaartoe."
            )
    if index != end:
        problems.add(
            ("parts", reached[-1], "next"),
            f"doodlopend: vanaf deel {lesson.parts[reached[-1]].id!r} komt de les nooit aan het eind.",
        )
