"""Rules that cross sites, found by walking the chapter as a learner."""

from __future__ import annotations

import re

import pytest


def test_phone_home_screen_opens_the_webmail_with_its_unread_count(learner, client):
    """DUO's mails are in the webmail; the phone is the learner's way to get there."""
    client.get("/")
    html = client.get("/telefoon/scherm").json["html"]
    link = re.search(
        r'<a class="phone-icon" href="([^"]+)" data-target="phone.mail">(.*?)</a>', html
    )
    assert link, "no E-mail app on the phone's home screen"
    assert link.group(1) == "/sites/mail.oefenpost.nl/"
    assert "E-mail" in link.group(2)
    assert re.search(
        r"phone-icon__badge\">1<", link.group(2)
    )  # "Er staat een factuur voor u klaar"
    inbox = client.get(link.group(1))
    assert inbox.status_code == 200
    assert 'data-page="mail.inbox"' in inbox.get_data(as_text=True)


IB = "/sites/www.inburgeren.nl/"
KIES_DUO = "/sites/digid.nl/inloggen?dienst=duo"


def notices_on(client, url: str) -> list[str]:
    html = client.get(url).get_data(as_text=True)
    return re.findall(r'data-target="inburgeren.melding">(.*?)</p>', html)


def english_inburgeren(client) -> None:
    client.get(IB)
    client.get("/sites/www.inburgeren.nl/taal/en?next=/sites/www.inburgeren.nl/")


def test_annuleren_on_digid_shows_in_the_language_of_inburgeren(learner, client):
    english_inburgeren(client)
    response = learner.post("/sites/digid.nl/annuleren", {"dienst": "duo"}, form_url=KIES_DUO)
    assert response.location.endswith(IB)
    assert notices_on(client, IB) == ["You cancelled logging in."]


def test_annuleren_in_dutch_stays_dutch(learner, client):
    client.get(IB)
    learner.post("/sites/digid.nl/annuleren", {"dienst": "duo"}, form_url=KIES_DUO)
    assert notices_on(client, IB) == ["U heeft het inloggen geannuleerd."]


def test_uitloggen_from_mijn_shows_in_the_language_of_inburgeren(learner, app, client):
    english_inburgeren(client)
    learner.login(app, "duo")
    response = learner.post(
        "/sites/mijn.inburgeren.nl/uitloggen", form_url="/sites/mijn.inburgeren.nl/"
    )
    assert response.location.endswith(IB)
    assert notices_on(client, IB) == ["You are logged out."]
    # shown once; and in Dutch when the learner reads inburgeren.nl in Dutch
    assert notices_on(client, IB) == []
    client.get("/sites/www.inburgeren.nl/taal/nl?next=/sites/www.inburgeren.nl/")
    learner.login(app, "duo")
    learner.post("/sites/mijn.inburgeren.nl/uitloggen", form_url="/sites/mijn.inburgeren.nl/")
    assert notices_on(client, IB) == ["U bent uitgelogd."]


def sms_login(learner, app, dienst: str = "duo") -> str:
    """Log in with sms like a learner (choice, password, code); returns the code used."""
    kies = f"/sites/digid.nl/inloggen?dienst={dienst}"
    learner.post("/sites/digid.nl/inloggen", {"dienst": dienst, "methode": "sms"}, form_url=kies)
    learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"},
        form_url="/sites/digid.nl/sms",
    )
    code = learner.state(app)["digid_runtime"]["login"]["code"]
    response = learner.post("/sites/digid.nl/sms/code", {"code": code}, form_url=kies)
    assert response.status_code == 302
    return code


@pytest.mark.parametrize(
    ("dienst", "logout_url", "form_url"),
    [
        ("duo", "/sites/mijn.inburgeren.nl/uitloggen", "/sites/mijn.inburgeren.nl/"),
        ("ind", "/sites/ind.nl/mijn-ind/uitloggen", "/sites/ind.nl/mijn-ind"),
    ],
)
def test_after_uitloggen_the_back_button_never_logs_in_with_the_old_sms_code(
    learner, app, client, dienst, logout_url, form_url
):
    code = sms_login(learner, app, dienst)
    learner.post(logout_url, form_url=form_url)
    # back to "Vul de sms-code in": DigiD starts again, for the same service
    back = client.get("/sites/digid.nl/sms/code")
    assert back.status_code == 302
    assert back.location.endswith(f"/sites/digid.nl/inloggen?dienst={dienst}")
    # sending the old page's form again does not log in either
    token = learner.csrf(f"/sites/digid.nl/inloggen?dienst={dienst}")
    again = client.post("/sites/digid.nl/sms/code", data={"csrf_token": token, "code": code})
    assert again.status_code == 302 and "/sites/digid.nl/inloggen" in again.location
    assert dienst not in learner.state(app)["auth"]["sessions"]


def toggle_and_panel(client, url: str) -> tuple[str, str]:
    html = client.get(url).get_data(as_text=True)
    toggle = re.search(r'data-target="phone.toggle".*?<span>(.*?)</span>', html, re.S).group(1)
    title = re.search(r'id="telefoon-titel">(.*?) <span', html).group(1)
    return toggle, title


def test_the_phone_button_speaks_the_language_of_the_phone_it_opens(learner, client):
    """English ind.nl: the button said "Phone" but opened "Uw telefoon". The phone's own texts
    follow the learner's language (as a newcomer's own phone), not the site's or DigiD's."""
    client.get("/sites/ind.nl/taal/en?next=/sites/ind.nl/")
    assert toggle_and_panel(client, "/sites/ind.nl/") == ("Telefoon", "Uw telefoon")
    client.get("/sites/digid.nl/taal/en?next=/sites/digid.nl/inloggen")
    assert toggle_and_panel(client, "/sites/ind.nl/") == ("Telefoon", "Uw telefoon")
    learner.post("/les/taal", {"taal": "en", "next": "/"}, form_url="/")
    assert toggle_and_panel(client, "/sites/ind.nl/") == ("Phone", "Your phone")
    assert toggle_and_panel(client, "/sites/www.inburgeren.nl/") == ("Phone", "Your phone")
