"""The glossary pages: Woordenlijst A to Z, one page per word, links from lesson texts."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from simulator import create_app
from simulator.i18n import _translate as translation_of
from simulator.lessons import texts
from tests.conftest import Learner, glossary_without

ROOT = Path(__file__).resolve().parent.parent.parent


def html(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def choose(learner, lang: str) -> None:
    learner.post("/les/taal", {"taal": lang, "next": "/"}, form_url="/")


@pytest.fixture
def arabic_offered(monkeypatch):
    """Arabic in the language choice (the panel offers it once the interface is translated)."""
    monkeypatch.setitem(texts.OFFERED, "ar", "العربية")


def test_start_page_links_to_the_glossary(client):
    page = html(client.get("/"))
    assert '<a href="/woorden/">Woordenlijst</a>' in page
    assert client.get("/woorden").headers["Location"].endswith("/woorden/")


def test_list_has_every_word_a_to_z_with_drawing_and_dutch_explanation(client):
    page = html(client.get("/woorden/"))
    assert "<h1>Woordenlijst</h1>" in page
    words = re.findall(r'<a href="/woorden/([a-z-]+)" lang="nl">([^<]+)</a>', page)
    assert len(words) == 31
    shown = [word for _id, word in words]
    assert shown == sorted(shown, key=str.casefold)
    assert ("hangslotje", "hangslotje") in words and ("digid", "DigiD") in words
    drawings = re.findall(r'<img class="woord-kaart__tekening" src="([^"]+)"', page)
    assert len(drawings) == 31  # small drawings come inside the page (simulator/assets.py)
    assert all(d.startswith(("data:image/svg+xml,", "/static/img/woorden/")) for d in drawings)
    assert "Het hangslotje staat links in de" in page
    # letters to jump to, each to a heading that exists
    for letter in re.findall(r'<a href="#letter-([A-Z])">', page):
        assert f'id="letter-{letter}"' in page
    assert "nog niet in uw taal" not in page


def test_glossary_links_inside_explanations_lead_to_other_entries(client):
    page = html(client.get("/woorden/adresbalk"))
    assert '<a class="woord" href="/woorden/browser">browser</a>' in page


def test_entry_page_in_english_after_choosing_english(app, client, learner):
    choose(learner, "en")
    page = html(client.get("/woorden/hangslotje"))
    assert '<h1 lang="nl">hangslotje</h1>' in page
    assert '<div class="woord-uitleg" lang="en" dir="ltr">' in page
    assert "It means that the connection to the website is secure." in page
    assert 'alt="A large green padlock, closed, next to the start of an address bar."' in page
    with app.test_request_context(), force_locale("en"):  # the note in the English catalog
        assert gettext("Vertaald, nog niet nagekeken.") in page  # en is not reviewed yet


def test_a_language_without_explanation_falls_back_to_dutch_and_says_so(tmp_path, arabic_offered):
    lessons = tmp_path / "lessons"
    shutil.copytree(ROOT / "lessons", lessons)
    glossary_without(lessons, "ar")
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "LESSON_DIR": str(lessons)}
    )
    try:
        client = app.test_client()
        choose(Learner(client), "ar")
        page = html(client.get("/woorden/factuur"))
        assert '<div class="woord-uitleg" lang="nl" dir="ltr">' in page
        assert "Een factuur is een rekening." in page
        dutch_note = "Deze uitleg is er nog niet in uw taal. Hier staat hij in het Nederlands."
        with app.app_context():
            note = translation_of("ar", dutch_note, None, 1)
        assert note and note != dutch_note
        assert note in page  # the note itself is in the learner's language
        listing = html(client.get("/woorden/"))
        assert listing.count(note) == 31
    finally:
        app.extensions["store"].engine.dispose()


def test_an_arabic_learner_reads_the_arabic_explanation(client, learner, arabic_offered):
    choose(learner, "ar")
    page = html(client.get("/woorden/factuur"))
    assert '<div class="woord-uitleg" lang="ar" dir="rtl">' in page
    assert "Deze uitleg is er nog niet in uw taal." not in page
    assert '<h1 lang="nl">factuur</h1>' in page


def test_entry_page_offers_read_aloud_or_says_why_not(client, app):
    page = html(client.get("/woorden/examen"))
    if app.extensions["speech"].installed():
        urls = re.findall(r'<audio controls preload="none" src="([^"]+)"', page)
        assert len(urls) == 2
        assert urls[0].startswith("/woorden/examen/nl.mp3?v=")
        assert urls[1].startswith("/woorden/examen/nl.mp3?langzaam=1&amp;v=")
    else:
        assert "Voorlezen is hier niet beschikbaar." in page


def test_back_goes_to_the_page_the_learner_came_from_inside_the_simulator(client):
    here = "/sites/mijn.inburgeren.nl/facturen"
    page = html(client.get("/woorden/factuur", headers={"Referer": f"http://localhost{here}"}))
    assert f'<a class="button" href="{here}">Terug</a>' in page
    outside = html(client.get("/woorden/factuur", headers={"Referer": "https://evil.example/x"}))
    assert '<a class="button" href="/woorden/">Terug</a>' in outside


@pytest.mark.parametrize("path", ["/woorden/bestaat-niet", "/woorden/..%2Fsecret", "/woorden/A"])
def test_unknown_word_is_the_simulators_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def test_lesson_texts_link_glossary_words_and_mark_dutch(client, learner, arabic_offered):
    choose(learner, "ar")
    learner.post("/les/inloggen/begin", form_url="/")
    page = html(client.get("/les/inloggen"))
    assert '<a class="woord" href="/woorden/inloggen">تسجّل الدخول</a>' in page
    assert '<strong lang="nl">oefenaccount</strong>' in page
    assert '<em lang="nl">Mijn Inburgering</em>' in page


def test_dutch_lesson_texts_have_no_glossary_words_and_no_lang_marks(client, learner):
    learner.post("/les/inloggen/begin", form_url="/")
    page = html(client.get("/les/inloggen"))
    assert "<strong>oefenaccount</strong>" in page
    assert 'lang="nl">oefenaccount' not in page


def test_fonts_are_cached_for_a_year_because_their_names_carry_their_hash(client):
    css = client.get("/static/css/fonts.css").get_data(as_text=True)
    urls = re.findall(r"url\(\.\./fonts/([^)]+)\)", css)
    assert len(urls) == 8
    for name in urls:
        response = client.get(f"/static/fonts/{name}")
        assert response.status_code == 200 and response.mimetype == "font/woff2"
        assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
        response.close()
    licence = client.get("/static/fonts/OFL.txt")
    assert "immutable" not in licence.headers.get("Cache-Control", "")
    licence.close()


def test_a_new_app_sees_the_glossary_and_drawings_as_they_are_now(tmp_path):
    """The glossary is loaded once per process for the same files: an edit of the file, or a
    drawing taken away, is seen by the next app of the same process."""
    lessons = tmp_path / "lessons"
    shutil.copytree(ROOT / "lessons", lessons)
    static = tmp_path / "static"
    shutil.copytree(ROOT / "static" / "img" / "woorden", static / "img" / "woorden")

    def glossary():
        app = create_app(
            {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "i"), "LESSON_DIR": str(lessons)}
        )
        app.static_folder = str(static)  # only the drawings: the glossary checks these
        app.extensions["store"].engine.dispose()
        from simulator.lessons import glossary_web

        glossary_web.init_app(app)
        return app.extensions["glossary"]

    first = glossary()
    assert first.get("factuur").text.get("nl").startswith("Een factuur is een rekening.")
    assert glossary() is first  # the same files: loaded once
    path = lessons / "woorden" / "woordenlijst.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Een factuur is een rekening.", "Een rekening."),
        encoding="utf-8",
    )
    edited = glossary()
    assert edited.get("factuur").text.get("nl").startswith("Een rekening.")
    (static / "img" / "woorden" / "factuur.svg").unlink()
    assert glossary().get("factuur") is None  # its drawing is missing: left out
    assert edited.get("factuur") is not None  # what an earlier app loaded is not changed
