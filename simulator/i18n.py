"""Languages: each sandbox site's own (nl or en, per site in the session) and the learner's
interface language (the frame, panel, phone, lesson messages), through gettext (Flask-Babel).

The interface language is the learner's choice (session["lesson_lang"], kept through login
and "Begin opnieuw": the session id changes, its data stays); before a choice the browser's
Accept-Language is the first guess; else Dutch. Msgids are the Dutch (B1) texts, so an
untranslated message shows in Dutch. The catalogs are translations/<lang>/LC_MESSAGES/
messages.po; their .mo files are made by scripts/i18n.sh, the package build, or here at
start-up when they are missing or older than the .po (see compile_catalogs).
"""

from __future__ import annotations

import logging
import os
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace

from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask.globals import _cv_app
from flask_babel import get_translations
from jinja2 import pass_eval_context
from markupsafe import Markup

from simulator import catalogs

LANGUAGES = ("nl", "en")
#: Interface languages written from right to left (the panel, the phone and the frame mirror).
RIGHT_TO_LEFT = frozenset({"ar", "fa"})
#: Where the gettext catalogs live: translations/<lang>/LC_MESSAGES/messages.po
TRANSLATIONS = Path(__file__).resolve().parent / "translations"
#: Text sizes the learner can choose (a class on <html>: tekst-normaal, tekst-groot, ...)
TEXT_SIZES = ("normaal", "groot", "groter")
log = logging.getLogger(__name__)


def N_(msgid: str) -> str:  # noqa: N802 - the gettext convention for "extract, translate later"
    """Mark a msgid for extraction where it is defined; translate it where it is shown."""
    return msgid


def offered() -> dict[str, str]:
    """The interface languages, each named in its own language and script."""
    from simulator.lessons.texts import OFFERED

    return OFFERED


def interface_lang() -> str:
    """The language the learner reads the interface in: their choice, else the browser's."""
    chosen = session.get("lesson_lang") if has_request_context() else None
    if chosen in offered():
        return chosen
    if has_request_context():
        return _browser_guess()
    return "nl"


def _browser_guess() -> str:
    """The browser's first choice among the offered languages (Accept-Language), else Dutch;
    worked out once per request (a page asks for the language dozens of times)."""
    guess = g.get("_browser_lang")
    if guess is None:
        guess = g._browser_lang = request.accept_languages.best_match(list(offered())) or "nl"
    return guess


def text_dir(lang: str) -> str:
    """ "rtl" for Arabic and Farsi, else "ltr"."""
    from simulator.lessons.texts import RIGHT_TO_LEFT

    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def text_size() -> str:
    """The text size the learner chose (normaal until they choose another)."""
    value = session.get("text_size") if has_request_context() else None
    return value if value in TEXT_SIZES else "normaal"


def _template_context() -> dict:
    lang = interface_lang()
    return {"ui_lang": lang, "ui_dir": text_dir(lang), "text_size": text_size()}


def direction(lang: str) -> str:
    """The writing direction of a language: "rtl" for Arabic and Farsi, else "ltr"."""
    return "rtl" if lang in RIGHT_TO_LEFT else "ltr"


def init_app(app: Flask) -> None:
    """gettext for the interface: `_()` and `ngettext()` in templates and Python."""
    from flask_babel import Babel

    from simulator.lessons import messages

    app.config.setdefault("BABEL_DEFAULT_LOCALE", "nl")
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(TRANSLATIONS))
    directories = compile_catalogs(app)
    app.config["BABEL_TRANSLATION_DIRECTORIES"] = ";".join(directories)
    Babel(app, locale_selector=interface_lang)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: _translations().ugettext(s),
        ngettext=lambda s, p, n: _translations().ungettext(s, p, n),
        newstyle=True,
        pgettext=lambda c, s: _translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: _translations().unpgettext(c, s, p, n),
    )
    # The same newstyle gettext in one call instead of three (Jinja's `_` calls its
    # `gettext`, which calls the function above): a page has some fifty.
    app.jinja_env.globals.update(_=_template_gettext, gettext=_template_gettext)
    app.jinja_env.globals["ngettext"] = _template_ngettext
    app.context_processor(_template_context)
    app.jinja_env.globals["text_dir"] = text_dir
    app.after_request(_vary)
    messages.set_translator(_translate)


