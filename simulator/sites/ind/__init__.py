"""ind.nl: the Immigratie- en Naturalisatiedienst's public site (exercises 3 and 4)."""

from __future__ import annotations

from flask import Blueprint

from simulator.sites import registry
from simulator.sites.common import render_page

bp = Blueprint("ind", __name__, url_prefix="/sites/ind.nl")

HOME = registry.page("ind.home", "ind", "IND")


@bp.get("/")
def home():
    return render_page(HOME, "ind/home.html")
