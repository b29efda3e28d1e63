"""A request that records one page view or action and changes nothing else writes that event
with one statement, which also checks that no other request of the learner wrote an event
since the lesson step was evaluated (learner._write_one_event); when one did, nothing is
written and the request runs again on a fresh read. SQLite and PostgreSQL."""

from __future__ import annotations

import sqlalchemy as sa
from flask import request

from tests.client.test_concurrency import app  # noqa: F401  (fixture: SQLite and PostgreSQL)
from tests.client.test_flow import skip_to
from tests.client.test_step_before_lock import another_tab_writes_once
from tests.conftest import learner_id, text

M = "/sites/mijn.inburgeren.nl"


class Seen:
    """The statements the store runs, and whether a transaction was open around each one."""

    def __init__(self, engine: sa.Engine):
        self.engine = engine
        self.statements: list[tuple[str, bool]] = []
        sa.event.listen(engine, "before_cursor_execute", self._note)

    def _note(self, conn, cursor, statement, *_args) -> None:
        driver = conn.connection.driver_connection
        if hasattr(driver, "info"):  # psycopg: the server's own view of the connection
            in_transaction = driver.info.transaction_status != 0  # 0: idle, no transaction
        else:  # sqlite3
            in_transaction = driver.in_transaction or statement.startswith("BEGIN")
        self.statements.append((statement.strip(), in_transaction))

    def stop(self) -> None:
        sa.event.remove(self.engine, "before_cursor_execute", self._note)

    @property
    def words(self) -> list[str]:
        return [s.split()[0].upper() for s, _ in self.statements]


def test_a_page_view_that_moves_no_step_writes_its_event_in_one_statement(
    app,  # noqa: F811
    logged_in,
    client,
):
    store = app.extensions["store"]
    skip_to(logged_in, app, "mijn-inburgering", "email")
    client.get(M + "/")  # notes the activity (at most once a minute) and shows the notices
    lid = learner_id(client)
    before = [e["id"] for e in store.list_events(lid)]
    seen = Seen(store.engine)
    page = client.get(M + "/lening")
    seen.stop()
    assert page.status_code == 200 and "Stap 4 van 5" in text(page)
    if store.is_sqlite:  # in SQLite's write lock (BEGIN IMMEDIATE), the one statement
        assert seen.words == ["SELECT", "SELECT", "BEGIN", "INSERT"], seen.statements
    else:  # PostgreSQL: no BEGIN or COMMIT, and the insert runs outside any transaction
        assert seen.words == ["SELECT", "SELECT", "INSERT"], seen.statements
        assert seen.statements[-1][1] is False
    insert = seen.statements[-1][0]
    assert insert.startswith("INSERT INTO events") and "max(events.id)" in insert
    events = store.list_events(lid)
    assert [e["id"] for e in events[:-1]] == before
    assert (events[-1]["kind"], events[-1]["name"]) == ("page", "mijn.lening")
    assert events[-1]["url"] == M + "/lening"
    # the step stayed where it was, and a second view is written the same way
    assert "Stap 4 van 5" in text(client.get(M + "/lening"))
    assert [e["name"] for e in store.list_events(lid)[-2:]] == ["mijn.lening", "mijn.lening"]


def test_a_page_view_whose_step_reads_no_events_takes_two_connections(
    app,  # noqa: F811
    logged_in,
    client,
):
    """A lesson on a part that is not a step (its first text) needs no stored events: the
    page view reads the learner and writes its event, and takes no third connection from
    the pool for the step (Store.read_when_needed)."""
    store = app.extensions["store"]
    logged_in.post("/les/mijn-inburgering/begin", form_url="/")
    client.get(M + "/")  # notes the activity (at most once a minute) and shows the notices
    checkouts = []

    def note(*_args) -> None:
        checkouts.append(request.path)

    sa.event.listen(store.engine, "checkout", note)
    seen = Seen(store.engine)
    try:
        page = client.get(M + "/facturen")
    finally:
        seen.stop()
        sa.event.remove(store.engine, "checkout", note)
    assert page.status_code == 200 and "Mijn facturen" in text(page)
    assert [w for w in seen.words if w != "BEGIN"] == ["SELECT", "INSERT"], seen.statements
    assert checkouts == [M + "/facturen"] * 2


