"""Helping one learner from the dashboard: where they are, "Zet terug", "Naar stap …",
"Hand omlaag" and "Verwijder uit klas". Each action is one transaction: the learner's world
or step, an event for them (their panel notices it at once) and a short notice they see.
"""

from __future__ import annotations

from flask import abort, current_app, redirect, render_template, request, url_for

from simulator import clock, learner, registry
from simulator.classroom import board, bp, data, moves
from simulator.classroom.classes_web import class_lessons, owned_class
from simulator.classroom.dashboard_web import read_board
from simulator.sites.common import sandbox_address

HAND_LOWERED = registry.action("classroom.hand_lowered", description="the begeleider saw the hand")
REMOVED = registry.action("classroom.removed", description="taken out of the class")
DONE = {
    "terug": "De oefenwereld van {name} is teruggezet.",
    "stap": "{name} staat nu op de gekozen stap.",
    "hand": "De hand van {name} is omlaag.",
}


def _row(klass: data.Klass, learner_id: str) -> board.Row:
    """The learner's dashboard row; 404 when they are not (or no longer) in this class."""
    if len(learner_id) > 32:
        abort(404)
    _lessons, rows, _charts = read_board(klass)
    found = next((r for r in rows if r.learner_id == learner_id), None)
    if found is None:
        abort(404)
    return found


def _where(learner_id: str) -> dict | None:
    """The page the learner looks at: its title and address (without what they typed in it)."""
    with learner.store().read() as conn:
        found = data.last_page(conn, learner_id)
    if found is None:
        return None
    page_id, url = found
    page = registry.PAGES.get(page_id)
    path = url.split("?", 1)[0]
    return {"title": page.title if page else page_id, "address": sandbox_address(path) or path}


@bp.get("/klas/<code>/leerling/<learner_id>")
def learner_page(code: str, learner_id: str):
    """One learner: step, page, hints and wrong tries, and what the begeleider can do."""
    klass = owned_class(code)
    row = _row(klass, learner_id)
    lessons = class_lessons(klass)
    lesson = next((x for x in lessons if x.id == row.lesson_id), None)
    part = lesson.parts[row.number - 1] if lesson and row.number and not row.lesson_done else None
    done = request.args.get("gedaan", "")
    return render_template(
        "classroom/learner.html",
        klass=klass,
        row=row,
        part=part,
        lessons=lessons,
        where=_where(learner_id),
        done=DONE[done].format(name=row.nickname) if done in DONE else "",
    )


def _back(klass: data.Klass, row: board.Row, done: str):
    return redirect(
        url_for("begeleider.learner_page", code=klass.code, learner_id=row.learner_id, gedaan=done)
    )


@bp.post("/klas/<code>/leerling/<learner_id>/hand-omlaag")
def lower_hand(code: str, learner_id: str):
    """The begeleider saw the raised hand: it goes down, and the learner is told."""
    klass = owned_class(code)
    row = _row(klass, learner_id)
    with learner.store().write() as conn:
        data.update_member(conn, learner_id, hand_raised_at=None)
        data.notify(conn, learner_id, "hand_lowered")
        learner.store().insert_event(conn, learner_id, "action", HAND_LOWERED, {})
    return _back(klass, row, "hand")


@bp.get("/klas/<code>/leerling/<learner_id>/terugzetten")
def reset_confirm(code: str, learner_id: str):
    """Ask before a learner's practice world is reset."""
    klass = owned_class(code)
    return render_template(
        "classroom/confirm.html",
        klass=klass,
        row=_row(klass, learner_id),
        action="reset",
    )


@bp.post("/klas/<code>/leerling/<learner_id>/terugzetten")
def reset(code: str, learner_id: str):
    """Zet terug: the learner's world back to its start (as their own "Begin opnieuw"); their
    step stays."""
    klass = owned_class(code)
    row = _row(klass, learner_id)
    scenario = klass.scenario
    if scenario not in learner.scenarios():
        scenario = current_app.config["DEFAULT_SCENARIO"]
    with learner.store().write() as conn:
        moves.reset_world(conn, learner_id, scenario)
        data.notify(conn, learner_id, "reset")
    return _back(klass, row, "terug")


@bp.post("/klas/<code>/leerling/<learner_id>/naar-stap")
def move(code: str, learner_id: str):
    """Naar stap …: the learner goes to a step of one of the class's lessons."""
    klass = owned_class(code)
    row = _row(klass, learner_id)
    lesson_id, _sep, number = request.form.get("stap", "").partition(":")
    lesson = next((x for x in class_lessons(klass) if x.id == lesson_id), None)
    if lesson is None or not number.isdigit() or not 1 <= int(number) <= len(lesson.parts):
        return render_template(
            "classroom/learner.html",
            klass=klass,
            row=row,
            part=None,
            lessons=class_lessons(klass),
            where=_where(learner_id),
            step_error="Kies een stap uit de lijst.",
        ), 400
    with learner.store().write() as conn:
        moves.move_to_step(conn, learner_id, lesson, int(number) - 1)
        data.notify(conn, learner_id, "moved", number=int(number), lesson=board.plain(lesson.title))
    return _back(klass, row, "stap")


@bp.get("/klas/<code>/leerling/<learner_id>/verwijderen")
def remove_confirm(code: str, learner_id: str):
    """Ask before a learner is taken out of the class."""
    klass = owned_class(code)
    return render_template(
        "classroom/confirm.html", klass=klass, row=_row(klass, learner_id), action="remove"
    )


@bp.post("/klas/<code>/leerling/<learner_id>/verwijderen")
def remove(code: str, learner_id: str):
    """Verwijder uit klas: off the dashboard; the learner keeps practising on their own."""
    klass = owned_class(code)
    row = _row(klass, learner_id)
    with learner.store().write() as conn:
        data.update_member(
            conn, learner_id, removed_at=clock.utcnow(), hand_raised_at=None, following=False
        )
        data.notify(conn, learner_id, "removed")
        learner.store().insert_event(conn, learner_id, "action", REMOVED, {})
    return redirect(url_for("begeleider.dashboard", code=klass.code, verwijderd=row.nickname))
