"""The dashboard: a row per learner with step, exercises, hints, wrong tries and state, stuck
learners first, the small status it polls (cheap: the same queries for 2 or 6 learners),
the SVG chart per lesson and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import sqlalchemy as sa

from simulator import clock
from tests.client.classroom_kit import Begeleider, join, learner_of, make_trainer, row_of
from tests.conftest import Learner, text

MIJN = "/sites/mijn.inburgeren.nl/"


def in_class(app, code: str, name: str) -> Learner:
    one = Learner(app.test_client())
    assert join(one, code, name).status_code == 302
    return one


def begin(one: Learner, lesson_id: str) -> None:
    one.post(f"/les/{lesson_id}/begin", form_url="/klas")


def at_exercise_one(app, one: Learner) -> None:
    """Logged in at Mijn Inburgering, on "Oefen nu zelf" exercise 1."""
    one.login(app)
    begin(one, "oefen-nu-zelf")
    store, learner_id = app.extensions["store"], learner_of(one.client)
    data = store.load_progress(learner_id)["oefen-nu-zelf"]
    lesson = app.extensions["lessons"].get("oefen-nu-zelf")
    data.update(part=lesson.index_of("oefening-1"), since=store.last_event_id(learner_id))
    store.save_progress(learner_id, "oefen-nu-zelf", data)


def test_a_row_per_learner_with_the_step_they_are_on(app, begeleider, code):
    yonas, sara = in_class(app, code, "Yonas"), in_class(app, code, "Sara")
    begin(yonas, "inloggen")
    yonas.post("/les/inloggen/volgende", form_url="/klas")  # reading part: on to step 2
    yonas.client.get("/sites/www.inburgeren.nl/inloggen")  # step 2 done by seeing the page
    page = begeleider.dashboard(code)
    row = row_of(page, "Yonas")
    assert "Stap 3 van 7" in row and "Log in bij Mijn Inburgering" in row
    assert "Bezig" in row
    assert "Nog niet begonnen" in row_of(page, "Sara")
    assert 'Deelnemers <span class="klas-board__count">(2)</span>' in page
    assert sara  # joined, nothing else


def test_hints_laat_zien_and_wrong_tries_make_a_learner_stuck(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    at_exercise_one(app, yonas)
    yonas.post("/les/oefen-nu-zelf/hulp", {"next": MIJN}, form_url="/klas")
    yonas.post("/les/oefen-nu-zelf/hulp", {"next": MIJN}, form_url="/klas")
    yonas.post("/les/oefen-nu-zelf/laat-zien", {"next": MIJN}, form_url="/klas")
    row = row_of(begeleider.dashboard(code), "Yonas")
    assert "Hulp nodig? 2×" in row and "Laat zien 1×" in row and "Bezig" in row
    for n in range(3):
        yonas.post(
            "/les/oefen-nu-zelf/antwoord",
            {"geleend": f"{n}.000,00", "nog_te_lenen": "1,00", "next": MIJN},
            form_url="/klas",
        )
    row = row_of(begeleider.dashboard(code), "Yonas")
    assert "Vastgelopen" in row and "3 keer fout bij deze oefening" in row
    assert '<td data-label="Fout">3</td>' in row


def test_a_step_that_does_not_move_makes_the_learner_stuck(app, begeleider, code):
    yonas, sara = in_class(app, code, "Yonas"), in_class(app, code, "Sara")
    begin(yonas, "inloggen")
    with clock.advance(timedelta(minutes=2)):
        assert "Vastgelopen" not in begeleider.dashboard(code)
    with clock.advance(timedelta(minutes=4)):
        begin(sara, "inloggen")  # Sara's step is new; Yonas has not moved for 4 minutes
        page = begeleider.dashboard(code)
        assert "Al 4 minuten op dezelfde stap" in row_of(page, "Yonas")
        assert page.index(">Yonas<") < page.index(">Sara<")  # the stuck learner on top
        assert "Bezig" in row_of(page, "Sara")


def test_the_stuck_time_is_configurable(tmp_path):
    from simulator import create_app

    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "i"),
            "SECRET_KEY": "t",
            "CLASS_STUCK_AFTER_SECONDS": 30,
        }
    )
    make_trainer(app)
    anna = Begeleider(app, app.test_client())
    anna.login()
    code = anna.new_class()
    in_class(app, code, "Yonas")
    with clock.advance(timedelta(seconds=45)):
        assert "Nog niet begonnen na 1 minuut" in row_of(anna.dashboard(code), "Yonas")
    app.extensions["store"].engine.dispose()


def test_an_ended_class_has_nobody_stuck_by_time(app, begeleider, code):
    begin(in_class(app, code, "Yonas"), "inloggen")
    begeleider.post(f"/begeleider/klas/{code}/beeindigen")
    with clock.advance(timedelta(minutes=30)):
        assert "Vastgelopen" not in row_of(begeleider.dashboard(code), "Yonas")


def test_ik_wil_hulp_raises_a_hand_the_begeleider_lowers(app, begeleider, code):
    yonas, sara = in_class(app, code, "Sara"), in_class(app, code, "Yonas")
    begin(yonas, "inloggen")
    begin(sara, "inloggen")
    page = text(yonas.client.get("/sites/www.inburgeren.nl/"))
    assert "Ik wil hulp" in page
    yonas.post("/klas/hulp", {"hulp": "1", "next": "/sites/www.inburgeren.nl/"}, form_url="/klas")
    assert "De begeleider weet dat u hulp wilt." in text(
        yonas.client.get("/sites/www.inburgeren.nl/")
    )
    page = begeleider.dashboard(code)
    assert "Vraagt om hulp" in row_of(page, "Sara") and "Vastgelopen" in row_of(page, "Sara")
    assert page.index(">Sara<") < page.index(">Yonas<")
    learner_id = learner_of(yonas.client)
    detail = f"/begeleider/klas/{code}/leerling/{learner_id}"
    response = begeleider.post(detail + "/hand-omlaag", form_url=detail)
    assert response.location == detail + "?gedaan=hand"
    assert "Vastgelopen" not in row_of(begeleider.dashboard(code), "Sara")
    page = text(yonas.client.get("/sites/www.inburgeren.nl/"))
    assert "De begeleider heeft uw vraag om hulp gezien" in page
    assert "Ik wil hulp" in page


def test_a_learner_lowers_their_own_hand(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    yonas.post("/klas/hulp", {"hulp": "1"}, form_url="/klas")
    assert "Vraagt om hulp" in row_of(begeleider.dashboard(code), "Yonas")
    yonas.post("/klas/hulp", {"hulp": "0"}, form_url="/klas")
    assert "Vraagt om hulp" not in row_of(begeleider.dashboard(code), "Yonas")


def test_ik_wil_hulp_outside_a_class_changes_nothing(app, learner):
    response = learner.post("/klas/hulp", {"hulp": "1", "next": "/"}, form_url="/klas")
    assert response.location == "/"
    assert "Ik wil hulp" not in text(learner.client.get("/sites/www.inburgeren.nl/"))


def test_klaar_when_every_lesson_of_the_class_is_done(app, begeleider):
    code = begeleider.new_class(lessons=["inburgeren"])
    yonas = in_class(app, code, "Yonas")
    begin(yonas, "inburgeren")
    store, learner_id = app.extensions["store"], learner_of(yonas.client)
    data = store.load_progress(learner_id)["inburgeren"]
    store.save_progress(learner_id, "inburgeren", {**data, "done": True})
    row = row_of(begeleider.dashboard(code), "Yonas")
    assert "Klaar" in row and "Les afgerond" not in row and "Stap" in row


# -- the status the dashboard polls -------------------------------------------------------------
def test_status_answers_304_until_something_changes(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    first = begeleider.client.get(f"/begeleider/klas/{code}/stand")
    assert first.status_code == 200
    assert "Yonas" in first.json["html"] and first.json["stuck"] == []
    tag = first.headers["ETag"]
    again = begeleider.client.get(f"/begeleider/klas/{code}/stand", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.data == b""
    yonas.post("/klas/hulp", {"hulp": "1"}, form_url="/klas")
    changed = begeleider.client.get(
        f"/begeleider/klas/{code}/stand", headers={"If-None-Match": tag}
    )
    assert changed.status_code == 200
    assert changed.json["stuck"] == ["Yonas"]
    assert changed.headers["ETag"] != tag


def test_status_costs_the_same_queries_for_2_or_6_learners(app, begeleider, code):
    engine = app.extensions["store"].engine
    statements: list[str] = []

    def count(_conn, _cursor, statement, *_args):
        statements.append(statement)

    def poll_queries() -> int:
        statements.clear()
        sa.event.listen(engine, "before_cursor_execute", count)
        try:
            assert begeleider.client.get(f"/begeleider/klas/{code}/stand").status_code == 200
        finally:
            sa.event.remove(engine, "before_cursor_execute", count)
        return len(statements)

    for name in ("A1", "B2"):
        begin(in_class(app, code, name), "inloggen")
    two = poll_queries()
    for name in ("C3", "D4", "E5", "F6"):
        begin(in_class(app, code, name), "inloggen")
    assert poll_queries() == two <= 3  # the begeleider, the class, the whole class's board


# -- chart and CSV ------------------------------------------------------------------------------
def test_an_svg_bar_chart_per_lesson(app, begeleider, code):
    yonas, sara = in_class(app, code, "Yonas"), in_class(app, code, "Sara")
    begin(yonas, "inloggen")
    begin(sara, "inloggen")
    sara.post("/klas/hulp", {"hulp": "1"}, form_url="/klas")
    page = begeleider.dashboard(code)
    assert page.count('class="klas-chart__svg"') == 1  # the lesson they are in
    assert page.count("Nog niemand in deze les.") == 2  # the class's two other lessons
    assert "Stap 1: 2, waarvan 1 vastgelopen." in page
    assert 'class="klas-chart__stuck"' in page


def test_csv_export(app, begeleider, code):
    begin(in_class(app, code, "=HYPERLINK(1)"), "inloggen")
    in_class(app, code, "Sara")
    response = begeleider.client.get(f"/begeleider/klas/{code}/voortgang.csv")
    assert response.mimetype == "text/csv"
    assert f"klas-{code}-voortgang.csv" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text(response).lstrip("\ufeff")), delimiter=";"))
    assert rows[0][:4] == ["Naam", "Status", "Les", "Stap"]
    names = {r[0]: r for r in rows[1:]}
    assert set(names) == {"'=HYPERLINK(1)", "Sara"}  # never a formula in a spreadsheet
    assert names["'=HYPERLINK(1)"][3:5] == ["1", "7"]


def test_the_dashboard_works_without_javascript(app, begeleider, code):
    in_class(app, code, "Yonas")
    page = begeleider.dashboard(code)
    assert "Yonas" in page  # the board is in the page itself
    assert f'<a href="/begeleider/klas/{code}">Nu vernieuwen</a>' in page
