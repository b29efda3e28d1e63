"""The current learner of a request and the request's one unit of work.

A request reads the learner's sandbox state and lesson progress at most once, and collects
what it changes: the state (`mutate`, `reset`), what happened (`record_page`,
`record_action`) and lesson progress (`put_progress`, used by lessons.tracker). `commit()`
writes all of it in one transaction: the state over the version it read, the events, then the
commit hooks and the progress rows over their versions. The lesson runner evaluates the
current step against the new events and state before the transaction (a prepare hook: its
reads and its Python outside the write lock, which a SQLite database has one of); the
commit's first write checks that no other request of the learner wrote an event meanwhile, in
the same statement, and the commit hook fills in the ids the events got. A request that
records one page view or action and changes nothing else (most of them) writes its event with
one statement that also makes that check (`_write_one_event`). `render_page` commits before
it renders, so the page shows the step it caused; whatever is left is committed when the
request ends (an error page — refused, not found, a server error — discards it). When another
request wrote first (a newer version, a newer event), `Conflict` ends the attempt and flow.py
runs the whole request again on a fresh read, a few times, before it answers 409 with a
Dutch page: nothing is ever half-done. Templates only read.

A visitor who has done nothing yet has no learner: pages are rendered from the default
scenario's initial state, nothing is recorded and no session is stored. The learner (row,
state and session) is made by the first change in a request that may make one: any POST
(past the CSRF check), or a view that calls `ensure()` (the language switch).
"""

from __future__ import annotations

import json
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import Flask, current_app, g, request, session

from simulator import clock, registry, security
from simulator.redirects import safe_next
from simulator.store import ProgressRow, StateRow, Store, newer_event

log = logging.getLogger(__name__)

PURGE_EVERY_SECONDS = 3600


@dataclass
class Unit:
    """What one request read and changed; lives in `g` for the request."""

    learner_id: str | None
    is_new: bool = False  # made in this request: the row is inserted by the commit
    state: StateRow | None = None  # version None: not in the store yet
    state_dirty: bool = False
    events: list[tuple] = field(default_factory=list)  # (kind, name, params, url)
    progress: dict[str, ProgressRow] | None = None  # version 0: not in the store yet
    progress_dirty: set[str] = field(default_factory=set)
    cache: dict = field(default_factory=dict)  # what hooks read, for the page to reuse
    #: other rows this request changes (the classroom's), written in the commit's transaction
    writes: list[Callable[[sa.Connection], None]] = field(default_factory=list)
    session_before: dict | None = None  # the session before this unit first changed it
    rotate_session: bool = False
    events_at: datetime | None = None  # when the commit's events happened (set by commit)
    #: the learner's latest event when a prepare hook read the events, before the write lock;
    #: the commit's first write checks it is still the latest (else the request runs again)
    read_event_id: int | None = None
    #: the learner's latest event when the request read its rows (None: not read, or a
    #: commit of this request came after); a prepare hook may start from it
    last_event_read: int | None = None

    @property
    def dirty(self) -> bool:
        """True when the commit has something to write."""
        return bool(
            self.state_dirty
            or self.events
            or self.progress_dirty
            or self.writes
            or self.is_new
            or self.rotate_session
        )


def store() -> Store:
    """The app's store."""
    return current_app.extensions["store"]


def scenarios() -> dict:
    """Scenario objects by id (validated at start-up; read-only)."""
    return current_app.extensions["scenarios"]


def unit() -> Unit:
    """This request's unit of work (made on first use)."""
    if "unit" not in g:
        g.unit = Unit(learner_id=session.get("learner_id"))
    return g.unit


def current_id() -> str | None:
    """The learner id of this browser, or None for a visitor who has done nothing yet."""
    return unit().learner_id


def may_make_learner() -> bool:
    """A request that changes something may make the learner: not a GET of a page."""
    return request.method not in ("GET", "HEAD", "OPTIONS")


