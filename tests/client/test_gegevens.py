"""Mijn Inburgering > Gegevens: Persoon, the change forms (good and bad input), Inburgering."""

from __future__ import annotations

import pytest

from simulator.sandbox import auth
from tests.conftest import text

M = "/sites/mijn.inburgeren.nl"
POSTADRES = {
    "zelfde": "nee",
    "straat": "Hoofdstraat",
    "huisnummer": "5a",
    "postcode": "1234ab",
    "plaats": "Utrecht",
}


def test_needs_a_digid_login(client):
    response = client.get(M + "/gegevens/persoon")
    assert response.status_code == 302
    assert "/sites/digid.nl/" in response.headers["Location"]


def test_gegevens_section_page(logged_in, client):
    page = text(client.get(M + "/gegevens"))
    assert 'data-page="mijn.gegevens"' in page
    assert 'data-target="mijn.submenu.persoon"' in page
    assert 'data-target="mijn.submenu.inburgering"' in page


def test_persoon_as_in_the_workbook(logged_in, client):
    page = text(client.get(M + "/gegevens/persoon"))
    for words in (
        "Persoonsgegevens",
        "Naam",
        "Yonas Tesfay",
        "Burgerservicenummer",
        "999993653",
        "Geboortedatum",
        "14-03-1992",
        "Geboorteplaats",
        "Asmara",
        "Geboorteland",
        "Eritrea",
        "Contactgegevens",
        "Woonadres",
        "Kastanjelaan 12",
        "7511 AB Enschede",
        "Gaat u verhuizen? Geef dan uw nieuwe adres aan de gemeente door.",
        "Postadres",
        "Gelijk aan woonadres",
        "Wilt u uw post op een ander adres ontvangen? Klik dan op wijzig. Wilt u uw postadres "
        "verwijderen? Geef dan aan: Zelfde als woonadres is Ja.",
        "E-mailadres",
        "Onbekend",
        "Wilt u uw e-mailadres toevoegen? Klik dan op voeg toe.",
        "Telefoon",
        "Wilt u uw telefoonnummer toevoegen? Klik dan op voeg toe.",
    ):
        assert words in page, words
    assert page.count(">Voeg toe<") == 2
    for target in ("postadres.wijzig", "email.voegtoe", "telefoon.voegtoe"):
        assert f'data-target="mijn.persoon.{target}"' in page
    assert 'aria-current="page">Persoon' in page


@pytest.mark.parametrize("veld", ["postadres", "email", "telefoon"])
def test_change_forms_open(logged_in, client, app, veld):
    response = client.get(f"{M}/gegevens/persoon/{veld}")
    assert response.status_code == 200
    assert 'name="csrf_token"' in text(response)
    event = logged_in.events(app)[-1]
    assert (event["kind"], event["name"], event["params"]) == (
        "page",
        "mijn.wijzig",
        {"veld": veld},
    )


def test_unknown_field_is_not_found(logged_in, client):
    assert client.get(M + "/gegevens/persoon/naam").status_code == 404
    assert (
        logged_in.post(
            M + "/gegevens/persoon/naam", {}, form_url=M + "/gegevens/persoon/email"
        ).status_code
        == 404
    )


def test_change_postal_address(logged_in, client, app):
    response = logged_in.post(M + "/gegevens/persoon/postadres", POSTADRES)
    assert response.status_code == 302 and response.headers["Location"].endswith(
        "/gegevens/persoon"
    )
    page = text(client.get(M + "/gegevens/persoon"))
    assert "Uw postadres is gewijzigd." in page
    assert "Hoofdstraat 5a<br>1234 AB Utrecht" in page
    assert "Uw postadres is gewijzigd." not in text(client.get(M + "/gegevens/persoon"))
    state = logged_in.state(app)
    assert state["persona"]["postadres"]["postcode"] == "1234 AB"
    assert state["mails"][-1]["onderwerp"] == "Uw gegevens zijn gewijzigd"
    actions = [e for e in logged_in.events(app) if e["kind"] == "action"]
    assert actions[-1]["name"] == "contact.changed" and actions[-1]["params"] == {
        "field": "postadres"
    }


def test_postal_address_back_to_same_as_home(logged_in, client, app):
    logged_in.post(M + "/gegevens/persoon/postadres", POSTADRES)
    form = text(client.get(M + "/gegevens/persoon/postadres"))
    assert 'value="Hoofdstraat"' in form and 'value="nee" checked' in form
    logged_in.post(M + "/gegevens/persoon/postadres", {"zelfde": "ja"})
    assert logged_in.state(app)["persona"]["postadres"] is None
    assert "Gelijk aan woonadres" in text(client.get(M + "/gegevens/persoon"))


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"zelfde": ""}, "zelfde", "Kies Ja of Nee."),
        ({"straat": ""}, "straat", "Vul de straat in."),
        (
            {"huisnummer": "twaalf"},
            "huisnummer",
            "Vul een huisnummer in met cijfers, zoals 12 of 12a.",
        ),
        (
            {"postcode": "12345"},
            "postcode",
            "Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB.",
        ),
        ({"plaats": ""}, "plaats", "Vul de plaats in."),
    ],
)
def test_postal_address_errors(logged_in, client, app, changes, field, message):
    form = dict(POSTADRES, **changes)
    response = logged_in.post(M + "/gegevens/persoon/postadres", form)
    assert response.status_code == 400
    page = text(response)
    assert f'<p class="field-error" id="fout-{field}">{message}</p>' in page
    if field != "zelfde":
        assert f'id="veld-{field}" name="{field}" value="{form[field]}"' in page
        assert 'aria-invalid="true"' in page
    assert 'value="Hoofdstraat"' in page or field == "straat"
    assert logged_in.state(app)["persona"]["postadres"] is None


