"""The lesson panel and the phone in the learner's language (issue 13, part B), through the
test client: the language picker, the text-size control, texts in Dutch when a translation is
missing (saying so), the "not yet checked" note, the speaker buttons, the glossary popover's
fragment and the phone's spoken code."""

from __future__ import annotations

import io
import re
import shutil
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext
from mutagen.mp3 import MP3

from simulator import create_app
from simulator.lessons import texts
from tests.client.test_lessons import skip_to
from tests.client.test_read_aloud import _app
from tests.conftest import Learner, text

SEVEN = {"ar": "العربية", "ti": "ትግርኛ", "uk": "Українська", "fa": "فارسی", "tr": "Türkçe"}
INBURGEREN = "/sites/www.inburgeren.nl/"


@pytest.fixture(autouse=True)
def seven(monkeypatch):
    """All seven languages offered (part A's OFFERED, until it is merged)."""
    for code, name in SEVEN.items():
        monkeypatch.setitem(texts.OFFERED, code, name)


def choose(learner, lang: str):
    return learner.post("/les/taal", {"taal": lang, "next": INBURGEREN}, form_url="/opnieuw")


def said(app, lang: str, msgid: str) -> str:
    """What the interface says for msgid in lang (its catalog, or the Dutch msgid)."""
    with app.test_request_context(), force_locale(lang):
        return gettext(msgid)


NOT_IN_YOUR_LANGUAGE = "Deze tekst is er nog niet in uw taal. Hier staat hij in het Nederlands."
NOT_CHECKED = "Vertaald, nog niet nagekeken."


def panel_of(html: str) -> str:
    found = re.search(r'<aside class="lesson-panel".*?</aside>', html, re.S)
    assert found, "no lesson panel on the page"
    return found.group(0)


def test_the_picker_names_each_language_in_its_own_script(learner, client, app):
    skip_to(learner, "inloggen", "inloggen-mijn-inburgering", app)
    panel = panel_of(text(client.get(INBURGEREN)))
    menu = re.search(
        r'<div class="lesson-menu" id="lesson-taal-menu" popover.*?</div>', panel, re.S
    )
    assert menu and 'action="/les/taal"' in menu.group(0)
    for code, name in {"nl": "Nederlands", "en": "English", **SEVEN}.items():
        direction = "rtl" if code in ("ar", "fa") else "ltr"
        assert (
            f'value="{code}" class="lesson-menu__choice" lang="{code}" dir="{direction}"' in panel
        )
        assert f">{name}</button>" in panel
    assert 'value="nl" class="lesson-menu__choice" lang="nl" dir="ltr" aria-current="true"' in panel
    assert 'popovertarget="lesson-taal-menu"' in panel
    assert f'name="next" value="{INBURGEREN}"' in menu.group(0)


def test_choosing_arabic_turns_the_panel_and_the_phone_right_to_left(learner, client, app):
    skip_to(learner, "inloggen", "inloggen-mijn-inburgering", app)
    response = choose(learner, "ar")
    assert response.status_code == 302 and response.location == INBURGEREN
    html = text(client.get(INBURGEREN))
    panel = panel_of(html)
    assert '<aside class="lesson-panel" id="lesson-panel" lang="ar" dir="rtl"' in panel
    assert re.search(r'<aside id="telefoon" class="phone" lang="ar" dir="rtl"', html)
    assert 'data-phone-notice hidden lang="ar" dir="rtl"' in html
    # The Arabic instruction quotes the Dutch words on the screen in Dutch.
    assert '<strong lang="nl">Inloggen Mijn Inburgering</strong>' in panel
    assert 'aria-current="true">العربية</button>' in panel


@pytest.mark.parametrize("lang", ["xx", "", "a" * 500, "ar<script>"])
def test_an_unknown_language_changes_nothing(learner, client, app, lang):
    skip_to(learner, "inloggen", "inloggen-mijn-inburgering", app)
    response = choose(learner, lang)
    assert response.status_code == 400  # a plain sentence and the pickers again
    assert "Kies een taal uit de lijst." in text(response)
    assert 'id="lesson-panel" lang="nl" dir="ltr"' in text(client.get(INBURGEREN))


def test_the_language_form_needs_its_csrf_token(client):
    response = client.post("/les/taal", data={"taal": "ar", "next": "/"})
    assert response.status_code == 400


