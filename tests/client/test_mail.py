"""The practice webmail (mail.oefenpost.nl): inbox, messages, mails DUO sends on changes."""

from __future__ import annotations

from tests.conftest import text

M = "/sites/mijn.inburgeren.nl"
MAIL = "/sites/mail.oefenpost.nl"


def test_inbox_shows_duo_mail_unread(client):
    page = text(client.get(MAIL + "/"))
    assert 'data-page="mail.inbox"' in page and "https://mail.oefenpost.nl/" in page
    assert "Er staat een factuur voor u klaar" in page and "02-06-2022" in page and "DUO" in page
    assert "webmail__row--unread" in page and "Ongelezen: " in page
    assert 'data-target="mail.bericht.MAIL001"' in page
    assert "yonas.tesfay@oefenpost.nl" in page


def test_message_has_no_link_and_is_marked_read(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    page = text(client.get(MAIL + "/bericht/MAIL001"))
    assert 'data-page="mail.message"' in page
    body = page.split('class="webmail__body"')[1].split("</div>")[0]
    assert "Log in op Mijn Inburgering via inburgeren.nl." in body
    assert "<a " not in body and "http" not in body
    assert "DUO &lt;noreply@duo.nl&gt;" in page
    events = learner.events(app)
    assert ("mail.opened", {"mail": "MAIL001"}) in [(e["name"], e["params"]) for e in events]
    assert events[-1]["name"] == "mail.message" and events[-1]["params"] == {"mail": "MAIL001"}
    assert "webmail__row--unread" not in text(client.get(MAIL + "/"))


def test_unknown_mail_is_not_found(client):
    assert client.get(MAIL + "/bericht/MAIL999").status_code == 404


def test_changed_contact_details_arrive_as_mail(client, learner, app):
    learner.login(app)
    learner.post(
        M + "/gegevens/persoon/email",
        {"email": "yonas@voorbeeld.nl", "email_herhaal": "yonas@voorbeeld.nl"},
    )
    page = text(client.get(MAIL + "/"))
    assert page.index("Uw gegevens zijn gewijzigd") < page.index(
        "Er staat een factuur voor u klaar"
    )
    mail_id = learner.state(app)["mails"][-1]["id"]
    message = text(client.get(f"{MAIL}/bericht/{mail_id}"))
    assert "Het gaat om: e-mailadres." in message and "Beste heer Tesfay," in message


def test_exam_confirmation_arrives_as_mail(client, learner, app):
    from tests.client.test_examens import choose, confirm

    learner.login(app)
    choose(learner)
    confirm(learner)
    page = text(client.get(MAIL + "/"))
    assert "Bevestiging aanmelding examen" in page
    assert '<span class="webmail__count">2' in page


def test_empty_inbox(client, learner, app):
    learner_id = learner.start()
    app.extensions["store"].mutate_state(learner_id, lambda data: data.update(mails=[]))
    assert "Er zijn geen e-mails." in text(client.get(MAIL + "/"))
