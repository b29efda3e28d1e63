"""The database: learners, sandbox state, events and lesson progress (SQLAlchemy Core).

Changes are optimistic: the state row and each progress row carry a version; an update names
the version it read, and when another request wrote first it touches no row and `Conflict` is
raised, so the caller re-reads and re-applies (learner.py retries the request's whole unit of
work). Write transactions take SQLite's write lock at their start (BEGIN IMMEDIATE), so they
wait for each other instead of failing halfway. Schema creation and upgrades: migrations.py.
"""

from __future__ import annotations

import json
import os
import random
import secrets
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from simulator import clock, migrations, tables
from simulator.tables import (  # noqa: F401  (the tables are part of the store's interface)
    FINGERPRINT,
    INSERT_EVENT,
    INSERT_EVENT_IF_LATEST,
    LATEST_EVENT_ID,
    LEARNER_ROWS,
    PROGRESS_OF,
    STATE_OF,
    UPDATE_PROGRESS,
    UPDATE_PROGRESS_IF_LATEST,
    UPDATE_STATE,
    UPDATE_STATE_IF_LATEST,
    events,
    learners,
    meta,
    metadata,
    progress,
    sandbox_states,
)

try:
    import fcntl
except ImportError:  # Windows: waitress serves from one process, the thread lock suffices
    fcntl = None

SCHEMA_VERSION = migrations.LATEST


class Conflict(RuntimeError):
    """Another request changed (or created) the same row first: re-read and apply again."""


#: the name before schema version 2
StateConflict = Conflict
#: seconds a SQLite write waits in its process's queue of writers (WriteQueue); after that it
#: goes on to SQLite's own wait (its busy timeout, 30 s) rather than wait forever behind a stuck one
WRITER_WAIT = 30


class WriteQueue:
    """The queue of a SQLite database's writers: one at a time, the next the moment it is free.

    SQLite has one writer at a time, and a writer that finds the lock taken waits in SQLite's
    busy handler, which sleeps 1, 2, 5 ... up to 100 ms between tries: far longer than a write
    holds the lock, so under load a save waited up to a second and a half, holding a server
    thread all that time. So the threads of one process queue on a lock, and the processes
    (gunicorn's workers) on an flock of a file beside the database, which a process that dies
    lets go of at once. After WRITER_WAIT seconds in its process's queue a thread stops
    queueing and goes on to SQLite's own wait, rather than wait forever behind a stuck one.
    """

    def __init__(self, database: str | None):
        self._threads = threading.Lock()
        usable = fcntl is not None and database and database != ":memory:"
        self.path = f"{database}.write-lock" if usable else None

    def acquire(self) -> tuple[bool, int | None]:
        """Queue up: (thread lock taken, the locked file's descriptor or None)."""
        if not self._threads.acquire(timeout=WRITER_WAIT):
            return False, None
        try:
            return True, self._lock_file()
        except OSError:  # no file lock (a read-only folder): SQLite's own wait still holds
            return True, None

    def release(self, taken: tuple[bool, int | None]) -> None:
        threads, fd = taken
        if fd is not None:
            os.close(fd)  # lets go of the lock
        if threads:
            self._threads.release()

    def _lock_file(self) -> int | None:
        """The lock file, opened for this write and locked. Blocking: the kernel wakes the
        next process the moment the lock is let go (a polling wait left it unused between
        tries). Opened per write, so no descriptor outlives its store or crosses a fork."""
        if self.path is None:
            return None
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
        except BaseException:
            os.close(fd)
            raise
        return fd


@dataclass
class StateRow:
    """A learner's sandbox state as read, with the version a later update must name."""

    scenario: str
    data: dict
    version: int


@dataclass
class ProgressRow:
    """One lesson's progress as read, with the version a later update must name."""

    data: dict
    version: int


def _json(data: dict) -> str:
    return json.dumps(data, ensure_ascii=False)


def _event_params(params: dict | None) -> str:
    return json.dumps(params or {}, ensure_ascii=False, sort_keys=True)


def _event_url(url: str | None) -> str | None:
    return url[:500] if url else None


def newer_event(learner_id: str, latest_id: int) -> Conflict:
    """The Conflict of a write made only while `latest_id` is the learner's latest event."""
    return Conflict(f"an event of {learner_id} came after event {latest_id}")


