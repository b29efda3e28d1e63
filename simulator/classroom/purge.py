"""Privacy: a class and everything its learners did are deleted some days after it ended.

The number of days is the class's own (CLASS_PURGE_AFTER_DAYS when it was made, shown to the
begeleider then). `flask classes purge` runs it, and so does every start and, at most once an
hour, making a new class. The learners of the class (also those taken out of it) and the
begeleider's own presenter world go with it: their practice world, events, lesson progress,
the learner rows and their sessions. Wrong login tries older than a day are forgotten too.
"""

from __future__ import annotations

import logging
from datetime import timedelta

import sqlalchemy as sa
from flask import Flask, current_app

from simulator import clock
from simulator.classroom import accounts
from simulator.tables import class_members, classes, events, learners, progress, sandbox_states

log = logging.getLogger(__name__)
EVERY_SECONDS = 3600


def due_classes(conn: sa.Connection, now) -> list:
    """Classes whose days after the end have passed."""
    rows = conn.execute(
        sa.select(classes.c.code, classes.c.ended_at, classes.c.purge_after_days).where(
            classes.c.ended_at.is_not(None)
        )
    ).all()
    return [r for r in rows if r.ended_at + timedelta(days=r.purge_after_days) <= now]


def purge(app: Flask) -> int:
    """Delete every class that is due, with its learners; returns how many classes."""
    store = app.extensions["store"]
    app.extensions["classes_purged_at"] = clock.timestamp()
    now = clock.utcnow()
    with store.write() as conn:
        accounts.forget_old_attempts(conn, now - timedelta(days=1))
        due = due_classes(conn, now)
        codes = [r.code for r in due]
        if not codes:
            return 0
        ids = set(
            conn.execute(
                sa.select(class_members.c.learner_id).where(class_members.c.class_code.in_(codes))
            ).scalars()
        )
        ids.update(
            x
            for x in conn.execute(
                sa.select(classes.c.presenter_learner).where(classes.c.code.in_(codes))
            ).scalars()
            if x
        )
        ids = sorted(ids)
        sessions = []
        conn.execute(class_members.delete().where(class_members.c.class_code.in_(codes)))
        for start in range(0, len(ids), 500):
            chunk = ids[start : start + 500]
            sessions += conn.execute(
                sa.select(learners.c.session_id).where(learners.c.id.in_(chunk))
            ).scalars()
            conn.execute(class_members.delete().where(class_members.c.learner_id.in_(chunk)))
            for table in (events, sandbox_states, progress):
                conn.execute(table.delete().where(table.c.learner_id.in_(chunk)))
            conn.execute(learners.delete().where(learners.c.id.in_(chunk)))
        conn.execute(classes.delete().where(classes.c.code.in_(codes)))
    _delete_sessions(app, sessions)
    log.warning("Deleted %s ended class(es) with %s learner(s)", len(codes), len(ids))
    return len(codes)


def _delete_sessions(app: Flask, session_ids: list) -> None:
    interface = app.session_interface
    for sid in filter(None, session_ids):
        try:
            interface._delete_session(interface._get_store_id(sid))
        except Exception:  # a session store that is away must not stop the purge
            log.warning("Session of a purged learner could not be deleted", exc_info=True)


def on_start(app: Flask) -> None:
    """Purge at start-up (not when the database must be upgraded first)."""
    if "schema_problem" in app.extensions:
        return
    try:
        purge(app)
    except Exception:  # never stop the simulator from starting for this
        log.exception("Purging ended classes failed")


def hourly() -> None:
    """Purge at most once an hour (called when a class is made)."""
    app = current_app._get_current_object()
    if clock.timestamp() - app.extensions.get("classes_purged_at", 0) >= EVERY_SECONDS:
        on_start(app)
