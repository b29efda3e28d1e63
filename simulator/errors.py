"""Error pages in the learner's language: 400, CSRF, 404 (a site's own, in the site's language,
where it has one), 405, 413, 500."""

from __future__ import annotations

import logging

from flask import Flask, render_template, request
from jinja2 import TemplateNotFound

from simulator import learner
from simulator.i18n import site_lang
from simulator.registry import SITES
from simulator.security import CSRFError

log = logging.getLogger(__name__)


def _site_of_path() -> str | None:
    if request.path.startswith("/sites/"):
        return SITES.get(request.path[len("/sites/") :].partition("/")[0])
    return None


def not_found(_error=None):
    learner.discard()  # a refused request changes nothing
    site = _site_of_path()
    if site:
        try:
            return render_template(f"{site}/not_found.html", site=site, lang=site_lang(site)), 404
        except TemplateNotFound:
            pass
    return render_template("errors/404.html"), 404


def csrf_failed(_error=None):
    learner.discard()
    return render_template("errors/csrf.html"), 400


def bad_request(_error=None):
    learner.discard()
    return render_template("errors/400.html"), 400


def method_not_allowed(_error=None):
    learner.discard()
    return render_template("errors/405.html"), 405


def too_large(_error=None):
    learner.discard()
    return render_template("errors/413.html"), 413


def server_error(error=None):
    learner.discard()
    log.exception("Internal error on %s", request.path, exc_info=error)
    try:
        return render_template("errors/500.html"), 500
    except Exception:  # the frame itself failed: still no traceback for the learner
        return "Er ging iets mis in de oefenomgeving. Ga terug naar de startpagina: /", 500


def init_app(app: Flask) -> None:
    app.register_error_handler(CSRFError, csrf_failed)
    app.register_error_handler(400, bad_request)
    app.register_error_handler(404, not_found)
    app.register_error_handler(405, method_not_allowed)
    app.register_error_handler(413, too_large)
    app.register_error_handler(500, server_error)
