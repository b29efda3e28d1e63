"""The store on SQLite and PostgreSQL: schema, learners, state with optimistic locking, events."""

from __future__ import annotations

import os
import threading
from datetime import datetime

import pytest
import sqlalchemy as sa

from simulator.store import SCHEMA_VERSION, Store, event_as_stored


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_database")
    store = Store(url)
    if request.param == "postgres":
        from simulator.store import metadata

        metadata.drop_all(store.engine)
    store.create_schema()
    yield store
    store.engine.dispose()


def test_schema_records_its_version(store):
    assert store.schema_version() == SCHEMA_VERSION
    store.create_schema()  # a second start changes nothing
    assert store.schema_version() == SCHEMA_VERSION


def test_a_newer_database_is_refused(store):
    with store.engine.begin() as conn:
        conn.execute(sa.text("UPDATE meta SET value = '99' WHERE key = 'schema_version'"))
    with pytest.raises(RuntimeError, match="schema version 99"):
        store.create_schema()


def test_state_round_trip_and_mutation(store):
    learner = store.create_learner()
    assert store.load_state(learner) is None
    store.save_state(learner, "standaard", {"loan": {"paid": []}, "naam": "Zoë"})
    scenario, data = store.load_state(learner)
    assert scenario == "standaard" and data["naam"] == "Zoë"
    result = store.mutate_state(learner, lambda d: d["loan"]["paid"].append(250) or "ok")
    assert result == "ok"
    assert store.load_state(learner)[1]["loan"]["paid"] == [250]


def test_concurrent_mutations_lose_no_update(store):
    learner = store.create_learner()
    store.save_state(learner, "standaard", {"count": 0})
    errors = []

    def bump():
        try:
            for _ in range(10):
                store.mutate_state(learner, lambda d: d.__setitem__("count", d["count"] + 1))
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert store.load_state(learner)[1]["count"] == 40


def test_events_are_kept_per_learner_in_order(store):
    one, two = store.create_learner(), store.create_learner()
    store.add_event(one, "page", "mijn.home")
    store.add_event(two, "page", "ind.home")
    store.add_event(one, "action", "invoice.accepted", {"invoice": "FAC229230568"})
    events = store.list_events(one)
    assert [(e["kind"], e["name"]) for e in events] == [
        ("page", "mijn.home"),
        ("action", "invoice.accepted"),
    ]
    assert events[1]["params"] == {"invoice": "FAC229230568"}
    assert store.list_events(one, since_id=events[0]["id"]) == events[1:]
    assert store.last_event_id(one) == events[1]["id"]


def test_an_event_is_written_alone_only_while_the_latest_is_the_one_read(store):
    """insert_event_if_latest writes the event, as insert_event would, when `latest_id` is still
    the learner's latest event (0: none yet), and nothing when another event came first."""
    learner, other = store.create_learner(), store.create_learner()
    at = datetime(2026, 12, 3, 14, 30, 5, 250000)
    first = store.insert_event_if_latest(learner, 0, "page", "mijn.home", None, "/m/", at)
    assert first is not None and first == store.last_event_id(learner)
    store.add_event(other, "page", "ind.home")  # another learner's event changes nothing
    url = "/sites/mijn.inburgeren.nl/facturen?" + "x" * 600
    params = {"invoice": "FAC229230568", "naam": "Çiğdem"}
    second = store.insert_event_if_latest(learner, first, "action", "accept", params, url, at)
    assert second is not None and second > first
    assert store.list_events(learner)[-1] == event_as_stored(
        second, "action", "accept", params, url, at
    )
    assert store.list_events(learner)[-1]["url"] == url[:500]
    # a stale latest id (another tab wrote `second` meanwhile), or one from the future: nothing
    assert store.insert_event_if_latest(learner, first, "page", "mijn.home", None, None, at) is None
    assert store.insert_event_if_latest(learner, 0, "page", "mijn.home", None, None, at) is None
    assert store.insert_event_if_latest(learner, second + 5, "page", "x", None, None, at) is None
    assert [e["id"] for e in store.list_events(learner)] == [first, second]
    assert store.last_event_id(learner) == second


