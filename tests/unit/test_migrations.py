"""Schema versions: a version-1 database upgrades without losing a row; starts race safely."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from simulator import create_app, migrations
from simulator.store import SCHEMA_VERSION, Store, metadata

ROOT = Path(__file__).resolve().parent.parent.parent
LEARNERS, EVENTS_EACH = 40, 12


@pytest.fixture(params=["sqlite", "postgres"])
def v1_url(request, tmp_path):
    """The URL of a database built with the frozen version-1 tables, full of learners."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'v1.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_database")
    engine = sa.create_engine(url)
    metadata.drop_all(engine)
    migrations.V1.drop_all(engine)
    migrations.V1.create_all(engine)
    tables = migrations.V1.tables
    when = datetime(2026, 3, 1, 9, 0)
    with engine.begin() as conn:
        conn.execute(tables["meta"].insert().values(key="schema_version", value="1"))
        for n in range(LEARNERS):
            learner_id = f"{n:032x}"
            conn.execute(
                tables["learners"]
                .insert()
                .values(
                    id=learner_id, created_at=when, display_name=None if n % 3 else f"Lerner {n}"
                )
            )
            conn.execute(
                tables["sandbox_states"]
                .insert()
                .values(
                    learner_id=learner_id,
                    scenario="standaard",
                    data=json.dumps({"scenario": "standaard", "n": n, "naam": "Zoë"}),
                    version=n + 1,
                    updated_at=when,
                )
            )
            conn.execute(
                tables["events"].insert(),
                [
                    {
                        "learner_id": learner_id,
                        "kind": "page",
                        "name": "mijn.home",
                        "params": json.dumps({"i": i}),
                        "created_at": when + timedelta(seconds=i),
                    }
                    for i in range(EVENTS_EACH)
                ],
            )
            for lesson in ("inburgeren", "_current")[: 1 + n % 2]:
                conn.execute(
                    tables["progress"]
                    .insert()
                    .values(
                        learner_id=learner_id,
                        lesson_id=lesson,
                        data=json.dumps({"part": n % 7, "lesson": lesson}),
                        updated_at=when,
                    )
                )
    engine.dispose()
    return url


def dump(url: str) -> dict[str, list[tuple]]:
    """Every row of the version-1 columns, sorted, for a before/after comparison."""
    engine = sa.create_engine(url)
    rows = {}
    with engine.connect() as conn:
        for name, table in migrations.V1.tables.items():
            if name == "meta":
                continue
            columns = ", ".join(c.name for c in table.columns)
            result = conn.exec_driver_sql(f"SELECT {columns} FROM {name}")
            rows[name] = sorted(tuple(str(v) for v in r) for r in result)
    engine.dispose()
    return rows


def test_a_version_1_database_is_refused_then_upgraded_without_losing_rows(v1_url):
    before = dump(v1_url)
    assert len(before["events"]) == LEARNERS * EVENTS_EACH
    store = Store(v1_url)
    with pytest.raises(migrations.SchemaTooOld, match="flask --app simulator db upgrade"):
        store.create_schema()
    assert store.upgrade() == (1, SCHEMA_VERSION)
    assert store.schema_version() == SCHEMA_VERSION == migrations.LATEST
    assert dump(v1_url) == before
    learner_id = f"{1:032x}"
    rows = store.progress_rows(learner_id)
    assert {k: r.version for k, r in rows.items()} == {"inburgeren": 1, "_current": 1}
    # The new columns work: a version-checked progress update, an event with its address.
    with store.write() as conn:
        assert store.put_progress(conn, learner_id, "inburgeren", {"part": 3}, 1) == 2
        store.insert_event(conn, learner_id, "page", "mijn.home", {}, url="/sites/x/")
    assert store.list_events(learner_id)[-1]["url"] == "/sites/x/"
    assert store.upgrade() == (SCHEMA_VERSION, SCHEMA_VERSION)  # a second run changes nothing
    store.engine.dispose()