def ensure() -> str:
    """The learner id, making a new learner (saved by the commit) when there is none."""
    work = unit()
    if work.session_before is None:  # everything that changes the session comes here first
        work.session_before = dict(session)
    if work.learner_id is None:
        work.learner_id = secrets.token_hex(16)
        work.is_new = True
        if work.progress is None:
            work.progress = {}
        session["learner_id"] = work.learner_id
        session["csrf_token"] = security.token_for_new_session()
    return work.learner_id


def _initial_state(scenario_id: str) -> dict:
    """A fresh copy of a scenario's initial state (serialised once per app)."""
    cache = current_app.extensions.setdefault("initial_states", {})
    if scenario_id not in cache:
        cache[scenario_id] = json.dumps(scenarios()[scenario_id].initial_state())
    return json.loads(cache[scenario_id])


def _state_row() -> StateRow:
    work = unit()
    if work.state is None:
        row = None
        if work.learner_id is not None and not work.is_new:
            with store().read() as conn:  # state, progress and the latest event: one query
                row, progress, work.last_event_read = store().learner_rows(work.learner_id, conn)
                if work.progress is None:
                    work.progress = progress
        if row is None:
            default = current_app.config["DEFAULT_SCENARIO"]
            row = StateRow(default, _initial_state(default), None)
        work.state = row
    return work.state


def state() -> dict:
    """The learner's sandbox state, read once per request (a visitor sees the default world)."""
    return _state_row().data


def mutate(change: Callable[[dict], object], event: tuple | None = None) -> object:
    """Apply change(state) in this request's unit of work; returns what change returned.

    `event` = ("action", name, params) records what happened in the same unit. In a GET
    by a visitor without a learner the change only lives for this page (nothing is saved).
    """
    data = state()
    result = change(data)
    if unit().learner_id is not None or may_make_learner():
        ensure()
        unit().state_dirty = True
    if event is not None:
        kind, name, params = event
        _record(kind, name, params or {})
    return result


def reset(scenario_id: str | None = None) -> dict:
    """Return the fake world to its scenario (the current one unless another is named)."""
    all_scenarios = scenarios()
    if scenario_id is None:
        scenario_id = state().get("scenario")
        if scenario_id not in all_scenarios:
            scenario_id = current_app.config["DEFAULT_SCENARIO"]
    fresh = _initial_state(scenario_id)

    def replace(data: dict) -> None:
        data.clear()
        data.update(fresh)

    mutate(replace)
    return state()


def _record(kind: str, name: str, params: dict) -> None:
    if unit().learner_id is None and not may_make_learner():
        return  # a visitor looking around: nothing is recorded
    ensure()
    url = safe_next(request.full_path.rstrip("?"), None) if kind == "page" else None
    unit().events.append((kind, name, params, url))


def record_page(page_id: str, **params) -> None:
    """Log that the learner saw a page (page id must be declared in the registry)."""
    if page_id not in registry.PAGES:
        raise KeyError(f"undeclared page id {page_id!r}")
    _record("page", page_id, params)


def record_action(name: str, **params) -> None:
    """Log an action the learner did (action must be declared in the registry)."""
    if name not in registry.ACTIONS:
        raise KeyError(f"undeclared action {name!r}")
    _record("action", name, params)


# -- lesson progress (lessons.tracker keeps its meaning) ---------------------------------
def progress_rows() -> dict[str, ProgressRow]:
    """All lesson progress rows of the learner, read once per request."""
    work = unit()
    if work.progress is None and work.learner_id is not None:
        _state_row()  # the state, the progress and the latest event come in one query
    if work.progress is None:
        work.progress = {} if work.learner_id is None else store().progress_rows(work.learner_id)
    return work.progress


def put_progress(lesson_id: str, data: dict) -> None:
    """Change one lesson's progress in this unit (written by the commit, version-checked)."""
    rows = progress_rows()
    row = rows.get(lesson_id)
    if row is not None and row.data == data:
        return
    ensure()
    rows[lesson_id] = ProgressRow(data, row.version if row else 0)
    unit().progress_dirty.add(lesson_id)


