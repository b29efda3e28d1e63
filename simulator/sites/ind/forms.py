"""The IND's practice forms: fill in, check, never send; they end on a "this was practice" page."""

from __future__ import annotations

from flask import abort, redirect, request, url_for

from simulator import learner
from simulator.sandbox import auth, ind_forms
from simulator.sites.common import render_page
from simulator.sites.ind import CHECKED, FORM_CHECKED, ONBEPAALD_FORM, VERVANGEN_FORM, bp

VERVANGEN = "vervangend-verblijfsdocument"
ONBEPAALD = "onbepaalde-tijd"


def _prefill() -> dict:
    """In Mijn IND the IND already knows who you are: name, birth date and address."""
    state = learner.state()
    if not auth.logged_in(state, "ind"):
        return {}
    person = state["persona"]
    address = person["woonadres"]
    return {
        "achternaam": person["achternaam"],
        "voornamen": person["voornamen"],
        "geboortedatum": person["geboortedatum"],
        "straat": address["straat"],
        "huisnummer": address["huisnummer"],
        "postcode": address["postcode"],
        "plaats": address["plaats"],
        "email": person.get("email") or "",
    }


def _form(form: str, page_id: str, template: str):
    """GET shows the form; POST checks it: errors (400) or the practice end page."""
    if request.method == "GET":
        return render_page(page_id, template, values=_prefill(), errors={}, form=form)
    values, cleaned, errors = ind_forms.check(form, request.form)
    if errors:
        return render_page(
            page_id,
            template,
            event={"errors": len(errors)},
            status=400,
            values=values,
            errors=errors,
            form=form,
        )

    def remember(state: dict) -> None:
        state.setdefault("ind_forms", {})[form] = cleaned

    learner.mutate(remember)
    learner.record_action(FORM_CHECKED, form=form)
    return redirect(url_for("ind.form_checked", form=form))


@bp.route("/formulieren/vervangend-verblijfsdocument", methods=["GET", "POST"])
def vervangen_formulier():
    return _form(VERVANGEN, VERVANGEN_FORM, "ind/vervangen_formulier.html")


@bp.route("/verblijfsvergunning-onbepaalde-tijd/formulier", methods=["GET", "POST"])
def onbepaalde_tijd_formulier():
    return _form(ONBEPAALD, ONBEPAALD_FORM, "ind/onbepaalde_tijd_formulier.html")


@bp.get("/formulieren/<form>/gecontroleerd")
def form_checked(form: str):
    """The end of a practice form: nothing was sent; shows what was filled in."""
    if form not in ind_forms.FORMS:
        abort(404)
    filled = (learner.state().get("ind_forms") or {}).get(form)
    if filled is None:
        endpoint = (
            "ind.vervangen_formulier" if form == VERVANGEN else "ind.onbepaalde_tijd_formulier"
        )
        return redirect(url_for(endpoint))
    return render_page(
        CHECKED,
        "ind/gecontroleerd.html",
        event={"form": form},
        form=form,
        title=ind_forms.FORMS[form],
        filled=filled,
        labels=ind_forms.LABELS,
        answers=ind_forms.ANSWERS,
        answers_for=ind_forms.CHOICE_FIELDS,
    )
