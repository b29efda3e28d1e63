"""The lesson step is evaluated before the write lock (tracker.prepare) and only confirmed
inside it (tracker.evaluate): it must give what evaluating inside the transaction gives.

- the events a step's checks see before the commit, with provisional ids, are the events the
  store gives once this request's events are written (every shape of query, SQLite and
  PostgreSQL);
- when another request of the learner writes an event between the two, the commit's first
  write refuses and the request runs again on a fresh read, which sees it.
"""

from __future__ import annotations

import random
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta

from simulator import learner as learner_mod
from simulator.lessons import tracker
from simulator.store import event_as_stored
from tests.client.test_concurrency import app  # noqa: F401  (fixture: SQLite and PostgreSQL)
from tests.client.test_lessons import skip_to
from tests.conftest import learner_id, text

NAMES = ["inburgeren.home", "mijn.home", "mijn.persoon", "digid.login", "factuur.accepteren"]


@dataclass
class Step:
    """A lesson step as _step_events_before sees it."""

    names: list[str] | None
    is_step: bool = True

    def watched_events(self):
        return self.names


def _event(rng: random.Random) -> tuple:
    kind = rng.choice(["page", "action"])
    params = rng.choice([{}, {"n": rng.randrange(3)}, {"key": (1, 2)}, {3: "x"}])
    url = f"/sites/x/{rng.randrange(9)}" if kind == "page" else None
    return kind, rng.choice(NAMES), params, url


@contextmanager
def another_tab_writes_once(
    flask_app, learner_id: str, name: str, when=lambda work: bool(work.events)
):
    """In the learner's request, after the step was evaluated and before the commit (a prepare
    hook), another tab of theirs writes one page view `name`, in the first attempt only.
    Yields the `read_event_id` of every attempt the request makes."""
    attempts: list[int] = []

    def other_tab(work):
        if work.learner_id == learner_id and when(work):
            attempts.append(work.read_event_id)
            if len(attempts) == 1:
                flask_app.extensions["store"].add_event(learner_id, "page", name)

    flask_app.extensions["prepare_hooks"].append(other_tab)
    try:
        yield attempts
    finally:
        flask_app.extensions["prepare_hooks"].remove(other_tab)


def _rows(events: list[dict]) -> list[tuple]:
    return [(e["id"], e["kind"], e["name"], e["params"], e["url"], e["created_at"]) for e in events]


def test_events_before_the_commit_are_those_the_store_gives_after_it(app):  # noqa: F811
    store = app.extensions["store"]
    rng = random.Random(9)
    start = datetime(2026, 12, 3, 8, 0, 0, 123456)
    for case in range(120):
        lid = f"case{case:04d}"
        with store.write() as conn:
            store.insert_learner(conn, lid, None)
            for number in range(rng.randrange(0, 9)):
                kind, name, params, url = _event(rng)
                when = start + timedelta(seconds=number)
                store.insert_event(conn, lid, kind, name, params, url, when)
        old_ids = [e["id"] for e in store.list_events(lid)]
        new = [_event(rng) for _ in range(rng.randrange(0, 4))]
        names = None if rng.random() < 0.2 else rng.sample(NAMES, rng.randrange(0, 3))
        since_at = rng.randrange(-1, len(old_ids) + len(new))  # -1: before every event
        work = learner_mod.Unit(lid)
        work.events_at = start + timedelta(minutes=5)
        work.read_event_id = old_ids[-1] if old_ids else 0  # as prepare reads it
        provisional = [
            event_as_stored(tracker.PROVISIONAL + i, kind, name, params, url, work.events_at)
            for i, (kind, name, params, url) in enumerate(new)
        ]
        ids = old_ids + [e["id"] for e in provisional]
        since = 0 if since_at < 0 else ids[since_at]
        with app.app_context(), store.read() as conn:
            before = tracker._step_events_before(conn, work, Step(names), since, provisional)
        with store.write() as conn:
            real = [
                store.insert_event(conn, lid, kind, name, params, url, work.events_at)
                for kind, name, params, url in new
            ]
        for event in provisional:
            event["id"] = real[event["id"] - tracker.PROVISIONAL]
        if since >= tracker.PROVISIONAL:
            since = real[since - tracker.PROVISIONAL]
        after = store.list_events(lid, since, names=names, from_id=min(real) if real else None)
        assert _rows(before) == _rows(after), (case, names, since, new)


def test_an_event_written_meanwhile_is_seen_by_the_step(app, learner, client):  # noqa: F811
    """Another tab of the learner writes the page view the step waits for after this request
    evaluated the step but before its transaction: this request's commit finds the newer
    event, the request runs again (flow.py) and the step moves on in it."""
    skip_to(learner, "inburgeren", "naar-inburgeren", app)
    lid = learner_id(client)
    store = app.extensions["store"]
    lesson = app.extensions["lessons"].get("inburgeren")

    with another_tab_writes_once(app, lid, "inburgeren.home") as attempts:
        page = text(client.get("/sites/digid.nl/inloggen?dienst=duo"))
    assert "Stap 8 van 9" in page
    assert len(attempts) == 2 and attempts[1] > attempts[0]  # run again, after the other event
    progress = store.load_progress(lid)["inburgeren"]
    assert progress["part"] == lesson.index_of("naar-inburgeren") + 1
    # the step began after the last event of that request: its own page view
    assert progress["since"] == store.last_event_id(lid)
    assert store.list_events(lid)[-1]["name"] != "inburgeren.home"


def test_without_other_requests_the_step_is_evaluated_once(
    app,  # noqa: F811
    learner,
    client,
    monkeypatch,
):
    """The page view that moves the step on: evaluated once, before the lock, its event's id
    filled in after (the step begins after it)."""
    skip_to(learner, "inburgeren", "naar-inburgeren", app)
    lid = learner_id(client)
    store = app.extensions["store"]
    runs = []
    real_run_step = tracker._run_step
    monkeypatch.setattr(tracker, "_run_step", lambda *a: runs.append(a) or real_run_step(*a))
    page = text(client.get("/sites/www.inburgeren.nl/"))
    assert "Stap 8 van 9" in page
    assert len(runs) == 1
    progress = store.load_progress(lid)["inburgeren"]
    assert progress["since"] == store.last_event_id(lid) < tracker.PROVISIONAL
    assert store.list_events(lid)[-1]["name"] == "inburgeren.home"
