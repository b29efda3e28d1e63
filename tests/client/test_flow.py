"""How a request flows: what it writes (counted in SQL), what a visitor leaves, the status poll,
conflicts, the first act, CSRF before and after a session, session ids and the purge."""

from __future__ import annotations

import html
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import quote

import pytest
import sqlalchemy as sa

from simulator import clock, create_app, store
from simulator.lessons import poll
from tests.conftest import Learner, learner_id, text

M = "/sites/mijn.inburgeren.nl"


class Statements:
    """Every SQL statement the app's store runs while counting."""

    def __init__(self, engine: sa.Engine):
        self.seen: list[str] = []
        self.counting = False
        sa.event.listen(engine, "before_cursor_execute", self._note)

    def _note(self, _conn, _cursor, statement, *_args) -> None:
        if self.counting:
            self.seen.append(statement.strip())

    def during(self, action):
        self.seen, self.counting = [], True
        try:
            return action()
        finally:
            self.counting = False

    @property
    def writes(self) -> list[str]:
        return [s for s in self.seen if s.split()[0].upper() in ("INSERT", "UPDATE", "DELETE")]


@pytest.fixture
def sql(app) -> Statements:
    return Statements(app.extensions["store"].engine)


def session_files(app) -> list[Path]:
    """The session files (cachelib keeps one more file of its own: the count)."""
    cache = app.config["SESSION_CACHELIB"]
    count_file = Path(cache._get_filename(cache._fs_count_file))
    folder = Path(app.config["SESSION_CACHE_DIR"])
    return [p for p in folder.iterdir() if p.is_file() and p != count_file]


def database_snapshot(app) -> tuple:
    """Every row count and version sum a write would change."""
    with app.extensions["store"].engine.connect() as conn:
        return conn.execute(
            sa.text(
                "SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM learners),"
                " (SELECT SUM(version) FROM sandbox_states), (SELECT SUM(version) FROM progress),"
                " (SELECT COUNT(*) FROM progress)"
            )
        ).one()


def learner_count(app) -> int:
    with app.extensions["store"].engine.connect() as conn:
        return conn.execute(sa.text("SELECT COUNT(*) FROM learners")).scalar_one()


def skip_to(learner, app, lesson_id: str, part_id: str) -> None:
    learner.post(f"/les/{lesson_id}/begin", form_url="/")
    lesson = app.extensions["lessons"].get(lesson_id)
    db, who = app.extensions["store"], learner_id(learner.client)
    data = db.load_progress(who)[lesson_id]
    data.update(part=lesson.index_of(part_id), since=db.last_event_id(who))
    db.save_progress(who, lesson_id, data)


# -- what a request writes --------------------------------------------------------------
def test_a_page_view_that_moves_no_step_writes_one_row_the_event(logged_in, client, app, sql):
    skip_to(logged_in, app, "mijn-inburgering", "email")
    client.get(M + "/")  # notes the activity (at most once a minute) and shows the notices
    page = sql.during(lambda: client.get(M + "/lening"))
    assert page.status_code == 200 and "Stap 4 van 5" in text(page)  # the panel is there
    assert len(sql.writes) == 1 and sql.writes[0].startswith("INSERT INTO events")
    assert logged_in.events(app)[-1]["name"] == "mijn.lening"
    # it reads the learner once (state, progress and the latest event in one statement,
    # tables.LEARNER_ROWS) and the step's events; then, in SQLite's write lock, one insert
    # that also checks no other request of the learner wrote an event meanwhile
    first = [s.split()[0].upper() for s in sql.seen]
    assert first == ["SELECT", "SELECT", "BEGIN", "INSERT"], sql.seen
    assert "UNION ALL" in sql.seen[0] and "FROM events" in sql.seen[1]
    assert "max(events.id)" in sql.seen[3]


def test_a_page_view_that_moves_the_step_writes_event_and_progress_together(
    logged_in, client, app, sql
):
    skip_to(logged_in, app, "inburgeren", "naar-inburgeren")
    page = sql.during(lambda: client.get("/sites/www.inburgeren.nl/"))
    assert "Stap 8 van 9" in text(page)
    assert [w.split()[0:3] for w in sql.writes] == [
        ["INSERT", "INTO", "events"],
        ["UPDATE", "progress", "SET"],
    ]


def test_time_on_a_step_counts_every_request_without_a_write_per_request(
    logged_in, client, app, sql
):
    with clock.frozen(clock.now()):
        skip_to(logged_in, app, "inburgeren", "naar-inburgeren")
        for seconds, url in ((30, "/sites/ind.nl/"), (60, M + "/"), (80, M + "/lening")):
            with clock.advance(timedelta(seconds=seconds)):
                sql.during(lambda url=url: client.get(url))
                assert not [w for w in sql.writes if "progress" in w]  # no step moved
        with clock.advance(timedelta(seconds=150)):  # 70 s after the last page: 60 count
            assert "Stap 8 van 9" in text(client.get("/sites/www.inburgeren.nl/"))
    progress = app.extensions["store"].load_progress(learner_id(client))["inburgeren"]
    assert progress["seconds"] == 30 + 30 + 20 + 60


