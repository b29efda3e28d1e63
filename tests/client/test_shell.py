"""The learner's frame and own pages through the Flask test client."""

from __future__ import annotations

import pytest

from simulator.security import CSP


def test_a_learner_is_made_at_the_first_act_and_kept_in_the_session(client, learner, app):
    response = client.get("/")
    assert response.status_code == 200
    assert "Oefenomgeving" in response.get_data(as_text=True)
    with client.session_transaction() as sess:
        assert "learner_id" not in sess  # looking around makes no learner (issue 9.2)
    learner_id = learner.start()
    assert app.extensions["store"].learner_exists(learner_id)
    client.get("/")
    with client.session_transaction() as sess:
        assert sess["learner_id"] == learner_id


def test_every_response_carries_a_strict_csp(client):
    response = client.get("/")
    assert response.headers["Content-Security-Policy"] == CSP
    assert "unsafe-inline" not in CSP and "script-src 'self'" in CSP
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_session_cookie_is_httponly_and_lax(client, learner):
    response = client.get("/")
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie
    token = learner.csrf("/opnieuw")
    response = client.post("/opnieuw", data={"csrf_token": token, "scenario": "standaard"})
    session_cookie = [c for c in response.headers.getlist("Set-Cookie") if c.startswith("session=")]
    assert (
        session_cookie and "HttpOnly" in session_cookie[0] and "SameSite=Lax" in session_cookie[0]
    )


def test_sandbox_page_shows_the_real_looking_address_and_padlock(client):
    html = client.get("/sites/www.inburgeren.nl/").get_data(as_text=True)
    assert "https://www.inburgeren.nl/" in html
    assert 'data-target="browser.hangslot"' in html
    assert "Verbinding is beveiligd" in html
    assert 'data-page="inburgeren.home"' in html


def test_page_views_are_logged_as_events(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    client.get("/sites/www.inburgeren.nl/")
    events = learner.events(app)
    assert events[-1]["kind"] == "page" and events[-1]["name"] == "inburgeren.home"


@pytest.mark.parametrize(
    "url", ["/bestaat-niet", "/sites/www.inburgeren.nl/bestaat-niet", "/sites/onbekend.nl/"]
)
def test_unknown_pages_get_a_dutch_404_inside_the_frame(client, url):
    response = client.get(url)
    assert response.status_code == 404
    html = response.get_data(as_text=True)
    assert "niet gevonden" in html.lower()
    assert "Oefenomgeving" in html


def test_reset_asks_first_then_resets_on_post(client, learner, app):
    learner_id = learner.start()
    store = app.extensions["store"]
    store.mutate_state(learner_id, lambda d: d["persona"].__setitem__("email", "a@b.nl"))
    page = client.get("/opnieuw").get_data(as_text=True)
    assert "Begin opnieuw" in page
    assert store.load_state(learner_id)[1]["persona"]["email"] == "a@b.nl"  # GET changed nothing
    response = learner.post("/opnieuw", {"scenario": "standaard"})
    assert response.status_code == 302
    assert store.load_state(learner_id)[1]["persona"]["email"] is None
    assert "Alles staat weer klaar" in client.get(response.headers["Location"]).get_data(
        as_text=True
    )
    assert learner.events(app)[-1]["name"] == "sandbox.reset"


def test_reset_refuses_an_unknown_scenario(client, learner, app):
    response = learner.post("/opnieuw", {"scenario": "bestaat-niet"})
    assert response.status_code == 400
    assert "Kies een oefenwereld uit de lijst." in response.get_data(as_text=True)


@pytest.mark.parametrize("token", [None, "", "vals"])
def test_post_without_the_right_csrf_token_changes_nothing(client, learner, app, token):
    learner_id = learner.start()
    store = app.extensions["store"]
    store.mutate_state(learner_id, lambda d: d["persona"].__setitem__("email", "a@b.nl"))
    data = {"scenario": "standaard"}
    if token is not None:
        data["csrf_token"] = token
    response = client.post("/opnieuw", data=data)
    assert response.status_code == 400
    assert "Deze pagina is verlopen" in response.get_data(as_text=True)
    assert store.load_state(learner_id)[1]["persona"]["email"] == "a@b.nl"


def test_leaving_the_sandbox_shows_the_address_and_goes_nowhere(client):
    response = client.get("/verlaten?url=https://www.digid.nl/stappenplan")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "U verlaat nu de oefenomgeving" in html
    assert "https://www.digid.nl/stappenplan" in html
    assert 'href="https://www.digid.nl' not in html


@pytest.mark.parametrize("url", ["", "javascript:alert(1)", "ftp://x.nl/", "https://" + "a" * 600])
def test_leave_page_refuses_odd_addresses(client, url):
    assert client.get("/verlaten", query_string={"url": url}).status_code == 404


def test_language_switch_goes_back_to_the_same_site_only(client):
    response = client.get(
        "/sites/www.inburgeren.nl/taal/en", query_string={"next": "/sites/www.inburgeren.nl/"}
    )
    assert response.headers["Location"] == "/sites/www.inburgeren.nl/"
    with client.session_transaction() as sess:
        assert sess["lang"] == {"inburgeren": "en"}
        learner_id = sess["learner_id"]
    last = client.application.extensions["store"].list_events(learner_id)[-1]
    assert (last["name"], last["params"]) == (
        "site.language_changed",
        {"site": "inburgeren", "lang": "en"},
    )
    for evil in ("https://evil.example/", "//evil.example/", "/sites/ind.nl/"):
        response = client.get("/sites/www.inburgeren.nl/taal/nl", query_string={"next": evil})
        assert response.headers["Location"] == "/sites/www.inburgeren.nl/"
    assert client.get("/sites/www.inburgeren.nl/taal/fr").status_code == 404


def test_wrong_method_gets_a_dutch_page(client):
    response = client.delete("/verlaten")
    assert response.status_code in (400, 405)
    assert "Oefenomgeving" in response.get_data(as_text=True)


def test_an_internal_error_shows_a_dutch_page_without_traceback(app):
    app.config["PROPAGATE_EXCEPTIONS"] = False

    @app.get("/kapot-voor-test")
    def broken():
        raise RuntimeError("geheim detail")

    response = app.test_client().get("/kapot-voor-test")
    html = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Er ging iets mis" in html and "geheim detail" not in html and "Traceback" not in html


def test_too_much_posted_text_gets_a_dutch_page(client, learner):
    token = learner.csrf()
    response = client.post("/opnieuw", data={"csrf_token": token, "scenario": "x" * 70_000})
    assert response.status_code == 413
    assert "Te veel tekst" in response.get_data(as_text=True)