def test_a_missing_translation_shows_the_dutch_text_and_says_so(tmp_path):
    """The small fixture lesson has only Dutch and English: an Arabic learner gets the Dutch
    instruction, marked lang="nl", with a plain note; no "not yet checked" note for it."""
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path / "instance"),
            "SECRET_KEY": "t",
            "LESSON_DIR": str(_fixture_lessons(tmp_path)),
        }
    )
    learner = Learner(app.test_client())
    skip_to(learner, "goed", "klik", app)
    choose(learner, "ar")
    panel = panel_of(text(learner.client.get(INBURGEREN)))
    assert re.search(
        r'<div class="lesson-panel__instruction" lang="nl" dir="ltr" data-instruction', panel
    )
    assert "Klik op Lening." in panel
    assert said(app, "ar", NOT_IN_YOUR_LANGUAGE) in panel
    assert said(app, "ar", NOT_CHECKED) not in panel
    # Its audio is the Dutch text, read in Dutch.
    assert "/les/goed/klik/instruction/nl.mp3" in panel or "Voorlezen is hier niet" in panel
    app.extensions["store"].engine.dispose()


def _fixture_lessons(tmp_path):
    """The small fixture lesson (Dutch and English only) beside the real glossary."""
    lessons = tmp_path / "fixture-lessons"
    (lessons / "woorden").mkdir(parents=True)
    root = Path(__file__).resolve().parents[2]
    shutil.copy(root / "tests" / "unit" / "lesson_fixtures" / "good.yaml", lessons / "good.yaml")
    shutil.copytree(root / "lessons" / "woorden", lessons / "woorden", dirs_exist_ok=True)
    return lessons


def test_a_translation_not_yet_checked_says_so(learner, client, app):
    skip_to(learner, "inloggen", "inloggen-mijn-inburgering", app)
    assert NOT_CHECKED not in panel_of(text(client.get(INBURGEREN)))
    choose(learner, "uk")
    panel = panel_of(text(client.get(INBURGEREN)))
    assert said(app, "uk", NOT_CHECKED) in panel
    assert said(app, "uk", NOT_IN_YOUR_LANGUAGE) not in panel


def test_every_text_of_a_step_has_its_speakers(learner, client, app):
    if not app.extensions["speech"].installed():
        pytest.skip("espeak-ng and lame are installed by scripts/test.sh")
    skip_to(learner, "inloggen", "sms-code", app)  # an instruction and a "Let op!"
    choose(learner, "tr")
    panel = panel_of(text(client.get(INBURGEREN)))
    urls = re.findall(r'data-speak="([^"]+)"', panel)
    assert any("/sms-code/instruction/tr.mp3?v=" in u for u in urls)
    assert any("/sms-code/tip-0/tr.mp3?langzaam=1&amp;v=" in u for u in urls)
    for url in urls:
        response = client.get(url.replace("&amp;", "&"))
        assert response.status_code == 200 and response.mimetype == "audio/mpeg"
        assert "immutable" in response.headers["Cache-Control"]
        assert MP3(io.BytesIO(response.data)).info.length > 0.5


def test_a_volunteers_recording_plays_in_tigrinya_in_the_panel(tmp_path):
    app = _app(tmp_path, {"ti": "audio/goed/klik-ti.mp3"})
    learner = Learner(app.test_client())
    skip_to(learner, "goed", "klik", app)
    choose(learner, "ti")
    panel = panel_of(text(learner.client.get(INBURGEREN)))
    url = re.search(r'data-speak="(/les/goed/klik/instruction/ti\.mp3[^"]*)"', panel).group(1)
    assert learner.client.get(url.replace("&amp;", "&")).status_code == 200
    speakers = re.search(
        r'<div class="lesson-read">(.*?)<div class="lesson-panel__instruction"', panel, re.S
    )
    assert "data-speak-none" not in speakers.group(1) and url in speakers.group(1)
    app.extensions["store"].engine.dispose()


def test_without_espeak_ng_the_speaker_says_reading_aloud_is_not_available(tmp_path):
    app = _app(tmp_path, SPEECH_ESPEAK=str(tmp_path / "no-espeak-ng"))
    learner = Learner(app.test_client())
    skip_to(learner, "goed", "klik", app)
    panel = panel_of(text(learner.client.get(INBURGEREN)))
    assert "data-speak=" not in panel
    assert "data-speak-none" in panel
    assert "Voorlezen is hier niet beschikbaar." in panel
    app.extensions["store"].engine.dispose()


@pytest.fixture
def sized(app):
    """The app with the frame's text-size route (POST /les/tekstgrootte)."""
    return app


