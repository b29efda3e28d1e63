"""Mijn Inburgering start page, Uitloggen and "Wilt u ingelogd blijven?"."""

from __future__ import annotations

from flask import redirect, request, url_for

from simulator import clock, learner, registry
from simulator.redirects import safe_next
from simulator.sandbox import dates, exams, idle, invoices, loan
from simulator.sites.common import render_page
from simulator.sites.mijn import LOGGED_OUT, LOGGED_OUT_TEXT, bp, log_out

HOME = registry.page("mijn.home", "mijn", "Mijn Inburgering")


def next_exam(state: dict) -> dict | None:
    """The first exam the learner is registered for (aangemeld), with its place's name."""
    planned = []
    for exam in state.get("exams") or []:
        if exam.get("status") != "aangemeld":
            continue
        try:
            day = dates.parse(exam.get("datum", ""))
        except ValueError:
            continue
        planned.append((day, exam.get("tijd") or "", exam))
    if not planned:
        return None
    _, _, exam = min(planned, key=lambda item: (item[0], item[1]))
    places = {loc["id"]: loc["naam"] for loc in state.get("exam_locations") or []}
    return {
        "naam": exams.PARTS.get(exam["onderdeel"], exam["onderdeel"]),
        "datum": exam["datum"],
        "tijd": exam.get("tijd"),
        "plaats": places.get(exam.get("locatie"), exam.get("locatie") or ""),
    }


def overview(state: dict) -> dict:
    """What the start page shows in short: open invoices, the loan and the next exam."""
    return {
        "open_invoices": len(invoices.open_invoices(state)),
        "loan": loan.summary(state),
        "next_exam": next_exam(state),
        "exams_passed": sum(1 for e in state.get("exams") or [] if e.get("status") == "gehaald"),
        "letters": len(state.get("letters") or []),
    }


@bp.get("/")
def home():
    """Start page: greeting, the overview and the way to every section."""
    state = learner.state()
    return render_page(
        HOME, "mijn/home.html", section="home", persona=state["persona"], overview=overview(state)
    )


@bp.post("/uitloggen")
def logout():
    """Uitloggen: end the DUO session, back to inburgeren.nl with "U bent uitgelogd."."""
    learner.mutate(
        lambda data: log_out(data, LOGGED_OUT_TEXT),
        event=("action", LOGGED_OUT, {"reason": "uitloggen"}),
    )
    return redirect(url_for("inburgeren.home"))


@bp.post("/ingelogd-blijven")
def keep_alive():
    """Ja in "Wilt u ingelogd blijven?": the activity is noted now, whatever its age."""
    now = clock.utcnow()
    learner.mutate(lambda data: idle.touch(data, now))
    if request.headers.get("X-CSRF-Token"):
        return "", 204
    return redirect(_safe_next(request.form.get("next", "")))


def _safe_next(target: str) -> str:
    """Only go back to a Mijn Inburgering page; anything else goes to the start page."""
    return safe_next(target, url_for("mijn.home"), prefix=bp.url_prefix + "/")
