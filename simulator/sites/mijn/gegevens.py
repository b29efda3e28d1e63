"""Mijn Inburgering > Gegevens: Persoon (with the change forms) and Inburgering."""

from __future__ import annotations

from flask import abort, redirect, request, url_for

from simulator import clock, learner, registry
from simulator.sandbox import contact, dates, exams, mailbox
from simulator.sites.common import add_notice, pop_notices, render_page
from simulator.sites.mijn import bp

GEGEVENS = registry.page("mijn.gegevens", "mijn", "Gegevens")
PERSOON = registry.page("mijn.persoon", "mijn", "Persoon")
WIJZIG = registry.page("mijn.wijzig", "mijn", "Gegevens wijzigen")
INBURGERING = registry.page("mijn.inburgering", "mijn", "Inburgering")
CHANGED = registry.action("contact.changed", "field", description="A contact detail was changed")

CHECKS = {
    "postadres": lambda form, persona: contact.check_address(form, persona["woonadres"]),
    "email": lambda form, persona: contact.check_email(form),
    "telefoon": lambda form, persona: contact.check_phone(form),
}
CONFIRMATIONS = {
    "postadres": "Uw postadres is gewijzigd.",
    "email": "Uw e-mailadres is opgeslagen.",
    "telefoon": "Uw telefoonnummer is opgeslagen.",
}


def _page(page_id: str, template: str, subsection: str, status: int = 200, event=None, **ctx):
    state = learner.state()
    return render_page(
        page_id,
        template,
        event=event,
        status=status,
        section="gegevens",
        subsection=subsection,
        notices=pop_notices("mijn"),
        persona=state["persona"],
        contact=contact,
        **ctx,
    )


@bp.get("/gegevens")
def gegevens():
    """The Gegevens section: Persoon and Inburgering."""
    return _page(GEGEVENS, "mijn/gegevens.html", "")


@bp.get("/gegevens/persoon")
def persoon():
    """Persoonsgegevens and Contactgegevens, as in the workbook."""
    return _page(PERSOON, "mijn/persoon.html", "persoon")


@bp.get("/gegevens/persoon/<veld>")
def wijzig(veld: str):
    """The change form of one contact detail (postadres, email, telefoon)."""
    if veld not in CHECKS:
        abort(404)
    return _page(
        WIJZIG,
        "mijn/wijzig.html",
        "persoon",
        event={"veld": veld},
        veld=veld,
        form=_current_values(veld, learner.state()["persona"]),
        errors={},
    )


@bp.post("/gegevens/persoon/<veld>")
def wijzig_opslaan(veld: str):
    """Save a changed contact detail, or show the form again with the messages."""
    if veld not in CHECKS:
        abort(404)
    form = {key: value[:200] for key, value in request.form.items() if key != "csrf_token"}
    value, errors = CHECKS[veld](form, learner.state()["persona"])
    if errors:
        return _page(
            WIJZIG,
            "mijn/wijzig.html",
            "persoon",
            status=400,
            event={"veld": veld},
            veld=veld,
            form=form,
            errors=errors,
        )
    learner.mutate(lambda state: _save(state, veld, value))
    learner.record_action(CHANGED, field=veld)
    return redirect(url_for("mijn.persoon"))


def _current_values(veld: str, persona: dict) -> dict:
    """What the form shows first: the saved value."""
    if veld == "postadres":
        address = persona.get("postadres")
        return dict(address, zelfde="nee") if address else {"zelfde": "ja"}
    if veld == "email":
        return {"email": persona.get("email") or "", "email_herhaal": persona.get("email") or ""}
    return {"telefoon": contact.format_phone(persona.get("telefoon"))}


def _save(state: dict, veld: str, value) -> None:
    state["persona"][veld] = value
    add_notice(state, "mijn", CONFIRMATIONS[veld])
    label = contact.FIELD_LABELS[veld].lower()
    text = (
        f"{mailbox.salutation(state['persona'])}\n\n"
        f"U heeft uw gegevens gewijzigd op Mijn Inburgering. Het gaat om: {label}.\n\n"
        "Heeft u dit niet zelf gedaan? Neem dan contact op met DUO.\n\n"
        "Let op: in deze e-mail staat geen link. DUO stuurt u nooit een link om in te loggen."
        + mailbox.SIGNATURE
    )
    mailbox.deliver(state, "Uw gegevens zijn gewijzigd", text)


@bp.get("/gegevens/inburgering")
def inburgering():
    """The learner's obligation: law, dates, time left, route, exam parts still needed."""
    state = learner.state()
    info = state["inburgering"]
    deadline = dates.parse(info.get("verlengd_tot") or info["einddatum"])
    needed = exams.needed_parts(state)
    return _page(
        INBURGERING,
        "mijn/inburgering.html",
        "inburgering",
        info=info,
        time_left=exams.time_left(clock.today(), deadline),
        exams=exams,
        needed=needed,
        exam_list=state.get("exams", []),
    )
