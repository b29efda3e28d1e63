"""Classes and joining: "Nieuwe klas", the code, the projector's join page, ending a class,
/klas with a code and a nickname, and the verder-code that brings progress to another phone."""

from __future__ import annotations

import pytest

from simulator.classroom import codes, data
from tests.client.classroom_kit import (
    Begeleider,
    join,
    learner_of,
    make_trainer,
    member,
    names_in_class,
)
from tests.conftest import Learner, text


# -- making a class ------------------------------------------------------------------------------
def test_new_class_page_says_how_long_the_class_is_kept(app, begeleider):
    page = text(begeleider.client.get("/begeleider/klas/nieuw"))
    assert "Nieuwe klas" in page
    assert "bewaart de oefenomgeving de voortgang nog <strong>14 dagen</strong>" in page
    assert 'value="standaard" checked' in page  # the default world is chosen


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"naam": "", "lessen": ["inloggen"]}, "Geef de klas een naam"),
        ({"naam": "x" * 200, "lessen": ["inloggen"]}, "Gebruik hoogstens 60 tekens"),
        ({"naam": "Dinsdag", "lessen": []}, "Kies minstens één les."),
        ({"naam": "Dinsdag", "lessen": ["bestaat-niet"]}, "Kies minstens één les."),
        (
            {"naam": "Dinsdag", "lessen": ["inloggen"], "oefenwereld": "mars"},
            "Kies een oefenwereld",
        ),
    ],
)
def test_new_class_with_bad_input_says_why_and_keeps_it(begeleider, form, message):
    form = {"oefenwereld": "standaard", **form}
    response = begeleider.post("/begeleider/klas/nieuw", form)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    if form["naam"]:
        assert f'value="{form["naam"][:200]}"' in page
    assert 'aria-invalid="true"' in page or "field-error" in page


def test_a_new_class_gets_a_code_without_look_alikes(begeleider):
    code = begeleider.new_class("Woensdag <b>avond</b>")
    assert len(code) == 6 and all(ch in codes.ALPHABET for ch in code)
    page = text(begeleider.client.get("/begeleider/klassen"))
    assert "Woensdag &lt;b&gt;avond&lt;/b&gt;" in page and code in page


def test_codes_never_use_look_alike_characters():
    seen = "".join(codes.new_code() for _ in range(2000))
    assert not set(seen) & set("0O1IL")
    assert set(seen) == set(codes.ALPHABET)
    assert codes.clean(" k7m-p2q ") == "K7MP2Q"


def test_join_page_for_the_projector(app, begeleider, code):
    page = text(begeleider.client.get(f"/begeleider/klas/{code}/scherm"))
    assert f'class="klas-screen__code" aria-label="Code: {" ".join(code)}">{code}<' in page
    assert "<svg" in page and "klas-qr__svg" in page
    assert f"QR-code: http://localhost/klas?code={code}" in page
    assert "localhost/klas</strong>" in page  # the short address to type
    assert "dit adres werkt alleen op deze computer" in page  # run.py without --host 0.0.0.0


def test_the_qr_code_and_address_use_the_network_address_run_py_printed(app, begeleider, code):
    app.config["CLASSROOM_LAN_URL"] = "http://192.168.1.23:5000"
    page = text(begeleider.client.get(f"/begeleider/klas/{code}/scherm"))
    assert f"QR-code: http://192.168.1.23:5000/klas?code={code}" in page
    assert "192.168.1.23:5000/klas</strong>" in page
    assert "127.0.0.1" not in page
    assert "werkt alleen op deze computer" not in page


def test_another_begeleiders_class_is_not_found(app, code):
    make_trainer(app, "bert")
    bert = Begeleider(app, app.test_client())
    bert.login("bert")
    for url in ("", "/scherm", "/stand", "/voortgang.csv", "/presentatie"):
        assert bert.client.get(f"/begeleider/klas/{code}{url}").status_code == 404
    assert bert.client.get("/begeleider/klas/0O1IL0").status_code == 404
    assert bert.client.get("/begeleider/klas/" + "A" * 300).status_code == 404


def test_end_a_class(app, begeleider, code, client, learner):
    assert "beëindigen?" in text(begeleider.client.get(f"/begeleider/klas/{code}/beeindigen"))
    response = begeleider.post(f"/begeleider/klas/{code}/beeindigen")
    assert response.location == f"/begeleider/klas/{code}"
    assert "Afgelopen" in begeleider.dashboard(code)
    response = join(learner, code, "Yonas")
    assert response.status_code == 400
    assert "Deze klas is afgelopen." in text(response)


# -- joining -------------------------------------------------------------------------------------
def test_the_start_page_links_to_the_join_page(client):
    assert 'href="/klas"' in text(client.get("/"))
    page = text(client.get("/klas"))
    assert "Doe mee met een klas" in page and "Uw voornaam of een bijnaam" in page


def test_join_with_code_and_nickname(app, client, learner, code):
    learner.start()
    before = learner_of(client)
    response = join(learner, f" {code.lower()[:3]} {code.lower()[3:]} ", "Yonas")
    assert response.location == "/klas?welkom=1"
    assert learner_of(client) == before  # the same learner, with their progress
    assert member(app, before).nickname == "Yonas"
    page = text(client.get("/klas?welkom=1"))
    assert "Welkom in de klas, Yonas!" in page and "Dinsdagochtend" in page
    frame = text(client.get("/sites/www.inburgeren.nl/"))
    assert 'Klas: <span lang="nl">Dinsdagochtend</span>' in frame


