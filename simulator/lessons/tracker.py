"""The current learner's lessons: which one is active, its progress, and the panel's view model.

The glue between the Flask request (learner id, state, session language) and the Flask-free
runner. Progress is read from and written to the store; the sandbox state is only read.
"""

from __future__ import annotations

import time
import zlib
from dataclasses import dataclass

from flask import current_app, session

from simulator import learner
from simulator.lessons import runner
from simulator.lessons.loader import Catalog
from simulator.lessons.runner import Progress
from simulator.lessons.schema import Lesson, Part
from simulator.lessons.texts import OFFERED

CURRENT = "_current"  # progress row that names the active lesson


def catalog() -> Catalog:
    return current_app.extensions["lessons"]


def lang() -> str:
    """The language the learner reads lessons in (a UI preference in the session)."""
    value = session.get("lesson_lang", "nl")
    return value if value in OFFERED else "nl"


def all_progress() -> dict[str, dict]:
    return learner.store().load_progress(learner.learner_id())


def load(lesson: Lesson) -> Progress:
    return Progress.from_dict(all_progress().get(lesson.id))


def save(lesson: Lesson, progress: Progress) -> None:
    learner.store().save_progress(learner.learner_id(), lesson.id, progress.to_dict())


def active() -> Lesson | None:
    """The lesson the learner is doing now, if any."""
    lesson_id = (all_progress().get(CURRENT) or {}).get("lesson")
    return catalog().get(lesson_id) if lesson_id else None


def set_active(lesson: Lesson | None) -> None:
    data = {"lesson": lesson.id if lesson else None}
    learner.store().save_progress(learner.learner_id(), CURRENT, data)


def last_event_id() -> int:
    return learner.store().last_event_id(learner.learner_id())


def events_since(progress: Progress) -> list[dict]:
    return learner.store().list_events(learner.learner_id(), progress.since)


def begin(lesson: Lesson, again: bool = False) -> Progress:
    """Make lesson active; start it fresh when new, finished or asked to start again."""
    progress = load(lesson)
    if again or progress.done or lesson.id not in all_progress():
        _enter_world(lesson)
        progress = runner.start(progress, last_event_id(), time.time())
    set_active(lesson)
    save(lesson, progress)
    return progress


def _enter_world(lesson: Lesson) -> None:
    """A lesson played in another practice world (scenario) starts by switching to it.

    Staying in the current world keeps the learner's earlier work when the lesson uses the
    same one; switching resets that world (and so logs the learner out), as "Begin opnieuw".
    """
    if lesson.scenario not in learner.scenarios():
        return
    if learner.state().get("scenario") == lesson.scenario:
        return
    fresh = learner.reset(lesson.scenario)
    learner.record_action("sandbox.reset", scenario=fresh["scenario"])


def refresh(lesson: Lesson, progress: Progress, url: str | None = None) -> bool:
    """Evaluate the current step against what happened; save; True when it moved on.

    Pages and the 2-second poll of other tabs all call this. The progress table has no
    version column, so before saving we look again: if another request changed the
    progress meanwhile (an answer, a hint), that newer progress wins and ours is dropped.
    """
    snapshot = progress.to_dict()
    moved = runner.refresh(lesson, progress, events_since(progress), learner.state(), time.time())
    if url:
        progress.last_url = url
    if load(lesson).to_dict() == snapshot:
        save(lesson, progress)
    return moved


def where_to_go(lesson: Lesson, progress: Progress) -> str:
    """Where the current part happens: the lesson page, or the site for a step."""
    from flask import url_for

    part = progress.current(lesson)
    if part is None or not part.is_step:
        return url_for("lessons.lesson", lesson_id=lesson.id)
    return part.url or progress.last_url or lesson.start_url


@dataclass
class Panel:
    """Everything the lesson panel shows on one sandbox page."""

    lesson: Lesson
    progress: Progress
    part: Part | None
    number: int
    total: int
    lang: str
    feedback: dict | None
    targets: list[dict]
    arrows: bool
    hints: list[dict]
    hint_after: int
    fields: list

    @property
    def version(self) -> str:
        p = self.progress
        fb = (self.feedback or {}).get("nl", "")
        return f"{self.lesson.id}:{p.part}:{p.done}:{p.hints}:{p.shown}:{p.attempts}:{zlib.crc32(fb.encode())}"


def panel(page_id: str | None, url: str | None = None) -> Panel | None:
    """The panel of the active lesson on this page (advancing the step first)."""
    lesson = active()
    if lesson is None:
        return None
    progress = load(lesson)
    refresh(lesson, progress, url)
    part = progress.current(lesson)
    now = time.time()
    feedback = None
    if part is not None and part.is_step:
        feedback = runner.feedback(lesson, progress, events_since(progress), learner.state())
    show = part is not None and (
        part.type == "guide" or (part.type == "exercise" and progress.shown)
    )
    targets = [t.to_dict() for t in part.targets] if show else []
    targets = [t for t in targets if t["page"] in (None, page_id)]
    return Panel(
        lesson=lesson,
        progress=progress,
        part=part,
        number=min(progress.part, len(lesson.parts) - 1) + 1,
        total=len(lesson.parts),
        lang=lang(),
        feedback=feedback,
        targets=targets,
        arrows=bool(targets),
        hints=part.hints[: progress.hints] if part else [],
        hint_after=max(0, int(runner.HINT_OFFER_SECONDS - (now - progress.step_started))),
        fields=part.check.answer_checks() if part is not None and part.check else [],
    )


def overview() -> list[dict]:
    """Each lesson with the learner's progress, for the start page."""
    saved = all_progress()
    current = (saved.get(CURRENT) or {}).get("lesson")
    rows = []
    for lesson in catalog().ordered():
        data = saved.get(lesson.id)
        progress = Progress.from_dict(data)
        status = "nieuw" if data is None else ("klaar" if progress.done else "bezig")
        first = [
            catalog().get(r)
            for r in lesson.requires
            if catalog().get(r) and not (saved.get(r) or {}).get("done")
        ]
        rows.append(
            {
                "lesson": lesson,
                "progress": progress,
                "status": status,
                "current": lesson.id == current,
                "number": min(progress.part, len(lesson.parts) - 1) + 1,
                "total": len(lesson.parts),
                "first": first if status == "nieuw" else [],
            }
        )
    return rows
