"""digid.nl: logging in with DigiD (app, sms-controle, rijbewijs, identiteitskaart).

The blueprint, the choice of method and cancelling live here; each way of logging in has
its own module (sms, app) and the help pages are in info.
"""

from __future__ import annotations

from datetime import datetime

from flask import Blueprint, abort, redirect, request, url_for

from simulator import clock, learner, registry, security
from simulator.sandbox import auth, digid_rules
from simulator.sites.common import add_notice, pop_notices, render_page

bp = Blueprint("digid", __name__, url_prefix="/sites/digid.nl")

KIES = registry.page("digid.kies", "digid", "Hoe wilt u inloggen?")
METHOD_CHOSEN = registry.action(
    "digid.method_chosen", "method", description="A way to log in was chosen on DigiD"
)
LOGIN_FAILED = registry.action(
    "digid.login_failed", "method", "reason", description="A DigiD login step failed (why)"
)
LOGIN_SUCCEEDED = registry.action(
    "digid.login_succeeded", "method", "service", description="Logged in with DigiD"
)

SERVICE_NAMES = {
    "duo": ("DUO - DigiD voor Inburgeren", "DUO - DigiD voor Inburgeren"),
    "ind": ("IND - Mijn IND", "IND - My IND"),
}
CANCEL = {
    # inburgeren.nl shows {nl, en} notices in its own language; ind.nl translates its own.
    "duo": (
        "inburgeren",
        {"nl": "U heeft het inloggen geannuleerd.", "en": "You cancelled logging in."},
    ),
    "ind": ("ind", "U heeft het inloggen geannuleerd."),
}


def now() -> datetime:
    return clock.now()


def service_home(service: str) -> str:
    """Where a service's logged-in pages start."""
    return url_for("mijn.home") if service == "duo" else "/sites/ind.nl/mijn-ind"


def service_site(service: str) -> str:
    """The service's public site ("< Annuleren" goes back there)."""
    return url_for("inburgeren.home") if service == "duo" else "/sites/ind.nl/"


def method_url(method: str) -> str:
    if method == "sms":
        return url_for("digid.sms_login")
    if method == "app":
        return url_for("digid.app_koppel")
    return url_for("digid.id_start", document=method)


def current_login(method: str | tuple[str, ...]) -> dict | None:
    """The login in progress when it uses this method (one of these methods), else None."""
    methods = (method,) if isinstance(method, str) else method
    current = digid_rules.login(learner.state())
    if not current or current.get("method") not in methods:
        return None
    return current


def to_start():
    """No login in progress for this page: back to "Hoe wilt u inloggen?" (for its service)."""
    last = (learner.state().get("digid_runtime") or {}).get("login") or {}
    dienst = last.get("service") if last.get("service") in auth.SERVICES else "duo"
    return redirect(url_for("digid.start", dienst=dienst))


def succeeded(service: str, method: str):
    """Record a successful login (a new session id and form token) and go to the service."""
    learner.record_action(LOGIN_SUCCEEDED, method=method, service=service)
    learner.rotate_session()
    return redirect(service_home(service))


@bp.get("/inloggen")
def start():
    """Choose a way to log in; ?dienst=duo (Mijn Inburgering) or ind (Mijn IND)."""
    dienst = request.args.get("dienst", "duo")
    if dienst not in auth.SERVICES:
        abort(404)
    return render_page(KIES, "digid/kies.html", dienst=dienst, notices=pop_notices("digid"))


@bp.post("/inloggen")
def choose():
    """One of the four choices: remember it and go to that way of logging in."""
    dienst = request.form.get("dienst", "")
    methode = request.form.get("methode", "")
    security.require(dienst in auth.SERVICES and methode in auth.METHODS)

    def change(state: dict) -> None:
        digid_rules.start_login(state, dienst, methode)
        if methode in digid_rules.KOPPEL_METHODS:
            digid_rules.start_koppel(state)

    learner.mutate(change)
    learner.record_action(METHOD_CHOSEN, method=methode)
    return redirect(method_url(methode))


@bp.post("/annuleren")
def cancel():
    """'< Annuleren': stop logging in and go back to the service's site with a message."""
    dienst = request.form.get("dienst", "")
    security.require(dienst in auth.SERVICES)
    site, text = CANCEL[dienst]

    def change(state: dict) -> None:
        digid_rules.cancel(state)
        add_notice(state, site, text)

    learner.mutate(change)
    return redirect(service_site(dienst))


from simulator.sites.digid import app, info, sms  # noqa: E402,F401  (views register on bp)