def _or_event(latest_id: int | None) -> str:
    """What a version Conflict adds when the write also checked the latest event."""
    return "" if latest_id is None else f", or an event came after event {latest_id}"


def _if_latest(
    statement: sa.Update, checked: sa.Update, params: dict, latest_id: int | None
) -> sa.Update:
    """The write as it is, or with `latest_id` the one that also checks that this is still the
    learner's latest event (`latest_id` added to `params`): in the same statement, so the
    commit's first write tells whether another request wrote an event since this one read
    them, without a round trip of its own (learner._write_unit)."""
    if latest_id is None:
        return statement
    params["latest_id"] = latest_id
    return checked


def _event_values(
    learner_id: str, kind: str, name: str, params: dict | None, url: str | None, created_at
) -> dict:
    """An event's columns as insert_event and insert_event_if_latest write them."""
    return {
        "learner_id": learner_id,
        "kind": kind,
        "name": name,
        "params": _event_params(params),
        "created_at": created_at,
        "url": _event_url(url),
    }


def event_as_stored(
    event_id: int, kind: str, name: str, params: dict | None, url: str | None, created_at
) -> dict:
    """An event as `list_events` gives it back once `insert_event` has written it."""
    return {
        "id": event_id,
        "kind": kind,
        "name": name,
        "params": json.loads(_event_params(params)),
        "created_at": created_at,
        "url": _event_url(url),
    }


def _event_dict(row) -> dict:
    return {
        "id": row.id,
        "kind": row.kind,
        "name": row.name,
        "params": json.loads(row.params),
        "created_at": row.created_at,
        "url": row.url,
    }