def test_a_visitor_who_joins_becomes_a_learner(app, client, learner, code):
    response = join(learner, code, "Sara")
    assert response.status_code == 302
    assert member(app, learner_of(client)).class_code == code


@pytest.mark.parametrize(
    ("typed_code", "nickname", "field", "message"),
    [
        ("", "Yonas", "code", "Vul de code van de klas in."),
        ("ZZZZZZ", "Yonas", "code", "Deze code kennen we niet."),
        ("ABC", "Yonas", "code", "Deze code kennen we niet."),
        (None, "", "naam", "Vul uw voornaam of een bijnaam in."),
        (None, "   ", "naam", "Vul uw voornaam of een bijnaam in."),
        (None, "Y" * 200, "naam", "Gebruik hoogstens 30 tekens."),
    ],
)
def test_join_with_bad_input_says_why_and_keeps_what_was_typed(
    client, learner, code, typed_code, nickname, field, message
):
    typed_code = code if typed_code is None else typed_code
    response = join(learner, typed_code, nickname)
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'id="{field}-error"' in page
    assert f'value="{typed_code}"' in page
    assert f'value="{nickname}"' in page


def test_html_in_a_nickname_is_shown_as_text(app, client, learner, code, begeleider):
    nickname = "<img src=x onerror=alert(1)>"
    assert join(learner, code, nickname).status_code == 302
    escaped = "&lt;img src=x onerror=alert(1)&gt;"
    assert escaped in text(client.get("/klas"))
    assert escaped in begeleider.dashboard(code)
    assert nickname not in begeleider.dashboard(code)


def test_two_learners_cannot_take_the_same_nickname(app, code):
    first, second = Learner(app.test_client()), Learner(app.test_client())
    assert join(first, code, "Ali").status_code == 302
    response = join(second, code, "ali")
    assert response.status_code == 400
    assert "Iemand in deze klas heeft deze naam al." in text(response)
    assert join(first, code, "Ali").status_code == 302  # joining again with one's own name


def test_a_nickname_taken_after_the_page_checked_it_is_refused_all_the_same(app, code, monkeypatch):
    """Two learners type "Ali" at the same moment: both requests find the name free before
    either has written. The join's own transaction checks again and the second one is told
    to choose another name; the class holds one Ali."""
    first, second = Learner(app.test_client()), Learner(app.test_client())
    assert join(first, code, "Ali").status_code == 302
    real, calls = data.nicknames, []

    def read_before_the_first_wrote(conn, class_code, but=None):
        calls.append(but)
        return set() if len(calls) == 1 else real(conn, class_code, but)

    monkeypatch.setattr(data, "nicknames", read_before_the_first_wrote)
    response = join(second, code, "ali")
    assert response.status_code == 400
    assert "Iemand in deze klas heeft deze naam al." in text(response)
    assert 'value="ali"' in text(response)  # what was typed is kept
    assert len(calls) == 3  # the page's check, the join's check, the page's check again
    assert names_in_class(app, code) == ["Ali"]


def test_join_without_csrf_token_is_refused(client, code):
    response = client.post("/klas", data={"code": code, "naam": "Yonas"})
    assert response.status_code == 400


def test_a_begeleider_cannot_join_as_learner(begeleider, code):
    response = begeleider.post("/klas", {"code": code, "naam": "Anna"}, form_url="/klas")
    assert response.status_code == 400
    assert "U bent ingelogd als begeleider." in text(response)


# -- the verder-code -------------------------------------------------------------------------------
def test_verder_code_brings_the_progress_to_another_phone(app, client, learner, code):
    join(learner, code, "Yonas")
    learner.post("/les/inloggen/begin", form_url="/klas")
    learner.post("/les/inloggen/volgende", form_url="/klas")
    learner_id = learner_of(client)
    resume = member(app, learner_id).resume_code
    page = text(client.get("/klas"))
    assert codes.spaced(resume) in page
    assert f"/klas/verder?verder={resume}" in page  # in the QR code

    phone = Learner(app.test_client())
    prefilled = text(phone.client.get(f"/klas/verder?verder={resume}"))
    assert f'value="{resume}"' in prefilled
    response = phone.post(
        "/klas/verder", {"verder": codes.spaced(resume).lower()}, form_url="/klas"
    )
    assert response.location == "/klas?welkom=1"
    assert learner_of(phone.client) == learner_id
    assert "Stap 2 van 7" in text(phone.client.get("/sites/www.inburgeren.nl/"))


@pytest.mark.parametrize("typed", ["", "ABCD EFGH", "abc", "<b>x</b>"])
def test_a_wrong_verder_code_says_so_and_keeps_it(app, learner, typed):
    response = learner.post("/klas/verder", {"verder": typed}, form_url="/klas")
    assert response.status_code == 400
    page = text(response)
    assert (
        "Vul uw verder-code in." in page
        if not typed
        else "Deze verder-code kennen we niet." in page
    )
    if typed:
        assert 'value="' + typed.replace("<", "&lt;").replace(">", "&gt;") + '"' in page