def test_the_text_size_control_posts_to_the_frames_route(sized):
    learner = Learner(sized.test_client())
    skip_to(learner, "inloggen", "inloggen-mijn-inburgering", sized)
    panel = panel_of(text(learner.client.get(INBURGEREN)))
    menu = re.search(r'id="lesson-grootte-menu" popover.*?</div>', panel, re.S).group(0)
    assert 'action="/les/tekstgrootte"' in menu and f'name="next" value="{INBURGEREN}"' in menu
    assert 'name="csrf_token"' in menu
    for size in ("normaal", "groot", "groter"):
        assert f'name="grootte" value="{size}"' in menu
    assert (
        'value="normaal" class="lesson-menu__choice lesson-menu__choice--normaal" aria-current="true"'
        in menu
    )
    learner.post(
        "/les/tekstgrootte", {"grootte": "groter", "next": INBURGEREN}, form_url=INBURGEREN
    )
    again = panel_of(text(learner.client.get(INBURGEREN)))
    assert (
        'value="groter" class="lesson-menu__choice lesson-menu__choice--groter" aria-current="true"'
        in again
    )
    assert "Tekstgrootte: Groter" in again


def test_the_glossary_popover_gets_one_word_in_the_learners_language(learner, client, app):
    skip_to(learner, "inloggen", "inloggen-mijn-inburgering", app)
    choose(learner, "fa")
    response = client.get("/les/woord/inloggen")
    assert response.status_code == 200 and response.mimetype == "text/html"
    body = text(response)
    assert (
        '<h2 class="woord-pop__word" id="woord-pop-titel"><span lang="nl" dir="ltr">Inloggen</span>'
        in body
    )
    assert '<div class="woord-uitleg" lang="fa" dir="rtl">' in body
    assert 'src="data:image/svg+xml' in body or 'src="/static/img/woorden/inloggen.' in body
    assert "<html" not in body  # a fragment, not a page
    assert client.get("/les/woord/bestaat-niet").status_code == 404
    assert client.get("/les/woord/" + "x" * 300).status_code == 404


def test_the_glossary_popover_stores_nothing_for_a_visitor(app):
    visitor = app.test_client()
    response = visitor.get("/les/woord/factuur")
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers or "session=" not in response.headers["Set-Cookie"]


def test_the_phone_speaks_the_learners_language_and_digid_its_own(learner, client, app):
    skip_to(learner, "inloggen", "inloggen-mijn-inburgering", app)
    choose(learner, "en")
    html = text(client.get(INBURGEREN))
    assert '<h2 class="phone__title" id="telefoon-titel">Your phone' in html
    assert ">Phone</span>" in html
    learner.post("/les/taal", {"taal": "nl", "next": "/"}, form_url="/opnieuw")
    assert "Uw telefoon" in text(client.get(INBURGEREN))


def answered_call(learner, app) -> str:
    """Log in to DigiD with sms and ask for the spoken code; answer the call. Its time."""
    kies = "/sites/digid.nl/inloggen?dienst=duo"
    learner.post("/sites/digid.nl/inloggen", {"dienst": "duo", "methode": "sms"}, form_url=kies)
    form = "/sites/digid.nl/sms"
    learner.post(
        form, {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"}, form_url=form
    )
    learner.post("/sites/digid.nl/sms/voorlezen", form_url="/sites/digid.nl/sms/code")
    learner.post("/telefoon/gesprek/opnemen", {"next": "/"}, form_url="/sites/digid.nl/sms/code")
    with learner.client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    call = app.extensions["store"].load_state(learner_id)[1]["phone"]["call"]
    assert call and call["status"] == "answered", call
    return call["time"]


def test_the_spoken_sms_code_is_the_servers_audio(learner, client, app):
    if not app.extensions["speech"].installed():
        pytest.skip("espeak-ng and lame are installed by scripts/test.sh")
    time = answered_call(learner, app)
    screen = client.get("/telefoon/scherm").get_json()["html"]
    url = re.search(r'data-speak-url="([^"]+)"', screen).group(1).replace("&amp;", "&")
    assert 'lang="nl" dir="ltr" data-speak="Uw code is:' in screen
    response = client.get(url)
    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    assert MP3(io.BytesIO(response.data)).info.length > 2
    assert "private" in response.headers["Cache-Control"]
    wrong = client.get("/telefoon/gesprek.mp3?gesprek=" + time + "x")
    assert wrong.status_code == 404 and wrong.mimetype == "text/plain"
    client.post("/telefoon/gesprek/ophangen")  # no token: refused, nothing changes
    learner.post("/telefoon/gesprek/ophangen", {"next": "/"}, form_url="/sites/digid.nl/sms/code")
    assert client.get(url).status_code == 404  # the call is over


def test_a_visitor_gets_no_call_audio(client):
    response = client.get("/telefoon/gesprek.mp3?gesprek=1")
    assert response.status_code == 404
