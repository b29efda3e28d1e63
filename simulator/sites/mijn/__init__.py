"""mijn.inburgeren.nl: Mijn Inburgering, DUO's logged-in environment.

The blueprint lives here; each section registers its views from its own module.
Every page needs a DigiD login (as on the real site): otherwise DigiD's login page.
After `settings.idle_minutes` (default 15) without a request the learner is logged out
(the rule is sandbox/idle.py; the time is noted at most once a minute).
"""

from __future__ import annotations

import importlib

from flask import Blueprint, redirect, request, url_for

from simulator import clock, learner, registry
from simulator.sandbox import auth, idle
from simulator.sites.common import add_notice

bp = Blueprint("mijn", __name__, url_prefix="/sites/mijn.inburgeren.nl")

SECTIONS = ("home", "gegevens", "examens", "lening", "facturen", "brieven")
OPEN_WITHOUT_LOGIN = ("mijn.logout",)

LOGGED_OUT = registry.action(
    "mijn.logged_out", "reason", description="Uitloggen (reason: uitloggen | inactief)"
)

#: inburgeren.nl shows this in its own language (Dutch or English)
LOGGED_OUT_TEXT = {"nl": "U bent uitgelogd.", "en": "You are logged out."}


def log_out(state: dict, text: dict) -> None:
    """End the duo session and tell inburgeren.nl to show why."""
    auth.log_out(state, "duo")
    if {"site": "inburgeren", "text": text} not in state.get("notices", []):
        add_notice(state, "inburgeren", text)


@bp.before_request
def require_login():
    """DigiD first; log out after the idle time; otherwise note the activity (once a minute)."""
    if request.endpoint in OPEN_WITHOUT_LOGIN:
        return None
    state = learner.state()
    if not auth.logged_in(state, "duo"):
        return redirect(url_for("digid.start", dienst="duo"))
    now = clock.utcnow()
    if idle.idle_expired(state, now):
        minutes = idle.idle_minutes(state)
        text = {
            "nl": f"U bent automatisch uitgelogd, omdat u {minutes} minuten niets heeft gedaan.",
            "en": f"You were logged out because you did nothing for {minutes} minutes.",
        }
        learner.mutate(
            lambda data: log_out(data, text), event=("action", LOGGED_OUT, {"reason": "inactief"})
        )
        return redirect(url_for("inburgeren.home"))
    if idle.touch_due(state, now):
        learner.mutate(lambda data: idle.touch(data, now))
    return None


@bp.context_processor
def mijn_context() -> dict:
    """Every Mijn page: the idle time for mijn.js (notices come with render_page)."""
    if request.blueprint != "mijn":
        return {}
    state = learner.state()
    return {
        "mijn_idle_minutes": idle.idle_minutes(state),
        "mijn_logged_in": auth.logged_in(state, "duo"),
    }


for _name in SECTIONS:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a section not written yet
        if exc.name != f"{__name__}.{_name}":
            raise