def test_progress_saves_updates_and_deletes(store):
    learner = store.create_learner()
    store.save_progress(learner, "les1", {"part": 0})
    store.save_progress(learner, "les1", {"part": 2})
    store.save_progress(learner, "les2", {"part": 1})
    assert store.load_progress(learner) == {"les1": {"part": 2}, "les2": {"part": 1}}
    store.delete_progress(learner, "les1")
    assert store.load_progress(learner) == {"les2": {"part": 1}}


def test_a_step_reads_only_the_events_it_looks_at(store):
    learner = store.create_learner()
    ids = [
        store.add_event(learner, "page", "mijn.home"),
        store.add_event(learner, "action", "invoice.accepted", {"invoice": "F1"}),
        store.add_event(learner, "page", "mijn.lening"),
        store.add_event(learner, "action", "contact.changed", {"field": "email"}),
    ]
    found = store.list_events(learner, 0, names={"invoice.accepted"})
    # the named event, the latest page and the latest event (where a passing step ends)
    assert [e["id"] for e in found] == [ids[1], ids[2], ids[3]]
    found = store.list_events(learner, ids[0], names={"mijn.home"}, from_id=ids[1])
    assert [e["id"] for e in found] == ids[1:]


def _hold_write_lock(path: str, ready, release) -> None:
    """Another process (a second gunicorn worker) in the middle of a write."""
    import fcntl

    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    fcntl.flock(fd, fcntl.LOCK_EX)
    ready.set()
    release.wait(10)
    fcntl.flock(fd, fcntl.LOCK_UN)
    os.close(fd)


@pytest.fixture
def one_connection_pg(pg_database):
    """A PostgreSQL store whose reads, status checks and writes share one pooled connection."""
    store = Store(pg_database, pool_size=1)
    from simulator.store import metadata

    metadata.drop_all(store.engine)
    store.create_schema()
    yield store
    store.engine.dispose()


def _backend_state(store: Store, pid: int) -> str:
    """What pg_stat_activity says the backend is doing, seen from another connection."""
    admin = sa.create_engine(str(store.engine.url.render_as_string(hide_password=False)))
    try:
        with admin.connect() as conn:
            return conn.execute(
                sa.text("SELECT state FROM pg_stat_activity WHERE pid = :pid"), {"pid": pid}
            ).scalar()
    finally:
        admin.dispose()


def test_postgres_reads_hold_no_transaction_open(one_connection_pg):
    store = one_connection_pg
    learner = store.create_learner()
    store.save_state(learner, "standaard", {"count": 1})
    with store.read() as conn:
        assert store.state_row(learner, conn).data["count"] == 1
        pid = conn.execute(sa.text("SELECT pg_backend_pid()")).scalar()
        # between a page's queries its connection is idle, not "idle in transaction"
        assert _backend_state(store, pid) == "idle"


def test_postgres_writes_stay_atomic_after_reads_on_the_same_connection(one_connection_pg):
    store = one_connection_pg
    learner = store.create_learner()
    store.save_state(learner, "standaard", {"count": 1})
    for _ in range(3):  # every kind of read a request makes, on the one pooled connection
        store.state_row(learner)
        store.progress_rows(learner)
        store.fingerprint(learner)
    with pytest.raises(RuntimeError), store.write() as conn:
        store.insert_event(conn, learner, "page", "mijn.home")
        row = store.state_row(learner, conn)
        store.put_state(conn, learner, {"count": 2}, row.version)
        raise RuntimeError("the request failed halfway")
    assert store.list_events(learner) == []  # nothing of the failed write is kept
    assert store.load_state(learner)[1]["count"] == 1


