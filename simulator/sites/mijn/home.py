"""Mijn Inburgering start page."""

from __future__ import annotations

from simulator import learner
from simulator.sites import registry
from simulator.sites.common import render_page
from simulator.sites.mijn import bp

HOME = registry.page("mijn.home", "mijn", "Mijn Inburgering")


@bp.get("/")
def home():
    return render_page(HOME, "mijn/home.html", persona=learner.state()["persona"])
