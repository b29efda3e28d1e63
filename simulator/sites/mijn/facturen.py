"""Mijn Inburgering > Contracten en facturen: contracts, invoices, Accepteren and Weigeren."""

from __future__ import annotations

from flask import abort, redirect, request, url_for

from simulator import learner, registry
from simulator.sandbox import invoices, loan, money
from simulator.sites.common import add_notice, render_page
from simulator.sites.mijn import bp

CONTRACTEN_FACTUREN = registry.page("mijn.contracten_facturen", "mijn", "Contracten en facturen")
CONTRACTEN = registry.page("mijn.contracten", "mijn", "Mijn contracten")
CONTRACT = registry.page("mijn.contract", "mijn", "Details contract")
FACTUREN = registry.page("mijn.facturen", "mijn", "Mijn facturen")
FACTUUR = registry.page("mijn.factuur", "mijn", "Details factuur")
ACCEPTEREN = registry.page("mijn.factuur.accepteren", "mijn", "Accepteren factuur")
WEIGEREN = registry.page("mijn.factuur.weigeren", "mijn", "Weigeren factuur")

ACCEPTED = registry.action("invoice.accepted", "invoice", description="Akkoord: factuur betaald")
REFUSED = registry.action("invoice.refused", "invoice", "reason", description="Factuur geweigerd")

ACCEPTED_TEXT = "U hebt uw factuur geaccepteerd."
REFUSED_TEXT = "U hebt uw factuur geweigerd. Vertel aan uw taalschool waarom u niet wilt betalen."
HANDLED_TEXT = "Deze factuur is al afgehandeld. U hoeft niets meer te doen."


def _note(state: dict, inv: dict) -> str:
    """A short extra line under the status: split payments, put-off parts, refusal reason."""
    if inv["status"] == "vrijgegeven" and inv.get("vervolg"):
        rest = invoices.total(inv) - invoices.paid_now(inv)
        return (
            f"{money.fmt(invoices.paid_now(inv))} nu betaald, {money.fmt(rest)} later "
            f"(factuur {', '.join(inv['vervolg'])})"
        )
    if inv["status"] == "uitgesteld" and inv.get("deel_van"):
        quarter = invoices.quarter_label(invoices.quarter_of(inv["factuurdatum"]))
        return f"Rest van factuur {inv['deel_van']}, in het {quarter}"
    if inv["status"] == "geweigerd" and inv.get("reden_tekst"):
        return f"Reden: {inv['reden_tekst']}"
    return ""


def _row(state: dict, inv: dict) -> dict:
    """One invoice as the tables and the details page show it."""
    contract = invoices.find_contract(state, inv["contract"]) or {}
    return {
        **inv,
        "soort": contract.get("soort", ""),
        "school": contract.get("school", ""),
        "totaal": invoices.total(inv),
        "status_text": invoices.status_text(inv),
        "note": _note(state, inv),
        "is_open": invoices.is_open(inv),
    }


def _invoice_or_404(nummer: str) -> tuple[dict, dict]:
    state = learner.state()
    inv = invoices.find(state, nummer)
    if inv is None:
        abort(404)
    return state, inv


@bp.get("/contracten-en-facturen")
def contracten_facturen():
    """The section's first page: choose Contracten or Facturen."""
    state = learner.state()
    return render_page(
        CONTRACTEN_FACTUREN,
        "mijn/contracten_facturen.html",
        section="facturen",
        contracts=len(state["contracts"]),
        open_count=len(invoices.open_invoices(state)),
    )


@bp.get("/contracten")
def contracten():
    """Every contract with a language school."""
    state = learner.state()
    return render_page(
        CONTRACTEN,
        "mijn/contracten.html",
        section="facturen",
        subsection="contracten",
        contracts=state["contracts"],
    )


@bp.get("/contracten/<nummer>")
def contract(nummer: str):
    """Details of one contract and its invoices."""
    state = learner.state()
    found = invoices.find_contract(state, nummer)
    if found is None:
        abort(404)
    rows = [_row(state, inv) for inv in state["invoices"] if inv["contract"] == nummer]
    return render_page(
        CONTRACT,
        "mijn/contract.html",
        event={"contract": nummer},
        section="facturen",
        subsection="contracten",
        contract=found,
        rows=rows,
    )


