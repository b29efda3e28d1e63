"""A begeleider's classes: the list, "Nieuwe klas", the join page for the projector, end a class."""

from __future__ import annotations

import segno
from flask import abort, current_app, redirect, render_template, request, url_for
from markupsafe import Markup

from simulator import clock, learner
from simulator.classroom import bp, codes, data, purge, roles
from simulator.lessons import tracker

NAME_MAX = 60


def owned_class(code: str) -> data.Klass:
    """The begeleider's own class with this code; 404 for anyone else's or an unknown code."""
    code = codes.clean(code)
    if not codes.is_wellformed(code, codes.CLASS_CODE_LENGTH):
        abort(404)
    with learner.store().read() as conn:
        klass = data.get_class(conn, code)
    if klass is None or klass.trainer_id != roles.trainer_id():
        abort(404)
    return klass


def class_lessons(klass: data.Klass) -> list:
    """The class's lessons that are loaded, in the class's order."""
    catalog = tracker.catalog()
    return [catalog.get(x) for x in klass.lessons if catalog.get(x) is not None]


def join_base() -> str:
    """The address learners open: PUBLIC_URL, else the network address run.py printed, else
    the address this browser uses."""
    for key in ("PUBLIC_URL", "CLASSROOM_LAN_URL"):
        value = str(current_app.config.get(key) or "").strip()
        if value.startswith(("http://", "https://")):
            return value.rstrip("/")
    return request.host_url.rstrip("/")


def qr(text: str, title: str) -> Markup:
    """A QR code as inline SVG (segno; no style attributes, so the CSP allows it)."""
    code = segno.make(text, error="m")
    return Markup(code.svg_inline(scale=8, omitsize=True, title=title, svgclass="klas-qr__svg"))


@bp.get("/klassen")
def classes():
    """The begeleider's classes, newest first."""
    return render_template(
        "classroom/classes.html",
        classes=data.classes_of(learner.store(), roles.trainer_id()),
        welcome=request.args.get("welkom"),
    )


def _new_class_page(errors: dict | None = None, form: dict | None = None, status: int = 200):
    scenarios = learner.scenarios()
    default = current_app.config["DEFAULT_SCENARIO"]
    form = form or {
        "naam": "",
        "lessen": [lesson.id for lesson in tracker.catalog().ordered()],
        "oefenwereld": default,
    }
    return render_template(
        "classroom/new_class.html",
        lessons=tracker.catalog().ordered(),
        scenarios=scenarios,
        form=form,
        errors=errors or {},
        days=current_app.config["CLASS_PURGE_AFTER_DAYS"],
    ), status


@bp.get("/klas/nieuw")
def new_class():
    """Nieuwe klas: a name, which lessons, which practice world."""
    return _new_class_page()


@bp.post("/klas/nieuw")
def new_class_post():
    """Make the class with a fresh code and show its join page."""
    form = {
        "naam": " ".join(request.form.get("naam", "").split())[:200],
        "lessen": [x for x in request.form.getlist("lessen") if tracker.catalog().get(x)],
        "oefenwereld": request.form.get("oefenwereld", ""),
    }
    errors = {}
    if not form["naam"]:
        errors["naam"] = "Geef de klas een naam, bijvoorbeeld: Dinsdagochtend."
    elif len(form["naam"]) > NAME_MAX:
        errors["naam"] = f"Gebruik hoogstens {NAME_MAX} tekens voor de naam."
    if not form["lessen"]:
        errors["lessen"] = "Kies minstens één les."
    if form["oefenwereld"] not in learner.scenarios():
        errors["oefenwereld"] = "Kies een oefenwereld uit de lijst."
    if errors:
        return _new_class_page(errors, form, 400)
    purge.hourly()  # a long-running server still deletes classes that are due
    ordered = [x.id for x in tracker.catalog().ordered() if x.id in form["lessen"]]
    with learner.store().write() as conn:
        code = data.insert_class(
            conn,
            roles.trainer_id(),
            form["naam"],
            ordered,
            form["oefenwereld"],
            int(current_app.config["CLASS_PURGE_AFTER_DAYS"]),
        )
    return redirect(url_for("begeleider.join_screen", code=code))


@bp.get("/klas/<code>/scherm")
def join_screen(code: str):
    """The join page for the projector: the code in huge letters, a QR code, the address."""
    klass = owned_class(code)
    base = join_base()
    link = f"{base}/klas?code={klass.code}"
    return render_template(
        "classroom/join_screen.html",
        klass=klass,
        qr=qr(link, f"QR-code: {link}"),
        link=link,
        short=base.split("://", 1)[-1] + "/klas",
        local_only=base.split("://", 1)[-1].startswith(("127.", "localhost", "[::1]")),
    )


@bp.get("/klas/<code>/beeindigen")
def end_confirm(code: str):
    """Ask before a class ends."""
    return render_template("classroom/end_class.html", klass=owned_class(code))


@bp.post("/klas/<code>/beeindigen")
def end_class(code: str):
    """End the class: nobody can join any more; it is deleted after the days it said."""
    klass = owned_class(code)
    if not klass.ended:
        with learner.store().write() as conn:
            data.update_class(
                conn, klass.code, ended_at=clock.utcnow(), follow=False, present_lesson=None
            )
    return redirect(url_for("begeleider.dashboard", code=klass.code))
