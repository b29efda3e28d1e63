"""Begeleider accounts: `flask trainer create`, the first account's one-time link, login,
logout, the lockout, the session's own role, and no password anywhere it could leak."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa

from simulator import clock, create_app
from simulator.classroom import accounts, setup
from simulator.tables import trainers
from tests.client.classroom_kit import PASSWORD, Begeleider, make_trainer
from tests.conftest import text

ROOT = Path(__file__).resolve().parent.parent.parent


@pytest.fixture
def begeleider(app, client):
    return Begeleider(app, client)


def stored_hash(app, name: str) -> str:
    with app.extensions["store"].read() as conn:
        return conn.execute(
            sa.select(trainers.c.password_hash).where(trainers.c.name == name)
        ).scalar()


# -- flask trainer create ---------------------------------------------------------------------
def test_trainer_create_asks_the_password_twice_and_keeps_only_a_scrypt_hash(app, runner):
    result = runner.invoke(args=["trainer", "create", "Anna"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert "Begeleider 'anna' is gemaakt" in result.output
    assert PASSWORD not in result.output
    assert stored_hash(app, "anna").startswith("scrypt:")
    assert Begeleider(app, app.test_client()).login("ANNA ").status_code == 302


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        (f"{PASSWORD}\niets anders\n", "De twee wachtwoorden zijn niet hetzelfde."),
        ("kort\nkort\n", "Kies een wachtwoord van minstens 10 tekens."),
    ],
)
def test_trainer_create_refuses_a_bad_password(app, runner, typed, message):
    result = runner.invoke(args=["trainer", "create", "bert"], input=typed)
    assert result.exit_code != 0
    assert message in result.output
    assert stored_hash(app, "bert") is None


def test_trainer_create_refuses_a_name_that_is_taken(app, runner):
    make_trainer(app, "anna")
    result = runner.invoke(args=["trainer", "create", "Anna"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 1
    assert "Er is al een begeleider met deze naam." in result.output


def test_trainer_create_reads_a_piped_password(tmp_path):
    """A volunteer's script: echo the password twice into the command (never an argument)."""
    env = dict(os.environ, SIMULATOR_INSTANCE_PATH=str(tmp_path / "i"), PYTHONPATH=str(ROOT))
    done = subprocess.run(
        [sys.executable, "-m", "flask", "--app", "simulator", "trainer", "create", "Carla"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert PASSWORD not in done.stdout + done.stderr
    app = create_app({"INSTANCE_PATH": str(tmp_path / "i")})
    assert stored_hash(app, "carla").startswith("scrypt:")
    app.extensions["store"].engine.dispose()


# -- the first account: run.py's one-time link -----------------------------------------------
def test_run_py_prints_a_one_time_link_on_a_fresh_install(app):
    lines = setup.announce(app, ["http://127.0.0.1:5000", "http://192.168.1.23:5000"])
    assert app.config["CLASSROOM_LAN_URL"] == "http://192.168.1.23:5000"
    assert lines[0].startswith("Nog geen begeleider")
    link = lines[1].strip()
    assert link.startswith("http://127.0.0.1:5000/begeleider/eerste-account/")
    path = link.removeprefix("http://127.0.0.1:5000")
    client = app.test_client()
    begeleider = Begeleider(app, client)
    assert "Eerste begeleider maken" in text(client.get(path))

    response = begeleider.post(path, {"naam": "", "wachtwoord": "kort", "wachtwoord2": "kort"})
    assert response.status_code == 400
    page = text(response)
    assert "Vul een naam in." in page and "minstens 10 tekens" in page
    assert 'value="kort"' not in page  # a typed password is never sent back
    response = begeleider.post(
        path, {"naam": "Dewi", "wachtwoord": PASSWORD, "wachtwoord2": PASSWORD + "x"}
    )
    assert "De twee wachtwoorden zijn niet hetzelfde." in text(response)
    assert 'value="dewi"' in text(response)

    response = begeleider.post(
        path, {"naam": "Dewi", "wachtwoord": PASSWORD, "wachtwoord2": PASSWORD}
    )
    assert response.location == "/begeleider/klassen?welkom=1"
    assert "U bent ingelogd als dewi" in text(client.get(response.location))
    # used up: the link is gone, and the next start prints none
    assert client.get(path).status_code == 404
    assert "Deze link werkt niet" in text(app.test_client().get(path))
    assert setup.announce(app, ["http://127.0.0.1:5000"]) == []


def test_a_new_start_replaces_the_link_and_a_wrong_token_is_refused(app):
    first = setup.announce(app, ["http://127.0.0.1:5000"])[1].strip()
    second = setup.announce(app, ["http://127.0.0.1:5000"])[1].strip()
    client = app.test_client()
    assert client.get(first.removeprefix("http://127.0.0.1:5000")).status_code == 404
    assert client.get(second.removeprefix("http://127.0.0.1:5000")).status_code == 200
    assert client.get("/begeleider/eerste-account/" + "x" * 300).status_code == 404


# -- logging in and out ------------------------------------------------------------------------
def test_login_and_logout(app, client, begeleider):
    make_trainer(app)
    page = text(client.get("/begeleider"))
    assert "Inloggen als begeleider" in page
    response = begeleider.login()
    assert response.location == "/begeleider/klassen"
    assert "Mijn klassen" in text(client.get("/begeleider/klassen"))
    assert (
        begeleider.post("/begeleider/uitloggen", form_url="/begeleider/klassen").status_code == 302
    )
    assert client.get("/begeleider/klassen").location.startswith("/begeleider?next=")


@pytest.mark.parametrize(
    ("name", "password", "message"),
    [
        ("", PASSWORD, "Vul uw naam in."),
        ("anna", "", "Vul uw wachtwoord in."),
        ("anna", "verkeerd wachtwoord", "De naam of het wachtwoord klopt niet."),
        ("niemand", PASSWORD, "De naam of het wachtwoord klopt niet."),
    ],
)
def test_login_with_bad_input_says_why_and_keeps_the_name(app, begeleider, name, password, message):
    make_trainer(app)
    response = begeleider.login(name, password)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'value="{name}"' in page
    assert password == "" or f'value="{password}"' not in page


def test_login_goes_back_to_the_page_asked_for(app, client, begeleider):
    make_trainer(app)
    code_page = client.get("/begeleider/klas/nieuw")
    assert code_page.location == "/begeleider?next=/begeleider/klas/nieuw"
    response = begeleider.post(
        "/begeleider",
        {"naam": "anna", "wachtwoord": PASSWORD, "next": "/begeleider/klas/nieuw"},
    )
    assert response.location == "/begeleider/klas/nieuw"
    evil = begeleider.post(
        "/begeleider/uitloggen", form_url="/begeleider/klassen"
    )  # log out, then try a next outside the begeleider pages
    assert evil.status_code == 302
    response = begeleider.post(
        "/begeleider", {"naam": "anna", "wachtwoord": PASSWORD, "next": "//evil.example/"}
    )
    assert response.location == "/begeleider/klassen"


def test_five_wrong_passwords_lock_the_name_for_15_minutes(app, begeleider):
    make_trainer(app)
    for n in range(1, 5):
        response = begeleider.login("anna", f"fout wachtwoord {n}")
        assert "klopt niet" in text(response)
    assert "U kunt het nog 1 keer proberen." in text(response)
    response = begeleider.login("anna", "fout wachtwoord 5")
    assert "15 minuten niet inloggen" in text(response)
    response = begeleider.login("anna", PASSWORD)  # even the right password waits
    assert response.status_code == 400
    assert "minuten niet inloggen" in text(response)
    with clock.advance(timedelta(minutes=16)):
        assert begeleider.login("anna", PASSWORD).status_code == 302


def test_a_name_without_account_is_locked_the_same_way(app, begeleider):
    for n in range(5):
        response = begeleider.login("onbekend", f"fout {n}")
    assert "15 minuten niet inloggen" in text(response)


def test_a_successful_login_forgets_the_wrong_tries(app, begeleider):
    make_trainer(app)
    for n in range(4):
        begeleider.login("anna", f"fout {n}")
    assert begeleider.login("anna", PASSWORD).status_code == 302
    begeleider.post("/begeleider/uitloggen", form_url="/begeleider/klassen")
    assert "Probeer het opnieuw." in text(begeleider.login("anna", "weer fout"))


def test_login_without_csrf_token_is_refused(app, client):
    make_trainer(app)
    response = client.post("/begeleider", data={"naam": "anna", "wachtwoord": PASSWORD})
    assert response.status_code == 400
    assert client.get("/begeleider/klassen").status_code == 302  # not logged in


# -- roles -----------------------------------------------------------------------------------
BEGELEIDER_PAGES = [
    "/begeleider/klassen",
    "/begeleider/klas/nieuw",
    "/begeleider/klas/{code}",
    "/begeleider/klas/{code}/scherm",
    "/begeleider/klas/{code}/stand",
    "/begeleider/klas/{code}/voortgang.csv",
    "/begeleider/klas/{code}/presentatie",
    "/begeleider/klas/{code}/beeindigen",
]


def test_a_learners_session_never_opens_a_begeleider_page(app, client, learner, begeleider):
    make_trainer(app)
    other = Begeleider(app, app.test_client())
    other.login()
    code = other.new_class()
    learner.start()  # this browser is a learner's
    for url in BEGELEIDER_PAGES:
        response = client.get(url.format(code=code))
        assert response.status_code == 403, url
        page = text(response)
        assert "Geen toegang" in page and "oefenbar" in page  # the 403 page in the frame
        assert "Dinsdagochtend" not in page  # nothing of the class
    response = learner.post(f"/begeleider/klas/{code}/beeindigen", form_url="/opnieuw")
    assert response.status_code == 403


def test_a_visitor_goes_to_the_login_page(app, client):
    for url in BEGELEIDER_PAGES:
        response = client.get(url.format(code="ABCDEF"))
        assert response.status_code == 302
        assert response.location.startswith("/begeleider?next=/begeleider/")


def test_logging_in_drops_the_learner_of_that_browser(app, client, learner, begeleider):
    make_trainer(app)
    learner_id = learner.start()
    begeleider.login()
    with client.session_transaction() as sess:
        assert "learner_id" not in sess and sess["trainer_id"]
    assert learner_id  # the learner's own data stays in the store (purged when idle)


# -- no password anywhere ----------------------------------------------------------------------
def test_no_password_in_the_database_logs_or_session_files(app, client, begeleider, caplog):
    caplog.set_level(logging.DEBUG)
    make_trainer(app, "anna", PASSWORD)
    begeleider.login("anna", "een verkeerd geheim 123")
    begeleider.login("anna", PASSWORD)
    begeleider.new_class()
    database = Path(app.instance_path) / "oefenomgeving.sqlite3"
    app.extensions["store"].engine.dispose()  # everything written to the file
    files = [database, *Path(app.instance_path).glob("oefenomgeving.sqlite3-*")]
    files += list((Path(app.instance_path) / "sessions").rglob("*"))
    assert any(p.is_file() for p in files if "sessions" in str(p))
    for secret in (PASSWORD, "een verkeerd geheim 123"):
        assert secret not in caplog.text
        for path in files:
            if path.is_file():
                assert secret.encode() not in path.read_bytes(), path
    assert stored_hash(app, "anna").startswith("scrypt:")


def test_password_rules():
    assert accounts.password_problem("x" * 9) == "Kies een wachtwoord van minstens 10 tekens."
    assert accounts.password_problem("x" * 201) == "Kies een wachtwoord van hoogstens 200 tekens."
    assert accounts.password_problem(PASSWORD, PASSWORD) is None
    assert accounts.name_problem(accounts.normal_name("  Anna   de  Vries ")) is None
    assert accounts.name_problem("<script>") == "Gebruik 2 tot 40 letters, cijfers of spaties."
