"""Lessons through the test client: start page, runner, panel, answers, status, CLI."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from simulator import create_app
from tests.conftest import text

FIXTURES = Path(__file__).parent.parent / "unit" / "lesson_fixtures"
MIJN = "/sites/mijn.inburgeren.nl/"


def post(learner, url, data=None):
    return learner.post(url, data, form_url="/opnieuw")


def test_start_page_lists_the_chapter(client):
    page = text(client.get("/"))
    for title in (
        "Stap 1: Ga naar inburgeren.nl",
        "Stap 2: Log in bij Mijn Inburgering met DigiD",
        "Stap 3: Bekijk de startpagina van Mijn Inburgering",
        "Stap 4: Bekijk en betaal uw facturen",
        "Oefen nu zelf!",
    ):
        assert title in page
    assert page.count(">Begin</button>") == 5
    assert "Lesbestanden met problemen" not in page


def test_begin_reading_next_and_verder_on_the_start_page(learner, client):
    response = post(learner, "/les/inburgeren/begin")
    assert response.status_code == 302 and response.location == "/les/inburgeren"
    page = text(client.get("/les/inburgeren"))
    assert "Stap 1 van 9" in page and "Wanneer u dit hoofdstuk heeft doorlopen, dan" in page
    post(learner, "/les/inburgeren/volgende")
    assert "Wat is inburgeren.nl?" in text(client.get("/les/inburgeren"))
    start = text(client.get("/"))
    assert "Bezig: stap 2 van 9" in start and ">Verder</button>" in start
    post(learner, "/les/inburgeren/vorige")
    assert "Stap 1 van 9" in text(client.get("/les/inburgeren"))


def skip_to(learner, lesson_id, part_id, app):
    """Begin a lesson and put the learner at part_id (as if the steps before were done)."""
    post(learner, f"/les/{lesson_id}/begin")
    lesson = app.extensions["lessons"].get(lesson_id)
    with learner.client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    store = app.extensions["store"]
    data = store.load_progress(learner_id)[lesson_id]
    data.update(part=lesson.index_of(part_id), since=store.last_event_id(learner_id))
    store.save_progress(learner_id, lesson_id, data)


def test_guided_step_advances_when_the_page_is_seen(learner, client, app):
    skip_to(learner, "inburgeren", "naar-inburgeren", app)
    start = text(client.get("/"))
    assert "Stap 7 van 9" in start and '"target": "oefen.begin"' in start
    page = text(client.get("/sites/www.inburgeren.nl/"))
    assert "Stap 8 van 9" in page and "Is dit echt inburgeren.nl?" in page
    assert "Let op!" in page and "hangslotje (of ander icoon)" in page


def test_progress_survives_a_restart_of_the_simulator(learner, client, app, tmp_path):
    skip_to(learner, "inburgeren", "naar-inburgeren", app)
    again = create_app(
        {"TESTING": True, "INSTANCE_PATH": app.instance_path, "SECRET_KEY": "test-secret"}
    )
    other = again.test_client()
    with client.session_transaction() as old, other.session_transaction() as new:
        new.update(dict(old))
    assert "Stap 7 van 9" in text(other.get("/"))
    again.extensions["store"].engine.dispose()


def test_status_moves_on_after_an_action_elsewhere(learner, client, app):
    learner.login(app)
    skip_to(learner, "mijn-inburgering", "email", app)
    before = client.get("/les/status?page=mijn.persoon").get_json()
    assert "Stap 4 van 5" in before["html"]
    post_url = MIJN + "gegevens/persoon/email"
    learner.post(
        post_url,
        {"email": "yonas@voorbeeld.nl", "email_herhaal": "yonas@voorbeeld.nl"},
        form_url=post_url,
    )
    after = client.get("/les/status?page=mijn.persoon").get_json()
    assert after["version"] != before["version"]
    assert "Stap 5 van 5" in after["html"]


def exercise_one(learner, app):
    learner.login(app)
    skip_to(learner, "oefen-nu-zelf", "oefening-1", app)


def test_exercise_wrong_answers_feedback_and_hints(learner, client, app):
    exercise_one(learner, app)
    page = text(client.get(MIJN))
    assert "Oefening 1: Uw lening bekijken" in page and "Situatie" in page and "Opdracht" in page
    assert '"target"' not in page  # no arrows in "Oefen nu zelf"
    post(learner, "/les/oefen-nu-zelf/hulp", {"next": MIJN})
    assert "bij <strong>Lening</strong> (letter C)" in text(client.get(MIJN))
    response = post(
        learner,
        "/les/oefen-nu-zelf/antwoord",
        {"geleend": "3.300,00", "nog_te_lenen": "10.000,00", "next": MIJN + "lening"},
    )
    assert response.location == MIJN + "lening#lesson-panel"
    page = text(client.get(MIJN + "lening"))
    assert "Dit is het bedrag dat u in totaal mag lenen" in page
    assert 'value="10.000,00"' in page  # what was typed is kept
    client.get(MIJN + "brieven")
    assert "Dit is de pagina Brieven. De lening vindt u onder" in text(client.get(MIJN + "brieven"))


def test_exercise_answer_that_is_no_amount(learner, client, app):
    exercise_one(learner, app)
    post(
        learner,
        "/les/oefen-nu-zelf/antwoord",
        {"geleend": "veel", "nog_te_lenen": "", "next": MIJN},
    )
    page = text(client.get(MIJN))
    assert "Dit is geen bedrag. Schrijf het bedrag zo: 3.300,00" in page
    assert "Vul een antwoord in." in page and 'aria-invalid="true"' in page


def test_exercise_right_answer_moves_on(learner, client, app):
    exercise_one(learner, app)
    post(learner, "/les/oefen-nu-zelf/antwoord", {"geleend": "3.300", "nog_te_lenen": "€ 6.700,00"})
    page = text(client.get(MIJN))
    assert "Goed gedaan!" in page and "Oefening 2" in page


def test_laat_zien_shows_the_arrows(learner, client, app):
    exercise_one(learner, app)
    post(learner, "/les/oefen-nu-zelf/laat-zien", {"next": MIJN})
    assert '"target": "mijn.menu.lening"' in text(client.get(MIJN))


def test_missing_target_is_logged(learner, client, app):
    exercise_one(learner, app)
    token = learner.csrf("/opnieuw")
    response = client.post(
        "/les/doel-ontbreekt",
        json={"target": "mijn.menu.lening", "page": "x"},
        headers={"X-CSRF-Token": token},
    )
    assert response.status_code == 204
    assert learner.events(app)[-1]["name"] == "lesson.target_missing"
    assert client.post("/les/doel-ontbreekt", json={"target": "x"}).status_code == 400


def test_post_without_csrf_token_is_refused(client):
    assert client.post("/les/inburgeren/begin").status_code == 400


def test_next_never_leaves_the_simulator(learner):
    response = post(learner, "/les/taal", {"taal": "en", "next": "//evil.example/"})
    assert response.location == "/"


def test_english_lessons(learner, client):
    post(learner, "/les/taal", {"taal": "en", "next": "/"})
    assert "Step 1: Go to inburgeren.nl" in text(client.get("/"))
    post(learner, "/les/taal", {"taal": "xx"})
    assert "Step 1: Go to inburgeren.nl" in text(client.get("/"))


def test_unknown_lesson_is_404(client):
    assert client.get("/les/bestaat-niet").status_code == 404


def test_restart_resets_progress_and_the_world(learner, client, app):
    skip_to(learner, "inburgeren", "naar-inburgeren", app)
    assert "Begin de les opnieuw" in text(client.get("/les/inburgeren/opnieuw"))
    post(learner, "/les/inburgeren/opnieuw")
    assert "Stap 1 van 9" in text(client.get("/les/inburgeren"))
    assert learner.events(app)[-1]["name"] == "lesson.restarted"


def test_stop_hides_the_panel(learner, client, app):
    skip_to(learner, "inburgeren", "naar-inburgeren", app)
    post(learner, "/les/stoppen", {"next": "/sites/www.inburgeren.nl/"})
    assert 'id="lesson-panel"' not in text(client.get("/sites/www.inburgeren.nl/"))
    assert client.get("/les/status").get_json() == {"version": "", "html": ""}


@pytest.fixture
def broken_app(tmp_path):
    lessons = tmp_path / "lessons"
    lessons.mkdir()
    shutil.copy(FIXTURES / "good.yaml", lessons / "good.yaml")
    shutil.copy(FIXTURES / "dead_end.yaml", lessons / "dead_end.yaml")
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "i"),
            "SECRET_KEY": "t",
            "LESSON_DIR": str(lessons),
        }
    )
    yield app
    app.extensions["store"].engine.dispose()


def test_broken_lesson_is_listed_and_the_others_work(broken_app):
    page = text(broken_app.test_client().get("/"))
    assert "Goed" in page and "Lesbestanden met problemen" in page and "dead_end.yaml" in page
    assert "doodlopend: vanaf deel" in page


def test_cli_check_passes_on_the_shipped_lessons(runner):
    result = runner.invoke(args=["lessons", "check"])
    assert result.exit_code == 0, result.output
    assert "OK   05-oefen-nu-zelf.yaml" in result.output


def test_cli_check_fails_with_numbered_problems(runner):
    result = runner.invoke(
        args=[
            "lessons",
            "check",
            str(FIXTURES / "unknown_names.yaml"),
            str(FIXTURES / "bad_schema_version.yaml"),
        ]
    )
    assert result.exit_code == 1
    assert (
        "1. bad_schema_version.yaml:1 schema_version: onbekende schema_version 2" in result.output
    )
    assert (
        "1. unknown_names.yaml:10 parts[0].targets[0].target: onbekend data-target" in result.output
    )
    assert "2 lesbestand(en) met problemen." in result.output


def test_lesson_page_during_a_step_says_where_to_go(learner, client, app):
    skip_to(learner, "facturen", "email", app)
    page = text(client.get("/les/facturen"))
    assert "Stap 4 van 15" in page and "Ga naar de website" in page
    assert 'href="/sites/mail.oefenpost.nl/"' in page


def test_panel_offers_the_site_of_a_step_elsewhere(learner, client, app):
    skip_to(learner, "facturen", "contracten-en-facturen", app)
    page = text(client.get("/sites/mail.oefenpost.nl/"))
    assert "Ga naar mijn.inburgeren.nl" in page


def test_exercise_offers_help_after_a_minute(learner, client, app):
    exercise_one(learner, app)
    page = text(client.get(MIJN))
    assert re.search(r'data-hint-after="(\d+)"', page).group(1) in {"59", "60"}
    assert "Lukt het niet? Klik op Hulp nodig?" in page  # hidden until lesson.js shows it


def test_starting_a_lesson_in_another_world_switches_to_it(client, learner, app):
    """Lesson 4 plays in les-facturen: beginning it from the standard world switches."""
    learner.start()  # a visitor who has done nothing yet has no learner
    assert learner.state(app)["scenario"] == "standaard"
    learner.post("/les/facturen/begin", form_url="/")
    state = learner.state(app)
    assert state["scenario"] == "les-facturen"
    assert any(i["nummer"] == "FAC229230569" for i in state["invoices"])


def test_starting_a_lesson_in_the_same_world_keeps_the_learners_work(client, learner, app):
    learner.start()
    with client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    app.extensions["store"].mutate_state(
        learner_id, lambda d: d["persona"].__setitem__("email", "yonas@example.nl")
    )
    learner.post("/les/inburgeren/begin", form_url="/")
    assert learner.state(app)["persona"]["email"] == "yonas@example.nl"
