"""The practice phone through the test client: panel on every page, screens, app, calls."""

from __future__ import annotations

import re

import pytest

from simulator import ROOT
from tests.client.test_assets import page_assets

KIES = "/sites/digid.nl/inloggen?dienst=duo"
JSON = {"X-Phone": "1"}


def phone_post(learner, url: str, data: dict | None = None, json: bool = True):
    data = dict(data or {})
    data.setdefault("csrf_token", learner.csrf(KIES))
    return learner.client.post(url, data=data, headers=JSON if json else {})


def choose(learner, method: str, dienst: str = "duo"):
    return learner.post(
        "/sites/digid.nl/inloggen", {"dienst": dienst, "methode": method}, form_url=KIES
    )


@pytest.mark.parametrize("url", ["/", "/opnieuw", KIES, "/sites/www.inburgeren.nl/"])
def test_phone_and_toggle_on_every_page(client, url):
    html = client.get(url).get_data(as_text=True)
    assert 'id="telefoon"' in html and 'data-target="phone.toggle"' in html
    loaded = page_assets(client, html)  # the page's stylesheet and script bundles
    for source in ("static/js/phone.js", "static/css/phone.css"):
        assert (ROOT / source).read_text(encoding="utf-8").strip() in loaded
    assert 'data-csrf="' in html


def test_screen_endpoint(client):
    client.get("/")
    data = client.get("/telefoon/scherm").json
    assert data["unread"] == 0 and data["pending"] is False
    assert "Berichten" in data["html"]


def test_open_screens(learner):
    response = phone_post(learner, "/telefoon/scherm", {"scherm": "berichten"})
    assert response.status_code == 200
    assert "Er zijn nog geen berichten." in response.json["html"]
    response = phone_post(learner, "/telefoon/scherm", {"scherm": "app"})
    assert "Scan QR-code" in response.json["html"]
    assert phone_post(learner, "/telefoon/scherm", {"scherm": "kapot"}).status_code == 400


def test_without_javascript_a_phone_form_returns_to_the_page(learner):
    response = phone_post(
        learner,
        "/telefoon/scherm",
        {"scherm": "app", "next": "/sites/digid.nl/aanvragen"},
        json=False,
    )
    assert response.status_code == 302
    assert response.location.endswith("/sites/digid.nl/aanvragen#telefoon")


@pytest.mark.parametrize("target", ["https://example.org/", "//example.org/x", "/\\example.org"])
def test_next_never_leaves_the_simulator(learner, target):
    response = phone_post(
        learner, "/telefoon/scherm", {"scherm": "app", "next": target}, json=False
    )
    assert response.location.endswith("/#telefoon")
    assert "example.org" not in response.location


@pytest.mark.parametrize(
    "url",
    [
        "/telefoon/scherm",
        "/telefoon/app/scan",
        "/telefoon/app/koppelcode",
        "/telefoon/app/pincode",
        "/telefoon/app/document",
        "/telefoon/app/documentpincode",
        "/telefoon/app/sluiten",
        "/telefoon/gesprek/opnemen",
        "/telefoon/gesprek/ophangen",
    ],
)
def test_phone_actions_need_the_csrf_token(client, url):
    client.get("/")
    response = client.post(url, data={"scherm": "app"}, headers=JSON)
    assert response.status_code == 400


def test_scan_without_a_login_says_there_is_no_qr_code(learner):
    response = phone_post(learner, "/telefoon/app/scan")
    assert response.status_code == 400
    assert "Er is geen QR-code gevonden." in response.json["html"]


def test_app_flow_on_the_phone(learner, app):
    choose(learner, "app")
    data = learner.client.get("/telefoon/scherm").json
    assert data["pending"] is True
    phone_post(learner, "/telefoon/scherm", {"scherm": "app"})
    html = phone_post(learner, "/telefoon/app/scan").json["html"]
    code = learner.state(app)["digid_runtime"]["login"]["koppel"]["code"]
    assert "Kies de koppelcode" in html and code in html
    response = phone_post(learner, "/telefoon/app/koppelcode", {"koppelcode": ""})
    assert response.status_code == 400 and "Kies een koppelcode." in response.json["html"]
    response = phone_post(learner, "/telefoon/app/koppelcode", {"koppelcode": "Z" * 500})
    assert "niet dezelfde als op de computer" in response.json["html"]
    response = phone_post(learner, "/telefoon/app/koppelcode", {"koppelcode": code})
    assert response.status_code == 200 and "Vul uw pincode in" in response.json["html"]
    for pin, message in (("", "Vul uw pincode in."), ("12", "5 cijfers"), ("99999", "niet juist")):
        response = phone_post(learner, "/telefoon/app/pincode", {"pincode": pin})
        assert response.status_code == 400 and message in response.json["html"]
    response = phone_post(learner, "/telefoon/app/pincode", {"pincode": "12345"})
    assert "Gelukt" in response.json["html"]
    assert learner.client.get("/sites/digid.nl/app/status").json["status"] == "confirmed"
    assert learner.client.get("/sites/digid.nl/app/klaar").location.endswith(
        "/sites/mijn.inburgeren.nl/"
    )
    assert "12345" not in str(learner.state(app).get("digid_runtime"))


