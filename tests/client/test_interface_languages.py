"""Every interface string goes through gettext: pages rendered in each language show no Dutch
interface word outside lang="nl" (and no English left over in the other languages).

ar, ti, uk, fa and tr have no translations yet, so their real catalogs would show the Dutch.
These tests give every language a pseudo-translation instead (each msgid with its letters
turned into full-width ones, placeholders and tags kept): a Dutch word that is still on the
page then comes from a string that never went through gettext. English uses its real catalog.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from simulator import create_app
from simulator.lessons.messages import msg
from tests.client.test_lessons import skip_to
from tests.conftest import Learner

ROOT = Path(__file__).resolve().parents[2]
NL_PO = ROOT / "simulator" / "translations" / "nl" / "LC_MESSAGES" / "messages.po"
PSEUDO = ("ar", "ti", "uk", "fa", "tr")
RTL = {"ar", "fa"}
#: Dutch words of the interface that are no name and no English word
DUTCH = set(
    """de het een u uw van naar niet op met deze dit die wilt heeft bent kunt terug opnieuw
    volgende vorige alle lessen les stap stappen taal grootte normaal groot groter woordenlijst
    welkom pagina klopt verlopen hulp nog keer ga klik oefenwereld gevonden uitleg woorden
    voorlezen langzamer afronden opdracht situatie adres hangslot verbinding beveiligd bovenin
    wanneer hoofdstuk doorlopen dan er ook zoals alles moeilijke staat tekening inhoud ziet
    gedaan goed oefent verlaat echte""".split()
)
#: English words of the interface (left over from 'x' if en else 'y')
ENGLISH = set(
    """the you your step steps lesson lessons next previous back again page language size
    larger large normal word words read aloud slower welcome found address padlock connection
    secure practice everything choose finish task situation here""".split()
)
#: Words of a language's own lesson texts that happen to be Dutch interface words too
OWN_WORDS = {"tr": {"de", "dan", "adres", "size"}}
#: A quoted phrase in an attribute (alt="Drawing of the page 'Hoe wilt u inloggen?'"): an
#: attribute cannot mark its Dutch quote with lang="nl", so the quote is left out
QUOTED = re.compile(r"'[^']*'|\"[^\"]*\"|‘[^’]*’|“[^”]*”|«[^»]*»|„[^“”]*[“”]")
SKIP = {"script", "style", "svg", "code"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
ATTRIBUTES = ("alt", "title", "aria-label", "placeholder")
#: Templates checked on their own by the last test below (their texts are lesson content).
#: A lesson's picture: its alt text is lesson content (it cannot mark a Dutch quote).
PART_B = ("lesson-list", "lesson-tip__label", "lesson-figure")


class Words(HTMLParser):
    """The words of a page with the language they stand in (lang of the nearest element)."""

    def __init__(self, skip_classes=PART_B):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None, bool]] = []
        self.found: list[tuple[str, str]] = []  # (lang, text)
        self.skip_classes = set(skip_classes)

    def _lang(self) -> str:
        return next((lang for _tag, lang, _s in reversed(self.stack) if lang), "")

    def _skipped(self) -> bool:
        return any(skipped for _tag, _lang, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        skipped = tag in SKIP or bool(classes & self.skip_classes)
        lang = attrs.get("lang")
        if tag not in VOID:
            self.stack.append((tag, lang, skipped))
        if not (skipped or self._skipped()):
            own = lang or self._lang()
            for name, value in attrs.items():
                if value and (name in ATTRIBUTES or name.startswith("data-label")):
                    self.found.append((own, QUOTED.sub(" ", value)))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if len(data.strip()) > 1 and not self._skipped():  # one letter: the A-Z index
            self.found.append((self._lang(), QUOTED.sub(" ", data)))


def words_in(page: str, lang_of_page: str, skip_classes=PART_B) -> list[tuple[str, str, str]]:
    """(language, word, the text it stands in) for every word of the page."""
    parser = Words(skip_classes)
    parser.feed(page)
    return [
        (lang or lang_of_page, word.lower(), chunk.strip()[:80])
        for lang, chunk in parser.found
        for word in re.findall(r"[^\W\d_]+", chunk)
    ]


def leftovers(page: str, lang: str, skip_classes=PART_B, where_found: bool = False) -> set[str]:
    """Dutch words outside lang="nl" (and English outside lang="en" for other languages)."""
    found = set()
    for where, word, chunk in words_in(page, lang, skip_classes):
        if word in OWN_WORDS.get(where, ()):
            continue
        context = f": {chunk!r}" if where_found else ""
        if where != "nl" and word in DUTCH:
            found.add(f"{word} (nl){context}")
        if lang != "en" and where != "en" and word in ENGLISH:
            found.add(f"{word} (en){context}")
    return found


_TOKEN = re.compile(r"(%\([a-z_]+\)[sd]|<[^>]*>|&[a-z]+;)")


def pseudo(text: str) -> str:
    """Full-width letters (ａｂｃ) outside placeholders, tags and entities."""
    return "".join(
        part
        if _TOKEN.fullmatch(part)
        else "".join(chr(ord(c) + 0xFEE0) if c.isascii() and c.isalpha() else c for c in part)
        for part in _TOKEN.split(text)
    )


@pytest.fixture(scope="module")
def pseudo_catalogs(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("pseudo")
    with NL_PO.open("rb") as handle:
        dutch = [m for m in read_po(handle) if m.id]
    for lang in PSEUDO:
        catalog = Catalog(locale=lang)  # the language's own plural forms (ar has six)
        for message in dutch:
            if isinstance(message.id, tuple):
                forms = range(catalog.num_plurals)
                string = tuple(pseudo(message.id[min(i, 1)]) for i in forms)
            else:
                string = pseudo(message.id)
            catalog.add(message.id, string)
        target = folder / lang / "LC_MESSAGES" / "messages.mo"
        target.parent.mkdir(parents=True)
        with target.open("wb") as handle:
            write_mo(handle, catalog)
    return folder


@pytest.fixture(scope="module")
def pseudo_app(pseudo_catalogs, tmp_path_factory):
    translations = str(ROOT / "simulator" / "translations")
    app = create_app(
        {
            "TESTING": True,
            "INSTANCE_PATH": str(tmp_path_factory.mktemp("instance")),
            "SECRET_KEY": "pseudo",
            # the made-up catalogs last: a later directory overrides an earlier one
            "BABEL_TRANSLATION_DIRECTORIES": f"{translations};{pseudo_catalogs}",
        }
    )
    yield app
    app.extensions["store"].engine.dispose()


LANGS = ["en", *PSEUDO]


def learner_in(app, lang: str) -> Learner:
    learner = Learner(app.test_client())
    learner.post("/les/taal", {"taal": lang, "next": "/"}, form_url="/")
    return learner


def check(response, lang: str, status: int = 200, skip_classes=PART_B) -> str:
    page = response.get_data(as_text=True)
    assert response.status_code == status, page[:500]
    direction = "rtl" if lang in RTL else "ltr"
    assert f'<html lang="{lang}" dir="{direction}"' in page
    assert leftovers(page, lang, skip_classes, where_found=True) == set()
    return page


SHELL_PAGES = [
    ("/", 200),
    ("/opnieuw", 200),
    ("/opnieuw?klaar=1", 200),
    ("/verlaten?url=https://www.duo.nl/", 200),
    ("/woorden/", 200),
    ("/woorden/hangslotje", 200),
    ("/bestaat-niet", 404),
    ("/les/bestaat-niet", 404),
    ("/les/inburgeren/begin", 405),
    ("/les/inburgeren", 200),
    ("/les/inburgeren/opnieuw", 200),
]


@pytest.mark.parametrize("lang", LANGS)
def test_the_simulators_own_pages_speak_the_learners_language(pseudo_app, lang):
    learner = learner_in(pseudo_app, lang)
    for url, status in SHELL_PAGES:
        check(learner.client.get(url), lang, status)


@pytest.mark.parametrize("lang", LANGS)
def test_refusals_speak_the_learners_language(pseudo_app, lang):
    learner = learner_in(pseudo_app, lang)
    client = learner.client
    check(client.post("/les/taal", data={"taal": "ar"}), lang, 400)  # no CSRF token
    check(learner.post("/les/taal", {"taal": "xx"}, form_url="/"), lang, 400)
    check(learner.post("/les/tekstgrootte", {"grootte": "x" * 500}, form_url="/"), lang, 400)
    check(learner.post("/opnieuw", {"scenario": "bestaat-niet"}), lang, 400)
    big = {"csrf_token": learner.csrf("/"), "taal": "x" * 70_000}
    check(client.post("/les/taal", data=big), lang, 413)


@pytest.mark.parametrize("lang", LANGS)
def test_the_frame_around_a_site_speaks_the_learners_language(pseudo_app, lang):
    learner = learner_in(pseudo_app, lang)
    page = learner.client.get("/sites/www.inburgeren.nl/")
    body = check(page, lang)  # the site itself is inside <main lang="nl">
    assert 'tabindex="-1" lang="nl" dir="ltr">' in body


@pytest.mark.parametrize("lang", LANGS)
def test_every_part_of_every_lesson_page_speaks_the_learners_language(pseudo_app, lang):
    learner = learner_in(pseudo_app, lang)
    for lesson in pseudo_app.extensions["lessons"].ordered():
        check(learner.client.get(f"/les/{lesson.id}"), lang)  # the introduction
        for part in lesson.parts:
            skip_to(learner, lesson.id, part.id, pseudo_app)
            check(learner.client.get(f"/les/{lesson.id}"), lang)
        store = pseudo_app.extensions["store"]
        with learner.client.session_transaction() as sess:
            learner_id = sess["learner_id"]
        data = store.load_progress(learner_id)[lesson.id]
        data.update(done=True, part=len(lesson.parts), seconds=185, hints_total=2)
        store.save_progress(learner_id, lesson.id, data)
        check(learner.client.get(f"/les/{lesson.id}"), lang)  # finished: time and help used


@pytest.mark.parametrize("lang", LANGS)
def test_a_runner_message_is_shown_in_the_learners_language(pseudo_app, lang):
    learner = learner_in(pseudo_app, lang)
    skip_to(learner, "inburgeren", "naar-inburgeren", pseudo_app)
    store = pseudo_app.extensions["store"]
    with learner.client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    data = store.load_progress(learner_id)["inburgeren"]
    data["message"] = {"kind": "wrong", "text": msg("Dat klopt nog niet.")}
    store.save_progress(learner_id, "inburgeren", data)
    page = check(learner.client.get("/les/inburgeren"), lang)
    shown = "That is not right yet." if lang == "en" else pseudo("Dat klopt nog niet.")
    assert shown in page


@pytest.mark.parametrize("lang", ["ar", "uk"])
def test_part_b_templates_on_these_pages_speak_the_learners_language(pseudo_app, lang):
    learner = learner_in(pseudo_app, lang)
    check(learner.client.get("/"), lang, skip_classes=())
    skip_to(learner, "inburgeren", "hangslot", pseudo_app)
    for lesson in pseudo_app.extensions["lessons"].ordered():
        for part in lesson.parts:
            if part.tips and not part.is_step:
                skip_to(learner, lesson.id, part.id, pseudo_app)
                check(learner.client.get(f"/les/{lesson.id}"), lang, skip_classes=())


def test_the_checker_finds_a_dutch_word_and_respects_lang_nl():
    assert leftovers('<p>Klik op <b lang="nl">Volgende</b></p>', "ar") == {"klik (nl)", "op (nl)"}
    assert leftovers("<img alt=\"Een tekening van 'Hoe wilt u inloggen?'\">", "ar") == {
        "een (nl)",
        "tekening (nl)",
        "van (nl)",
    }
    assert leftovers('<p lang="nl">Stap 1 van 9</p><img alt="" src="x">', "ar") == set()
    assert leftovers('<button aria-label="Next step">x</button>', "ar") == {
        "next (en)",
        "step (en)",
    }
    assert leftovers("<p>Next step</p>", "en") == set()
    assert pseudo("Stap %(number)s van <strong>%(total)s</strong>") == (
        "Ｓｔａｐ %(number)s ｖａｎ <strong>%(total)s</strong>"
    )