class Store:
    """All reads and writes of persistent data go through this object."""

    def __init__(self, url: str, pool_size: int = 10):
        # A pool as large as a worker's threads: a connection made and dropped per request
        # (the pool's overflow) costs more than the request's queries.
        kwargs: dict = {"pool_size": pool_size, "max_overflow": pool_size}
        self.is_sqlite = url.startswith("sqlite")
        if self.is_sqlite:
            kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        elif "options" not in sa.engine.make_url(url).query:
            # A commit does not wait for PostgreSQL's flush of its log to the disk (7 ms
            # here, and the disk's flushes queue behind each other when many learners click):
            # the same promise as SQLite's synchronous=NORMAL. A crash of the simulator loses
            # nothing; a crash of PostgreSQL or the machine may lose the last half second of
            # clicks, never damaging the data. A URL with its own options keeps them
            # (docs/OPERATIONS.md: ?options=-c%20synchronous_commit%3Don flushes every commit).
            kwargs["connect_args"] = {"options": "-c synchronous_commit=off"}
        self.engine = sa.create_engine(url, **kwargs)
        # PostgreSQL reads run without a transaction (autocommit, the same pool): a read in a
        # transaction costs two more round trips (BEGIN, and ROLLBACK when the connection goes
        # back to the pool), and psycopg forgets its prepared statements at every ROLLBACK.
        # Optimistic locking needs no snapshot across a read's statements (see read()).
        self._reads = (
            self.engine
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )
        self._writers = WriteQueue(sa.engine.make_url(url).database) if self.is_sqlite else None
        if self.is_sqlite:
            sa.event.listen(self.engine, "connect", _sqlite_connect)
            sa.event.listen(self.engine, "begin", _sqlite_begin)
        who = ":learner_id" if self.is_sqlite else "%(learner_id)s"  # sqlite3 / psycopg
        self._fingerprint_sql = FINGERPRINT.format(who=who)

    # -- schema -------------------------------------------------------------------------
    def create_schema(self) -> None:
        """Create an empty database at the newest version; refuse an older or newer one."""
        migrations.prepare(self.engine, metadata)

    def upgrade(self) -> tuple[int, int]:
        """Create or upgrade the database to the newest version: (version found, version now)."""
        return migrations.prepare(self.engine, metadata, upgrade=True)

    def schema_version(self) -> int:
        """The schema version the database records (0 for an empty one)."""
        with self.read() as conn:
            return migrations.version_of(conn) or 0

    # -- transactions ---------------------------------------------------------------------
    @contextmanager
    def read(self) -> Iterator[sa.Connection]:
        """A connection for reads; each statement sees what is committed (optimistic
        locking makes a snapshot across statements unnecessary, so SQLite skips BEGIN and
        PostgreSQL runs them in autocommit)."""
        with self._reads.connect() as conn:
            if self.is_sqlite:
                conn.execution_options(sqlite_begin="none")
            yield conn

    @contextmanager
    def read_when_needed(self) -> Iterator[sa.Connection]:
        """As read(), but the connection is taken from the pool at its first use: a block
        that may read nothing (a lesson step whose check needs no stored events) costs no
        round trip through the pool."""
        lazy = _LazyRead(self)
        try:
            yield lazy  # type: ignore[misc]  # an sa.Connection to every caller
        finally:
            lazy.close()

    @contextmanager
    def write(self) -> Iterator[sa.Connection]:
        """One write transaction: committed at the end of the block, rolled back on error.

        The connection is taken from the pool before the writers' queue and given back after
        it: only the transaction itself holds the write lock."""
        with self.engine.connect() as conn:
            if self.is_sqlite:
                conn.execution_options(sqlite_begin="IMMEDIATE")
            taken = self._writers.acquire() if self._writers is not None else (False, None)
            try:
                with conn.begin():
                    yield conn
            except sa.exc.IntegrityError as exc:  # a row another request created first
                raise Conflict(str(exc.orig)) from exc
            finally:
                if self._writers is not None:
                    self._writers.release(taken)

    # -- learners -------------------------------------------------------------------------
    def insert_learner(self, conn: sa.Connection, learner_id: str, session_id: str | None) -> None:
        """Add a learner row (in the caller's transaction)."""
        conn.execute(
            learners.insert().values(
                id=learner_id, created_at=clock.utcnow(), session_id=session_id
            )
        )

    def set_session_id(self, conn: sa.Connection, learner_id: str, session_id: str) -> None:
        """Remember the learner's (new) session id, so a purge can remove the session too."""
        conn.execute(
            learners.update().where(learners.c.id == learner_id).values(session_id=session_id)
        )

    def ensure_learner(self, conn: sa.Connection, learner_id: str, session_id: str | None) -> None:
        """Make the learner row when it is missing (a session that outlived its learner)."""
        found = conn.execute(sa.select(learners.c.id).where(learners.c.id == learner_id)).first()
        if found is None:
            self.insert_learner(conn, learner_id, session_id)

    def create_learner(self, session_id: str | None = None) -> str:
        """Add a learner in its own transaction (outside a request: tests, tools)."""
        learner_id = secrets.token_hex(16)
        with self.write() as conn:
            self.insert_learner(conn, learner_id, session_id)
        return learner_id

    def learner_exists(self, learner_id: str) -> bool:
        """True when the learner row is there."""
        with self.read() as conn:
            row = conn.execute(sa.select(learners.c.id).where(learners.c.id == learner_id)).first()
        return row is not None

    # -- sandbox state ----------------------------------------------------------------------
    def state_row(self, learner_id: str, conn: sa.Connection | None = None) -> StateRow | None:
        """The learner's state with its version, or None when they have none yet."""
        params = {"learner_id": learner_id}
        if conn is None:
            with self.read() as own:
                row = own.execute(STATE_OF, params).first()
        else:
            row = conn.execute(STATE_OF, params).first()
        return None if row is None else StateRow(row.scenario, json.loads(row.data), row.version)

    def learner_rows(
        self, learner_id: str, conn: sa.Connection
    ) -> tuple[StateRow | None, dict[str, ProgressRow], int]:
        """The learner's state row, progress rows and latest event id, in one query (what
        state_row, progress_rows and last_event_id give, read at the same moment)."""
        state, rows, last = None, {}, 0
        for row in conn.execute(LEARNER_ROWS, {"learner_id": learner_id}):
            if row.kind == "s":
                state = StateRow(row.name, json.loads(row.data), row.version)
            elif row.kind == "p":
                rows[row.name] = ProgressRow(json.loads(row.data), row.version)
            else:
                last = int(row.version or 0)
        return state, rows, last

    def put_state(
        self,
        conn: sa.Connection,
        learner_id: str,
        data: dict,
        version: int | None,
        latest_id: int | None = None,
    ) -> int:
        """Write the state over `version` (None: the first state); returns the new version.

        With `latest_id` only while that is still the learner's latest event (`_if_latest`;
        a first state checks it with a statement of its own)."""
        values = {
            "scenario": str(data.get("scenario") or ""),
            "data": _json(data),
            "updated_at": clock.utcnow(),
        }
        if version is None:
            if latest_id is not None:
                self.check_latest_event(conn, learner_id, latest_id)
            conn.execute(sandbox_states.insert().values(learner_id=learner_id, version=1, **values))
            return 1
        params = {
            "of_learner": learner_id,
            "old_version": version,
            "new_scenario": values["scenario"],
            "new_data": values["data"],
            "new_updated_at": values["updated_at"],
            "new_version": version + 1,
        }
        statement = _if_latest(UPDATE_STATE, UPDATE_STATE_IF_LATEST, params, latest_id)
        if conn.execute(statement, params).rowcount != 1:
            raise Conflict(
                f"state of {learner_id} changed after version {version}{_or_event(latest_id)}"
            )
        return version + 1

    def load_state(self, learner_id: str) -> tuple[str, dict] | None:
        """Return (scenario id, state dict) or None when the learner has no state yet."""
        row = self.state_row(learner_id)
        return None if row is None else (row.scenario, row.data)

    def save_state(self, learner_id: str, scenario: str, data: dict) -> None:
        """Replace the learner's state, whatever its version (a reset from outside a request)."""
        data = {**data, "scenario": data.get("scenario") or scenario}
        self.mutate_state(learner_id, lambda current: (current.clear(), current.update(data)))

    def mutate_state(self, learner_id: str, change: Callable[[dict], object]) -> object:
        """Apply change(state) and write it over the version read; retry when it lost a race.

        Returns what change() returned. Requests use learner.mutate instead, which does the
        same for the whole request (state, events and lesson progress together).
        """
        for attempt in range(12):
            row = self.state_row(learner_id)
            data = {} if row is None else row.data
            result = change(data)
            try:
                with self.write() as conn:
                    self.put_state(conn, learner_id, data, None if row is None else row.version)
                return result
            except Conflict:
                # Random, growing pauses: writers that collided do not collide again in step.
                time.sleep(random.uniform(0.002, 0.005 * 2 ** min(attempt, 5)))
        raise Conflict(learner_id)

    # -- events -------------------------------------------------------------------------------
    def insert_event(
        self,
        conn: sa.Connection,
        learner_id: str,
        kind: str,
        name: str,
        params: dict | None = None,
        url: str | None = None,
        created_at: datetime | None = None,
        latest_id: int | None = None,
    ) -> int:
        """Log one page view or action (now, unless `created_at`); returns the event's id.

        With `latest_id` only while that is still the learner's latest event (`_if_latest`)."""
        values = _event_values(learner_id, kind, name, params, url, created_at or clock.utcnow())
        if latest_id is None:
            return int(conn.execute(INSERT_EVENT, values).inserted_primary_key[0])
        found = conn.execute(INSERT_EVENT_IF_LATEST, {**values, "latest_id": latest_id}).scalar()
        if found is None:
            raise newer_event(learner_id, latest_id)
        return int(found)

    def add_event(self, learner_id: str, kind: str, name: str, params: dict | None = None) -> int:
        """Log one event in its own transaction (outside a request); returns its id."""
        with self.write() as conn:
            return self.insert_event(conn, learner_id, kind, name, params)

    def list_events(
        self,
        learner_id: str,
        since_id: int = 0,
        conn: sa.Connection | None = None,
        names: Iterable[str] | None = None,
        from_id: int | None = None,
    ) -> list[dict]:
        """Events of one learner after `since_id`, in order, each as a dict.

        With `names`: only events of those names, the learner's latest page view and latest
        event (where a step that passes ends), and every event from `from_id` on (a lesson
        step reads just what its checks look at).
        """
        query, params = tables.events_after(learner_id, since_id, names, from_id)
        if conn is None:
            with self.read() as own:
                return [_event_dict(r) for r in own.execute(query, params)]
        return [_event_dict(r) for r in conn.execute(query, params)]

    def insert_event_if_latest(
        self,
        learner_id: str,
        latest_id: int,
        kind: str,
        name: str,
        params: dict | None,
        url: str | None,
        created_at: datetime,
    ) -> int | None:
        """Log one event in a transaction of its own, only while `latest_id` is still the
        learner's latest event: its id, or None when another request wrote one first (then
        nothing is written). One statement: on PostgreSQL one round trip without BEGIN and
        COMMIT; SQLite runs it in its write lock, as every write."""
        values = {
            **_event_values(learner_id, kind, name, params, url, created_at),
            "latest_id": latest_id,
        }
        # PostgreSQL's reads run in autocommit: there the statement is the transaction
        with self.write() if self.is_sqlite else self._reads.connect() as conn:
            found = conn.execute(INSERT_EVENT_IF_LATEST, values).scalar()
        return None if found is None else int(found)

    def check_latest_event(self, conn: sa.Connection, learner_id: str, latest_id: int) -> None:
        """Raise Conflict unless `latest_id` is still the learner's latest event."""
        if self.last_event_id(learner_id, conn) != latest_id:
            raise newer_event(learner_id, latest_id)

    def last_event_id(self, learner_id: str, conn: sa.Connection | None = None) -> int:
        """The id of the learner's latest event (0 when there is none)."""
        params = {"learner_id": learner_id}
        if conn is None:
            with self.read() as own:
                return int(own.execute(LATEST_EVENT_ID, params).scalar() or 0)
        return int(conn.execute(LATEST_EVENT_ID, params).scalar() or 0)

    def event_times(self, learner_id: str, after: datetime, conn: sa.Connection) -> list[datetime]:
        """When the learner's events after `after` happened (their requests), in order."""
        query = (
            sa.select(events.c.created_at)
            .where(events.c.learner_id == learner_id)
            .where(events.c.created_at > after)
            .order_by(events.c.id)
        )
        return list(conn.execute(query).scalars())

    def last_page_url(self, learner_id: str, after_id: int = 0) -> str | None:
        """The address of the learner's latest page view after event `after_id`."""
        query = (
            sa.select(events.c.url)
            .where(events.c.learner_id == learner_id)
            .where(events.c.id > after_id)
            .where(events.c.url.is_not(None))
            .order_by(events.c.id.desc())
            .limit(1)
        )
        with self.read() as conn:
            return conn.execute(query).scalar()

    # -- lesson progress ------------------------------------------------------------------------
    def progress_rows(
        self, learner_id: str, conn: sa.Connection | None = None
    ) -> dict[str, ProgressRow]:
        """All lesson progress of one learner with versions: {lesson_id: row}."""
        params = {"learner_id": learner_id}
        if conn is None:
            with self.read() as own:
                rows = own.execute(PROGRESS_OF, params).all()
        else:
            rows = conn.execute(PROGRESS_OF, params).all()
        return {r.lesson_id: ProgressRow(json.loads(r.data), r.version) for r in rows}

    def put_progress(
        self,
        conn: sa.Connection,
        learner_id: str,
        lesson_id: str,
        data: dict,
        version: int | None,
        latest_id: int | None = None,
    ) -> int:
        """Write one lesson's progress over `version` (None: new); returns the new version.

        With `latest_id` only while that is still the learner's latest event (`_if_latest`;
        a new row checks it with a statement of its own)."""
        if version is None and latest_id is not None:
            self.check_latest_event(conn, learner_id, latest_id)
        if version is None:
            conn.execute(
                progress.insert().values(
                    learner_id=learner_id,
                    lesson_id=lesson_id,
                    data=_json(data),
                    version=1,
                    updated_at=clock.utcnow(),
                )
            )
            return 1
        params = {
            "of_learner": learner_id,
            "lesson": lesson_id,
            "old_version": version,
            "new_data": _json(data),
            "new_updated_at": clock.utcnow(),
            "new_version": version + 1,
        }
        statement = _if_latest(UPDATE_PROGRESS, UPDATE_PROGRESS_IF_LATEST, params, latest_id)
        if conn.execute(statement, params).rowcount != 1:
            raise Conflict(
                f"progress {lesson_id} of {learner_id} changed after version {version}"
                + _or_event(latest_id)
            )
        return version + 1

    def load_progress(self, learner_id: str) -> dict[str, dict]:
        """All lesson progress of one learner: {lesson_id: data}."""
        return {k: row.data for k, row in self.progress_rows(learner_id).items()}

    def save_progress(self, learner_id: str, lesson_id: str, data: dict) -> None:
        """Write one lesson's progress whatever its version (from outside a request)."""
        with self.write() as conn:
            row = self.progress_rows(learner_id, conn).get(lesson_id)
            self.put_progress(conn, learner_id, lesson_id, data, row.version if row else None)

    def delete_progress(self, learner_id: str, lesson_id: str | None = None) -> None:
        """Forget one lesson's progress, or all of it."""
        with self.write() as conn:
            stmt = progress.delete().where(progress.c.learner_id == learner_id)
            if lesson_id is not None:
                stmt = stmt.where(progress.c.lesson_id == lesson_id)
            conn.execute(stmt)

    # -- what the status poll compares ------------------------------------------------------------
    def fingerprint(self, learner_id: str) -> tuple:
        """(state version, last event id, progress versions), () without progress: changes
        whenever anything a lesson panel shows may have changed. One cheap query."""
        raw = self.engine.raw_connection()
        try:
            postgres = None if self.is_sqlite else raw.driver_connection
            if postgres is not None:
                postgres.autocommit = True  # no BEGIN and ROLLBACK around it (see __init__)
            try:
                cursor = raw.cursor()
                cursor.execute(self._fingerprint_sql, {"learner_id": learner_id})
                rows = cursor.fetchall()
                cursor.close()
            finally:
                if postgres is not None:
                    _end_autocommit(raw, postgres)
        finally:
            raw.close()  # back to the pool
        if not rows:  # no lesson begun: nothing for a panel to show
            return ()
        versions = tuple(sorted((lesson_id, version) for lesson_id, version, _, _ in rows))
        return (rows[0][2], rows[0][3], versions)

    # -- clean-up ---------------------------------------------------------------------------------
    def purge_anonymous(self, idle_since: datetime) -> list[str]:
        """Delete anonymous learners without lesson progress and without any activity since
        `idle_since`, with their state and events. Returns their session ids (one per
        learner, None where it is not known)."""
        with self.write() as conn:
            rows = conn.execute(tables.idle_anonymous(idle_since)).all()
            ids = [r.id for r in rows]
            for start in range(0, len(ids), 500):
                chunk = ids[start : start + 500]
                for table in (events, sandbox_states, progress):
                    conn.execute(table.delete().where(table.c.learner_id.in_(chunk)))
                conn.execute(learners.delete().where(learners.c.id.in_(chunk)))
        return [r.session_id for r in rows]


