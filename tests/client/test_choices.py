"""The learner's choices: interface language (seven, Accept-Language first) and text size."""

from __future__ import annotations

import re

import pytest

from tests.client.test_digid import sms_until_code, state_of
from tests.conftest import text

LANGS = {
    "nl": ("Nederlands", "ltr"),
    "en": ("English", "ltr"),
    "ar": ("العربية", "rtl"),
    "ti": ("ትግርኛ", "ltr"),
    "uk": ("Українська", "ltr"),
    "fa": ("فارسی", "rtl"),
    "tr": ("Türkçe", "ltr"),
}
HTML_TAG = re.compile(r"<html lang=\"([a-z]+)\" dir=\"(rtl|ltr)\" class=\"tekst-([a-z]+)\">")


def html_tag(response) -> tuple[str, str, str]:
    found = HTML_TAG.search(text(response))
    assert found, text(response)[:300]
    return found.groups()


def choose(learner, lang: str, next_url: str = "/"):
    return learner.post("/les/taal", {"taal": lang, "next": next_url}, form_url="/")


def test_the_start_page_offers_seven_languages_each_in_its_own_script(client):
    page = text(client.get("/"))
    for code, (name, direction) in LANGS.items():
        button = f'name="taal" value="{code}" class="keuze__knop" lang="{code}" dir="{direction}"'
        assert button in page
        assert f">{name}</button>" in page
    assert 'value="nl" class="keuze__knop" lang="nl" dir="ltr" aria-pressed="true"' in page


@pytest.mark.parametrize("lang", list(LANGS))
def test_a_chosen_language_sets_lang_and_dir_on_every_page_of_the_simulator(learner, client, lang):
    response = choose(learner, lang)
    assert response.status_code == 302 and response.location == "/"
    direction = LANGS[lang][1]
    for url in ("/", "/woorden/", "/les/inburgeren", "/opnieuw", "/bestaat-niet"):
        assert html_tag(client.get(url))[:2] == (lang, direction), url
    page = text(client.get("/"))
    assert (
        f'value="{lang}" class="keuze__knop" lang="{lang}" dir="{direction}" aria-pressed="true"'
        in page
    )


@pytest.mark.parametrize("lang", ["ar", "fa", "en"])
def test_the_fake_sites_inside_the_frame_stay_dutch_and_left_to_right(learner, client, lang):
    choose(learner, lang)
    page = client.get("/sites/www.inburgeren.nl/")
    assert html_tag(page)[:2] == (lang, LANGS[lang][1])
    assert re.search(
        r'<main id="inhoud" class="site site--inburgeren" tabindex="-1" lang="nl" dir="ltr">',
        text(page),
    )
    assert "Inloggen Mijn Inburgering" in text(page)
    client.get("/sites/www.inburgeren.nl/taal/en?next=/sites/www.inburgeren.nl/")
    english = text(client.get("/sites/www.inburgeren.nl/"))
    assert 'tabindex="-1" lang="en" dir="ltr">' in english  # the real site's English version
    assert html_tag(client.get("/sites/www.inburgeren.nl/"))[0] == lang  # the frame: the learner's


def test_english_frame_around_a_dutch_site(learner, client):
    choose(learner, "en")
    page = text(client.get("/sites/www.inburgeren.nl/"))
    assert "Padlock: connection is secure" in page and "Start again" in page
    assert "Hangslot" not in page


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("ar-SA,ar;q=0.9,en;q=0.5", "ar"),
        ("fa-IR", "fa"),
        ("uk", "uk"),
        ("tr-TR,tr;q=0.8", "tr"),
        ("ti-ER", "ti"),
        ("en-GB,en;q=0.9", "en"),
        ("nl-NL,nl;q=0.9,en;q=0.8", "nl"),
        ("de-DE,de;q=0.9", "nl"),  # nothing we offer: Dutch
        ("", "nl"),
        ("x" * 500, "nl"),
    ],
)
def test_accept_language_is_the_first_guess(client, header, expected):
    response = client.get("/", headers={"Accept-Language": header})
    assert response.status_code == 200
    assert html_tag(response)[0] == expected
    assert "Accept-Language" in response.headers.get("Vary", "")
    with client.session_transaction() as sess:
        assert "learner_id" not in sess and "lesson_lang" not in sess  # a guess stores nothing


def test_a_choice_beats_accept_language_and_is_kept(learner, client):
    choose(learner, "uk")
    assert html_tag(client.get("/", headers={"Accept-Language": "ar"}))[0] == "uk"
    assert html_tag(client.get("/woorden/hangslotje", headers={"Accept-Language": "en"}))[0] == "uk"