def _translations():
    """The request's catalog, looked up once per request: what Flask-Babel's own template
    callables look up on every call (a page has some fifty). Kept where Flask-Babel keeps the
    request's locale (g._flask_babel), so flask_babel.refresh() forgets both."""
    app_ctx = _cv_app.get(None)
    if app_ctx is None:
        return get_translations()
    kept = app_ctx.g.__dict__.get("_flask_babel")
    if kept is None:
        kept = app_ctx.g._flask_babel = SimpleNamespace()
    found = getattr(kept, "babel_translations", None)
    if found is None:
        found = kept.babel_translations = get_translations()
    return found


@pass_eval_context
def _template_gettext(eval_ctx, string: str, /, **variables) -> str:
    """Jinja's newstyle `_()` and `gettext()`: translated, escaped when the template
    autoescapes, and always a %-format string (as jinja2.ext's own)."""
    found = _translations().ugettext(string)
    if eval_ctx.autoescape:
        found = Markup(found)
    return found % variables


@pass_eval_context
def _template_ngettext(eval_ctx, singular: str, plural: str, num: int, /, **variables) -> str:
    """Jinja's newstyle `ngettext()`: as _template_gettext, with `num` among the variables."""
    variables.setdefault("num", num)
    found = _translations().ungettext(singular, plural, num)
    if eval_ctx.autoescape:
        found = Markup(found)
    return found % variables


def _vary(response):
    """A page before any choice follows Accept-Language: say so to caches."""
    if response.mimetype == "text/html":
        response.vary.add("Accept-Language")
    return response


@lru_cache(maxsize=32)
def _catalog(directories: tuple[str, ...], lang: str):
    from babel.support import NullTranslations, Translations

    merged = None
    for directory in directories:
        found = Translations.load(directory, [lang])
        if isinstance(found, Translations):
            merged = found if merged is None else merged.merge(found)
    return merged or NullTranslations()


def _translate(lang: str, msgid: str, plural: str | None, num: int) -> str | None:
    """The translation of msgid in lang from the app's catalogs, or None when it has none."""
    directories = str(TRANSLATIONS)
    if has_app_context():
        directories = current_app.config["BABEL_TRANSLATION_DIRECTORIES"]
    catalog = _catalog(tuple(directories.split(";")), lang)
    if plural is None:
        found = catalog.ugettext(msgid)
        return found if found != msgid else None
    found = catalog.ungettext(msgid, plural, num)
    return None if found in (msgid, plural) else found


def compile_catalogs(app: Flask) -> list[str]:
    """Make each .mo that is missing or older than its .po; returns where the catalogs are.

    A fresh checkout or an install without .mo files still works: the .mo is written beside
    the .po, or, where the package folder is read-only, under the instance folder.
    """
    directories = [d for d in app.config["BABEL_TRANSLATION_DIRECTORIES"].split(";") if d]
    out: list[str] = []
    for directory in directories:
        todo = catalogs.stale(Path(directory))
        target = Path(directory)
        if todo and not os.access(directory, os.W_OK):
            target = Path(app.instance_path) / "translations"
        for po in todo:
            catalogs.compile_po(po, target / po.relative_to(directory).with_suffix(".mo"))
            log.info("Compiled the catalog %s", po)
        if target != Path(directory):
            out.append(str(target))
        out.append(directory)
    return out


def site_lang(site: str) -> str:
    """The language the learner chose for one site; Dutch unless they switched."""
    value = (session.get("lang") or {}).get(site, "nl")
    return value if value in LANGUAGES else "nl"


def set_site_lang(site: str, lang: str) -> None:
    if lang not in LANGUAGES:
        return
    langs = dict(session.get("lang") or {})
    langs[site] = lang
    session["lang"] = langs


def pick(text: dict | str | None, lang: str) -> str:
    """Pick one language from a {nl:..., en:...} text, falling back to Dutch."""
    if text is None:
        return ""
    if isinstance(text, str):
        return text
    return text.get(lang) or text.get("nl", "")
