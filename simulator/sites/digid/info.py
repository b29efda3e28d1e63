"""DigiD's help pages in the sandbox: applying for a DigiD, a forgotten username or password."""

from __future__ import annotations

from flask import abort, request

from simulator import learner, registry
from simulator.sandbox import auth
from simulator.sites.common import render_page
from simulator.sites.digid import bp

AANVRAGEN = registry.page("digid.aanvragen", "digid", "DigiD aanvragen")
VERGETEN = registry.page("digid.vergeten", "digid", "Gebruikersnaam of wachtwoord vergeten")
WHAT = ("gebruikersnaam", "wachtwoord")


def _dienst() -> str:
    dienst = request.args.get("dienst", "duo")
    return dienst if dienst in auth.SERVICES else "duo"


@bp.get("/aanvragen")
def apply():
    """'Nog geen DigiD? Vraag uw DigiD aan': how applying works (explained, not done here)."""
    return render_page(AANVRAGEN, "digid/aanvragen.html", dienst=_dienst())


@bp.get("/vergeten/<wat>")
def forgotten(wat: str):
    """'Gebruikersnaam vergeten?' / "Wachtwoord vergeten?": what to do, and the practice data."""
    if wat not in WHAT:
        abort(404)
    return render_page(
        VERGETEN,
        "digid/vergeten.html",
        event={"wat": wat},
        wat=wat,
        dienst=_dienst(),
        account=learner.state().get("digid") or {},
    )
