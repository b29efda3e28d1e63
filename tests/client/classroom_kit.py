"""Helpers for the classroom tests: a begeleider acting through a test client, and a learner
joining a class (the Learner helper of tests/conftest.py takes each form's CSRF token)."""

from __future__ import annotations

import re

import sqlalchemy as sa

from simulator.classroom import accounts
from simulator.tables import class_members
from tests.conftest import CSRF_RE, Learner, text

PASSWORD = "een fiets met drie wielen"


def make_trainer(app, name: str = "anna", password: str = PASSWORD) -> int:
    """A begeleider account, made as `flask trainer create` makes it."""
    return accounts.create_trainer(app.extensions["store"], name, password)


class Begeleider:
    """A begeleider's browser: log in, make classes, act on learners (each form's token)."""

    def __init__(self, app, client):
        self.app, self.client = app, client

    def token(self, url: str) -> str:
        page = self.client.get(url)
        match = CSRF_RE.search(text(page))
        assert match, f"no form token on {url} ({page.status_code})"
        return match.group(1)

    def post(self, url: str, data: dict | None = None, form_url: str | None = None, **kwargs):
        data = dict(data or {})
        data.setdefault("csrf_token", self.token(form_url or url))
        return self.client.post(url, data=data, **kwargs)

    def login(self, name: str = "anna", password: str = PASSWORD):
        return self.post("/begeleider", {"naam": name, "wachtwoord": password})

    def new_class(self, name: str = "Dinsdagochtend", lessons=None, world: str = "standaard"):
        lessons = lessons or ["inburgeren", "inloggen", "oefen-nu-zelf"]
        response = self.post(
            "/begeleider/klas/nieuw", {"naam": name, "lessen": lessons, "oefenwereld": world}
        )
        assert response.status_code == 302, text(response)
        return response.location.split("/")[-2]

    def dashboard(self, code: str) -> str:
        response = self.client.get(f"/begeleider/klas/{code}")
        assert response.status_code == 200
        return text(response)


def join(learner: Learner, code: str, name: str):
    """The learner fills in the join page."""
    return learner.post("/klas", {"code": code, "naam": name}, form_url="/klas")


def learner_of(client) -> str:
    with client.session_transaction() as sess:
        return sess["learner_id"]


def names_in_class(app, code: str) -> list[str]:
    """The nickname of every membership of the class, as stored (one per learner)."""
    with app.extensions["store"].read() as conn:
        query = sa.select(class_members.c.nickname).where(class_members.c.class_code == code)
        return sorted(conn.execute(query).scalars())


def member(app, learner_id: str):
    with app.extensions["store"].read() as conn:
        return conn.execute(
            sa.select(class_members).where(class_members.c.learner_id == learner_id)
        ).first()


def row_of(page: str, nickname: str) -> str:
    """The dashboard table row of one learner."""
    match = re.search(
        r"<tr class=\"klas-row[^>]*>(?:(?!</tr>).)*?>" + re.escape(nickname) + r"<.*?</tr>",
        page,
        re.S,
    )
    assert match, f"no row for {nickname}"
    return match.group(0)
