"""digid.nl: logging in with DigiD (app, sms-controle, rijbewijs, identiteitskaart)."""

from __future__ import annotations

from flask import Blueprint, request

from simulator.sites import registry
from simulator.sites.common import render_page

bp = Blueprint("digid", __name__, url_prefix="/sites/digid.nl")

KIES = registry.page("digid.kies", "digid", "Hoe wilt u inloggen?")


@bp.get("/inloggen")
def start():
    """Choose a way to log in; ?dienst=duo (Mijn Inburgering) or ind (Mijn IND)."""
    dienst = request.args.get("dienst", "duo")
    return render_page(KIES, "digid/kies.html", dienst=dienst)