def test_the_status_poll_writes_nothing_and_answers_304_when_nothing_changed(
    logged_in, client, app, sql
):
    skip_to(logged_in, app, "mijn-inburgering", "email")
    url = "/les/status?page=mijn.persoon&next=/sites/mijn.inburgeren.nl/gegevens/persoon"
    first = sql.during(lambda: client.get(url))
    assert first.status_code == 200 and "Stap 4 van 5" in first.get_json()["html"]
    assert sql.writes == [] and first.headers["ETag"]
    assert first.headers["Cache-Control"] == "no-cache, private"
    before = database_snapshot(app), [(p, p.stat().st_mtime_ns) for p in session_files(app)]
    fast = app.wsgi_app
    while not isinstance(fast, poll.FastStatus):
        fast = fast.wsgi_app
    flask_calls, inner = [], fast.wsgi_app
    fast.wsgi_app = lambda environ, start: flask_calls.append(1) or inner(environ, start)
    for _ in range(20):
        again = sql.during(
            lambda: client.get(url, headers={"If-None-Match": first.headers["ETag"]})
        )
        assert again.status_code == 304 and again.get_data() == b""
        assert sql.writes == [] and "Set-Cookie" not in again.headers
    after = database_snapshot(app), [(p, p.stat().st_mtime_ns) for p in session_files(app)]
    assert after == before  # not a row, a version or a session file changed
    assert flask_calls == []  # answered before Flask opened the session
    fast.wsgi_app = inner
    post_url = M + "/gegevens/persoon/email"
    logged_in.post(
        post_url, {"email": "y@voorbeeld.nl", "email_herhaal": "y@voorbeeld.nl"}, form_url=post_url
    )
    moved = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert moved.status_code == 200 and "Stap 5 van 5" in moved.get_json()["html"]


def test_the_status_poll_answers_304_to_a_browser_that_accepts_gzip(logged_in, client, app):
    """A browser sends Accept-Encoding: gzip; the gzipped answer's tag comes back as it was
    received (W/"..."), and nothing changed: 304, before Flask and after it (a tag the fast
    path cannot read goes on to the view, which compares weakly too)."""
    skip_to(logged_in, app, "mijn-inburgering", "email")
    url = "/les/status?page=mijn.persoon&next=/sites/mijn.inburgeren.nl/gegevens/persoon"
    gzip = {"Accept-Encoding": "gzip, deflate, br"}
    first = client.get(url, headers=gzip)
    assert first.status_code == 200 and first.headers["Content-Encoding"] == "gzip"
    tag = first.headers["ETag"]
    assert tag.startswith('W/"')
    again = client.get(url, headers={**gzip, "If-None-Match": tag})
    assert again.status_code == 304 and again.headers["ETag"] == tag
    both = client.get(url, headers={**gzip, "If-None-Match": f'"other", {tag}'})
    assert both.status_code == 304


def test_the_first_status_poll_of_a_page_sends_the_pages_tag_and_gets_a_304(
    logged_in, client, app, sql
):
    """The page gives its panel's tag (data-status-tag) and lesson.js sends it with its first
    poll: nothing changed since the page, so that poll is a 304 too (it was a full panel on
    every page). Once something changes, the same tag gets the new panel."""
    skip_to(logged_in, app, "mijn-inburgering", "email")
    here = M + "/gegevens/persoon"
    page = text(client.get(here))
    tag = html.unescape(re.search(r'data-status-tag="([^"]+)"', page).group(1))
    assert tag.startswith('W/"')
    url = f"/les/status?page=mijn.persoon&next={quote(here, safe='')}"
    first = sql.during(lambda: client.get(url, headers={"If-None-Match": tag}))
    assert first.status_code == 304 and sql.writes == []
    # the view itself (a list of tags is not for the fast path) comes to the same tag
    assert client.get(url, headers={"If-None-Match": f'"x", {tag}'}).status_code == 304
    post_url = M + "/gegevens/persoon/email"
    logged_in.post(
        post_url, {"email": "y@voorbeeld.nl", "email_herhaal": "y@voorbeeld.nl"}, form_url=post_url
    )
    moved = client.get(url, headers={"If-None-Match": tag})
    assert moved.status_code == 200 and "Stap 5 van 5" in moved.get_json()["html"]


def test_a_page_gives_no_status_tag_it_cannot_vouch_for(logged_in, client, app):
    """The start page writes no event: its panel's tag would need a query, so it has none
    (its first poll gets the whole panel, as before)."""
    skip_to(logged_in, app, "mijn-inburgering", "email")
    page = text(client.get("/"))
    assert 'id="lesson-panel"' in page and 'data-status-tag=""' in page


