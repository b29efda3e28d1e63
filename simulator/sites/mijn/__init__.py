"""mijn.inburgeren.nl: Mijn Inburgering, DUO's logged-in environment.

The blueprint lives here; each section registers its views from its own module.
Every page needs a DigiD login (as on the real site): otherwise DigiD's login page.
"""

from __future__ import annotations

import importlib

from flask import Blueprint, redirect, url_for

from simulator import learner
from simulator.sandbox import auth

bp = Blueprint("mijn", __name__, url_prefix="/sites/mijn.inburgeren.nl")

SECTIONS = ("home", "gegevens", "examens", "lening", "facturen", "brieven")


@bp.before_request
def require_login():
    if not auth.logged_in(learner.state(), "duo"):
        return redirect(url_for("digid.start", dienst="duo"))
    return None


for _name in SECTIONS:
    try:
        importlib.import_module(f"{__name__}.{_name}")
    except ModuleNotFoundError as exc:  # a section not written yet
        if exc.name != f"{__name__}.{_name}":
            raise
