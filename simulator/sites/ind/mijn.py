"""Mijn IND: the logged-in part of ind.nl (after DigiD), with the practice person's details."""

from __future__ import annotations

import hashlib

from flask import redirect, url_for

from simulator import learner
from simulator.sandbox import auth
from simulator.sites.common import add_notice, pop_notices, render_page
from simulator.sites.ind import LOGGED_OUT, MIJN_IND, bp


def v_nummer(persona: dict) -> str:
    """A made-up V-nummer of 10 digits, always the same for the same practice person."""
    digest = hashlib.sha256(f"{persona['bsn']}-{persona['achternaam']}".encode()).hexdigest()
    return str(int(digest, 16) % 9_000_000_000 + 1_000_000_000)


@bp.get("/mijn-ind")
def mijn_ind():
    """Mijn IND's start page; without an IND login, off to DigiD first."""
    state = learner.state()
    if not auth.logged_in(state, "ind"):
        return redirect(url_for("digid.start", dienst="ind"))
    persona = state["persona"]
    return render_page(
        MIJN_IND,
        "ind/mijn_ind.html",
        persona=persona,
        v_nummer=v_nummer(persona),
        notices=pop_notices("ind"),
    )


@bp.post("/mijn-ind/uitloggen")
def uitloggen():
    def log_out(state: dict) -> None:
        auth.log_out(state, "ind")
        add_notice(state, "ind", "U bent uitgelogd uit Mijn IND.")

    learner.mutate(log_out)
    learner.record_action(LOGGED_OUT)
    return redirect(url_for("ind.home"))
