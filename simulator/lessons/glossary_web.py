"""The glossary pages (blueprint "woorden"): /woorden lists every word, /woorden/<id> one word.

Lesson texts link their [[shown words|id]] here (word_links() gives the URLs to the markup).
The explanation is in the learner's interface language, or in Dutch saying so.
"""

from __future__ import annotations

import logging
from pathlib import Path

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    has_request_context,
    render_template,
    request,
    url_for,
)

from simulator import content
from simulator.i18n import interface_lang
from simulator.lessons import glossary as glossary_module
from simulator.lessons.glossary import Entry, Glossary
from simulator.lessons.texts import RIGHT_TO_LEFT, inline_in, pick_lang, render_in
from simulator.redirects import local_referrer

bp = Blueprint("woorden", __name__, url_prefix="/woorden")
log = logging.getLogger(__name__)


def glossary() -> Glossary:
    """The glossary loaded at start-up."""
    return current_app.extensions["glossary"]


def word_links() -> dict[str, str]:
    """Glossary id -> the entry's page, for rendering [[...|id]] in texts (made once)."""
    key = ("glossary_links", request.script_root if has_request_context() else "")
    links = current_app.extensions.get(key)
    if links is None:
        links = {
            word_id: url_for("woorden.entry", word_id=word_id) for word_id in glossary().entries
        }
        current_app.extensions[key] = links
    return links


class Shown:
    """An entry as one learner sees it: texts in their language (or Dutch, saying so)."""

    def __init__(self, entry: Entry, lang: str):
        self.entry = entry
        self.lang, _text = pick_lang(entry.text, lang)
        self.fallback = self.lang != lang
        self.dir = "rtl" if self.lang in RIGHT_TO_LEFT else "ltr"
        self.html = render_in(entry.text, lang, word_links())
        self.alt_lang = pick_lang(entry.alt, lang)[0]
        self.alt = inline_in(entry.alt, lang).striptags()
        self.letter = entry.word[:1].upper()
        translation = glossary().translations.get(self.lang, {})
        self.unreviewed = self.lang != "nl" and not translation.get("reviewed", False)


@bp.get("/")
def index():
    """Woordenlijst: every word, A to Z, with its drawing and explanation."""
    lang = interface_lang()
    shown = [Shown(entry, lang) for entry in glossary().alphabetical()]
    letters = sorted({item.letter for item in shown})
    return render_template("woorden/index.html", shown=shown, letters=letters, lang=lang)


@bp.get("/<word_id>")
def entry(word_id: str):
    """One word: its drawing, explanation and read-aloud."""
    found = glossary().get(word_id)
    if found is None:
        abort(404)
    lang = interface_lang()
    return render_template(
        "woorden/entry.html", item=Shown(found, lang), lang=lang, back=_local_referrer()
    )


def _local_referrer() -> str | None:
    """The page of the simulator the learner came from (to go back to), if not the glossary."""
    back = local_referrer(request.referrer, request.host)
    return None if back is None or back.startswith("/woorden") else back


def init_app(app: Flask) -> None:
    """Load the glossary beside the lessons; problems are logged, good entries are used."""
    lesson_dir = Path(app.config["LESSON_DIR"])
    static = app.static_folder
    loaded, problems = content.cached(  # once per process for the same file and drawings
        (
            "glossary",
            str(lesson_dir),
            content.fingerprint(lesson_dir / glossary_module.GLOSSARY_FILE.parent),
            static,
            content.listing(Path(static) / glossary_module.DRAWINGS) if static else (),
        ),
        lambda: glossary_module.load(lesson_dir, static),
    )
    if problems:
        log.error("Glossary %s has problems:\n%s", loaded.filename, problems)
    app.extensions["glossary"] = loaded