@pytest.mark.skipif(os.name != "posix", reason="the file lock is for several processes on Unix")
def test_writers_of_another_process_queue_on_the_file_lock(tmp_path):
    import multiprocessing

    store = Store(f"sqlite:///{tmp_path / 'store.sqlite3'}")
    store.create_schema()
    learner_id = store.create_learner()
    store.save_state(learner_id, "standaard", {"n": 0})
    assert store._writers.path == f"{tmp_path / 'store.sqlite3'}.write-lock"

    spawn = multiprocessing.get_context("spawn")
    ready, release = spawn.Event(), spawn.Event()
    other = spawn.Process(target=_hold_write_lock, args=(store._writers.path, ready, release))
    other.start()
    try:
        assert ready.wait(20)
        done = threading.Event()
        writer = threading.Thread(
            target=lambda: (store.mutate_state(learner_id, lambda d: d.update(n=1)), done.set())
        )
        writer.start()
        assert not done.wait(0.5), "the write went ahead while another process held the lock"
        release.set()
        assert done.wait(10), "the write did not go on when the other process let go"
        writer.join()
    finally:
        release.set()
        other.join(10)
    assert store.load_state(learner_id)[1]["n"] == 1
    store.engine.dispose()


def _add_many(url: str, learner_id: str, times: int) -> None:
    store = Store(url)
    for _ in range(times):
        store.mutate_state(learner_id, lambda d: d.update(n=d["n"] + 1))
    store.engine.dispose()


