"""The tables of the current schema version and the statements every request runs.

Schema changes are migration steps (migrations.py); this file shows where they lead.
The statements are built once: building a select costs more than running it.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import cache

import sqlalchemy as sa

metadata = sa.MetaData()

meta = sa.Table(
    "meta",
    metadata,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)

learners = sa.Table(
    "learners",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("display_name", sa.String(80), nullable=True),
    sa.Column("session_id", sa.String(64), nullable=True),
)

sandbox_states = sa.Table(
    "sandbox_states",
    metadata,
    sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("scenario", sa.String(64), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False, index=True
    ),
    sa.Column("kind", sa.String(16), nullable=False),  # "page" or "action"
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("params", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("url", sa.String(500), nullable=True),  # the page's address (page events)
)

progress = sa.Table(
    "progress",
    metadata,
    sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("lesson_id", sa.String(64), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
    sa.Column("version", sa.Integer, nullable=False, server_default="1"),
)


# -- the statements of every request, built once (building a select costs more than running it)
WHO = sa.bindparam("learner_id")
STATE_OF = sa.select(
    sandbox_states.c.scenario, sandbox_states.c.data, sandbox_states.c.version
).where(sandbox_states.c.learner_id == WHO)
PROGRESS_OF = sa.select(progress.c.lesson_id, progress.c.data, progress.c.version).where(
    progress.c.learner_id == WHO
)
INSERT_EVENT = events.insert()


def latest_event_id(who: sa.BindParameter) -> sa.Select:
    """The id of the learner's (`who`) latest event, 0 when they have none."""
    return sa.select(sa.func.coalesce(sa.func.max(events.c.id), 0)).where(
        events.c.learner_id == who
    )


def still_latest(who: sa.BindParameter) -> sa.ColumnElement[bool]:
    """True while the learner's (`who`) latest event is still `latest_id`."""
    return latest_event_id(who).scalar_subquery() == sa.bindparam("latest_id", type_=sa.Integer)


LATEST_EVENT_ID = latest_event_id(WHO)
#: one event, written only while the learner's latest event is still `latest_id` (else no row
#: and no id come back): a request that records one page view or action and changes nothing
#: else writes it with this statement alone (learner.commit)
INSERT_EVENT_IF_LATEST = (
    events.insert()
    .from_select(
        ["learner_id", "kind", "name", "params", "created_at", "url"],
        sa.select(
            sa.bindparam("learner_id", type_=sa.String),
            sa.bindparam("kind", type_=sa.String),
            sa.bindparam("name", type_=sa.String),
            sa.bindparam("params", type_=sa.Text),
            sa.bindparam("created_at", type_=sa.DateTime),
            sa.bindparam("url", type_=sa.String),
        ).where(still_latest(WHO)),
    )
    .returning(events.c.id)
)
#: what a request reads of its learner, in one round trip: the state row ("s"), each lesson's
#: progress ("p") and the id of the learner's latest event ("e", 0 when none)
LEARNER_ROWS = sa.union_all(
    sa.select(
        sa.literal("s").label("kind"),
        sandbox_states.c.scenario.label("name"),
        sandbox_states.c.data,
        sandbox_states.c.version,
    ).where(sandbox_states.c.learner_id == WHO),
    sa.select(sa.literal("p"), progress.c.lesson_id, progress.c.data, progress.c.version).where(
        progress.c.learner_id == WHO
    ),
    sa.select(
        sa.literal("e"),
        sa.null(),
        sa.null(),
        sa.func.coalesce(sa.func.max(events.c.id), 0),
    ).where(events.c.learner_id == WHO),
)
#: a change of the state or of one lesson's progress, over the version the request read
#: (a statement built per commit was a fifth of a POST's time)
UPDATE_STATE = (
    sandbox_states.update()
    .where(sandbox_states.c.learner_id == sa.bindparam("of_learner"))
    .where(sandbox_states.c.version == sa.bindparam("old_version"))
    .values(
        scenario=sa.bindparam("new_scenario"),
        data=sa.bindparam("new_data"),
        updated_at=sa.bindparam("new_updated_at"),
        version=sa.bindparam("new_version"),
    )
)
UPDATE_PROGRESS = (
    progress.update()
    .where(progress.c.learner_id == sa.bindparam("of_learner"))
    .where(progress.c.lesson_id == sa.bindparam("lesson"))
    .where(progress.c.version == sa.bindparam("old_version"))
    .values(
        data=sa.bindparam("new_data"),
        updated_at=sa.bindparam("new_updated_at"),
        version=sa.bindparam("new_version"),
    )
)
#: the same changes, made only while the learner's latest event is still `latest_id`: the
#: first write of a commit checks that nobody wrote an event since the request read them
#: (learner._write_unit), without a statement of its own
UPDATE_STATE_IF_LATEST = UPDATE_STATE.where(still_latest(sa.bindparam("of_learner")))
UPDATE_PROGRESS_IF_LATEST = UPDATE_PROGRESS.where(still_latest(sa.bindparam("of_learner")))
#: the status poll's one query, in the driver's own words (run on the raw connection:
#: SQLAlchemy's own work would cost more than the query)
FINGERPRINT = (
    "SELECT p.lesson_id, p.version,"
    " (SELECT s.version FROM sandbox_states s WHERE s.learner_id = {who}),"
    " (SELECT MAX(e.id) FROM events e WHERE e.learner_id = {who})"
    " FROM progress p WHERE p.learner_id = {who}"
)


