"""Privacy: `flask classes purge` (and every start) deletes a class some days after it ended,
with everything its learners did; and scaled mode: two workers on PostgreSQL and Redis show
the same dashboard."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from simulator import clock, create_app
from simulator.tables import class_members, classes, events, learners, progress, sandbox_states
from tests.client.classroom_kit import Begeleider, join, learner_of, make_trainer, row_of
from tests.client.test_scaled import workers  # noqa: F401  (fixture: two apps, PostgreSQL + Redis)
from tests.conftest import Learner, text


def counts(app, learner_id: str) -> dict[str, int]:
    with app.extensions["store"].read() as conn:
        return {
            table.name: conn.execute(
                sa.select(sa.func.count())
                .select_from(table)
                .where(table.c.learner_id == learner_id)
            ).scalar()
            for table in (events, sandbox_states, progress, class_members)
        } | {
            "learners": conn.execute(
                sa.select(sa.func.count()).select_from(learners).where(learners.c.id == learner_id)
            ).scalar()
        }


def session_files(app) -> int:
    return sum(1 for p in (Path(app.instance_path) / "sessions").rglob("*") if p.is_file())


@pytest.fixture
def anna(app):
    make_trainer(app)
    one = Begeleider(app, app.test_client())
    one.login()
    return one


def test_purge_deletes_an_ended_class_after_its_days(app, anna, runner):
    ended, running = anna.new_class("Maandag"), anna.new_class("Dinsdag")
    yonas, sara = Learner(app.test_client()), Learner(app.test_client())
    join(yonas, ended, "Yonas")
    yonas.post("/les/inloggen/begin", form_url="/klas")
    join(sara, running, "Sara")
    yonas_id, sara_id = learner_of(yonas.client), learner_of(sara.client)
    anna.post(f"/begeleider/klas/{ended}/beeindigen")
    files = session_files(app)

    with clock.advance(timedelta(days=13)):
        result = runner.invoke(args=["classes", "purge"])
        assert "0 class(es) removed." in result.output
    assert counts(app, yonas_id)["events"] > 0
    with clock.advance(timedelta(days=14, minutes=1)):
        result = runner.invoke(args=["classes", "purge"])
    assert result.exit_code == 0 and "1 class(es) removed." in result.output
    assert set(counts(app, yonas_id).values()) == {0}  # world, events, progress, the learner
    assert counts(app, sara_id)["class_members"] == 1  # a running class stays
    assert session_files(app) == files - 1  # Yonas's session went with him
    with app.extensions["store"].read() as conn:
        assert conn.execute(sa.select(classes.c.name)).scalars().all() == ["Dinsdag"]
    # Yonas's browser is an anonymous visitor again: nothing breaks
    assert yonas.client.get("/klas").status_code == 200
    assert "Maandag" not in text(anna.client.get("/begeleider/klassen"))


def test_purge_runs_at_start_up(app, anna):
    code = anna.new_class()
    join(Learner(app.test_client()), code, "Yonas")
    anna.post(f"/begeleider/klas/{code}/beeindigen")
    app.extensions["store"].engine.dispose()
    with clock.advance(timedelta(days=15)):
        again = create_app(
            {"TESTING": True, "INSTANCE_PATH": app.instance_path, "SECRET_KEY": "test-secret"}
        )
    with again.extensions["store"].read() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(classes)).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(class_members)).scalar() == 0
    again.extensions["store"].engine.dispose()


def test_the_days_are_the_classs_own(tmp_path):
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "CLASS_PURGE_AFTER_DAYS": 2}
    )
    make_trainer(app)
    anna = Begeleider(app, app.test_client())
    anna.login()
    assert "nog <strong>2 dagen</strong>" in text(anna.client.get("/begeleider/klas/nieuw"))
    code = anna.new_class()
    anna.post(f"/begeleider/klas/{code}/beeindigen")
    app.config["CLASS_PURGE_AFTER_DAYS"] = 30  # changed later: the class keeps what it said
    with clock.advance(timedelta(days=3)):
        assert app.test_cli_runner().invoke(args=["classes", "purge"]).output.startswith("1 ")
    app.extensions["store"].engine.dispose()


def test_joined_learners_are_not_purged_as_idle_anonymous_ones(app, anna, runner):
    code = anna.new_class()
    yonas = Learner(app.test_client())
    join(yonas, code, "Yonas")
    with clock.advance(timedelta(days=60)):
        runner.invoke(args=["learners", "purge"])
    assert counts(app, learner_of(yonas.client))["learners"] == 1
    assert "Yonas" in anna.dashboard(code)


# -- scaled mode -------------------------------------------------------------------------------------
def test_two_workers_show_the_same_dashboard(workers):  # noqa: F811
    one, two = workers
    make_trainer(one)
    anna = Begeleider(one, one.test_client())
    anna.login()
    code = anna.new_class()
    cookie = anna.client.get_cookie("session").value
    anna_two = Begeleider(two, two.test_client())
    anna_two.client.set_cookie("session", cookie)  # the same browser, answered by worker two

    yonas, sara = Learner(two.test_client()), Learner(one.test_client())
    join(yonas, code, "Yonas")
    join(sara, code, "Sara")
    yonas.post("/les/inloggen/begin", form_url="/klas")
    yonas.post("/les/inloggen/volgende", form_url="/klas")
    sara.post("/klas/hulp", {"hulp": "1"}, form_url="/klas")

    first, second = anna.dashboard(code), anna_two.dashboard(code)
    for page in (first, second):
        assert "Stap 2 van 7" in row_of(page, "Yonas")
        assert "Vraagt om hulp" in row_of(page, "Sara")
    status_one = anna.client.get(f"/begeleider/klas/{code}/stand")
    status_two = anna_two.client.get(f"/begeleider/klas/{code}/stand")
    assert status_one.headers["ETag"] == status_two.headers["ETag"]
    # a begeleider's action on one worker, seen by the learner on the other
    url = f"/begeleider/klas/{code}/leerling/{learner_of(yonas.client)}"
    anna_two.post(url + "/naar-stap", {"stap": "inloggen:5"}, form_url=url)
    assert "Stap 5 van 7" in text(yonas.client.get("/sites/www.inburgeren.nl/"))