def test_two_processes_writing_lose_no_update(tmp_path):
    import multiprocessing

    url = f"sqlite:///{tmp_path / 'store.sqlite3'}"
    store = Store(url)
    store.create_schema()
    learner_id = store.create_learner()
    store.save_state(learner_id, "standaard", {"n": 0})
    spawn = multiprocessing.get_context("spawn")
    workers = [spawn.Process(target=_add_many, args=(url, learner_id, 40)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    assert store.load_state(learner_id)[1]["n"] == 80
    store.engine.dispose()


def test_state_and_progress_are_written_only_over_the_version_read(store):
    """The prebuilt updates (tables.UPDATE_STATE, UPDATE_PROGRESS): the row of this learner
    and lesson only, over the version read; an older version is a Conflict that keeps all."""
    from simulator.store import Conflict

    learner, other = store.create_learner(), store.create_learner()
    store.save_state(learner, "standaard", {"count": 1})
    store.save_state(other, "standaard", {"count": 7})
    store.save_progress(learner, "inburgeren", {"part": 1})
    store.save_progress(learner, "facturen", {"part": 5})
    state, rows = store.state_row(learner), store.progress_rows(learner)
    with store.write() as conn:
        assert store.put_state(conn, learner, {"count": 2}, state.version) == state.version + 1
        version = rows["inburgeren"].version
        assert store.put_progress(conn, learner, "inburgeren", {"part": 2}, version) == version + 1
    for stale in (
        lambda conn: store.put_state(conn, learner, {"count": 3}, state.version),
        lambda conn: store.put_progress(conn, learner, "inburgeren", {"part": 3}, version),
    ):
        with pytest.raises(Conflict), store.write() as conn:
            stale(conn)
    assert store.state_row(learner).data == {"count": 2}
    assert store.state_row(learner).version == state.version + 1
    assert store.state_row(other).data["count"] == 7  # another learner's row untouched
    after = store.progress_rows(learner)
    assert after["inburgeren"].data == {"part": 2} and after["inburgeren"].version == version + 1
    assert after["facturen"].data == {"part": 5}  # another lesson's row untouched
    assert after["facturen"].version == rows["facturen"].version


def test_a_commits_first_write_checks_the_latest_event_in_the_same_statement(store):
    """put_state, insert_event and put_progress with `latest_id` (learner._write_unit's first
    write): written while that is still the learner's latest event, a Conflict that writes
    nothing when another event came after it (or it is one from the future); another learner's
    events change nothing. A new progress or state row checks it with a statement of its own."""
    from simulator.store import Conflict

    learner, other = store.create_learner(), store.create_learner()
    store.save_state(learner, "standaard", {"count": 1})
    store.save_progress(learner, "inburgeren", {"part": 1})
    first = store.add_event(learner, "page", "mijn.home")
    store.add_event(other, "page", "ind.home")
    state, rows = store.state_row(learner), store.progress_rows(learner)
    version = rows["inburgeren"].version
    at = datetime(2026, 12, 3, 17, 0, 0, 500000)

    def run(write) -> list[str]:
        statements = []

        def note(conn, cursor, statement, *_args):
            statements.append(statement.split()[0].upper())

        sa.event.listen(store.engine, "before_cursor_execute", note)
        try:
            with store.write() as conn:
                write(conn)
        finally:
            sa.event.remove(store.engine, "before_cursor_execute", note)
        return [word for word in statements if word != "BEGIN"]

    def state_write(conn):
        state.version = store.put_state(conn, learner, {"count": 2}, state.version, first)

    def progress_write(conn):
        store.put_progress(conn, learner, "inburgeren", {"part": 2}, version, first)

    assert run(state_write) == ["UPDATE"]  # one statement: the change and the check
    assert run(progress_write) == ["UPDATE"]
    second = None

    def event_write(conn):
        nonlocal second
        second = store.insert_event(conn, learner, "action", "x", None, None, at, first)

    assert run(event_write) == ["INSERT"]
    assert second == store.last_event_id(learner) > first
    assert store.list_events(learner)[-1]["created_at"] == at
    # `first` is no longer the latest: each of them refuses and writes nothing
    stale = [
        lambda conn: store.put_state(conn, learner, {"count": 3}, state.version, first),
        lambda conn: store.put_progress(conn, learner, "inburgeren", {"part": 3}, 2, first),
        lambda conn: store.insert_event(conn, learner, "page", "y", None, None, at, first),
        lambda conn: store.insert_event(conn, learner, "page", "y", None, None, at, second + 9),
        lambda conn: store.put_progress(conn, learner, "facturen", {"part": 0}, None, first),
    ]
    for write in stale:
        with pytest.raises(Conflict):
            run(write)
    assert store.state_row(learner).data == {"count": 2}
    assert store.load_progress(learner) == {"inburgeren": {"part": 2}}
    assert [e["id"] for e in store.list_events(learner)][-2:] == [first, second]
    # a new progress row: the check is a statement of its own, then the insert
    new_row = lambda conn: store.put_progress(conn, learner, "facturen", {"part": 0}, None, second)  # noqa: E731
    assert run(new_row) == ["SELECT", "INSERT"]
    assert store.load_progress(learner)["facturen"] == {"part": 0}


def test_postgres_commits_do_not_wait_for_the_disk_unless_the_url_asks(pg_database):
    """synchronous_commit is off for the simulator's connections (docs/OPERATIONS.md), and on
    again when the database URL brings its own options; writes and reads work either way."""
    for url, expected in (
        (pg_database, "off"),
        (f"{pg_database}?options=-c%20synchronous_commit%3Don", "on"),
    ):
        store = Store(url)
        try:
            store.create_schema()
            for connection in (store.read, store.write):
                with connection() as conn:
                    assert conn.exec_driver_sql("SHOW synchronous_commit").scalar() == expected
            learner = store.create_learner()
            store.save_state(learner, "standaard", {"count": 1})
            assert store.load_state(learner)[1]["count"] == 1
        finally:
            store.engine.dispose()


def test_learner_rows_read_state_progress_and_latest_event_in_one_go(store):
    """learner_rows gives what state_row, progress_rows and last_event_id give, for this
    learner only; a learner without any of them gets (None, {}, 0)."""
    learner, other, empty = store.create_learner(), store.create_learner(), store.create_learner()
    store.save_state(learner, "standaard", {"count": 1, "naam": "Ahmed"})
    store.save_state(other, "ander", {"count": 9})
    store.save_progress(learner, "inburgeren", {"part": 2, "answers": {"a": "3.300,00"}})
    store.save_progress(learner, "facturen", {"part": 0})
    store.save_progress(other, "inburgeren", {"part": 7})
    store.add_event(learner, "page", "mijn.home")
    last = store.add_event(learner, "action", "mijn.factuur.accept", {"invoice": "F1"})
    store.add_event(other, "page", "ind.home")
    with store.read() as conn:
        state, rows, latest = store.learner_rows(learner, conn)
        assert store.learner_rows(empty, conn) == (None, {}, 0)
    assert state == store.state_row(learner)
    assert rows == store.progress_rows(learner) and set(rows) == {"inburgeren", "facturen"}
    assert rows["inburgeren"].data["answers"] == {"a": "3.300,00"}
    assert latest == last == store.last_event_id(learner)
