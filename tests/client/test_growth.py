"""Issue 10.6 through the test client: saves, resends and notices keep one learner's state small."""

from __future__ import annotations

import json

from simulator.sandbox import digid_rules, mailbox

M = "/sites/mijn.inburgeren.nl"
KIES = "/sites/digid.nl/inloggen?dienst=duo"
RIGHT = {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"}


def text(response) -> str:
    return response.get_data(as_text=True)


def state_size(learner, app) -> int:
    return len(json.dumps(learner.state(app)))


def test_many_contact_saves_keep_the_mailbox_and_the_state_bounded(learner, app):
    learner.login(app)
    own = {mail["id"] for mail in learner.state(app)["mails"]}
    token = learner.csrf("/opnieuw")
    sizes = []
    for n in range(2 * mailbox.MAX_DELIVERED + 20):
        number = f"06{n:08d}"
        response = learner.client.post(
            f"{M}/gegevens/persoon/telefoon", data={"telefoon": number, "csrf_token": token}
        )
        assert response.status_code == 302
        sizes.append(state_size(learner, app))
    mails = learner.state(app)["mails"]
    assert own <= {mail["id"] for mail in mails}
    assert len(mails) == len(own) + mailbox.MAX_DELIVERED
    assert sizes[-1] <= sizes[mailbox.MAX_DELIVERED + 5] + 200  # no longer grows
    page = text(learner.client.get(f"{M}/gegevens/persoon"))
    assert page.count("Uw telefoonnummer is opgeslagen.") == 1  # once, not 120 times
    assert learner.state(app)["persona"]["telefoon"] == f"06{2 * mailbox.MAX_DELIVERED + 19:08d}"


def sms_code_page(learner):
    learner.post("/sites/digid.nl/inloggen", {"dienst": "duo", "methode": "sms"}, form_url=KIES)
    return learner.post("/sites/digid.nl/sms", RIGHT, form_url=KIES)


def sent_events(learner, app) -> int:
    names = ("digid.sms_sent", "digid.sms_spoken")
    return sum(1 for event in learner.events(app) if event["name"] in names)


def test_too_many_new_codes_get_digids_own_message_and_nothing_is_sent(learner, app):
    sms_code_page(learner)
    token = learner.csrf(KIES)
    for n in range(30):
        url = "/sites/digid.nl/sms/" + ("voorlezen" if n % 2 else "opnieuw")
        response = learner.client.post(url, data={"csrf_token": token})
        assert response.status_code == 302 and response.location.endswith("/sms/code")
    phone = learner.state(app)["phone"]
    assert len(phone["messages"]) <= 1 + digid_rules.RESEND_LIMIT
    assert sent_events(learner, app) == 1 + digid_rules.RESEND_LIMIT
    page = text(learner.client.get("/sites/digid.nl/sms/code"))
    assert "U heeft te vaak een nieuwe sms-code aangevraagd. Probeer het om " in page
    assert page.count("U heeft te vaak") == 1
    before = learner.state(app)
    learner.client.post("/sites/digid.nl/sms/opnieuw", data={"csrf_token": token})
    after = learner.state(app)
    assert after["phone"] == before["phone"]
    assert after["digid_runtime"]["login"]["code"] == before["digid_runtime"]["login"]["code"]


def test_the_message_in_english_on_the_english_digid(learner, app):
    sms_code_page(learner)
    learner.client.get("/sites/digid.nl/taal/en?next=/sites/digid.nl/sms/code")
    token = learner.csrf(KIES)
    for _ in range(digid_rules.RESEND_LIMIT + 1):
        learner.client.post("/sites/digid.nl/sms/opnieuw", data={"csrf_token": token})
    page = text(learner.client.get("/sites/digid.nl/sms/code"))
    assert "You have requested a new sms code too many times. Please try again at " in page


def test_begin_opnieuw_lifts_the_limit(learner, app):
    sms_code_page(learner)
    token = learner.csrf(KIES)
    for _ in range(digid_rules.RESEND_LIMIT + 1):
        learner.client.post("/sites/digid.nl/sms/opnieuw", data={"csrf_token": token})
    learner.post("/opnieuw", {"scenario": "standaard"})
    sms_code_page(learner)
    token = learner.csrf(KIES)
    learner.client.post("/sites/digid.nl/sms/opnieuw", data={"csrf_token": token})
    page = text(learner.client.get("/sites/digid.nl/sms/code"))
    assert "We hebben een nieuwe sms gestuurd." in page and "te vaak" not in page
