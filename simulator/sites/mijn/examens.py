"""Mijn Inburgering > Examens: overview, details, Aanmelden (with paying), changing, cancelling."""

from __future__ import annotations

from flask import abort, redirect, request, url_for

from simulator import clock, learner, registry
from simulator.sandbox import dates, exams, loan, money
from simulator.sites.common import add_notice, pop_notices, render_page
from simulator.sites.mijn import bp

EXAMENS = registry.page("mijn.examens", "mijn", "Examens")
EXAMEN = registry.page("mijn.examen", "mijn", "Details examen")
AANMELDEN = registry.page("mijn.aanmelden", "mijn", "Aanmelden voor een examen")
BETALEN = registry.page("mijn.betalen", "mijn", "Betalen")
WIJZIGEN = registry.page("mijn.examen.wijzigen", "mijn", "Examen wijzigen")
AFMELDEN = registry.page("mijn.examen.afmelden", "mijn", "Afmelden voor een examen")
REGISTERED = registry.action(
    "exam.registered", "part", "location", "date", description="Registered for an exam part"
)
CHANGED = registry.action("exam.changed", "part", description="Changed the date, time or place")
CANCELLED = registry.action("exam.cancelled", "part", description="Cancelled an exam registration")

STEPS = ("onderdeel", "datum", "controleren", "klaar")
BANKS = ("Oefenbank", "Tulpbank", "Molenbank", "Polderbank", "Zeebank")


def _page(page_id: str, template: str, status: int = 200, event=None, **ctx):
    state = learner.state()
    return render_page(
        page_id,
        template,
        event=event,
        status=status,
        section="examens",
        subsection="",
        notices=pop_notices("mijn"),
        exams=exams,
        state=state,
        **ctx,
    )


def _exam_or_404(onderdeel: str) -> dict:
    exam = exams.get(learner.state(), onderdeel)
    if exam is None:
        abort(404)
    return exam


def _notice(text: str) -> None:
    learner.mutate(lambda state: add_notice(state, "mijn", text))


@bp.get("/examens")
def examens():
    """Every exam part with its status and result."""
    state = learner.state()
    return _page(
        EXAMENS,
        "mijn/examens.html",
        exam_list=state.get("exams", []),
        can_register=bool(exams.open_parts(state)),
    )


@bp.get("/examens/<onderdeel>")
def examen(onderdeel: str):
    """Details of one part: date, time, place, result; change or cancel when registered."""
    exam = _exam_or_404(onderdeel)
    place = exams.location(learner.state(), exam.get("locatie"))
    return _page(EXAMEN, "mijn/examen.html", event={"onderdeel": onderdeel}, exam=exam, place=place)


@bp.get("/examens/aanmelden", defaults={"stap": "onderdeel"})
@bp.get("/examens/aanmelden/<stap>")
def aanmelden(stap: str):
    """One step of Aanmelden; the choices so far come from the draft in the state."""
    if stap not in STEPS:
        abort(404)
    state = learner.state()
    draft = state.get("exam_draft") or {}
    if stap == "klaar":
        if not state.get("exam_done"):
            return redirect(url_for("mijn.examens"))
        return _step("klaar", {}, {}, done=state["exam_done"])
    missing = _first_missing_step(state, draft)
    if STEPS.index(stap) > STEPS.index(missing):
        return redirect(url_for("mijn.aanmelden", stap=missing))
    form = dict(draft, datum=_iso(draft.get("datum")))
    return _step(stap, form, {})


def _step(stap: str, form: dict, errors: dict, status: int = 200, **ctx):
    state = learner.state()
    draft = state.get("exam_draft") or {}
    parts = draft.get("onderdelen") or []
    today = clock.today()
    return _page(
        AANMELDEN,
        f"mijn/aanmelden_{stap}.html",
        status=status,
        event={"stap": stap},
        stap=stap,
        form=form,
        errors=errors,
        draft=draft,
        open_parts=exams.open_parts(state),
        place=exams.location(state, draft.get("locatie")),
        total=exams.cost(state, parts),
        available=loan.available(state),
        loan_ok=loan.can_pay(state, exams.cost(state, parts)),
        earliest=exams.earliest(today),
        latest=exams.latest(today),
        **ctx,
    )


