"""The live dashboard of a class, the small status it polls, and the CSV export.

Only reads: the class row and one query for all its learners with their progress (data.BOARD).
dashboard.js polls `/stand` every 3 s with the version it has; an unchanged board answers
304 without rendering. Without JavaScript the page is simply reloaded ("Vernieuw").
"""

from __future__ import annotations

import csv
import io

from flask import Response, current_app, jsonify, render_template, request
from markupsafe import Markup

from simulator import clock, learner
from simulator.classroom import board, bp, data
from simulator.classroom.classes_web import class_lessons, owned_class

POLL_SECONDS = 3


def read_board(klass: data.Klass):
    """(lessons, rows, charts) of the class as it stands now."""
    lessons = class_lessons(klass)
    with learner.store().read() as conn:
        entries = data.board_rows(conn, klass.code)
    rows = board.build(
        entries,
        lessons,
        clock.timestamp(),
        int(current_app.config["CLASS_STUCK_AFTER_SECONDS"]),
        running=not klass.ended,
    )
    return lessons, rows, board.charts(rows, lessons)


def _live(klass, lessons, rows, charts) -> Markup:
    return Markup(  # a rendered (escaped) template
        render_template(
            "classroom/_board.html", klass=klass, lessons=lessons, rows=rows, charts=charts
        )
    )


@bp.get("/klas/<code>")
def dashboard(code: str):
    """One row per learner (stuck ones first) and a bar chart per lesson; refreshes itself."""
    klass = owned_class(code)
    lessons, rows, charts = read_board(klass)
    return render_template(
        "classroom/dashboard.html",
        klass=klass,
        lessons=lessons,
        rows=rows,
        charts=charts,
        version=board.version(rows, klass.ended),
        poll_seconds=POLL_SECONDS,
        live=_live(klass, lessons, rows, charts),
    )


@bp.get("/klas/<code>/stand")
def status(code: str):
    """What dashboard.js polls: 304 when nothing changed, else the new board as HTML."""
    klass = owned_class(code)
    lessons, rows, charts = read_board(klass)
    tag = board.version(rows, klass.ended)
    if tag in request.if_none_match:
        response = current_app.response_class(status=304)
    else:
        response = jsonify(
            version=tag,
            html=_live(klass, lessons, rows, charts),
            stuck=[r.nickname for r in rows if r.state == "vastgelopen"],
        )
    response.set_etag(tag)
    response.headers["Cache-Control"] = "no-cache, private"
    return response


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet never runs as a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@bp.get("/klas/<code>/voortgang.csv")
def export(code: str):
    """The class's progress as a CSV file (semicolons, as Dutch spreadsheets expect)."""
    klass = owned_class(code)
    _lessons, rows, _charts = read_board(klass)
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(
        [
            "Naam",
            "Status",
            "Les",
            "Stap",
            "Van",
            "Oefeningen klaar",
            "Oefeningen totaal",
            "Hulp nodig? gebruikt",
            "Laat zien gebruikt",
            "Foute pogingen (deze stap)",
            "Laatst actief",
            "Waarom vastgelopen",
        ]
    )
    for row in rows:
        writer.writerow(
            [
                _cell(x)
                for x in (
                    row.nickname,
                    board.STATES[row.state],
                    row.lesson_title,
                    row.number or "",
                    row.total or "",
                    row.exercises_done,
                    row.exercises_total,
                    row.hints,
                    row.shown,
                    row.wrong,
                    board.local_time(row.last_at),
                    ", ".join(row.reasons),
                )
            ]
        )
    body = "\ufeff" + out.getvalue()  # the BOM: Excel reads the file as UTF-8
    return Response(
        body,
        mimetype="text/csv",
        headers={"Content-Disposition": f'attachment; filename="klas-{klass.code}-voortgang.csv"'},
    )
