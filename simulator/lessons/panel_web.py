"""The lesson panel's texts in the learner's language, each with its read-aloud audio, and the
glossary popover (blueprint "panel").

A text of the lesson is shown in the learner's language; where the translation is missing
the Dutch text is shown, marked lang="nl", with a plain note saying so. Every text of a step
carries the URLs of its audio (or the sentence saying there is none): the panel's speaker
buttons play them. The glossary popover asks /les/woord/<id> for one entry as a fragment;
without JavaScript the glossary link goes to the entry's own page.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Flask, abort, current_app, render_template, session
from markupsafe import Markup

from simulator.i18n import direction, interface_lang
from simulator.kept import kept
from simulator.lessons import fields
from simulator.lessons.glossary_web import Shown, glossary, word_links
from simulator.lessons.schema import Lesson, Part
from simulator.lessons.speech_web import ReadAloud, read_aloud_lesson, read_aloud_word
from simulator.lessons.texts import inline, pick_lang, render

bp = Blueprint("panel", __name__, url_prefix="/les")

#: The text size a learner may choose (the route is the frame's: POST /les/tekstgrootte).
TEXT_SIZES = ("normaal", "groot", "groter")
TEXT_SIZE_PATH = "/les/tekstgrootte"


@dataclass(frozen=True)
class PanelText:
    """One text of a step as the learner gets it: the HTML in the language shown, whether that
    is Dutch for want of a translation, and its audio (None for a text without a name)."""

    html: Markup
    lang: str
    fallback: bool
    audio: ReadAloud | None

    @property
    def dir(self) -> str:
        return direction(self.lang)


def panel_text(
    lesson: Lesson, part: Part | None, name: str, lang: str, text: dict | None = None
) -> PanelText:
    """The text `name` of the part (title, instruction, tip-0, hint-1, feedback-0, ...) in
    lang, or Dutch when it has no lang; `text` may give it directly (then name is only for
    its audio). Titles, "where" and answer labels come as one line, the others as paragraphs."""
    if text is None:
        text = fields.find(lesson, part.id, name) if part is not None else None
    shown, value = pick_lang(text, lang)
    one_line = name in ("title", "where") or name.startswith("answer-")
    html = (inline if one_line else render)(value, shown, word_links())
    audio = _audio(lesson, part.id, name, shown) if part is not None and text else None
    return PanelText(html, shown, shown != lang, audio)


#: Audio URLs per (loaded lessons, lesson, part, text, language): they change only when the
#: lesson files do (a new catalog). Hashing what is said costs more than the rest of a text.
AUDIO_CACHE_MAX = 4096


def _audio(lesson: Lesson, part_id: str, name: str, lang: str) -> ReadAloud:
    key = (id(current_app.extensions["lessons"]), lesson.id, part_id, name, lang, interface_lang())
    return kept(
        "panel_audio",
        AUDIO_CACHE_MAX,
        key,
        lambda: read_aloud_lesson(lesson.id, part_id, name, lang),
    )


def message_text(
    lesson: Lesson, part: Part | None, text: dict | str | None, lang: str
) -> PanelText:
    """A message the panel shows (feedback on a wrong turn or a wrong answer): read aloud when
    it is one of the part's own texts, found by its content."""
    if isinstance(text, str):  # a message made by the simulator, already in the language
        return PanelText(render(text, lang), lang, False, None)
    name = ""
    if part is not None and text:
        name = next((f.name for f in fields.part_fields(part, ()) if f.text == text), "")
    if not name:
        shown, value = pick_lang(text, lang)
        return PanelText(render(value, shown, word_links()), shown, shown != lang, None)
    return panel_text(lesson, part, name, lang, text)


def unreviewed(lesson: Lesson, part: Part | None, lang: str) -> bool:
    """The part shows texts translated into lang that no native speaker has checked yet."""
    if lang == "nl" or part is None or lesson.translations.get(lang, {}).get("reviewed"):
        return False
    return any(field.text.get(lang) for field in fields.part_fields(part, ()))


def text_size() -> str:
    """The text size the learner chose (a preference in the session)."""
    value = session.get("text_size", "normaal")
    return value if value in TEXT_SIZES else "normaal"


def text_size_url() -> str | None:
    """Where the text-size form posts, or None while the app has no such route."""
    key = "panel_text_size_url"
    if key not in current_app.extensions:
        found = any(
            rule.rule == TEXT_SIZE_PATH and "POST" in (rule.methods or ())
            for rule in current_app.url_map.iter_rules()
        )
        current_app.extensions[key] = TEXT_SIZE_PATH if found else None
    return current_app.extensions[key]


@bp.get("/woord/<word_id>")
def word(word_id: str):
    """One glossary entry as a fragment for the panel's popover (reads only)."""
    entry = glossary().get(word_id)
    if entry is None:
        abort(404)
    item = Shown(entry, interface_lang())
    html = render_template(
        "lessons/_word_popover.html", item=item, audio=read_aloud_word(entry.id, item.lang)
    )
    response = current_app.response_class(html, mimetype="text/html")
    response.headers["Cache-Control"] = "no-cache, private"
    return response


def init_app(app: Flask) -> None:
    """Template helpers for the panel, and the panel's HTML kept per state (panel_html)."""
    from simulator.lessons import panel_html

    panel_html.init_app(app)
    app.jinja_env.globals.update(
        panel_text=panel_text,
        panel_message=message_text,
        panel_unreviewed=unreviewed,
        panel_dir=direction,
        panel_text_size=text_size,
        panel_text_size_url=text_size_url,
        panel_text_sizes=TEXT_SIZES,
    )