def _first_missing_step(state: dict, draft: dict) -> str:
    parts = draft.get("onderdelen") or []
    if not parts or any(p not in exams.open_parts(state) for p in parts):
        return "onderdeel"
    if not all(draft.get(k) for k in ("locatie", "datum", "tijd")):
        return "datum"
    return "controleren"


def _iso(day: str | None) -> str:
    return dates.parse(day).isoformat() if day else ""


@bp.post("/examens/aanmelden/onderdeel")
def aanmelden_onderdeel():
    """Step 1: which parts."""
    chosen = request.form.getlist("onderdelen")
    parts, errors = exams.check_parts(learner.state(), chosen)
    if errors:
        return _step("onderdeel", {"onderdelen": chosen}, errors, status=400)
    learner.mutate(lambda state: state.setdefault("exam_draft", {}).update(onderdelen=parts))
    return redirect(url_for("mijn.aanmelden", stap="datum"))


@bp.post("/examens/aanmelden/datum")
def aanmelden_datum():
    """Step 2: place, date and time."""
    if _first_missing_step(learner.state(), learner.state().get("exam_draft") or {}) == "onderdeel":
        return redirect(url_for("mijn.aanmelden", stap="onderdeel"))
    form = {k: request.form.get(k, "")[:40] for k in ("locatie", "datum", "tijd")}
    values, errors = exams.check_when_where(learner.state(), form, clock.today())
    if errors:
        return _step("datum", form, errors, status=400)
    learner.mutate(lambda state: state.setdefault("exam_draft", {}).update(values))
    return redirect(url_for("mijn.aanmelden", stap="controleren"))


@bp.post("/examens/aanmelden/controleren")
def aanmelden_controleren():
    """Step 3: the confidentiality statement and how to pay; the loan pays at once."""
    state = learner.state()
    draft = state.get("exam_draft") or {}
    missing = _first_missing_step(state, draft)
    if missing != "controleren":
        return redirect(url_for("mijn.aanmelden", stap=missing))
    form = {k: request.form.get(k, "") for k in ("geheimhouding", "betaalwijze")}
    method, errors = exams.check_confirm(state, draft, form)
    if errors:
        return _step("controleren", dict(draft, **form), errors, status=400)
    learner.mutate(lambda s: s["exam_draft"].update(betaalwijze=method, geheimhouding=True))
    if method == "bank":
        return redirect(url_for("mijn.betalen"))
    return _finish("lening")


def _finish(via: str):
    """Register the draft (paid by `via`), record the events and show the confirmation."""
    today = clock.today()

    def apply(state: dict):
        draft = state.get("exam_draft") or {}
        try:
            parts = exams.register(state, draft, via, today)
        except exams.ExamError as exc:
            add_notice(state, "mijn", str(exc))
            return None
        state["exam_done"] = dict(
            draft, onderdelen=parts, betaalwijze=via, bedrag=exams.cost(state, parts)
        )
        state.pop("exam_draft", None)
        return parts

    parts = learner.mutate(apply)
    if not parts:
        return redirect(url_for("mijn.examens"))
    done = learner.state()["exam_done"]
    for part in parts:
        learner.record_action(REGISTERED, part=part, location=done["locatie"], date=done["datum"])
    return redirect(url_for("mijn.aanmelden", stap="klaar"))


@bp.get("/examens/betalen")
def betalen():
    """The simulated bank payment page (when not paying from the loan)."""
    state = learner.state()
    draft = state.get("exam_draft") or {}
    if _first_missing_step(state, draft) != "controleren" or draft.get("betaalwijze") != "bank":
        return redirect(url_for("mijn.aanmelden", stap="controleren"))
    return _bank_page({}, {})


