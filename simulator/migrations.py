"""Schema versions and the numbered steps between them (`flask --app simulator db upgrade`).

The `meta` table holds `schema_version`. A fresh database is created at LATEST. An older one
is refused at start-up (`SchemaTooOld`, the message says to run `flask db upgrade`), except
by the embedded start, which upgrades itself (`create_app(upgrade=True)`); a newer one is
always refused. Creating and upgrading happen under one lock (SQLite: BEGIN IMMEDIATE;
PostgreSQL: pg_advisory_xact_lock), inside one transaction, so several workers starting at
once on a fresh instance folder wait for the first instead of racing it.

Versions:
  1. learners, sandbox_states, events, progress, meta (frozen below as V1, for the tests).
  2. progress.version (optimistic locking of lesson progress), events.url (the page's
     address, so "where was I" is read from the events instead of written on every page),
     learners.session_id (so a purged learner's session goes with it).
  3. The classroom: trainers (begeleiders), login_attempts (lockout), classes,
     class_members; an index on events (learner_id, id) for a learner's latest event.
A new version: write `_to_<n>(conn)` with plain DDL (never today's table objects, which
change), add it to STEPS, raise LATEST, add the new tables or columns to store.py.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager

import sqlalchemy as sa

log = logging.getLogger(__name__)

LATEST = 3
#: any constant; PostgreSQL advisory lock that serialises schema creation and upgrades
LOCK_KEY = 0x0EF0_0DB0


class SchemaTooOld(RuntimeError):
    """The database is older than this code and must be upgraded first."""


class SchemaTooNew(RuntimeError):
    """The database was written by a newer version of the simulator."""


# -- version 1, frozen ------------------------------------------------------------------
V1 = sa.MetaData()
sa.Table(
    "meta",
    V1,
    sa.Column("key", sa.String(64), primary_key=True),
    sa.Column("value", sa.String(255), nullable=False),
)
sa.Table(
    "learners",
    V1,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("created_at", sa.DateTime, nullable=False),
    sa.Column("display_name", sa.String(80), nullable=True),
)
sa.Table(
    "sandbox_states",
    V1,
    sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("scenario", sa.String(64), nullable=False),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("version", sa.Integer, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)
sa.Table(
    "events",
    V1,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column(
        "learner_id", sa.String(32), sa.ForeignKey("learners.id"), nullable=False, index=True
    ),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("name", sa.String(80), nullable=False),
    sa.Column("params", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime, nullable=False),
)
sa.Table(
    "progress",
    V1,
    sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("lesson_id", sa.String(64), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)


# -- the steps ---------------------------------------------------------------------------
def _to_2(conn: sa.Connection) -> None:
    conn.exec_driver_sql("ALTER TABLE progress ADD COLUMN version INTEGER NOT NULL DEFAULT 1")
    conn.exec_driver_sql("ALTER TABLE events ADD COLUMN url VARCHAR(500)")
    conn.exec_driver_sql("ALTER TABLE learners ADD COLUMN session_id VARCHAR(64)")


def _to_3(conn: sa.Connection) -> None:
    pg = conn.dialect.name == "postgresql"
    serial = "SERIAL PRIMARY KEY" if pg else "INTEGER PRIMARY KEY AUTOINCREMENT"
    stamp = "TIMESTAMP WITHOUT TIME ZONE" if pg else "DATETIME"
    for ddl in (
        f"""CREATE TABLE trainers (
            id {serial},
            name VARCHAR(80) NOT NULL UNIQUE,
            password_hash VARCHAR(255) NOT NULL,
            created_at {stamp} NOT NULL)""",
        f"""CREATE TABLE login_attempts (
            name VARCHAR(80) NOT NULL PRIMARY KEY,
            failures INTEGER NOT NULL,
            locked_until {stamp},
            updated_at {stamp} NOT NULL)""",
        f"""CREATE TABLE classes (
            code VARCHAR(6) NOT NULL PRIMARY KEY,
            trainer_id INTEGER NOT NULL REFERENCES trainers (id),
            name VARCHAR(80) NOT NULL,
            lessons TEXT NOT NULL,
            scenario VARCHAR(64) NOT NULL,
            created_at {stamp} NOT NULL,
            ended_at {stamp},
            purge_after_days INTEGER NOT NULL,
            present_lesson VARCHAR(64),
            present_part INTEGER,
            follow BOOLEAN NOT NULL,
            presenter_learner VARCHAR(32))""",
        "CREATE INDEX ix_classes_trainer_id ON classes (trainer_id)",
        f"""CREATE TABLE class_members (
            learner_id VARCHAR(32) NOT NULL PRIMARY KEY REFERENCES learners (id),
            class_code VARCHAR(6) NOT NULL REFERENCES classes (code),
            nickname VARCHAR(40) NOT NULL,
            joined_at {stamp} NOT NULL,
            resume_code VARCHAR(12) NOT NULL UNIQUE,
            hand_raised_at {stamp},
            following BOOLEAN NOT NULL,
            notice VARCHAR(40),
            notice_params TEXT,
            removed_at {stamp})""",
        "CREATE INDEX ix_class_members_class_code ON class_members (class_code)",
        "CREATE INDEX ix_events_learner_last ON events (learner_id, id)",
    ):
        conn.exec_driver_sql(ddl)


#: version -> the step that brings the version before it there
STEPS: dict[int, Callable[[sa.Connection], None]] = {2: _to_2, 3: _to_3}


# -- lock, check, create, upgrade --------------------------------------------------------
@contextmanager
def locked(engine: sa.Engine) -> Iterator[sa.Connection]:
    """One transaction that holds the schema lock until it ends."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            if engine.dialect.name == "postgresql":
                conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOCK_KEY})
            yield conn


def version_of(conn: sa.Connection) -> int | None:
    """The schema version recorded in the database; None for an empty database."""
    if not sa.inspect(conn).has_table("meta"):
        if sa.inspect(conn).has_table("learners"):
            raise SchemaTooOld("The database has tables but no schema version (meta table).")
        return None
    value = conn.execute(
        sa.text("SELECT value FROM meta WHERE key = 'schema_version'")
    ).scalar_one_or_none()
    return None if value is None else int(value)


def _set_version(conn: sa.Connection, version: int) -> None:
    updated = conn.execute(
        sa.text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(version)}
    )
    if updated.rowcount == 0:
        conn.execute(
            sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"),
            {"v": str(version)},
        )


def prepare(engine: sa.Engine, metadata: sa.MetaData, upgrade: bool = False) -> tuple[int, int]:
    """Create an empty database at LATEST, or check (upgrade=True: upgrade) an existing one.

    Returns (version found, version now); the version found is 0 for an empty database.
    """
    with locked(engine) as conn:
        found = version_of(conn)
        if found is None:
            metadata.create_all(conn)
            _set_version(conn, LATEST)
            return 0, LATEST
        if found > LATEST:
            raise SchemaTooNew(
                f"The database has schema version {found}, this code knows {LATEST}. "
                "Upgrade the simulator."
            )
        if found < LATEST and not upgrade:
            raise SchemaTooOld(
                f"The database has schema version {found}, this code needs {LATEST}. "
                "Run first: flask --app simulator db upgrade"
            )
        for version in range(found + 1, LATEST + 1):
            log.warning("Upgrading the database to schema version %s", version)
            STEPS[version](conn)
            _set_version(conn, version)
        return found, LATEST