@bp.get("/facturen")
def facturen():
    """Mijn facturen: Openstaande facturen and Afgehandelde facturen."""
    state = learner.state()
    return render_page(
        FACTUREN,
        "mijn/facturen.html",
        section="facturen",
        subsection="facturen",
        open_rows=[_row(state, inv) for inv in invoices.open_invoices(state)],
        handled_rows=[_row(state, inv) for inv in invoices.handled_invoices(state)],
        cap=loan.quarter_cap(state),
    )


@bp.get("/facturen/<nummer>")
def factuur(nummer: str):
    """Details factuur with Accepteren and Weigeren while it is open."""
    state, inv = _invoice_or_404(nummer)
    return render_page(
        FACTUUR,
        "mijn/factuur.html",
        event={"invoice": nummer},
        section="facturen",
        subsection="facturen",
        inv=_row(state, inv),
        cap=loan.quarter_cap(state),
    )


def _handled_redirect(nummer: str):
    learner.mutate(lambda data: add_notice(data, "mijn", HANDLED_TEXT))
    return redirect(url_for("mijn.factuur", nummer=nummer))


@bp.get("/facturen/<nummer>/accepteren")
def accept_form(nummer: str):
    """Accepteren factuur: LET OP, the invoice, and Akkoord."""
    state, inv = _invoice_or_404(nummer)
    if not invoices.is_open(inv):
        return _handled_redirect(nummer)
    plan = invoices.plan(state, inv)
    return render_page(
        ACCEPTEREN,
        "mijn/factuur_accepteren.html",
        event={"invoice": nummer},
        section="facturen",
        subsection="facturen",
        inv=_row(state, inv),
        split=invoices.plan_message(plan),
        plan=plan,
        quarter=invoices.quarter_label(plan.quarter),
        loan_too_low="" if loan.can_pay(state, plan.pay_now) else loan.too_low_message(state),
    )


@bp.post("/facturen/<nummer>/accepteren")
def accept(nummer: str):
    """Akkoord: pay from the loan (never twice), then back to Mijn facturen."""
    _invoice_or_404(nummer)

    def change(data: dict):
        try:
            result = invoices.accept(data, nummer)
        except invoices.InvoiceError as exc:
            add_notice(data, "mijn", str(exc))
            return exc
        add_notice(data, "mijn", ACCEPTED_TEXT)
        if invoices.plan_message(result):
            add_notice(data, "mijn", invoices.plan_message(result))
        return None

    problem = learner.mutate(change)
    if isinstance(problem, invoices.AlreadyHandled):
        return redirect(url_for("mijn.facturen"))
    if problem is not None:
        return redirect(url_for("mijn.factuur", nummer=nummer))
    learner.record_action(ACCEPTED, invoice=nummer)
    return redirect(url_for("mijn.facturen"))


def _refuse_page(state: dict, inv: dict, form: dict, errors: dict, status: int = 200):
    return render_page(
        WEIGEREN,
        "mijn/factuur_weigeren.html",
        event={"invoice": inv["nummer"]},
        status=status,
        section="facturen",
        subsection="facturen",
        inv=_row(state, inv),
        reasons=invoices.REASONS,
        form=form,
        errors=errors,
        max_other=invoices.OTHER_REASON_MAX,
    )


@bp.get("/facturen/<nummer>/weigeren")
def refuse_form(nummer: str):
    """Weigeren factuur: Waarom wilt u de factuur weigeren? Reden, Verder."""
    state, inv = _invoice_or_404(nummer)
    if not invoices.is_open(inv):
        return _handled_redirect(nummer)
    return _refuse_page(state, inv, {"reden": "", "toelichting": ""}, {})


@bp.post("/facturen/<nummer>/weigeren")
def refuse(nummer: str):
    """Verder: check the reason; refuse the invoice (the loan stays the same)."""
    state, inv = _invoice_or_404(nummer)
    if not invoices.is_open(inv):
        return _handled_redirect(nummer)
    form = {
        "reden": request.form.get("reden", ""),
        "toelichting": request.form.get("toelichting", ""),
    }
    errors = invoices.check_refusal(form["reden"], form["toelichting"])
    if errors:
        return _refuse_page(state, inv, form, errors, status=400)

    def change(data: dict):
        try:
            invoices.refuse(data, nummer, form["reden"], form["toelichting"])
        except invoices.InvoiceError as exc:
            add_notice(data, "mijn", str(exc))
            return exc
        add_notice(data, "mijn", REFUSED_TEXT)
        return None

    if learner.mutate(change) is not None:
        return redirect(url_for("mijn.facturen"))
    learner.record_action(REFUSED, invoice=nummer, reason=form["reden"])
    return redirect(url_for("mijn.facturen"))