def _bank_page(form: dict, errors: dict, status: int = 200):
    state = learner.state()
    draft = state.get("exam_draft") or {}
    return _page(
        BETALEN,
        "mijn/betalen.html",
        status=status,
        form=form,
        errors=errors,
        banks=BANKS,
        draft=draft,
        total=exams.cost(state, draft.get("onderdelen", [])),
    )


@bp.post("/examens/betalen")
def betalen_post():
    """Betalen registers the learner; Annuleren goes back without registering."""
    draft = learner.state().get("exam_draft") or {}
    if draft.get("betaalwijze") != "bank":
        return redirect(url_for("mijn.aanmelden", stap="controleren"))
    if request.form.get("knop") == "annuleren":
        _notice("U heeft het betalen geannuleerd. U bent nog niet aangemeld voor het examen.")
        return redirect(url_for("mijn.aanmelden", stap="controleren"))
    bank = request.form.get("bank", "")
    if bank not in BANKS:
        return _bank_page({"bank": bank}, {"bank": "Kies uw bank."}, status=400)
    return _finish("bank")


@bp.get("/examens/<onderdeel>/wijzigen")
def examen_wijzigen(onderdeel: str):
    """Change the place, date or time of a registered exam."""
    exam = _exam_or_404(onderdeel)
    if exam["status"] != "aangemeld":
        return redirect(url_for("mijn.examen", onderdeel=onderdeel))
    form = {"locatie": exam["locatie"], "datum": _iso(exam["datum"]), "tijd": exam["tijd"]}
    return _change_page(exam, form, {})


def _change_page(exam: dict, form: dict, errors: dict, status: int = 200):
    today = clock.today()
    return _page(
        WIJZIGEN,
        "mijn/examen_wijzigen.html",
        status=status,
        event={"onderdeel": exam["onderdeel"]},
        exam=exam,
        form=form,
        errors=errors,
        earliest=exams.earliest(today),
        latest=exams.latest(today),
    )


@bp.post("/examens/<onderdeel>/wijzigen")
def examen_wijzigen_post(onderdeel: str):
    exam = _exam_or_404(onderdeel)
    if exam["status"] != "aangemeld":
        return redirect(url_for("mijn.examen", onderdeel=onderdeel))
    form = {k: request.form.get(k, "")[:40] for k in ("locatie", "datum", "tijd")}
    values, errors = exams.check_when_where(learner.state(), form, clock.today())
    if errors:
        return _change_page(exam, form, errors, status=400)

    def apply(state: dict) -> None:
        exams.change(state, onderdeel, values, clock.today())
        add_notice(state, "mijn", f"Uw examen {exams.part_name(onderdeel)} is gewijzigd.")

    learner.mutate(apply)
    learner.record_action(CHANGED, part=onderdeel)
    return redirect(url_for("mijn.examen", onderdeel=onderdeel))


@bp.get("/examens/<onderdeel>/afmelden")
def examen_afmelden(onderdeel: str):
    """Ask before cancelling a registration."""
    exam = _exam_or_404(onderdeel)
    if exam["status"] != "aangemeld":
        return redirect(url_for("mijn.examen", onderdeel=onderdeel))
    place = exams.location(learner.state(), exam.get("locatie"))
    return _page(
        AFMELDEN,
        "mijn/examen_afmelden.html",
        event={"onderdeel": onderdeel},
        exam=exam,
        place=place,
    )


@bp.post("/examens/<onderdeel>/afmelden")
def examen_afmelden_post(onderdeel: str):
    exam = _exam_or_404(onderdeel)
    if exam["status"] != "aangemeld":
        _notice("U bent niet (meer) aangemeld voor dit examen.")
        return redirect(url_for("mijn.examen", onderdeel=onderdeel))

    def apply(state: dict) -> None:
        refund = exams.cancel(state, onderdeel, clock.today())
        text = f"U bent afgemeld voor het examen {exams.part_name(onderdeel)}."
        if refund:
            text += f" Het geld staat weer in uw lening: {money.fmt(refund)}."
        add_notice(state, "mijn", text)

    learner.mutate(apply)
    learner.record_action(CANCELLED, part=onderdeel)
    return redirect(url_for("mijn.examens"))
