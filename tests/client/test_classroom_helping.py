"""Helping a learner (where they are, Zet terug, Naar stap, Verwijder uit klas: each with the
notice the learner sees) and presenter mode (Vorige/Volgende, Klas volgt mee, leaving and
coming back)."""

from __future__ import annotations

import pytest

from tests.client.classroom_kit import Begeleider, join, learner_of, make_trainer, member
from tests.conftest import Learner, text

HOME = "/sites/www.inburgeren.nl/"


def in_class(app, code: str, name: str) -> Learner:
    one = Learner(app.test_client())
    assert join(one, code, name).status_code == 302
    return one


def detail(code: str, one: Learner) -> str:
    return f"/begeleider/klas/{code}/leerling/{learner_of(one.client)}"


# -- helping one learner -------------------------------------------------------------------------
def test_the_begeleider_sees_the_step_and_the_page_but_no_typed_data(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    yonas.post("/les/inloggen/begin", form_url="/klas")
    yonas.client.get("/sites/www.inburgeren.nl/zoeken?q=mijn+geheime+zoekvraag")
    page = text(begeleider.client.get(detail(code, yonas)))
    assert "Yonas helpen" in page and "stap 1 van 7" in page
    assert "https://www.inburgeren.nl/zoeken" in page
    assert "geheime" not in page  # the address without what the learner typed
    assert "Zet terug" in page and "Verwijder uit klas" in page and "Naar stap" in page


def test_zet_terug_resets_the_world_and_the_learner_is_told(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    yonas.login(app)  # logged in at Mijn Inburgering: something to reset
    store, learner_id = app.extensions["store"], learner_of(yonas.client)
    assert store.load_state(learner_id)[1]["auth"]["sessions"]
    url = detail(code, yonas)
    assert "Oefenwereld van Yonas terugzetten?" in text(begeleider.client.get(url + "/terugzetten"))
    response = begeleider.post(url + "/terugzetten", form_url=url + "/terugzetten")
    assert response.location == url + "?gedaan=terug"
    assert "De oefenwereld van Yonas is teruggezet." in text(
        begeleider.client.get(response.location)
    )
    state = store.load_state(learner_id)[1]
    assert not state["auth"]["sessions"]
    names = [e["name"] for e in store.list_events(learner_id)]
    assert names[-2:] == ["sandbox.reset", "classroom.reset"]
    page = text(yonas.client.get("/klas"))
    assert "De begeleider heeft uw oefenwereld teruggezet." in page
    yonas.post("/klas/melding", {"next": "/klas"}, form_url="/klas")
    assert "teruggezet" not in text(yonas.client.get("/klas"))


def test_naar_stap_moves_the_learner(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    yonas.post("/les/inloggen/begin", form_url="/klas")
    url = detail(code, yonas)
    response = begeleider.post(url + "/naar-stap", {"stap": "inloggen:4"}, form_url=url)
    assert response.location == url + "?gedaan=stap"
    page = text(yonas.client.get(HOME))
    assert "Stap 4 van 7" in page
    assert "De begeleider heeft u naar stap 4 gebracht" in page
    progress = app.extensions["store"].load_progress(learner_of(yonas.client))
    assert progress["inloggen"]["part"] == 3 and progress["_current"]["lesson"] == "inloggen"


def test_naar_stap_to_a_lesson_not_begun_and_in_another_world(app, begeleider):
    code = begeleider.new_class(lessons=["inloggen", "facturen"])
    yonas = in_class(app, code, "Yonas")
    url = detail(code, yonas)
    begeleider.post(url + "/naar-stap", {"stap": "facturen:2"}, form_url=url)
    store, learner_id = app.extensions["store"], learner_of(yonas.client)
    assert store.load_progress(learner_id)["facturen"]["part"] == 1
    assert store.load_state(learner_id)[0] == "les-facturen"  # the lesson's own world


@pytest.mark.parametrize("step", ["", "inloggen:0", "inloggen:99", "bestaat-niet:1", "inloggen:x"])
def test_naar_stap_with_a_bad_step(app, begeleider, code, step):
    yonas = in_class(app, code, "Yonas")
    url = detail(code, yonas)
    response = begeleider.post(url + "/naar-stap", {"stap": step}, form_url=url)
    assert response.status_code == 400
    assert "Kies een stap uit de lijst." in text(response)


def test_verwijder_uit_klas(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    url = detail(code, yonas)
    assert "Yonas uit de klas halen?" in text(begeleider.client.get(url + "/verwijderen"))
    response = begeleider.post(url + "/verwijderen", form_url=url + "/verwijderen")
    assert response.location == f"/begeleider/klas/{code}?verwijderd=Yonas"
    page = text(begeleider.client.get(response.location))
    assert "Yonas is uit de klas gehaald." in page
    assert "Nog niemand doet mee" in page
    assert begeleider.client.get(url).status_code == 404
    frame = text(yonas.client.get(HOME))
    assert "De begeleider heeft u uit de klas Dinsdagochtend gehaald." in frame
    yonas.post("/klas/melding", {"next": HOME}, form_url=HOME)
    frame = text(yonas.client.get(HOME))
    assert "Dinsdagochtend" not in frame and "Ik wil hulp" not in frame
    resume = member(app, learner_of(yonas.client)).resume_code
    other = Learner(app.test_client())
    response = other.post("/klas/verder", {"verder": resume}, form_url="/klas")
    assert response.status_code == 400  # a removed learner's verder-code no longer works
    assert join(yonas, code, "Yonas").status_code == 302  # and may join again


def test_helping_needs_the_begeleiders_own_class_and_a_token(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    url = detail(code, yonas)
    assert begeleider.client.post(url + "/terugzetten").status_code == 400  # no token
    assert begeleider.client.get(f"/begeleider/klas/{code}/leerling/{'0' * 32}").status_code == 404
    make_trainer(app, "bert")
    bert = Begeleider(app, app.test_client())
    bert.login("bert")
    assert bert.client.get(url).status_code == 404
    assert yonas.post(url + "/terugzetten", form_url="/klas").status_code == 403


# -- presenter mode ------------------------------------------------------------------------------
def present(begeleider: Begeleider, code: str, follow: bool = True, lesson: str = "inloggen"):
    data = {"les": lesson, **({"volgen": "1"} if follow else {})}
    url = f"/begeleider/klas/{code}/presentatie"
    return begeleider.post(url + "/begin", data, form_url=url)


def step(begeleider: Begeleider, code: str, way: str, here: str):
    return begeleider.post(
        f"/begeleider/klas/{code}/presentatie/stap", {"richting": way, "next": here}, form_url=here
    )


def test_presenter_mode_walks_a_lesson_on_the_real_page(app, begeleider, code):
    page = text(begeleider.client.get(f"/begeleider/klas/{code}/presentatie"))
    assert "Begin met presenteren" in page
    response = present(begeleider, code)
    assert response.location == "/les/inloggen"
    page = text(begeleider.client.get("/les/inloggen"))
    assert 'class="presenter-bar"' in page and "Stap 1 van 7" in page
    response = step(begeleider, code, "volgende", "/les/inloggen")
    assert response.location == HOME  # step 2 happens on the site: straight there
    page = text(begeleider.client.get(HOME))
    assert "Stap 2 van 7" in page and 'data-target="inburgeren.menu.inloggen"' in page
    assert "inburgeren.menu.inloggen" in page.split("data-targets=")[1][:300]  # the arrow
    response = step(begeleider, code, "volgende", HOME)
    assert response.location == HOME  # stays on the real page
    assert "Stap 3 van 7" in text(begeleider.client.get(HOME))
    step(begeleider, code, "vorige", HOME)
    assert "Stap 2 van 7" in text(begeleider.client.get(HOME))
    # the presenter's session is still the begeleider's
    assert begeleider.client.get(f"/begeleider/klas/{code}").status_code == 200
    # while presenting, the presenter page goes straight to the step's page
    assert begeleider.client.get(f"/begeleider/klas/{code}/presentatie").status_code == 302


def test_klas_volgt_mee_moves_the_followers_and_they_may_leave(app, begeleider, code):
    yonas, sara = in_class(app, code, "Yonas"), in_class(app, code, "Sara")
    sara.post("/les/inburgeren/begin", form_url="/klas")
    present(begeleider, code)
    step(begeleider, code, "volgende", "/les/inloggen")
    step(begeleider, code, "volgende", HOME)
    for one in (yonas, sara):
        page = text(one.client.get(HOME))
        assert "Stap 3 van 7" in page and "U volgt de begeleider." in page
    # Yonas goes on alone: the presenter's next step leaves him where he is
    yonas.post("/klas/volgen", {"volgen": "0", "next": HOME}, form_url=HOME)
    step(begeleider, code, "volgende", HOME)
    assert "Stap 4 van 7" in text(sara.client.get(HOME))
    page = text(yonas.client.get(HOME))
    assert "Stap 3 van 7" in page and "Volg de begeleider" in page
    # and comes back: straight to the presenter's step
    response = yonas.post("/klas/volgen", {"volgen": "1", "next": HOME}, form_url=HOME)
    assert response.status_code == 302
    assert "Stap 4 van 7" in text(yonas.client.get(HOME))


def test_the_presenter_doing_the_step_moves_the_followers_too(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    present(begeleider, code)
    step(begeleider, code, "volgende", "/les/inloggen")
    begeleider.client.get("/sites/www.inburgeren.nl/inloggen")  # the step done on the page
    assert "Stap 3 van 7" in text(begeleider.client.get("/sites/www.inburgeren.nl/inloggen"))
    assert "Stap 3 van 7" in text(yonas.client.get(HOME))


def test_follow_off_then_on_again(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    present(begeleider, code, follow=False)
    step(begeleider, code, "volgende", "/les/inloggen")
    assert "Stap" not in text(yonas.client.get(HOME))  # not following: no lesson for Yonas
    begeleider.post(
        f"/begeleider/klas/{code}/presentatie/meevolgen",
        {"volgen": "1", "next": HOME},
        form_url=HOME,
    )
    assert "Stap 2 van 7" in text(yonas.client.get(HOME))


def test_stop_presenting(app, begeleider, code):
    present(begeleider, code)
    response = begeleider.post(f"/begeleider/klas/{code}/presentatie/stoppen", form_url=HOME)
    assert response.location == f"/begeleider/klas/{code}"
    assert "presenter-bar" not in text(begeleider.client.get(HOME))
    assert step(begeleider, code, "volgende", HOME).status_code == 404


def test_present_a_lesson_that_is_not_of_the_class(app, begeleider):
    code = begeleider.new_class(lessons=["inburgeren"])
    response = present(begeleider, code, lesson="inloggen")
    assert response.status_code == 400
    assert "Kies een les uit de lijst." in text(response)


def test_a_learner_cannot_present(app, begeleider, code):
    yonas = in_class(app, code, "Yonas")
    response = yonas.post(
        f"/begeleider/klas/{code}/presentatie/begin", {"les": "inloggen"}, form_url="/klas"
    )
    assert response.status_code == 403


def test_zet_terug_keeps_a_lesson_in_its_own_world(app, begeleider):
    code = begeleider.new_class(lessons=["facturen"])
    yonas = in_class(app, code, "Yonas")
    yonas.post("/les/facturen/begin", form_url="/klas")
    store, learner_id = app.extensions["store"], learner_of(yonas.client)
    assert store.load_state(learner_id)[0] == "les-facturen"
    url = detail(code, yonas)
    begeleider.post(url + "/terugzetten", form_url=url + "/terugzetten")
    assert store.load_state(learner_id)[0] == "les-facturen"  # reset, in the lesson's world
    assert store.list_events(learner_id)[-1]["name"] == "classroom.reset"
