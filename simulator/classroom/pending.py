"""Classroom rows a learner's request changes, written in that request's unit of work.

A view queues a write (`later`) next to the event it records; the commit hook `run` does the
writes inside the same transaction as the state, the events and the lesson progress
(learner.commit), so a raised hand and its event are saved together or not at all. A request
that lost a race runs again from the start and queues its writes again.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa

from simulator import learner


def later(write: Callable[[sa.Connection], None]) -> None:
    """Queue write(conn) for this request's commit (record an event with it)."""
    learner.unit().writes.append(write)


def run(conn: sa.Connection, work: learner.Unit) -> None:
    """Commit hook: the queued classroom writes, in the commit's transaction."""
    writes, work.writes = work.writes, []
    for write in writes:
        write(conn)