def fingerprint() -> tuple | None:
    """Store.fingerprint of the rows this request holds, after its commit: its state and
    progress versions and the last event it wrote; None when that is not known without a
    query (changes not yet committed, no event written).

    Made from what the request read and wrote, never from a later read: it equals the stored
    fingerprint only while the store still holds exactly these rows and no newer event, so a
    page's panel tagged with it is the panel the status poll would answer then.
    """
    work = g.get("unit")
    if work is None or work.learner_id is None or work.dirty:
        return None
    ids = work.cache.get("new_event_ids")
    if not ids or work.state is None or not work.progress:
        return None
    versions = tuple(sorted((lesson_id, row.version) for lesson_id, row in work.progress.items()))
    return (work.state.version, max(ids), versions)


def rotate_session() -> None:
    """A new session id and CSRF token (at login and "Begin opnieuw"); the learner stays."""
    ensure()
    unit().rotate_session = True
    session["csrf_token"] = secrets.token_urlsafe(32)


# -- the commit ---------------------------------------------------------------------------
def commit() -> None:
    """Write what this request changed in one transaction; raises store.Conflict."""
    work = g.get("unit")
    if work is None or not work.dirty:
        return
    db = store()
    new_sid = _new_session_id() if work.rotate_session else None
    row = _state_row()
    progress_rows()  # read before the write lock: the hooks must not open a second connection
    work.events_at = clock.utcnow()
    work.read_event_id = None
    for prepare in current_app.extensions["prepare_hooks"]:
        prepare(work)  # outside the lock: reads, and changes to this unit only
    if _only_one_event(work, row, new_sid):
        _write_one_event(db, work)
    else:
        _write_unit(db, work, row, new_sid)
    made_learner = work.is_new
    work.is_new, work.state_dirty = False, False
    work.last_event_read = None  # this commit wrote events: a next one reads again
    work.events, work.progress_dirty = [], set()
    if new_sid:
        _apply_session_id(new_sid)
        work.rotate_session = False
    _refresh_session_daily()
    work.session_before = dict(session)
    if made_learner:
        _purge_hourly()


def _only_one_event(work: Unit, row: StateRow, new_sid: str | None) -> bool:
    """True when the unit writes one event and nothing else, and the lesson's step was
    evaluated before the lock on the events up to `read_event_id` (a prepare hook)."""
    return (
        len(work.events) == 1
        and work.read_event_id is not None
        and not (work.is_new or new_sid or work.state_dirty or row.version is None)
        and not (work.progress_dirty or work.writes)
    )


def _write_one_event(db: Store, work: Unit) -> None:
    """Write the unit's one event in one statement, if no other request of the learner wrote an
    event since `read_event_id`: then what was evaluated before the lock holds, and the commit
    hooks run after it without a connection (with nothing else dirty they have nothing to
    write; the lesson's hook fills in the event's id). When another event came first, nothing
    is written and the request runs again on a fresh read (Conflict, flow.py)."""
    kind, name, params, url = work.events[0]
    event_id = db.insert_event_if_latest(
        work.learner_id, work.read_event_id, kind, name, params, url, work.events_at
    )
    if event_id is None:
        raise newer_event(work.learner_id, work.read_event_id)
    work.cache["new_event_ids"] = [event_id]
    for hook in current_app.extensions["commit_hooks"]:
        hook(None, work)


