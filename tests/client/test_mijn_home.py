"""Mijn Inburgering start page, Uitloggen and the idle logout ("Wilt u ingelogd blijven?")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tests.conftest import change_state, text

M = "/sites/mijn.inburgeren.nl"


def set_last_activity(app, client, minutes_ago: float) -> None:
    when = datetime.now(UTC).replace(tzinfo=None) - timedelta(minutes=minutes_ago)

    def change(data):
        data["auth"]["sessions"]["duo"]["last_activity"] = when.isoformat(timespec="seconds")

    change_state(app, client, change)


def use_scenario(app, learner, scenario: str) -> None:
    """Begin opnieuw with another scenario, then log in again."""
    response = learner.post("/opnieuw", {"scenario": scenario})
    assert response.status_code == 302
    learner.login(app)


def test_needs_a_digid_login(client):
    response = client.get(M + "/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sites/digid.nl/inloggen?dienst=duo")


def test_start_page_greets_and_sums_up(logged_in, client, app):
    page = text(client.get(M + "/"))
    assert "Welkom Yonas Tesfay" in page
    assert "U heeft 1 openstaande factuur." in page
    assert "U kunt nog <strong>€ 6.700,00</strong> lenen." in page
    assert "U bent nu niet aangemeld voor een examen." in page
    assert "U heeft 1 examen gehaald." in page
    for target in ("home", "gegevens", "examens", "lening", "facturen", "brieven"):
        assert f'data-target="mijn.menu.{target}"' in page
    assert 'data-target="mijn.uitloggen"' in page
    assert f'href="{M}/facturen"' in page and f'href="{M}/lening"' in page
    assert 'data-page="mijn.home"' in page
    assert logged_in.events(app)[-1]["name"] == "mijn.home"


def test_start_page_of_examens_gedaan(app, learner, client):
    use_scenario(app, learner, "examens-gedaan")
    page = text(client.get(M + "/"))
    assert "Welkom Rami Haddad" in page
    assert "Uw volgende examen: <strong>Spreken</strong> op 12-01-2027 om 09:30" in page
    assert "DUO Examenlocatie Zwolle" in page
    assert "U heeft 3 examens gehaald." in page
    assert "Er zijn geen openstaande facturen." in page


def test_start_page_of_a_new_learner(app, learner, client):
    use_scenario(app, learner, "nieuw")
    page = text(client.get(M + "/"))
    assert "Welkom Hamid Rahimi" in page
    assert "Er zijn geen openstaande facturen." in page
    assert "U heeft € 0,00 geleend." in page
    assert "examens gehaald" not in page


def test_uitloggen(logged_in, client, app):
    response = logged_in.post(M + "/uitloggen", form_url=M + "/")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sites/www.inburgeren.nl/")
    state = logged_in.state(app)
    assert "duo" not in state["auth"]["sessions"]
    text = {"nl": "U bent uitgelogd.", "en": "You are logged out."}
    assert {"site": "inburgeren", "text": text} in state["notices"]
    event = logged_in.events(app)[-1]
    assert (event["name"], event["params"]) == ("mijn.logged_out", {"reason": "uitloggen"})
    assert client.get(M + "/facturen").headers["Location"].endswith("dienst=duo")


def test_uitloggen_twice_is_harmless(logged_in, client, app):
    token = logged_in.csrf(M + "/")
    client.post(M + "/uitloggen", data={"csrf_token": token})
    response = client.post(M + "/uitloggen", data={"csrf_token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sites/www.inburgeren.nl/")


def test_uitloggen_needs_the_csrf_token(logged_in, client, app):
    assert client.post(M + "/uitloggen").status_code == 400
    assert "duo" in logged_in.state(app)["auth"]["sessions"]


def test_uitloggen_is_a_post(logged_in, client):
    assert client.get(M + "/uitloggen").status_code == 405


def test_each_request_notes_the_time(logged_in, client, app):
    set_last_activity(app, client, 10)
    client.get(M + "/lening")
    last = logged_in.state(app)["auth"]["sessions"]["duo"]["last_activity"]
    age = datetime.now(UTC).replace(tzinfo=None) - datetime.fromisoformat(last)
    assert age < timedelta(minutes=1)


def test_idle_for_14_minutes_stays_logged_in(logged_in, client, app):
    client.get(M + "/")
    set_last_activity(app, client, 14)
    assert client.get(M + "/facturen").status_code == 200


def test_idle_for_15_minutes_logs_out(logged_in, client, app):
    client.get(M + "/")
    set_last_activity(app, client, 15.5)
    response = client.get(M + "/facturen")
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sites/www.inburgeren.nl/")
    state = logged_in.state(app)
    assert "duo" not in state["auth"]["sessions"]
    assert {
        "site": "inburgeren",
        "text": {
            "nl": "U bent automatisch uitgelogd, omdat u 15 minuten niets heeft gedaan.",
            "en": "You were logged out because you did nothing for 15 minutes.",
        },
    } in state["notices"]
    event = logged_in.events(app)[-1]
    assert (event["name"], event["params"]) == ("mijn.logged_out", {"reason": "inactief"})


def test_idle_time_comes_from_the_scenario_settings(logged_in, client, app):
    client.get(M + "/")
    change_state(app, client, lambda data: data["settings"].update(idle_minutes=5))
    page = text(client.get(M + "/"))
    assert 'data-idle-minutes="5"' in page
    set_last_activity(app, client, 6)
    assert client.get(M + "/").status_code == 302


def test_idle_dialog_is_on_every_page(logged_in, client):
    page = text(client.get(M + "/facturen"))
    assert "Wilt u ingelogd blijven?" in page
    assert 'data-idle-minutes="15"' in page
    assert f'action="{M}/ingelogd-blijven"' in page
    assert 'form="mijn-logout-form"' in page  # "Uitloggen" in the dialog logs out


def test_ja_by_script_extends_the_session(logged_in, client, app):
    client.get(M + "/")
    set_last_activity(app, client, 14.5)
    token = logged_in.csrf(M + "/lening")
    set_last_activity(app, client, 14.5)
    response = client.post(M + "/ingelogd-blijven", headers={"X-CSRF-Token": token})
    assert response.status_code == 204
    set_last_activity(app, client, 0)  # and the next page still works
    assert client.get(M + "/lening").status_code == 200


def test_ja_without_script_goes_back_to_the_page(logged_in, client):
    response = logged_in.post(
        M + "/ingelogd-blijven", {"next": M + "/lening"}, form_url=M + "/lening"
    )
    assert response.headers["Location"] == M + "/lening"


@pytest.mark.parametrize(
    "bad_next", ["https://evil.example/", "//evil.example/x", "/sites/ind.nl/", "", "javascript:x"]
)
def test_ja_never_leaves_mijn_inburgering(logged_in, bad_next):
    response = logged_in.post(M + "/ingelogd-blijven", {"next": bad_next}, form_url=M + "/")
    assert response.headers["Location"] == M + "/"


def test_ja_too_late_logs_out(logged_in, client, app):
    token = logged_in.csrf(M + "/")
    set_last_activity(app, client, 16)
    response = client.post(M + "/ingelogd-blijven", headers={"X-CSRF-Token": token})
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/sites/www.inburgeren.nl/")


def test_unknown_mijn_page_is_the_sites_not_found(logged_in, client):
    response = client.get(M + "/bestaat-niet")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in text(response)
    assert 'data-target="mijn.menu.facturen"' in text(response)