def events_after(
    learner_id: str, since_id: int, names: Iterable[str] | None, from_id: int | None
) -> tuple[sa.Select, dict]:
    """Events of a learner after `since_id`; with `names` only those, the latest page view,
    the latest event and every event from `from_id` on (see Store.list_events). The query
    and its parameters: the query is built once per shape, as the lesson step's evaluation
    runs it inside the write transaction of most requests, where building it anew (and its
    cache key) was a third of the time the write lock was held."""
    params: dict = {"learner_id": learner_id, "since_id": since_id}
    if names is not None:
        params["names"] = sorted(names)
        if from_id is not None:
            params["from_id"] = from_id
    return _events_after(names is not None, names is not None and from_id is not None), params


@cache
def _events_after(filtered: bool, from_id: bool) -> sa.Select:
    learner = sa.bindparam("learner_id")
    query = (
        sa.select(events)
        .where(events.c.learner_id == learner)
        .where(events.c.id > sa.bindparam("since_id"))
        .order_by(events.c.id)
    )
    if not filtered:
        return query

    def latest(*where) -> sa.ScalarSelect:
        return (
            sa.select(sa.func.max(events.c.id))
            .where(events.c.learner_id == learner, *where)
            .scalar_subquery()
        )

    wanted = [
        events.c.name.in_(sa.bindparam("names", expanding=True)),
        events.c.id == latest(events.c.kind == "page"),
        events.c.id == latest(),
    ]
    if from_id:
        wanted.append(events.c.id >= sa.bindparam("from_id"))
    return query.where(sa.or_(*wanted))


def idle_anonymous(idle_since: datetime) -> sa.Select:
    """Anonymous learners without lesson progress and without any activity since then."""
    return (
        sa.select(learners.c.id, learners.c.session_id)
        .where(learners.c.display_name.is_(None))
        .where(learners.c.created_at < idle_since)
        .where(~sa.exists().where(progress.c.learner_id == learners.c.id))
        .where(
            ~sa.exists()
            .where(events.c.learner_id == learners.c.id)
            .where(events.c.created_at >= idle_since)
        )
        .where(
            ~sa.exists()
            .where(sandbox_states.c.learner_id == learners.c.id)
            .where(sandbox_states.c.updated_at >= idle_since)
        )
    )


# -- the classroom (schema version 3): begeleiders, classes and who joined them ----------------
trainers = sa.Table(
    "trainers",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.String(80), nullable=False, unique=True),  # lower case
    sa.Column("password_hash", sa.String(255), nullable=False),  # werkzeug scrypt
    sa.Column("created_at", sa.DateTime, nullable=False),
)

login_attempts = sa.Table(  # wrong passwords per name (also names without an account)
    "login_attempts",
    metadata,
    sa.Column("name", sa.String(80), primary_key=True),
    sa.Column("failures", sa.Integer, nullable=False),
    sa.Column("locked_until", sa.DateTime, nullable=True),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)

classes = sa.Table(
    "classes",
    metadata,
    sa.Column("code", sa.String(6), primary_key=True),
    sa.Column("trainer_id", sa.Integer, sa.ForeignKey("trainers.id"), nullable=False, index=True),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("lessons", sa.Text, nullable=False),  # JSON list of lesson ids
    sa.Column("scenario", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("ended_at", sa.DateTime, nullable=True),
    sa.Column("purge_after_days", sa.Integer, nullable=False),  # as told when it was made
    sa.Column("present_lesson", sa.String(64), nullable=True),  # presenter mode
    sa.Column("present_part", sa.Integer, nullable=True),
    sa.Column("follow", sa.Boolean, nullable=False),  # "Klas volgt mee"
    sa.Column("presenter_learner", sa.String(32), nullable=True),  # the begeleider's own world
)

class_members = sa.Table(
    "class_members",
    metadata,
    sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column(
        "class_code", sa.String(6), sa.ForeignKey("classes.code"), nullable=False, index=True
    ),
    sa.Column("nickname", sa.String(40), nullable=False),
    sa.Column("joined_at", sa.DateTime, nullable=False),
    sa.Column("resume_code", sa.String(12), nullable=False, unique=True),  # "verder-code"
    sa.Column("hand_raised_at", sa.DateTime, nullable=True),  # "Ik wil hulp"
    sa.Column("following", sa.Boolean, nullable=False),
    sa.Column("notice", sa.String(40), nullable=True),  # what the begeleider did, as a key
    sa.Column("notice_params", sa.Text, nullable=True),  # JSON
    sa.Column("removed_at", sa.DateTime, nullable=True),
)

#: the latest event of a learner in one index seek (dashboard, status poll)
sa.Index("ix_events_learner_last", events.c.learner_id, events.c.id)
