"""What a begeleider does to a learner's world and lesson, written in the caller's transaction:
"Zet terug", "Naar stap …", and the presenter's step for the learners who follow.

Each change is version-checked like the learner's own requests (store.Conflict makes the
begeleider's request run again), records an event for the learner (so their lesson panel's
status poll sees the change at once) and leaves the learner a short notice.
"""

from __future__ import annotations

import sqlalchemy as sa

from simulator import clock, learner, registry
from simulator.classroom import data
from simulator.lessons import runner
from simulator.lessons.runner import Progress
from simulator.lessons.schema import Lesson
from simulator.lessons.tracker import CURRENT

MOVED = registry.action(
    "classroom.moved", "lesson", "part", description="a begeleider or the presenter set the step"
)
RESET = registry.action("classroom.reset", description="a begeleider reset the practice world")
RESET_WORLD = "sandbox.reset"


def reset_world(conn: sa.Connection, learner_id: str, default_scenario: str) -> None:
    """ "Zet terug": the learner's practice world back to the start of the world they are in
    (a lesson with a world of its own keeps it), else of `default_scenario`."""
    store = learner.store()
    row = store.state_row(learner_id, conn)
    scenario_id = row.scenario if row is not None else ""
    if scenario_id not in learner.scenarios():
        scenario_id = default_scenario
    fresh = learner.scenarios()[scenario_id].initial_state()
    store.put_state(conn, learner_id, fresh, None if row is None else row.version)
    store.insert_event(conn, learner_id, "action", RESET_WORLD, {"scenario": scenario_id})
    store.insert_event(conn, learner_id, "action", RESET, {})


def move_to_step(conn: sa.Connection, learner_id: str, lesson: Lesson, index: int) -> bool:
    """Put the learner on part `index` of `lesson` and make it their active lesson.

    A lesson played in another practice world switches the learner's world first, as when
    they begin it themselves. False when the part does not exist.
    """
    if not 0 <= index < len(lesson.parts):
        return False
    store = learner.store()
    rows = store.progress_rows(learner_id, conn)
    row = store.state_row(learner_id, conn)
    if lesson.scenario in learner.scenarios() and (row is None or row.scenario != lesson.scenario):
        fresh = learner.scenarios()[lesson.scenario].initial_state()
        store.put_state(conn, learner_id, fresh, None if row is None else row.version)
        store.insert_event(conn, learner_id, "action", RESET_WORLD, {"scenario": lesson.scenario})
    last_id = store.insert_event(
        conn, learner_id, "action", MOVED, {"lesson": lesson.id, "part": index}
    )
    now = clock.timestamp()
    existing = rows.get(lesson.id)
    progress = (
        Progress.from_dict(existing.data)
        if existing is not None
        else runner.start(Progress(), last_id, now)
    )
    runner.go_to(lesson, progress, index, last_id, now)
    store.put_progress(
        conn, learner_id, lesson.id, progress.to_dict(), existing.version if existing else None
    )
    current = rows.get(CURRENT)
    if current is None or current.data.get("lesson") != lesson.id:
        store.put_progress(
            conn, learner_id, CURRENT, {"lesson": lesson.id}, current.version if current else None
        )
    return True


def move_followers(conn: sa.Connection, code: str, lesson: Lesson, index: int) -> int:
    """Everyone of the class who follows the presenter goes to the presenter's step."""
    moved = 0
    for learner_id in data.followers(conn, code):
        moved += move_to_step(conn, learner_id, lesson, index)
    return moved
