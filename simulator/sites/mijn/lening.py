"""Mijn Inburgering > Lening: how much was borrowed, what is left, the quarter rule."""

from __future__ import annotations

from simulator import learner, registry
from simulator.sandbox import invoices, loan
from simulator.sites.common import render_page
from simulator.sites.mijn import bp

LENING = registry.page("mijn.lening", "mijn", "Mijn lening")


@bp.get("/lening")
def lening():
    """Maximum, geleend, nog te lenen, what was paid, and what was paid per quarter."""
    state = learner.state()
    return render_page(
        LENING,
        "mijn/lening.html",
        section="lening",
        summary=loan.summary(state),
        payments=loan.payments(state),
        cap=loan.quarter_cap(state),
        quarters=invoices.quarter_overview(state),
    )