def _write_unit(db: Store, work: Unit, row: StateRow, new_sid: str | None) -> None:
    """Write everything the unit changed in one transaction (the commit hooks' rows too).

    A prepare hook evaluated the lesson's step on the learner's events up to `read_event_id`:
    the first write that can carry it checks that this is still their latest event (the state
    over its version, the first event, else the first progress row). When another request of
    the learner wrote an event meanwhile, it raises Conflict and the request runs again on a
    fresh read (flow.py), so the hooks run on what holds."""
    check = None if work.is_new else work.read_event_id  # not yet checked
    with db.write() as conn:
        if work.is_new:
            db.insert_learner(conn, work.learner_id, new_sid or session.sid)
        elif row.version is None or new_sid:  # writes that cannot carry the check: first
            if check is not None:
                db.check_latest_event(conn, work.learner_id, check)
                check = None
            if row.version is None:  # an old learner without state, or an outlived session
                db.ensure_learner(conn, work.learner_id, new_sid or session.sid)
            if new_sid:
                db.set_session_id(conn, work.learner_id, new_sid)
        if work.state_dirty or row.version is None:  # a learner always has a state row
            row.version = db.put_state(conn, work.learner_id, row.data, row.version, check)
            check = None
        ids = []
        for kind, name, params, url in work.events:
            ids.append(
                db.insert_event(
                    conn, work.learner_id, kind, name, params, url, work.events_at, check
                )
            )
            check = None
        work.cache["new_event_ids"] = ids
        for hook in current_app.extensions["commit_hooks"]:
            hook(conn, work)
        for lesson_id in sorted(work.progress_dirty):
            lesson_row = work.progress[lesson_id]
            lesson_row.version = db.put_progress(
                conn, work.learner_id, lesson_id, lesson_row.data, lesson_row.version or None, check
            )
            check = None
        # still unchecked: nothing written depends on the step's evaluation (no event, no
        # state, no progress of this request: another request's event changes nothing here)


def discard() -> None:
    """Forget this request's unread changes (after a conflict or an error)."""
    work = g.pop("unit", None)
    if (
        work is not None
        and work.session_before is not None
        and dict(session) != work.session_before
    ):
        session.clear()
        session.update(work.session_before)


def _new_session_id() -> str:
    return secrets.token_urlsafe(current_app.session_interface.sid_length)


def _apply_session_id(new_sid: str) -> None:
    """The session moves to its new id: the old one is deleted from the session store."""
    interface = current_app.session_interface
    interface._delete_session(interface._get_store_id(session.sid))
    session.sid = new_sid
    session.modified = True


def _refresh_session_daily() -> None:
    """Keep an active learner's session from expiring: rewritten at most once a day."""
    today = clock.today().isoformat()
    if session.get("seen") != today:
        session["seen"] = today


def _end_of_request(response):
    """Commit what is left (a form with errors keeps what it noted, e.g. a wrong try);
    an error page (errors.py) or a server error has discarded it already."""
    if response.status_code >= 500:
        discard()
    else:
        commit()
    return response


def _purge_hourly() -> None:
    """New learners keep coming: clear out the idle ones at most once an hour per worker."""
    app = current_app._get_current_object()
    if clock.timestamp() - app.extensions.get("purged_at", 0) >= PURGE_EVERY_SECONDS:
        try:
            purge_anonymous(app)
        except Exception:  # the learner's own request has succeeded: never fail it for this
            log.exception("Purging idle anonymous learners failed")


def purge_anonymous(app: Flask, days: float | None = None) -> int:
    """Delete idle anonymous learners without lesson progress, with their sessions."""
    app.extensions["purged_at"] = clock.timestamp()
    days = app.config["PURGE_ANONYMOUS_AFTER_DAYS"] if days is None else days
    cutoff = clock.utcnow() - timedelta(days=float(days))
    session_ids = app.extensions["store"].purge_anonymous(cutoff)
    interface = app.session_interface
    for sid in filter(None, session_ids):
        try:
            interface._delete_session(interface._get_store_id(sid))
        except Exception:  # a session store that is away must not stop the purge
            log.warning("Session of a purged learner could not be deleted", exc_info=True)
    return len(session_ids)


def init_app(app: Flask) -> None:
    """Commit at the end of each request; hooks are added by the lessons (tracker)."""
    app.extensions.setdefault("commit_hooks", [])
    app.extensions.setdefault("prepare_hooks", [])
    app.after_request(_end_of_request)
