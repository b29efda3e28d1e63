"""The learner's own pages: start page, "Begin opnieuw", leaving the sandbox, language switch."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, redirect, render_template, request, url_for
from flask_babel import gettext as _

from simulator import learner, registry
from simulator.i18n import LANGUAGES, set_site_lang
from simulator.redirects import local_referrer, safe_next

bp = Blueprint("shell", __name__)

registry.action("sandbox.reset", "scenario", description="Begin opnieuw: the fake world reset")
registry.action("site.language_changed", "site", "lang", description="the flag / EN | NL clicked")


@bp.get("/")
def start():
    """Start page: what this is, Begin, and the lessons."""
    return render_template("shell/start.html")


@bp.get("/opnieuw")
def reset_confirm():
    """Ask before the fake world is reset (GET asks, POST resets)."""
    current = learner.state().get("scenario")
    return render_template(
        "shell/reset.html",
        scenarios=learner.scenarios(),
        current=current,
        done=request.args.get("klaar"),
    )


@bp.post("/opnieuw")
def reset():
    scenario_id = request.form.get("scenario") or None
    if scenario_id is not None and scenario_id not in learner.scenarios():
        return render_template(
            "shell/reset.html",
            scenarios=learner.scenarios(),
            current=learner.state().get("scenario"),
            error=_("Kies een oefenwereld uit de lijst."),
        ), 400
    fresh = learner.reset(scenario_id)
    learner.record_action("sandbox.reset", scenario=fresh["scenario"])
    learner.rotate_session()  # a fresh start: a new session id and form token, same learner
    return redirect(url_for("shell.reset_confirm", klaar=1))


@bp.get("/verlaten")
def leave():
    """A link to a real website ends here: the address is shown as text, nothing is opened."""
    url = request.args.get("url", "")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(url) > 500:
        abort(404)
    back = local_referrer(request.referrer, request.host)
    return render_template("shell/leave.html", url=url, back=back or url_for("shell.start"))


@bp.get("/sites/")
def sites_root():
    return redirect(url_for("inburgeren.home"))


@bp.get("/sites/<host>/taal/<lang>")
def switch_language(host: str, lang: str):
    """The flag / EN | NL link of a site: remember the choice (a preference, like the real
    sites' /en/ links) and go back to the page it came from."""
    site = registry.SITES.get(host)
    if site is None or lang not in LANGUAGES:
        abort(404)
    learner.ensure()  # choosing a language is acting: the learner and session are made
    set_site_lang(site, lang)
    learner.record_action("site.language_changed", site=site, lang=lang)
    home = f"/sites/{host}/"
    return redirect(safe_next(request.args.get("next"), home, prefix=home))
