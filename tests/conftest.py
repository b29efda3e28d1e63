"""Shared fixtures: an app on a fresh SQLite store, its client, and small learner helpers."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

import pytest

from simulator import create_app
from tests import routing_cache
from tests.frame_check import FrameCheck
from tests.panel_check import PanelCheck

routing_cache.install()  # every test builds an app: werkzeug's URL builders once per process

CSRF_RE = re.compile(r'name="csrf_token" value="([^"]+)"')

#: Room a test run needs in memory-backed /dev/shm before its tmp_path folders go there.
SHM_NEEDED = 2 * 1024**3


def pytest_configure(config):
    """tmp_path in /dev/shm (tmpfs) when it has room: every test's SQLite store commits in WAL
    mode with a sync to the disk each time (2-3 ms each, more when the disk is busy); in
    memory the same commits cost microseconds. Nothing a test checks depends on the data
    surviving a power cut. PYTEST_DEBUG_TEMPROOT or --basetemp set by hand win."""
    if os.environ.get("PYTEST_DEBUG_TEMPROOT") or config.option.basetemp:
        return
    if hasattr(config, "workerinput"):
        return  # an xdist worker gets its folder from the controller
    try:
        shm = os.statvfs("/dev/shm")
    except OSError:
        return
    if shm.f_bavail * shm.f_frsize >= SHM_NEEDED and os.access("/dev/shm", os.W_OK):
        os.environ["PYTEST_DEBUG_TEMPROOT"] = "/dev/shm"


@pytest.fixture(autouse=True)
def kept_panels_checked(monkeypatch):
    """Each lesson panel a test's app sends equals a fresh render (tests/panel_check.py)."""
    check = PanelCheck().install(monkeypatch)
    yield check
    assert check.differences == [], check.differences[0]


@pytest.fixture(autouse=True)
def kept_frame_checked(monkeypatch):
    """Each kept fragment of the frame a test's app sends equals a fresh render
    (tests/frame_check.py); autouse, so it is in place before the test makes its app."""
    check = FrameCheck().install(monkeypatch)
    yield check
    assert check.differences == [], check.differences[0]


PG_URL = os.environ.get(
    "SIMULATOR_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)


@pytest.fixture(scope="session")
def pg_database():
    """A fresh PostgreSQL database for this test run (per worker), dropped afterwards."""
    import sqlalchemy as sa

    admin = sa.create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    name = f"oefen_{uuid.uuid4().hex[:10]}"
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    url = sa.engine.make_url(PG_URL).set(database=name)
    yield url.render_as_string(hide_password=False)
    with admin.connect() as conn:
        conn.execute(sa.text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def app(tmp_path):
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "test-secret",
        }
    )
    yield app
    app.extensions["store"].engine.dispose()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


class Learner:
    """Acts as a learner through the test client: pages, forms with their CSRF token."""

    def __init__(self, client):
        self.client = client

    def csrf(self, url: str = "/opnieuw") -> str:
        page = self.client.get(url)
        match = CSRF_RE.search(page.get_data(as_text=True))
        assert match, f"no csrf token on {url}"
        return match.group(1)

    def post(self, url: str, data: dict | None = None, form_url: str | None = None, **kwargs):
        """POST like the browser: take the token from the form's page first."""
        data = dict(data or {})
        data.setdefault("csrf_token", self.csrf(form_url or url))
        return self.client.post(url, data=data, **kwargs)

    def state(self, app) -> dict:
        with self.client.session_transaction() as sess:
            learner_id = sess["learner_id"]
        loaded = app.extensions["store"].load_state(learner_id)
        assert loaded is not None
        return loaded[1]

    def start(self) -> str:
        """Act once (Begin opnieuw in the default world), so the learner and session exist."""
        with self.client.session_transaction() as sess:
            learner_id = sess.get("learner_id")
        if learner_id is None:
            self.post("/opnieuw", {"scenario": "standaard"})
            with self.client.session_transaction() as sess:
                learner_id = sess["learner_id"]
        return learner_id

    def login(self, app, service: str = "duo", method: str = "sms") -> None:
        """Shortcut for tests of logged-in pages: log in without walking through DigiD."""
        from simulator.sandbox import auth

        learner_id = self.start()  # a visitor who has done nothing yet has no learner
        app.extensions["store"].mutate_state(
            learner_id, lambda data: auth.log_in(data, service, method, "2026-01-01T10:00:00")
        )

    def events(self, app) -> list[dict]:
        with self.client.session_transaction() as sess:
            learner_id = sess["learner_id"]
        return app.extensions["store"].list_events(learner_id)


@pytest.fixture
def learner(client):
    return Learner(client)


@pytest.fixture
def logged_in(app, learner):
    """A learner logged in at Mijn Inburgering (DigiD with sms), without walking through DigiD."""
    learner.login(app)
    return learner


def text(response) -> str:
    """The body of a response as text."""
    return response.get_data(as_text=True)


def learner_id(client) -> str:
    """The learner id in the test client's session."""
    with client.session_transaction() as sess:
        return sess["learner_id"]


def change_state(app, client, change) -> None:
    """Edit the learner's state in the store, as another request (or the clock) would."""
    app.extensions["store"].mutate_state(learner_id(client), change)


def glossary_without(lessons: Path, lang: str) -> None:
    """Take one language out of the glossary copy under lessons/woorden (as before it was
    translated), so a test can see what a learner of a missing language gets."""
    import yaml

    path = lessons / "woorden" / "woordenlijst.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for entry in data["words"].values():
        for key in ("text", "alt"):
            (entry.get(key) or {}).pop(lang, None)
    data.get("translations", {}).pop(lang, None)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
