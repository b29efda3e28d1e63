"""One learner, eight requests at once (two tabs, a double click, the phone): nothing is lost,
nothing happens twice, and nobody gets a 500. And eight learners who join a class with the
same name at once: one gets it."""

from __future__ import annotations

import threading

import pytest

from simulator import create_app
from simulator.sandbox import loan
from tests.client.classroom_kit import names_in_class
from tests.conftest import Learner, learner_id, text

M = "/sites/mijn.inburgeren.nl"
INVOICE = "FAC229230568"
THREADS = 8


@pytest.fixture(params=["sqlite", "postgres"])
def app(request, tmp_path):
    """The app on SQLite, and on PostgreSQL as when scaled out."""
    config = {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "SECRET_KEY": "test-secret"}
    if request.param == "postgres":
        from simulator.store import Store, metadata

        url = request.getfixturevalue("pg_database")
        old = Store(url).engine
        metadata.drop_all(old)
        old.dispose()
        config["DATABASE_URL"] = url
    app = create_app(config)
    yield app
    app.extensions["store"].engine.dispose()


def tabs(learner, count: int) -> list:
    """`count` browser tabs of one learner: clients that share the session cookie."""
    cookie = learner.client.get_cookie("session")
    clients = []
    for _ in range(count):
        tab = learner.client.application.test_client()
        tab.set_cookie("session", cookie.value)
        clients.append(tab)
    return clients


def at_once(calls) -> list:
    """Run the calls in threads that start together; their responses in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as exc:  # reported by the asserts below
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    return results


def statuses(results) -> list:
    return [r if isinstance(r, Exception) else r.status_code for r in results]


@pytest.fixture
def token(logged_in):
    return logged_in.csrf(M + "/gegevens/persoon/telefoon")


def test_eight_contact_saves_at_once_all_count(logged_in, app, token):
    mails_before = len(logged_in.state(app)["mails"])
    numbers = [f"06{n:08d}" for n in range(THREADS)]
    results = at_once(
        [
            lambda tab=tab, number=number: tab.post(
                M + "/gegevens/persoon/telefoon", data={"csrf_token": token, "telefoon": number}
            )
            for tab, number in zip(tabs(logged_in, THREADS), numbers, strict=True)
        ]
    )
    assert statuses(results) == [302] * THREADS
    state = logged_in.state(app)
    assert state["persona"]["telefoon"] in numbers
    assert len(state["mails"]) == mails_before + THREADS  # every save sent its mail
    changed = [e for e in logged_in.events(app) if e["name"] == "contact.changed"]
    assert len(changed) == THREADS


def test_eight_akkoord_at_once_pay_exactly_once(logged_in, app, token):
    available = loan.available(logged_in.state(app))
    url = f"{M}/facturen/{INVOICE}/accepteren"
    results = at_once(
        [
            lambda tab=tab: tab.post(url, data={"csrf_token": token, "akkoord": "ja"})
            for tab in tabs(logged_in, THREADS)
        ]
    )
    assert all(isinstance(s, int) and s < 500 for s in statuses(results)), statuses(results)
    assert statuses(results) == [302] * THREADS
    state = logged_in.state(app)
    invoice = next(i for i in state["invoices"] if i["nummer"] == INVOICE)
    assert invoice["status"] != "open" and invoice.get("betaald")
    paid = [e for e in logged_in.events(app) if e["name"] == "invoice.accepted"]
    assert len(paid) == 1
    assert loan.available(state) < available
    assert sum(1 for p in state["loan"]["paid"] if INVOICE in p["omschrijving"]) == 1


@pytest.mark.parametrize("clicks", [4, 5])
def test_parallel_volgende_each_move_one_part(logged_in, app, clicks):
    logged_in.post("/les/inburgeren/begin", form_url="/")
    token = logged_in.csrf("/les/inburgeren")
    results = at_once(
        [
            lambda tab=tab: tab.post("/les/inburgeren/volgende", data={"csrf_token": token})
            for tab in tabs(logged_in, clicks)
        ]
    )
    assert statuses(results) == [302] * clicks
    progress = app.extensions["store"].load_progress(learner_id(logged_in.client))
    assert progress["inburgeren"]["part"] == clicks


def test_saves_akkoord_volgende_and_pages_all_at_once(logged_in, app, token):
    logged_in.post("/les/inburgeren/begin", form_url="/")
    mails_before = len(logged_in.state(app)["mails"])
    calls = []
    for n, tab in enumerate(tabs(logged_in, THREADS * 2)):
        kind = n % 4
        if kind == 0:
            calls.append(
                lambda tab=tab, n=n: tab.post(
                    M + "/gegevens/persoon/telefoon",
                    data={"csrf_token": token, "telefoon": f"06{n:08d}"},
                )
            )
        elif kind == 1:
            calls.append(
                lambda tab=tab: tab.post(
                    f"{M}/facturen/{INVOICE}/accepteren",
                    data={"csrf_token": token, "akkoord": "ja"},
                )
            )
        elif kind == 2:
            calls.append(
                lambda tab=tab: tab.post("/les/inburgeren/volgende", data={"csrf_token": token})
            )
        else:
            calls.append(lambda tab=tab: tab.get(M + "/facturen"))
    results = at_once(calls)
    codes = statuses(results)
    assert all(isinstance(c, int) and c < 500 for c in codes), codes
    assert codes.count(409) == 0
    state = logged_in.state(app)
    assert len(state["mails"]) == mails_before + THREADS // 2
    paid = [e for e in logged_in.events(app) if e["name"] == "invoice.accepted"]
    assert len(paid) == 1
    progress = app.extensions["store"].load_progress(learner_id(logged_in.client))
    assert progress["inburgeren"]["part"] == THREADS // 2


def test_eight_learners_join_with_the_same_name_at_once_one_gets_it(app, code):
    learners = [Learner(app.test_client()) for _ in range(THREADS)]
    tokens = [one.csrf("/klas") for one in learners]
    results = at_once(
        [
            lambda one=one, token=token: one.client.post(
                "/klas", data={"csrf_token": token, "code": code, "naam": "Fatima"}
            )
            for one, token in zip(learners, tokens, strict=True)
        ]
    )
    codes = statuses(results)
    assert sorted(codes) == [302] + [400] * (THREADS - 1), codes
    for result in results:
        if result.status_code == 400:
            assert "Iemand in deze klas heeft deze naam al." in text(result)
    assert names_in_class(app, code) == ["Fatima"]