def test_when_another_tab_writes_first_the_request_runs_again_and_writes_its_event_once(
    app,  # noqa: F811
    logged_in,
    client,
):
    """Another tab's event lands after the step was evaluated: the one statement writes nothing,
    the request runs again on a fresh read and writes the page view once, after the other
    tab's event, with the step evaluated on both (the other tab's page view is the one the
    step waits for)."""
    store = app.extensions["store"]
    lesson = app.extensions["lessons"].get("inburgeren")
    skip_to(logged_in, app, "inburgeren", "naar-inburgeren")
    lid = learner_id(client)
    before = len(store.list_events(lid))

    seen = Seen(store.engine)
    try:
        with another_tab_writes_once(app, lid, "inburgeren.home") as attempts:
            page = text(client.get("/sites/digid.nl/inloggen?dienst=duo"))
    finally:
        seen.stop()
    assert "Stap 8 van 9" in page
    names = [e["name"] for e in store.list_events(lid)[before:]]
    assert names == ["inburgeren.home", "digid.kies"], names
    inserts = [s for s, _ in seen.statements if s.startswith("INSERT INTO events")]
    # the other tab's, the first attempt's one statement (nothing), the second attempt's
    assert len(inserts) == 3
    assert len(attempts) == 2 and attempts[1] > attempts[0]
    progress = store.load_progress(lid)["inburgeren"]
    assert progress["part"] == lesson.index_of("naar-inburgeren") + 1
    assert progress["since"] == store.last_event_id(lid)


def test_a_click_on_volgende_checks_the_latest_event_in_its_progress_write(
    app,  # noqa: F811
    learner,
    client,
):
    """A unit that changes only progress (Volgende on a reading part) has no statement of its
    own to check that no other request wrote an event since the step was evaluated: the
    progress update carries the check (tables.UPDATE_PROGRESS_IF_LATEST). The learner is read
    once: state, progress and the latest event in one statement."""
    store = app.extensions["store"]
    learner.post("/les/inloggen/begin", form_url="/")
    lid = learner_id(client)
    part = store.load_progress(lid)["inloggen"]["part"]
    token = learner.csrf("/les/inloggen")
    seen = Seen(store.engine)
    try:
        client.post("/les/inloggen/volgende", data={"csrf_token": token})
    finally:
        seen.stop()
    assert store.load_progress(lid)["inloggen"]["part"] == part + 1
    statements = [s for s, _ in seen.statements if not s.startswith("BEGIN")]
    assert "UNION ALL" in statements[0]
    assert not any("UNION ALL" in s or "FROM progress" in s for s in statements[1:]), statements
    writes = [s for s in statements if not s.startswith("SELECT")]
    assert len(writes) == 1 and writes[0].startswith("UPDATE progress"), writes
    assert "max(events.id)" in writes[0]
    assert not any(s.startswith("SELECT coalesce(max(events.id)") for s in statements), statements


def test_a_form_posted_while_another_tab_wrote_runs_again_on_a_fresh_read(
    app,  # noqa: F811
    logged_in,
    client,
):
    """The state change of a form and its event: another tab's page view lands after this
    request evaluated the step, so the state update's check refuses; the request runs again
    and writes the change and its event once, after the other tab's event."""
    store = app.extensions["store"]
    skip_to(logged_in, app, "mijn-inburgering", "email")
    lid = learner_id(client)
    token = logged_in.csrf(M + "/")
    version = store.state_row(lid).version
    logout = lambda work: request.path == M + "/uitloggen"  # noqa: E731
    with another_tab_writes_once(app, lid, "mijn.lening", when=logout) as attempts:
        client.post(M + "/uitloggen", data={"csrf_token": token})
    assert len(attempts) == 2 and attempts[1] > attempts[0]
    assert store.state_row(lid).version == version + 1  # the change, once
    names = [e["name"] for e in store.list_events(lid)[-2:]]
    assert names[0] == "mijn.lening" and names[1] != "mijn.lening", names