def test_id_check_on_the_phone(learner, app):
    choose(learner, "rijbewijs")
    phone_post(learner, "/telefoon/app/scan")
    code = learner.state(app)["digid_runtime"]["login"]["koppel"]["code"]
    html = phone_post(learner, "/telefoon/app/koppelcode", {"koppelcode": code}).json["html"]
    assert "Houd uw rijbewijs tegen de telefoon" in html
    html = phone_post(learner, "/telefoon/app/document").json["html"]
    assert "Vul de pincode van uw rijbewijs in" in html
    response = phone_post(learner, "/telefoon/app/documentpincode", {"pincode": "12345"})
    assert response.status_code == 400 and "6 cijfers" in response.json["html"]
    response = phone_post(learner, "/telefoon/app/documentpincode", {"pincode": "123456"})
    assert "Gelukt" in response.json["html"]
    assert learner.state(app)["auth"]["sessions"]["duo"]["method"] == "rijbewijs"


def test_call_answer_and_hang_up(learner, app):
    choose(learner, "sms")
    learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"},
        form_url=KIES,
    )
    assert phone_post(learner, "/telefoon/gesprek/opnemen").status_code == 400  # nothing rings
    learner.post("/sites/digid.nl/sms/voorlezen", {}, form_url=KIES)
    assert learner.client.get("/telefoon/scherm").json["pending"] is True
    html = phone_post(learner, "/telefoon/gesprek/opnemen").json["html"]
    code = learner.state(app)["phone"]["call"]["code"]
    assert "Uw code is: <strong>" + " - ".join(code) + "</strong>" in html
    assert 'data-speak="Uw code is: ' in html and 'data-speak-lang="nl-NL"' in html
    html = phone_post(learner, "/telefoon/gesprek/ophangen").json["html"]
    assert "In gesprek" not in html


def test_new_sms_shows_the_badge(learner):
    choose(learner, "sms")
    learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"},
        form_url=KIES,
    )
    html = learner.client.get("/sites/digid.nl/sms/code").get_data(as_text=True)
    assert "Nieuw bericht van DigiD" in html
    assert "nieuw bericht</span>" in html
    phone_post(learner, "/telefoon/scherm", {"scherm": "berichten"})
    assert learner.client.get("/telefoon/scherm").json["unread"] == 0


def koppel_code(learner, app) -> str:
    return learner.state(app)["digid_runtime"]["login"]["koppel"]["code"]


# -- the app and the ID check ---------------------------------------------------------------
def test_app_page_shows_koppelcode_and_qr(learner, app):
    choose(learner, "app")
    html = learner.client.get("/sites/digid.nl/app").get_data(as_text=True)
    code = koppel_code(learner, app)
    assert re.fullmatch(r"[A-Z]{4}", code)
    assert (
        "".join(re.findall(r"<span>([A-Z])</span>", html.split("digid-koppelcode")[1][:300]))
        == code
    )
    assert '<svg viewBox="' in html and 'data-target="digid.app.qr"' in html
    assert "Inloggen met de DigiD app op deze telefoon" in html
    assert " style=" not in html


def test_app_status_and_continue_before_confirming(learner, app):
    choose(learner, "app")
    assert learner.client.get("/sites/digid.nl/app/status").json["status"] == "waiting"
    response = learner.client.get("/sites/digid.nl/app/klaar")
    assert response.location.endswith("/sites/digid.nl/app")
    page = learner.client.get("/sites/digid.nl/app").get_data(as_text=True)
    assert "nog niet bevestigd" in page


def test_new_koppelcode(learner, app):
    choose(learner, "app")
    first = learner.state(app)["digid_runtime"]["login"]["koppel"]["token"]
    learner.post("/sites/digid.nl/app/nieuw", {}, form_url=KIES)
    assert learner.state(app)["digid_runtime"]["login"]["koppel"]["token"] != first


@pytest.mark.parametrize(
    ("pin", "message"),
    [
        ("", "Vul uw pincode in."),
        ("123", "Uw pincode heeft 5 cijfers."),
        ("1" * 300, "Uw pincode heeft 5 cijfers."),
        ("54321", "Deze pincode is niet juist."),
    ],
)
def test_same_device_pin_bad_input(learner, pin, message):
    choose(learner, "app")
    response = learner.post("/sites/digid.nl/app/deze-telefoon", {"pincode": pin}, form_url=KIES)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_same_device_too_many_wrong_pins(learner):
    choose(learner, "app")
    for _ in range(3):
        response = learner.post(
            "/sites/digid.nl/app/deze-telefoon", {"pincode": "00000"}, form_url=KIES
        )
    assert "te vaak een verkeerde pincode" in response.get_data(as_text=True)


def test_same_device_right_pin_goes_to_mijn_ind(learner, app):
    choose(learner, "app", "ind")
    page = learner.client.get("/sites/digid.nl/app/deze-telefoon").get_data(as_text=True)
    assert "Inloggen met de DigiD app op deze telefoon" in page
    response = learner.post(
        "/sites/digid.nl/app/deze-telefoon", {"pincode": "12345"}, form_url=KIES
    )
    assert response.location.endswith("/sites/ind.nl/mijn-ind")
    assert learner.state(app)["auth"]["sessions"]["ind"]["method"] == "app"


def test_unknown_document_is_404(learner):
    assert learner.client.get("/sites/digid.nl/id/paspoort").status_code == 404


def test_id_page(learner, app):
    choose(learner, "identiteitskaart")
    html = learner.client.get("/sites/digid.nl/id/identiteitskaart").get_data(as_text=True)
    assert "Inloggen met uw identiteitskaart" in html and koppel_code(learner, app)[0] in html