def test_another_tabs_language_switch_reaches_the_panel(logged_in, client, app):
    skip_to(logged_in, app, "mijn-inburgering", "email")
    url = "/les/status?page=mijn.persoon"
    first = client.get(url)
    logged_in.post("/les/taal", {"taal": "en"}, form_url="/")
    moved = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert moved.status_code == 200 and "Step 4 of 5" in moved.get_json()["html"]


def test_a_status_tag_works_only_for_the_session_it_was_made_for(logged_in, client, app):
    skip_to(logged_in, app, "mijn-inburgering", "email")
    tag = client.get("/les/status?page=mijn.persoon").headers["ETag"]
    other = Learner(app.test_client())
    skip_to(other, app, "mijn-inburgering", "email")
    answer = other.client.get("/les/status?page=mijn.persoon", headers={"If-None-Match": tag})
    assert answer.status_code == 200 and answer.headers["ETag"] != tag
    forged = tag.rsplit(".", 1)[0] + ".0123456789abcdef01234567"
    answer = client.get("/les/status?page=mijn.persoon", headers={"If-None-Match": f'"{forged}"'})
    assert answer.status_code == 200


def test_the_idle_time_is_written_at_most_once_a_minute(logged_in, client, app, sql):
    client.get(M + "/")
    sql.during(lambda: client.get(M + "/facturen"))
    assert not [w for w in sql.writes if w.startswith("UPDATE sandbox_states")]
    with clock.advance(timedelta(seconds=61)):
        sql.during(lambda: client.get(M + "/facturen"))
    assert len([w for w in sql.writes if w.startswith("UPDATE sandbox_states")]) == 1


# -- a visitor who has done nothing yet -------------------------------------------------------
@pytest.mark.parametrize("url", ["/", "/static/css/base.css", "/bestaat-niet", M + "/x"])
def test_two_hundred_cookieless_visits_leave_no_learner_and_no_session(app, url):
    crawler = app.test_client(use_cookies=False)
    for _ in range(200):
        response = crawler.get(url)
        assert response.status_code in (200, 302, 404)
        assert not [c for c in response.headers.getlist("Set-Cookie") if "session=" in c]
    assert learner_count(app) == 0 and session_files(app) == []


def test_a_visitor_sees_the_default_world_and_nothing_is_recorded(app, client, sql):
    page = sql.during(lambda: client.get("/sites/mail.oefenpost.nl/bericht/MAIL001"))
    assert page.status_code == 200 and "Log in op Mijn Inburgering" in text(page)
    inbox = sql.during(lambda: client.get("/sites/mail.oefenpost.nl/"))
    assert "webmail__row--unread" in text(inbox)  # opening it changed nothing for good
    assert sql.writes == [] and learner_count(app) == 0 and session_files(app) == []


def test_the_first_act_makes_the_learner_state_and_session_in_one_go(app, client, learner):
    client.get("/")
    assert learner_count(app) == 0
    response = learner.post("/les/inburgeren/begin", form_url="/")
    assert response.status_code == 302
    who = learner_id(client)
    db = app.extensions["store"]
    assert db.learner_exists(who) and db.load_state(who)[0] == "standaard"
    assert db.load_progress(who)["_current"] == {"lesson": "inburgeren"}
    assert len(session_files(app)) == 1


def test_a_refused_post_makes_no_learner(app, client):
    client.get("/")
    assert client.post("/les/inburgeren/begin", data={"csrf_token": "vals"}).status_code == 400
    assert client.post("/bestaat-niet", data={}).status_code in (400, 404, 405)
    assert learner_count(app) == 0 and session_files(app) == []


@pytest.mark.parametrize("row", ["without state (schema 1)", "gone (purged)"])
def test_a_session_whose_learner_has_no_state_or_no_row_carries_on(app, client, learner, row):
    db = app.extensions["store"]
    who = db.create_learner() if row.startswith("without") else "f" * 32
    with client.session_transaction() as sess:
        sess["learner_id"] = who
        sess["csrf_token"] = "t" * 43
    assert "Bezig: stap" not in text(client.get("/"))  # a fresh start, nothing written
    response = client.post("/les/inburgeren/begin", data={"csrf_token": "t" * 43})
    assert response.status_code == 302
    assert db.learner_exists(who) and db.load_state(who)[0] == "standaard"
    assert db.load_progress(who)["_current"] == {"lesson": "inburgeren"}


