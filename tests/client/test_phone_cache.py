"""The phone's HTML is kept between pages (simulator.phone._render): what a learner sees must
be exactly what a fresh render shows, on every page, in every state and language."""

from __future__ import annotations

import re

import pytest
from flask import render_template
from markupsafe import Markup

import simulator.phone as phone
from tests.client.test_phone import KIES, choose, phone_post

#: Changes with every request (it names the learner's latest event), not part of the phone.
STATUS_TAG = re.compile(r'data-status-tag="[^"]*"')
PAGES = [
    "/",
    KIES,
    "/sites/www.inburgeren.nl/",
    "/opnieuw",
    '/sites/www.inburgeren.nl/zoeken?q=<b>"x"&y=1',  # an address with characters to escape
]


def _fresh(template: str, model: dict) -> Markup:
    return Markup(render_template(template, **model))


def phone_part(html: str) -> str:
    """The phone as the page shows it: from its notification banner to the end of the phone."""
    start = html.index('<div class="phone-notice"')
    return html[start : html.index("</aside>", html.index('id="telefoon"')) + len("</aside>")]


def page(learner, url: str, monkeypatch, fresh: bool) -> str:
    with monkeypatch.context() as patch:
        if fresh:
            patch.setattr(phone, "_render", _fresh)
        response = learner.client.get(url)
    assert response.status_code == 200, url
    return STATUS_TAG.sub("", response.get_data(as_text=True))


def assert_same_as_fresh(learner, monkeypatch, app) -> None:
    """Every page, warmed from the page before (a kept phone with another address), shows the
    phone a fresh render shows: same HTML, its forms returning to that page."""
    for url in PAGES:
        kept = page(learner, url, monkeypatch, fresh=False)
        fresh = page(learner, url, monkeypatch, fresh=True)
        assert phone_part(kept) == phone_part(fresh), url
    assert app.extensions["phone_html"], "the phone was never kept"


def test_home_screen_on_every_page(learner, monkeypatch, app):
    learner.start()
    assert_same_as_fresh(learner, monkeypatch, app)
    html = page(learner, PAGES[-1], monkeypatch, fresh=False)
    escaped = "/sites/www.inburgeren.nl/zoeken?q=&lt;b&gt;&#34;x&#34;&amp;y=1"
    assert f'name="next" value="{escaped}" data-phone-next' in phone_part(html)
    assert "\x00" not in html


def test_new_sms_then_read_then_call(learner, monkeypatch, app):
    choose(learner, "sms")
    learner.post(
        "/sites/digid.nl/sms",
        {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"},
        form_url=KIES,
    )
    code = learner.state(app)["phone"]["messages"][0]["body"]["code"]
    html = page(learner, "/", monkeypatch, fresh=False)
    assert "nieuw bericht</span>" in phone_part(html)  # the badge: not the phone kept before
    assert_same_as_fresh(learner, monkeypatch, app)

    phone_post(learner, "/telefoon/scherm", {"scherm": "berichten"})
    html = page(learner, "/", monkeypatch, fresh=False)
    assert code in phone_part(html) and "nieuw bericht</span>" not in phone_part(html)
    assert_same_as_fresh(learner, monkeypatch, app)

    learner.post("/sites/digid.nl/sms/voorlezen", {}, form_url=KIES)
    assert "Inkomend gesprek" in phone_part(page(learner, "/", monkeypatch, fresh=False))
    assert_same_as_fresh(learner, monkeypatch, app)
    phone_post(learner, "/telefoon/gesprek/opnemen")
    assert "In gesprek met DigiD" in phone_part(page(learner, "/", monkeypatch, fresh=False))
    assert_same_as_fresh(learner, monkeypatch, app)


@pytest.mark.parametrize("lang", ["ar", "uk", "en"])
def test_another_language_is_not_served_the_dutch_phone(learner, monkeypatch, app, lang):
    learner.start()
    dutch = phone_part(page(learner, "/", monkeypatch, fresh=False))
    assert "Uw telefoon" in dutch
    with learner.client.session_transaction() as sess:
        sess["lesson_lang"] = lang
    other = phone_part(page(learner, "/", monkeypatch, fresh=False))
    assert "Uw telefoon" not in other and f'lang="{lang}"' in other
    assert_same_as_fresh(learner, monkeypatch, app)


def test_another_learner_gets_their_own_form_token(app, monkeypatch):
    from tests.conftest import Learner

    first, second = Learner(app.test_client()), Learner(app.test_client())
    first.start()
    second.start()
    one = phone_part(page(first, "/", monkeypatch, fresh=False))
    kept_after_first = len(app.extensions["phone_html"])
    two = phone_part(page(second, "/", monkeypatch, fresh=False))
    # the second learner's phone came from the first one's render: nothing new was kept
    assert len(app.extensions["phone_html"]) == kept_after_first
    token = re.compile(r'(?:name="csrf_token" value|data-csrf)="([^"]+)"')
    assert set(token.findall(one)) == {first.csrf("/")}
    assert set(token.findall(two)) == {second.csrf("/")}
    assert len(token.findall(two)) == len(token.findall(one)) >= 2
    assert one != two and "\x00" not in one + two
    assert_same_as_fresh(second, monkeypatch, app)


def test_the_status_bar_shows_the_time_of_each_page(learner, monkeypatch, app):
    """The kept phone is shared across minutes: the clock goes in afterwards."""
    from datetime import UTC, datetime, timedelta

    from simulator import clock

    learner.start()
    with clock.frozen(datetime(2026, 12, 3, 9, 59, 30, tzinfo=UTC)):
        before = phone_part(page(learner, "/", monkeypatch, fresh=False))
        kept = len(app.extensions["phone_html"])
        with clock.advance(timedelta(seconds=45)):
            after = phone_part(page(learner, "/", monkeypatch, fresh=False))
            assert len(app.extensions["phone_html"]) == kept
            assert_same_as_fresh(learner, monkeypatch, app)
    assert '<span dir="ltr">10:59</span>' in before  # Dutch time: UTC+1 in December
    assert '<span dir="ltr">11:00</span>' in after


def test_the_screen_endpoint_shows_the_same_screen(learner, monkeypatch):
    learner.start()
    phone_post(learner, "/telefoon/scherm", {"scherm": "app"})
    kept = learner.client.get("/telefoon/scherm").json["html"]
    with monkeypatch.context() as patch:
        patch.setattr(phone, "_render", _fresh)
        fresh = learner.client.get("/telefoon/scherm").json["html"]
    assert kept == fresh and "Scan QR-code" in kept
