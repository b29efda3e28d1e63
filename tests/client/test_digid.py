"""DigiD through the test client: every form with good and bad input, and no password kept."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest
import sqlalchemy as sa

from simulator import registry

KIES = "/sites/digid.nl/inloggen?dienst=duo"
SECRET = "MijnEchteWachtwoord!77"


def token(learner) -> str:
    return learner.csrf(KIES)


def choose(learner, method: str, dienst: str = "duo"):
    return learner.post(
        "/sites/digid.nl/inloggen", {"dienst": dienst, "methode": method}, form_url=KIES
    )


def state_of(learner, app) -> dict:
    return learner.state(app)


def sms_until_code(learner):
    choose(learner, "sms")
    return learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"},
        form_url=KIES,
    )


def koppel_code(learner, app) -> str:
    return state_of(learner, app)["digid_runtime"]["login"]["koppel"]["code"]


# -- the choice of method -------------------------------------------------------------------
def test_choice_page_has_the_four_ways_in_the_chapters_order(client):
    html = client.get(KIES).get_data(as_text=True)
    assert "DUO - DigiD voor Inburgeren" in html and "Inloggen bij" in html
    assert "Hoe wilt u inloggen?" in html
    order = [
        html.index(text)
        for text in (
            "Met de DigiD app",
            "Met een sms-controle",
            "Met mijn rijbewijs",
            "Met mijn identiteitskaart",
        )
    ]
    assert order == sorted(order)
    assert "De makkelijkste manier om veilig in te loggen" in html
    assert "digid-method--app" in html  # the highlighted one
    assert "Kunt u niet verder? Download dan de" in html
    assert "Nog geen DigiD? Vraag uw DigiD aan" in html
    # help links leave the sandbox through the foundation's page
    assert "/verlaten?url=https" in html and 'href="https://' not in html


def test_unknown_service_is_digids_not_found(client):
    response = client.get("/sites/digid.nl/inloggen?dienst=belastingdienst")
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in response.get_data(as_text=True)


def test_english_version(client):
    client.get(KIES)
    response = client.get(
        "/sites/digid.nl/taal/en", query_string={"next": "/sites/digid.nl/inloggen?dienst=ind"}
    )
    assert response.location.endswith("/sites/digid.nl/inloggen?dienst=ind")
    html = client.get("/sites/digid.nl/inloggen?dienst=ind").get_data(as_text=True)
    assert "How do you want to log in?" in html and "With the DigiD app" in html
    assert (
        "IND - My IND" in html and 'tabindex="-1" lang="en" dir="ltr">'
    )  # the site's <main> in html


@pytest.mark.parametrize(
    "data", [{"dienst": "duo", "methode": "vingerafdruk"}, {"dienst": "x", "methode": "sms"}, {}]
)
def test_bad_choice_is_400(learner, data):
    assert learner.post("/sites/digid.nl/inloggen", data, form_url=KIES).status_code == 400


def test_choice_records_the_method(learner, app):
    response = choose(learner, "rijbewijs")
    assert response.location.endswith("/sites/digid.nl/id/rijbewijs")
    assert {"kind": "action", "name": "digid.method_chosen", "params": {"method": "rijbewijs"}} in [
        {k: e[k] for k in ("kind", "name", "params")} for e in learner.events(app)
    ]


@pytest.mark.parametrize(
    ("dienst", "target", "site"),
    [("duo", "/sites/www.inburgeren.nl/", "inburgeren"), ("ind", "/sites/ind.nl/", "ind")],
)
def test_cancel_goes_back_with_a_message(learner, app, dienst, target, site):
    choose(learner, "sms", dienst)
    response = learner.post("/sites/digid.nl/annuleren", {"dienst": dienst}, form_url=KIES)
    assert response.location.endswith(target)
    state = state_of(learner, app)
    text = "U heeft het inloggen geannuleerd."
    if site == "inburgeren":  # inburgeren.nl shows it in its own language
        text = {"nl": text, "en": "You cancelled logging in."}
    assert {"site": site, "text": text} in state["notices"]
    assert state["digid_runtime"]["login"] is None


@pytest.mark.parametrize(
    "url",
    [
        "/sites/digid.nl/inloggen",
        "/sites/digid.nl/annuleren",
        "/sites/digid.nl/sms",
        "/sites/digid.nl/sms/code",
        "/sites/digid.nl/sms/opnieuw",
        "/sites/digid.nl/sms/voorlezen",
        "/sites/digid.nl/app/nieuw",
        "/sites/digid.nl/app/deze-telefoon",
    ],
)
def test_missing_csrf_token_is_the_error_page(client, url):
    client.get(KIES)
    response = client.post(url, data={"dienst": "duo", "methode": "sms"})
    assert response.status_code == 400
    assert "Deze pagina is verlopen" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "url",
    [
        "/sites/digid.nl/sms",
        "/sites/digid.nl/sms/code",
        "/sites/digid.nl/app",
        "/sites/digid.nl/id/rijbewijs",
        "/sites/digid.nl/app/deze-telefoon",
    ],
)
def test_pages_without_a_login_in_progress_go_to_the_choice(client, url):
    response = client.get(url)
    assert response.status_code == 302
    assert "/sites/digid.nl/inloggen?dienst=duo" in response.location


# -- sms-controle ---------------------------------------------------------------------------
def test_sms_form_shows_practice_data_and_links(learner):
    choose(learner, "sms")
    html = learner.client.get("/sites/digid.nl/sms").get_data(as_text=True)
    assert "Gebruikersnaam: <strong>oefenaccount</strong>" in html
    assert "Wachtwoord: <strong>Oefenen123</strong>" in html
    assert "nooit uw echte DigiD" in html
    assert "/sites/digid.nl/vergeten/gebruikersnaam" in html
    assert "/sites/digid.nl/vergeten/wachtwoord" in html


@pytest.mark.parametrize(
    ("username", "password", "messages"),
    [
        ("", "", ["Vul uw DigiD gebruikersnaam in.", "Vul uw wachtwoord in."]),
        ("oefenaccount", "", ["Vul uw wachtwoord in."]),
        ("", "Oefenen123", ["Vul uw DigiD gebruikersnaam in."]),
        ("x" * 40, "Oefenen123", ["Uw gebruikersnaam is te lang."]),
        ("oefenaccount", "y" * 40, ["Uw wachtwoord is te lang."]),
        (
            "oefenaccount",
            SECRET,
            ["De combinatie van gebruikersnaam en wachtwoord is niet bekend."],
        ),
        (
            "iemand",
            "Oefenen123",
            ["De combinatie van gebruikersnaam en wachtwoord is niet bekend."],
        ),
    ],
)
def test_sms_login_bad_input(learner, username, password, messages):
    choose(learner, "sms")
    response = learner.post(
        "/sites/digid.nl/sms", {"gebruikersnaam": username, "wachtwoord": password}, form_url=KIES
    )
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    for message in messages:
        assert message in html
    assert 'aria-invalid="true"' in html or "login-fout" in html
    assert re.search(r'name="wachtwoord" value=""', html)  # never echoed
    if password and password not in ("Oefenen123",):
        assert password not in html
    if username and len(username) <= 32:
        assert f'value="{username}"' in html  # the username is kept


def test_three_wrong_tries_block_and_begin_opnieuw_lifts_it(learner, app):
    choose(learner, "sms")
    for _ in range(3):
        response = learner.post(
            "/sites/digid.nl/sms",
            {"gebruikersnaam": "oefenaccount", "wachtwoord": "fout"},
            form_url=KIES,
        )
    html = response.get_data(as_text=True)
    assert "15 minuten niet inloggen" in html and "Begin opnieuw" in html
    right = {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"}
    blocked = learner.post("/sites/digid.nl/sms", right, form_url=KIES)
    assert blocked.status_code == 400 and "15 minuten" in blocked.get_data(as_text=True)
    learner.post("/opnieuw", {"scenario": "standaard"})
    choose(learner, "sms")
    response = learner.post("/sites/digid.nl/sms", right, form_url=KIES)
    assert response.location.endswith("/sites/digid.nl/sms/code")


def test_second_wrong_try_says_how_many_are_left(learner):
    choose(learner, "sms")
    response = learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": "fout"},
        form_url=KIES,
    )
    assert "U kunt het nog 2 keer proberen." in response.get_data(as_text=True)


def test_sms_code_page_and_the_phone(learner, app):
    response = sms_until_code(learner)
    assert response.location.endswith("/sites/digid.nl/sms/code")
    html = learner.client.get("/sites/digid.nl/sms/code").get_data(as_text=True)
    assert "We hebben een sms gestuurd naar" in html and "06-******78" in html
    assert "Let op!" in html and "gesproken sms" in html
    assert "Geen sms ontvangen?" in html
    state = state_of(learner, app)
    assert state["phone"]["messages"][0]["body"]["code"] == state["digid_runtime"]["login"]["code"]


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Vul de sms-code in."),
        ("123", "Een sms-code heeft 6 cijfers."),
        ("9" * 200, "Een sms-code heeft 6 cijfers."),
        ("abcdef", "Een sms-code heeft 6 cijfers."),
    ],
)
def test_sms_code_bad_input(learner, typed, message):
    sms_until_code(learner)
    response = learner.post("/sites/digid.nl/sms/code", {"code": typed}, form_url=KIES)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)


def test_wrong_then_right_code_logs_in(learner, app):
    sms_until_code(learner)
    code = state_of(learner, app)["digid_runtime"]["login"]["code"]
    wrong = "000000" if code != "000000" else "111111"
    response = learner.post("/sites/digid.nl/sms/code", {"code": wrong}, form_url=KIES)
    assert response.status_code == 400
    assert "De sms-code is niet juist." in response.get_data(as_text=True)
    response = learner.post("/sites/digid.nl/sms/code", {"code": code}, form_url=KIES)
    assert response.location.endswith("/sites/mijn.inburgeren.nl/")
    state = state_of(learner, app)
    assert state["auth"]["sessions"]["duo"]["method"] == "sms"
    names = [(e["name"], e["params"]) for e in learner.events(app) if e["kind"] == "action"]
    assert ("digid.login_succeeded", {"method": "sms", "service": "duo"}) in names
    assert ("digid.login_failed", {"method": "sms", "reason": "code_wrong"}) in names
    assert learner.client.get(response.location).status_code == 200


def test_replayed_code_after_geen_sms_ontvangen(learner, app):
    sms_until_code(learner)
    old = state_of(learner, app)["digid_runtime"]["login"]["code"]
    response = learner.post("/sites/digid.nl/sms/opnieuw", {}, form_url=KIES)
    assert response.location.endswith("/sites/digid.nl/sms/code")
    page = learner.client.get(response.location).get_data(as_text=True)
    assert "We hebben een nieuwe sms gestuurd." in page
    state = state_of(learner, app)
    new = state["digid_runtime"]["login"]["code"]
    assert len(state["phone"]["messages"]) == 2
    if new != old:
        response = learner.post("/sites/digid.nl/sms/code", {"code": old}, form_url=KIES)
        assert response.status_code == 400
        assert "Deze sms-code werkt niet meer" in response.get_data(as_text=True)
    response = learner.post("/sites/digid.nl/sms/code", {"code": new}, form_url=KIES)
    assert response.status_code == 302


def test_spoken_sms_rings_the_phone(learner, app):
    sms_until_code(learner)
    response = learner.post("/sites/digid.nl/sms/voorlezen", {}, form_url=KIES)
    page = learner.client.get(response.location).get_data(as_text=True)
    assert "U wordt nu gebeld op 06-******78" in page
    assert "Inkomend gesprek" in page  # the phone rings beside the page
    state = state_of(learner, app)
    assert state["phone"]["call"]["code"] == state["digid_runtime"]["login"]["code"]
    assert "digid.sms_spoken" in [e["name"] for e in learner.events(app)]


# -- help pages -----------------------------------------------------------------------------
def test_apply_and_forgotten_pages(client):
    assert "Vraag uw DigiD aan" in client.get("/sites/digid.nl/aanvragen").get_data(as_text=True)
    html = client.get("/sites/digid.nl/vergeten/wachtwoord").get_data(as_text=True)
    assert "Wachtwoord vergeten?" in html and "oefenaccount" in html
    html = client.get("/sites/digid.nl/vergeten/gebruikersnaam").get_data(as_text=True)
    assert "Gebruikersnaam vergeten?" in html
    assert client.get("/sites/digid.nl/vergeten/pincode").status_code == 404


# -- the contract names ---------------------------------------------------------------------
def test_contract_page_ids_actions_and_targets_exist():
    for page_id in (
        "digid.kies",
        "digid.sms.login",
        "digid.sms.code",
        "digid.app.koppel",
        "digid.app.pin",
        "digid.id.start",
        "digid.aanvragen",
        "digid.vergeten",
    ):
        assert page_id in registry.PAGES
    for action in (
        "digid.method_chosen",
        "digid.login_failed",
        "digid.login_succeeded",
        "digid.sms_sent",
        "digid.sms_spoken",
    ):
        assert action in registry.ACTIONS
    targets = """digid.methode.app digid.methode.sms digid.methode.rijbewijs
    digid.methode.identiteitskaart digid.annuleren digid.taal digid.gebruikersnaam
    digid.wachtwoord digid.oefengegevens digid.inloggen digid.sms.code digid.sms.opnieuw
    digid.sms.voorlezen digid.sms.volgende digid.app.koppelcode digid.app.qr phone.sms
    phone.app phone.app.scan phone.app.pin phone.toggle""".split()
    for target in targets:
        assert registry.is_known_target(target), target


# -- a typed password is never kept ---------------------------------------------------------
def test_typed_password_reaches_no_store_log_or_session(learner, app, caplog):
    caplog.set_level(logging.DEBUG)
    choose(learner, "sms")
    for username in ("oefenaccount", "", "x" * 40):
        learner.post(
            "/sites/digid.nl/sms", {"gebruikersnaam": username, "wachtwoord": SECRET}, form_url=KIES
        )
    learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": SECRET + "x" * 40},
        form_url=KIES,
    )
    engine = app.extensions["store"].engine
    with engine.connect() as conn:
        tables = sa.inspect(conn).get_table_names()
        assert "sandbox_states" in tables and "events" in tables
        for table in tables:
            rows = conn.execute(sa.text(f"SELECT * FROM {table}")).fetchall()
            assert SECRET not in repr(rows), f"password found in table {table}"
    assert SECRET not in repr(learner.events(app))
    with learner.client.session_transaction() as sess:
        assert SECRET not in repr(dict(sess))
    sessions = Path(app.config["SESSION_CACHE_DIR"])
    for path in sessions.rglob("*"):
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes()
    assert SECRET not in caplog.text
