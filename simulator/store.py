"""The database: learners, sandbox state, events and lesson progress (SQLAlchemy Core)."""

from __future__ import annotations

import json
import secrets
import time
from collections.abc import Callable
from datetime import UTC, datetime

import sqlalchemy as sa

SCHEMA_VERSION = 1

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
)

progress = sa.Table(
    "progress",
    metadata,
    sa.Column("learner_id", sa.String(32), sa.ForeignKey("learners.id"), primary_key=True),
    sa.Column("lesson_id", sa.String(64), primary_key=True),
    sa.Column("data", sa.Text, nullable=False),
    sa.Column("updated_at", sa.DateTime, nullable=False),
)


class StateConflict(RuntimeError):
    """Raised when a state update keeps losing the race against another request."""


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Store:
    """All reads and writes of persistent data go through this object."""

    def __init__(self, url: str):
        kwargs: dict = {"future": True}
        if url.startswith("sqlite"):
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        self.engine = sa.create_engine(url, **kwargs)
        if url.startswith("sqlite"):
            sa.event.listen(self.engine, "connect", _sqlite_pragmas)

    # -- schema -------------------------------------------------------------
    def create_schema(self) -> None:
        """Create missing tables and record the schema version; refuse a newer database."""
        metadata.create_all(self.engine)
        with self.engine.begin() as conn:
            row = conn.execute(
                sa.select(meta.c.value).where(meta.c.key == "schema_version")
            ).first()
            if row is None:
                conn.execute(meta.insert().values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(row.value) > SCHEMA_VERSION:
                raise RuntimeError(
                    f"The database has schema version {row.value}, this code knows "
                    f"{SCHEMA_VERSION}. Upgrade the simulator."
                )

    def schema_version(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(meta.c.value).where(meta.c.key == "schema_version")
            ).scalar_one()
        return int(value)

    # -- learners -----------------------------------------------------------
    def create_learner(self) -> str:
        learner_id = secrets.token_hex(16)
        with self.engine.begin() as conn:
            conn.execute(learners.insert().values(id=learner_id, created_at=_now()))
        return learner_id

    def learner_exists(self, learner_id: str) -> bool:
        with self.engine.connect() as conn:
            row = conn.execute(sa.select(learners.c.id).where(learners.c.id == learner_id)).first()
        return row is not None

    # -- sandbox state --------------------------------------------------------
    def load_state(self, learner_id: str) -> tuple[str, dict] | None:
        """Return (scenario id, state dict) or None when the learner has no state yet."""
        with self.engine.connect() as conn:
            row = conn.execute(
                sa.select(sandbox_states.c.scenario, sandbox_states.c.data).where(
                    sandbox_states.c.learner_id == learner_id
                )
            ).first()
        if row is None:
            return None
        return row.scenario, json.loads(row.data)

    def save_state(self, learner_id: str, scenario: str, data: dict) -> None:
        """Replace the learner's state unconditionally (used for a reset)."""
        payload = json.dumps(data, ensure_ascii=False)
        with self.engine.begin() as conn:
            conn.execute(sandbox_states.delete().where(sandbox_states.c.learner_id == learner_id))
            conn.execute(
                sandbox_states.insert().values(
                    learner_id=learner_id,
                    scenario=scenario,
                    data=payload,
                    version=1,
                    updated_at=_now(),
                )
            )

    def mutate_state(self, learner_id: str, change: Callable[[dict], object]) -> object:
        """Apply change(state) atomically; retry when another request wrote in between.

        Optimistic locking on the version column keeps two tabs from losing each other's
        updates on SQLite and PostgreSQL alike. Returns what change() returned.
        """
        for attempt in range(8):
            with self.engine.connect() as conn:
                row = conn.execute(
                    sa.select(sandbox_states.c.data, sandbox_states.c.version).where(
                        sandbox_states.c.learner_id == learner_id
                    )
                ).first()
            if row is None:
                raise LookupError(f"learner {learner_id} has no sandbox state")
            data = json.loads(row.data)
            result = change(data)
            with self.engine.begin() as conn:
                updated = conn.execute(
                    sandbox_states.update()
                    .where(sandbox_states.c.learner_id == learner_id)
                    .where(sandbox_states.c.version == row.version)
                    .values(
                        data=json.dumps(data, ensure_ascii=False),
                        version=row.version + 1,
                        updated_at=_now(),
                    )
                )
            if updated.rowcount == 1:
                return result
            time.sleep(0.005 * (attempt + 1))
        raise StateConflict(learner_id)

    # -- events ---------------------------------------------------------------
    def add_event(self, learner_id: str, kind: str, name: str, params: dict | None = None) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                events.insert().values(
                    learner_id=learner_id,
                    kind=kind,
                    name=name,
                    params=json.dumps(params or {}, ensure_ascii=False, sort_keys=True),
                    created_at=_now(),
                )
            )

    def list_events(self, learner_id: str, since_id: int = 0) -> list[dict]:
        """Events of one learner in order, each as {id, kind, name, params, created_at}."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(events)
                .where(events.c.learner_id == learner_id)
                .where(events.c.id > since_id)
                .order_by(events.c.id)
            ).all()
        return [
            {
                "id": r.id,
                "kind": r.kind,
                "name": r.name,
                "params": json.loads(r.params),
                "created_at": r.created_at,
            }
            for r in rows
        ]

    def last_event_id(self, learner_id: str) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                sa.select(sa.func.max(events.c.id)).where(events.c.learner_id == learner_id)
            ).scalar()
        return int(value or 0)

    # -- lesson progress --------------------------------------------------------
    def load_progress(self, learner_id: str) -> dict[str, dict]:
        """All lesson progress of one learner: {lesson_id: data}."""
        with self.engine.connect() as conn:
            rows = conn.execute(
                sa.select(progress.c.lesson_id, progress.c.data).where(
                    progress.c.learner_id == learner_id
                )
            ).all()
        return {r.lesson_id: json.loads(r.data) for r in rows}

    def save_progress(self, learner_id: str, lesson_id: str, data: dict) -> None:
        payload = json.dumps(data, ensure_ascii=False)
        with self.engine.begin() as conn:
            updated = conn.execute(
                progress.update()
                .where(progress.c.learner_id == learner_id)
                .where(progress.c.lesson_id == lesson_id)
                .values(data=payload, updated_at=_now())
            )
            if updated.rowcount == 0:
                conn.execute(
                    progress.insert().values(
                        learner_id=learner_id, lesson_id=lesson_id, data=payload, updated_at=_now()
                    )
                )

    def delete_progress(self, learner_id: str, lesson_id: str | None = None) -> None:
        with self.engine.begin() as conn:
            stmt = progress.delete().where(progress.c.learner_id == learner_id)
            if lesson_id is not None:
                stmt = stmt.where(progress.c.lesson_id == lesson_id)
            conn.execute(stmt)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cursor = dbapi_conn.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()