def test_the_language_survives_digid_login_and_begin_opnieuw(learner, client, app):
    choose(learner, "fa")
    with client.session_transaction() as sess:
        before = sess.sid
    sms_until_code(learner)
    code = state_of(learner, app)["digid_runtime"]["login"]["code"]
    response = learner.post(
        "/sites/digid.nl/sms/code", {"code": code}, form_url="/sites/digid.nl/inloggen?dienst=duo"
    )
    assert response.location.endswith("/sites/mijn.inburgeren.nl/")
    with client.session_transaction() as sess:
        assert sess.sid != before  # the session id was rotated at login
    assert html_tag(client.get("/sites/mijn.inburgeren.nl/"))[:2] == ("fa", "rtl")
    learner.post("/opnieuw", {"scenario": "standaard"})
    assert html_tag(client.get("/"))[:2] == ("fa", "rtl")


def test_the_language_is_recorded_so_other_tabs_follow(learner, app):
    choose(learner, "ti")
    assert learner.events(app)[-1]["name"] == "lesson.language_changed"
    assert learner.events(app)[-1]["params"] == {"lang": "ti"}


@pytest.mark.parametrize("value", ["xx", "", "NL", "nl ", "a" * 500, "<script>", "ar\x00"])
def test_an_unknown_language_is_answered_plainly_and_changes_nothing(learner, client, value):
    learner.start()
    before = html_tag(client.get("/"))
    response = learner.post("/les/taal", {"taal": value, "next": "/"}, form_url="/")
    assert response.status_code == 400
    page = text(response)
    assert "Kies een taal uit de lijst." in page
    assert 'name="taal" value="ar"' in page  # the list, to choose again
    assert "<script>" not in page and "a" * 500 not in page
    assert html_tag(client.get("/")) == before


def test_an_unknown_language_from_a_visitor_makes_no_learner(client, learner):
    token = learner.csrf("/")
    response = client.post("/les/taal", data={"taal": "xx", "csrf_token": token})
    assert response.status_code == 400
    with client.session_transaction() as sess:
        assert "learner_id" not in sess


@pytest.mark.parametrize("url", ["/les/taal", "/les/tekstgrootte"])
def test_a_choice_without_csrf_token_is_refused(client, learner, url):
    learner.start()
    response = client.post(url, data={"taal": "ar", "grootte": "groter", "next": "/"})
    assert response.status_code == 400
    assert "Deze pagina is verlopen" in text(response)
    assert html_tag(client.get("/")) == ("nl", "ltr", "normaal")


@pytest.mark.parametrize("size", ["normaal", "groot", "groter"])
def test_text_size_is_a_class_on_html_that_stays(learner, client, size):
    response = learner.post(
        "/les/tekstgrootte", {"grootte": size, "next": "/woorden/"}, form_url="/"
    )
    assert response.status_code == 302 and response.location == "/woorden/"
    for url in ("/", "/woorden/", "/sites/www.inburgeren.nl/", "/les/inburgeren"):
        assert html_tag(client.get(url))[2] == size, url
    page = text(client.get("/"))
    assert (
        f'name="grootte" value="{size}" class="keuze__knop keuze__knop--{size}" aria-pressed="true"'
        in page
    )


def test_text_size_and_language_are_separate_choices(learner, client):
    learner.post("/les/tekstgrootte", {"grootte": "groter"}, form_url="/")
    choose(learner, "ar")
    assert html_tag(client.get("/")) == ("ar", "rtl", "groter")


@pytest.mark.parametrize("value", ["reusachtig", "", "GROOT", "g" * 500])
def test_an_unknown_text_size_is_answered_plainly(learner, client, value):
    learner.start()
    response = learner.post("/les/tekstgrootte", {"grootte": value}, form_url="/")
    assert response.status_code == 400
    assert "Kies een grootte uit de lijst: normaal, groot of groter." in text(response)
    assert html_tag(client.get("/"))[2] == "normaal"


def test_the_refusal_is_in_the_learners_language(learner, client):
    choose(learner, "en")
    response = learner.post("/les/tekstgrootte", {"grootte": "enorm"}, form_url="/")
    assert response.status_code == 400
    assert "Choose a size from the list: normal, large or larger." in text(response)
    assert html_tag(response)[:2] == ("en", "ltr")


@pytest.mark.parametrize(
    "target", ["//evil.example/", "https://evil.example/", "/\t/evil", "/" + "a" * 600]
)
def test_next_of_a_choice_stays_in_the_simulator(learner, target):
    for url, field, value in (
        ("/les/taal", "taal", "tr"),
        ("/les/tekstgrootte", "grootte", "groot"),
    ):
        response = learner.post(url, {field: value, "next": target}, form_url="/")
        assert response.status_code == 302
        assert response.location.startswith("/") and not response.location.startswith("//")
        assert "evil" not in response.location


def test_the_lesson_page_has_the_same_choices(learner, client):
    choose(learner, "uk", "/les/inburgeren")
    page = text(client.get("/les/inburgeren"))
    assert 'value="uk" class="keuze__knop" lang="uk" dir="ltr" aria-pressed="true"' in page
    assert '<input type="hidden" name="next" value="/les/inburgeren">' in page