def test_create_app_refuses_an_older_database_unless_it_may_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'v1.sqlite3'}"
    engine = sa.create_engine(url)
    migrations.V1.create_all(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', '1')"))
    engine.dispose()
    config = {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "DATABASE_URL": url}
    with pytest.raises(migrations.SchemaTooOld, match=f"needs {SCHEMA_VERSION}. Run first: flask"):
        create_app(config)
    app = create_app(config, upgrade=True)  # the embedded start upgrades itself
    assert app.extensions["schema_upgrade"] == (1, SCHEMA_VERSION)
    assert app.extensions["store"].schema_version() == SCHEMA_VERSION
    app.extensions["store"].engine.dispose()


def _env(instance: Path) -> dict:
    env = dict(os.environ, SIMULATOR_INSTANCE_PATH=str(instance), PYTHONPATH=str(ROOT))
    env.pop("SIMULATOR_UPGRADE_SCHEMA", None)
    return env


def test_flask_db_upgrade_runs_while_the_app_refuses_to_start(tmp_path):
    instance = tmp_path / "instance"
    instance.mkdir()
    engine = sa.create_engine(f"sqlite:///{instance / 'oefenomgeving.sqlite3'}")
    migrations.V1.create_all(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', '1')"))
    engine.dispose()
    flask = [sys.executable, "-m", "flask", "--app", "simulator"]
    refused = subprocess.run(  # a command that needs the database
        [*flask, "learners", "purge"], env=_env(instance), capture_output=True, text=True
    )
    assert refused.returncode != 0
    assert "flask --app simulator db upgrade" in refused.stdout + refused.stderr
    done = subprocess.run(
        [*flask, "db", "upgrade"], env=_env(instance), capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert f"from schema version 1 to {SCHEMA_VERSION}" in done.stdout
    again = subprocess.run(
        [*flask, "learners", "purge"], env=_env(instance), capture_output=True, text=True
    )
    assert again.returncode == 0, again.stderr


def test_eight_workers_starting_at_once_on_a_fresh_instance_folder(tmp_path):
    """gunicorn -w 8 on a fresh folder: every worker boots, one schema, one secret key."""
    instance = tmp_path / "instance"
    code = (
        "from simulator import create_app; app = create_app(); "
        "print(app.config['SECRET_KEY'], app.extensions['store'].schema_version())"
    )
    workers = [
        subprocess.Popen(
            [sys.executable, "-c", code],
            env=_env(instance),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(8)
    ]
    results = [w.communicate(timeout=120) for w in workers]
    assert [w.returncode for w in workers] == [0] * 8, [err[-800:] for _, err in results]
    outputs = {out.strip() for out, _ in results}
    assert len(outputs) == 1 and outputs.pop().endswith(f" {SCHEMA_VERSION}")


def test_commands_that_need_no_database_still_run_on_an_older_one(tmp_path):
    """A trainer with last year's instance folder can still check lessons; a command that
    needs the database says what to do instead of a traceback."""
    import subprocess
    import sys

    instance = tmp_path / "i"
    instance.mkdir()
    url = f"sqlite:///{instance / 'oefenomgeving.sqlite3'}"
    engine = sa.create_engine(url)
    migrations.V1.create_all(engine)
    with engine.begin() as conn:
        conn.execute(sa.text("INSERT INTO meta (key, value) VALUES ('schema_version', '1')"))
    engine.dispose()
    env = {**os.environ, "SIMULATOR_INSTANCE_PATH": str(instance)}
    flask = [sys.executable, "-m", "flask", "--app", "simulator"]
    check = subprocess.run([*flask, "lessons", "check"], env=env, capture_output=True, text=True)
    assert check.returncode == 0, check.stderr
    assert "OK   02-inloggen.yaml" in check.stdout
    purge = subprocess.run([*flask, "learners", "purge"], env=env, capture_output=True, text=True)
    assert purge.returncode == 1
    assert "Run first: flask --app simulator db upgrade" in purge.stderr
    assert "Traceback" not in purge.stderr


def test_a_version_2_database_upgrades_to_3_with_the_classroom(v1_url):
    """Version 2 (as the engine left it) gets the classroom's tables; nothing is lost."""
    engine = sa.create_engine(v1_url)
    with migrations.locked(engine) as conn:  # bring the version-1 database to version 2 only
        migrations.STEPS[2](conn)
        conn.execute(sa.text("UPDATE meta SET value = '2' WHERE key = 'schema_version'"))
    with engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE events SET url = '/sites/mijn.inburgeren.nl/' WHERE id % 2 = 0")
        )
    engine.dispose()
    before = dump(v1_url)
    store = Store(v1_url)
    with pytest.raises(migrations.SchemaTooOld, match="schema version 2"):
        store.create_schema()
    assert store.upgrade() == (2, SCHEMA_VERSION)
    assert dump(v1_url) == before
    learner_id = f"{1:032x}"
    assert store.last_page_url(learner_id) == "/sites/mijn.inburgeren.nl/"
    # the classroom's tables work: a begeleider, a class, a learner who joined it
    from simulator.classroom import accounts, data

    trainer_id = accounts.create_trainer(store, "anna", "een lange zin van tien")
    with store.write() as conn:
        code = data.insert_class(conn, trainer_id, "Dinsdag", ["inloggen"], "standaard", 14)
        data.join(conn, learner_id, code, "Yonas")
    with store.read() as conn:
        rows = data.board_rows(conn, code)
    assert [r["nickname"] for r in rows] == ["Yonas"]
    assert rows[0]["last_at"] is not None and rows[0]["progress"]
    store.engine.dispose()
