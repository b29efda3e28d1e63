"""mijn.inburgeren.nl: Mijn Inburgering, DUO's logged-in environment.

The blueprint lives here; each section registers its views from its own module.
Every page needs a DigiD login (as on the real site): otherwise DigiD's login page.
After `settings.idle_minutes` (default 15) without a request the learner is logged out:
the time of the last request is kept in the state, so the server decides, not the browser.
"""

from __future__ import annotations

import importlib
from datetime import datetime

from flask import Blueprint, redirect, request, url_for

from simulator import clock, learner, registry
from simulator.sandbox import auth
from simulator.sites.common import add_notice, pop_notices

bp = Blueprint("mijn", __name__, url_prefix="/sites/mijn.inburgeren.nl")

SECTIONS = ("home", "gegevens", "examens", "lening", "facturen", "brieven")
DEFAULT_IDLE_MINUTES = 15
LAST_ACTIVITY = "last_activity"  # key in state["auth"]["sessions"]["duo"]: naive UTC ISO time
OPEN_WITHOUT_LOGIN = ("mijn.logout",)

LOGGED_OUT = registry.action(
    "mijn.logged_out", "reason", description="Uitloggen (reason: uitloggen | inactief)"
)


def idle_minutes(state: dict) -> int:
    """Minutes without a request after which Mijn Inburgering logs the learner out."""
    value = (state.get("settings") or {}).get("idle_minutes")
    return value if isinstance(value, int) and value > 0 else DEFAULT_IDLE_MINUTES


def now_utc() -> datetime:
    """Current time (naive UTC), the clock the idle rule uses."""
    return clock.utcnow()


def idle_expired(state: dict, now: datetime) -> bool:
    """True when the duo session saw no request for idle_minutes or more."""
    session = (state.get("auth") or {}).get("sessions", {}).get("duo") or {}
    try:
        last = datetime.fromisoformat(session[LAST_ACTIVITY])
    except (KeyError, TypeError, ValueError):
        return False
    return (now - last).total_seconds() >= idle_minutes(state) * 60


def touch(state: dict, now: datetime) -> None:
    """Record a request as the duo session's last activity (if still logged in)."""
    session = (state.get("auth") or {}).get("sessions", {}).get("duo")
    if session is not None:
        session[LAST_ACTIVITY] = now.isoformat(timespec="seconds")


#: inburgeren.nl shows this in its own language (Dutch or English)
LOGGED_OUT_TEXT = {"nl": "U bent uitgelogd.", "en": "You are logged out."}


def log_out(state: dict, text: dict) -> None:
    """End the duo session and tell inburgeren.nl to show why."""
    auth.log_out(state, "duo")
    if {"site": "inburgeren", "text": text} not in state.get("notices", []):
        add_notice(state, "inburgeren", text)


@bp.before_request
def require_login():
    """DigiD first; log out after the idle time; otherwise note the activity."""
    if request.endpoint in OPEN_WITHOUT_LOGIN:
        return None
    state = learner.state()
    if not auth.logged_in(state, "duo"):
        return redirect(url_for("digid.start", dienst="duo"))
    now = now_utc()
    if idle_expired(state, now):
        minutes = idle_minutes(state)
        text = {
            "nl": f"U bent automatisch uitgelogd, omdat u {minutes} minuten niets heeft gedaan.",
            "en": f"You were logged out because you did nothing for {minutes} minutes.",
        }
        learner.mutate(lambda data: log_out(data, text))
        learner.record_action(LOGGED_OUT, reason="inactief")
        return redirect(url_for("inburgeren.home"))
    learner.mutate(lambda data: touch(data, now))
    return None


@bp.context_processor
def mijn_context() -> dict:
    """Every Mijn page: its one-time messages and the idle time for mijn.js."""
    if request.blueprint != "mijn":
        return {}
    state = learner.state()
    return {
        "notices": pop_notices("mijn"),
        "mijn_idle_minutes": idle_minutes(state),
        "mijn_logged_in": auth.logged_in(state, "duo"),
    }


for _name in SECTIONS:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a section not written yet
        if exc.name != f"{__name__}.{_name}":
            raise
