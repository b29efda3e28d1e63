"""www.inburgeren.nl: DUO's public site about civic integration."""

from __future__ import annotations

from flask import Blueprint

from simulator.sites import registry
from simulator.sites.common import render_page

bp = Blueprint("inburgeren", __name__, url_prefix="/sites/www.inburgeren.nl")

HOME = registry.page("inburgeren.home", "inburgeren", "Inburgeren")


@bp.get("/")
def home():
    return render_page(HOME, "inburgeren/home.html")