# -- CSRF before and after the session ---------------------------------------------------------
def test_a_form_token_without_a_session_is_bound_to_the_visitors_cookie(app):
    one, other = app.test_client(), app.test_client()
    token = Learner(one).csrf("/")
    assert "oefen_csrf" in {c.key for c in one._cookies.values()}
    # Someone else's page token does not work in another browser (a cross-site form).
    refused = other.post("/les/inburgeren/begin", data={"csrf_token": token})
    assert refused.status_code == 400 and learner_count(app) == 0
    assert one.post("/les/inburgeren/begin", data={"csrf_token": token}).status_code == 302
    # The session took the token over: the forms already on the screen keep working.
    assert one.post("/les/inburgeren/volgende", data={"csrf_token": token}).status_code == 302


# -- conflicts ------------------------------------------------------------------------------------
def test_a_request_that_keeps_losing_the_race_gets_a_dutch_409_and_changes_nothing(
    logged_in, app, monkeypatch
):
    token = logged_in.csrf(M + "/gegevens/persoon/telefoon")
    before = logged_in.state(app)
    events_before = len(logged_in.events(app))

    def always_lose(*_args, **_kwargs):
        raise store.Conflict("another request was first")

    monkeypatch.setattr(app.extensions["store"], "put_state", always_lose)
    response = logged_in.client.post(
        M + "/gegevens/persoon/telefoon", data={"csrf_token": token, "telefoon": "0612345678"}
    )
    monkeypatch.undo()
    assert response.status_code == 409
    assert "Er gebeurde twee dingen tegelijk. Probeer het nog een keer." in text(response)
    assert logged_in.state(app) == before and len(logged_in.events(app)) == events_before


# -- session ids --------------------------------------------------------------------------------------
def session_id(client) -> str:
    return client.get_cookie("session").value


def test_begin_opnieuw_gives_a_new_session_id_and_token_but_keeps_the_learner(app, learner):
    client = learner.client
    who = learner.start()
    learner.post("/les/inburgeren/begin", form_url="/")
    old_sid, old_token = session_id(client), learner.csrf("/opnieuw")
    learner.post("/opnieuw", {"scenario": "standaard"})
    assert session_id(client) != old_sid and learner.csrf("/opnieuw") != old_token
    assert learner_id(client) == who
    assert app.extensions["store"].load_progress(who)["inburgeren"]["part"] == 0
    # The old session id no longer opens anything; the old token is refused.
    thief = app.test_client()
    thief.set_cookie("session", old_sid)
    with thief.session_transaction() as sess:
        assert "learner_id" not in sess
    assert (
        client.post("/les/inburgeren/volgende", data={"csrf_token": old_token}).status_code == 400
    )
    sessions = app.extensions["store"]
    with sessions.engine.connect() as conn:
        saved = conn.execute(
            sa.text("SELECT session_id FROM learners WHERE id = :id"), {"id": who}
        ).scalar_one()
    assert saved == session_id(client)


def test_a_digid_login_gives_a_new_session_id_and_token(app, learner):
    client = learner.client
    who = learner.start()
    old_sid = session_id(client)
    kies = "/sites/digid.nl/inloggen?dienst=duo"
    learner.post("/sites/digid.nl/inloggen", {"dienst": "duo", "methode": "sms"}, form_url=kies)
    learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"},
        form_url="/sites/digid.nl/sms",
    )
    assert session_id(client) == old_sid  # nothing rotates before the login succeeds
    code = learner.state(app)["digid_runtime"]["login"]["code"]
    old_token = learner.csrf(kies)
    response = learner.post("/sites/digid.nl/sms/code", {"code": code}, form_url=kies)
    assert response.location.endswith(M + "/")
    assert session_id(client) != old_sid and learner.csrf("/opnieuw") != old_token
    assert learner_id(client) == who and client.get(M + "/").status_code == 200


# -- the purge ------------------------------------------------------------------------------------------
def test_purge_keeps_session_files_below_the_threshold_so_no_active_learner_is_dropped(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret",
            "SESSION_CACHE_THRESHOLD": 6,
            "PURGE_ANONYMOUS_AFTER_DAYS": 7,
        }
    )
    active = Learner(app.test_client())
    active.post("/les/inburgeren/begin", form_url="/")  # progress: never purged
    who = learner_id(active.client)
    with clock.advance(timedelta(days=-30)):  # five visitors who tried once, long ago
        for _ in range(5):
            Learner(app.test_client()).start()
    assert learner_count(app) == 6 and len(session_files(app)) == 6
    runner = app.test_cli_runner()
    result = runner.invoke(args=["learners", "purge"])
    assert "5 learner(s) removed." in result.output
    assert learner_count(app) == 1 and len(session_files(app)) == 1
    for _ in range(5):  # new visitors fill up to the threshold, not past it
        Learner(app.test_client()).start()
    assert learner_id(active.client) == who  # the active learner's session was not dropped
    assert "Stap 1 van 9" in text(active.client.get("/les/inburgeren"))
    app.extensions["store"].engine.dispose()