def test_add_email(logged_in, client, app):
    response = logged_in.post(
        M + "/gegevens/persoon/email",
        {"email": "yonas@voorbeeld.nl", "email_herhaal": "yonas@voorbeeld.nl"},
    )
    assert response.status_code == 302
    page = text(client.get(M + "/gegevens/persoon"))
    assert "Uw e-mailadres is opgeslagen." in page and "yonas@voorbeeld.nl" in page
    assert page.count(">Voeg toe<") == 1
    assert "Klopt uw e-mailadres niet? Klik dan op wijzig." in page


@pytest.mark.parametrize(
    ("first", "second", "field", "message"),
    [
        ("", "", "email", "Vul uw e-mailadres in."),
        (
            "yonas@",
            "yonas@",
            "email",
            "Dit is geen goed e-mailadres. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl.",
        ),
        ("yonas@voorbeeld.nl", "", "email_herhaal", "Vul uw e-mailadres nog een keer in."),
        (
            "yonas@voorbeeld.nl",
            "yonas@voorbeld.nl",
            "email_herhaal",
            "De twee e-mailadressen zijn niet hetzelfde.",
        ),
    ],
)
def test_email_errors(logged_in, app, first, second, field, message):
    response = logged_in.post(
        M + "/gegevens/persoon/email", {"email": first, "email_herhaal": second}
    )
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert f'aria-describedby="hint-{field} fout-{field}"' in page
    assert f'value="{first}"' in page and f'value="{second}"' in page
    assert logged_in.state(app)["persona"]["email"] is None


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("06-12345678", "06 12345678"),
        ("+31 6 1234 5678", "06 12345678"),
        ("053 - 123 45 67", "053 1234567"),
    ],
)
def test_add_phone(logged_in, client, app, typed, shown):
    assert logged_in.post(M + "/gegevens/persoon/telefoon", {"telefoon": typed}).status_code == 302
    page = text(client.get(M + "/gegevens/persoon"))
    assert "Uw telefoonnummer is opgeslagen." in page and shown in page


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Vul uw telefoonnummer in."),
        (
            "06-1234abcd",
            "Een telefoonnummer heeft alleen cijfers. U mag spaties of streepjes gebruiken.",
        ),
        (
            "06 123",
            "Een Nederlands telefoonnummer heeft 10 cijfers, zoals 06 12345678 of 053 1234567.",
        ),
        ("0900 1234567", "Een 0800- of 0900-nummer kan niet."),
    ],
)
def test_phone_errors(logged_in, app, typed, message):
    response = logged_in.post(M + "/gegevens/persoon/telefoon", {"telefoon": typed})
    assert response.status_code == 400
    page = text(response)
    assert message in page and f'value="{typed}"' in page
    assert "Fout: Telefoonnummer toevoegen" in page
    assert logged_in.state(app)["persona"]["telefoon"] is None


def test_change_stays_after_logging_out_and_in(logged_in, client, app):
    logged_in.post(M + "/gegevens/persoon/telefoon", {"telefoon": "0612345678"})
    with client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    app.extensions["store"].mutate_state(learner_id, lambda data: auth.log_out(data, "duo"))
    assert client.get(M + "/gegevens/persoon").status_code == 302
    logged_in.login(app)
    assert "06 12345678" in text(client.get(M + "/gegevens/persoon"))


def test_post_without_csrf_is_refused(logged_in, client, app):
    response = client.post(M + "/gegevens/persoon/telefoon", data={"telefoon": "0612345678"})
    assert response.status_code == 400
    assert logged_in.state(app)["persona"]["telefoon"] is None


def test_inburgering(logged_in, client):
    page = text(client.get(M + "/gegevens/inburgering"))
    for words in (
        "Wet inburgering 2021",
        "01-02-2022",
        "01-02-2025",
        "01-08-2027",
        "Extra tijd gekregen vanwege ziekte.",
        "B1-route",
        "412 uur",
        "U moet ONA doen",
    ):
        assert words in page, words
    assert 'data-value="tijd-over"' in page
    needed = page.split('data-value="nog-nodig"')[1].split("</ul>")[0]
    for part in ("Luisteren", "Schrijven", "Spreken", "KNM", "ONA"):
        assert part in needed
    assert "Lezen" not in needed


def test_inburgering_when_the_deadline_passed(logged_in, client, app):
    with client.session_transaction() as sess:
        learner_id = sess["learner_id"]

    def old(data):
        data["inburgering"].update(einddatum="01-01-2020", verlengd_tot=None)

    app.extensions["store"].mutate_state(learner_id, old)
    assert "De termijn is voorbij." in text(client.get(M + "/gegevens/inburgering"))