def _end_autocommit(raw, postgres) -> None:
    """Give a pooled PostgreSQL connection back its transactions: a write on one left in
    autocommit would not be atomic. One that cannot be switched back is dropped."""
    try:
        postgres.autocommit = False
    except Exception:
        raw.invalidate()
        raise


def _sqlite_connect(dbapi_conn, _record) -> None:
    """WAL (readers never wait for the writer), foreign keys, and transactions we begin."""
    dbapi_conn.isolation_level = None  # SQLAlchemy's recipe: we emit BEGIN ourselves
    cursor = dbapi_conn.cursor()
    for attempt in range(50):  # several workers opening a fresh file at once
        try:
            if cursor.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                cursor.execute("PRAGMA journal_mode=WAL")  # once per file: it stays WAL
            break
        except Exception:  # sqlite3.OperationalError: database is locked
            time.sleep(0.05 * (attempt + 1))
    cursor.execute("PRAGMA foreign_keys=ON")
    # WAL with NORMAL sync: a crash of the simulator loses nothing; a power cut may lose the
    # last commits but never corrupts the file; and a commit costs no fsync.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _sqlite_begin(conn: sa.Connection) -> None:
    """BEGIN, or BEGIN IMMEDIATE for a write transaction (takes the write lock, waiting);
    none for reads (each statement on its own)."""
    mode = conn.get_execution_options().get("sqlite_begin", "")
    if mode != "none":
        conn.exec_driver_sql(f"BEGIN {mode}".strip())


class _LazyRead:
    """Store.read_when_needed's connection: Store.read() opened at the first attribute used."""

    def __init__(self, store: Store):
        self._store = store
        self._opened = None
        self._conn = None

    def __getattr__(self, name: str):
        if self._conn is None:
            self._opened = self._store.read()
            self._conn = self._opened.__enter__()
        return getattr(self._conn, name)

    def close(self) -> None:
        if self._opened is not None:
            opened, self._opened, self._conn = self._opened, None, None
            opened.__exit__(None, None, None)
