"""Presenter mode: the begeleider shows a lesson step by step on the projector, on the real
sandbox page with its arrow and letters, in a practice world of their own.

The begeleider's session gets a learner of its own (their practice world) and the class's
code in `presenting`; the frame then shows the presenter bar (Vorige, Volgende, "Klas volgt
mee", Stop) and classroom-present.js adds the keys (arrows, space). The presenter moves on
like a learner (doing the step) or with Vorige / Volgende; the commit hook `follow` takes each
new step of the presenter to the learners who follow, in the same transaction.
"""

from __future__ import annotations

from flask import Flask, abort, redirect, render_template, request, session, url_for

from simulator import clock, learner
from simulator.classroom import bp, data, moves, pending
from simulator.classroom.classes_web import class_lessons, owned_class
from simulator.lessons import runner, tracker
from simulator.redirects import safe_next


def _presenting(code: str) -> bool:
    return session.get("presenting") == code


def _lesson_of(klass: data.Klass):
    lesson = tracker.catalog().get(klass.present_lesson or "")
    return lesson if lesson is not None and lesson.id in klass.lessons else None


@bp.get("/klas/<code>/presentatie")
def presenter(code: str):
    """Choose a lesson to present; while presenting, go to the page of the current step."""
    klass = owned_class(code)
    lesson = _lesson_of(klass)
    if _presenting(klass.code) and lesson is not None and tracker.active() == lesson:
        return redirect(tracker.where_to_go(lesson, tracker.load(lesson)))
    return render_template(
        "classroom/presenter.html", klass=klass, lessons=class_lessons(klass), current=lesson
    )


@bp.post("/klas/<code>/presentatie/begin")
def present_begin(code: str):
    """Begin presenting a lesson from its first step, in a fresh practice world."""
    klass = owned_class(code)
    if klass.ended:
        abort(404)
    lesson = next((x for x in class_lessons(klass) if x.id == request.form.get("les")), None)
    if lesson is None:
        return render_template(
            "classroom/presenter.html",
            klass=klass,
            lessons=class_lessons(klass),
            current=None,
            error="Kies een les uit de lijst.",
        ), 400
    follow = request.form.get("volgen") == "1"
    scenario = lesson.scenario if lesson.scenario in learner.scenarios() else klass.scenario
    learner_id = learner.ensure()  # the begeleider's own practice world
    fresh = learner.reset(scenario)
    learner.record_action("sandbox.reset", scenario=fresh["scenario"])
    progress = tracker.begin(lesson, again=True)
    session["presenting"] = klass.code

    def start(conn):
        data.update_class(
            conn,
            klass.code,
            present_lesson=lesson.id,
            present_part=0,
            follow=follow,
            presenter_learner=learner_id,
        )
        if follow:
            moves.move_followers(conn, klass.code, lesson, 0)

    pending.later(start)
    return redirect(tracker.where_to_go(lesson, progress))


def _current(code: str):
    klass = owned_class(code)
    lesson = _lesson_of(klass)
    if not _presenting(klass.code) or lesson is None or tracker.active() != lesson:
        abort(404)
    return klass, lesson


@bp.post("/klas/<code>/presentatie/stap")
def present_step(code: str):
    """Vorige / Volgende (buttons, arrow keys, space): the presenter's step moves."""
    _klass, lesson = _current(code)
    progress = tracker.load(lesson)
    step = -1 if request.form.get("richting") == "vorige" else 1
    index = (len(lesson.parts) if progress.done else progress.part) + step
    runner.go_to(lesson, progress, index, tracker.last_event_id(), clock.timestamp())
    tracker.save(lesson, progress)
    part = progress.current(lesson)
    back = safe_next(request.form.get("next"), tracker.where_to_go(lesson, progress))
    if part is None or not part.is_step or not back.startswith("/sites/"):
        return redirect(tracker.where_to_go(lesson, progress))
    return redirect(part.url if part.url and part.url.startswith("/sites/") else back)


@bp.post("/klas/<code>/presentatie/meevolgen")
def present_follow(code: str):
    """Klas volgt mee on or off; on: every follower goes to the presenter's step now."""
    klass, lesson = _current(code)
    follow = request.form.get("volgen") == "1"
    index = min(tracker.load(lesson).part, len(lesson.parts) - 1)
    with learner.store().write() as conn:
        data.update_class(conn, klass.code, follow=follow, present_part=index)
        if follow:
            moves.move_followers(conn, klass.code, lesson, index)
    return redirect(safe_next(request.form.get("next"), url_for("begeleider.presenter", code=code)))


@bp.post("/klas/<code>/presentatie/stoppen")
def present_stop(code: str):
    """Stop presenting: back to the dashboard; the learners go on by themselves."""
    klass = owned_class(code)
    session.pop("presenting", None)
    with learner.store().write() as conn:
        data.update_class(conn, klass.code, follow=False, present_lesson=None, present_part=None)
    if learner.current_id():
        tracker.set_active(None)
    return redirect(url_for("begeleider.dashboard", code=klass.code))


def follow(conn, work: learner.Unit) -> None:
    """Commit hook: the presenter's new step goes to the learners who follow (same transaction;
    a unit without progress to write has nothing for it, and may come without a connection)."""
    code = session.get("presenting")
    if not code or not work.progress_dirty:
        return
    lesson = tracker.active()
    if lesson is None or lesson.id not in work.progress_dirty:
        return
    klass = data.get_class(conn, code)
    if klass is None or klass.present_lesson != lesson.id or klass.ended:
        return
    progress = runner.Progress.from_dict(work.progress[lesson.id].data)
    index = min(progress.part, len(lesson.parts) - 1)
    if index == klass.present_part:
        return
    data.update_class(conn, code, present_part=index)
    if klass.follow:
        moves.move_followers(conn, code, lesson, index)


def bar() -> dict | None:
    """{{ presenter_bar() }}: the presenter bar's view (reads only), or None."""
    code = session.get("presenting")
    if not code or session.get("trainer_id") is None:
        return None
    lesson = tracker.active()
    if lesson is None:
        return None
    with learner.store().read() as conn:
        klass = data.get_class(conn, code)
    if klass is None or klass.present_lesson != lesson.id:
        return None
    progress = tracker.load(lesson)
    return {
        "klass": klass,
        "lesson": lesson,
        "number": len(lesson.parts)
        if progress.done
        else min(progress.part, len(lesson.parts) - 1) + 1,
        "total": len(lesson.parts),
        "done": progress.done,
    }


def init_app(app: Flask) -> None:
    """The commit hooks (after the lesson runner's) and the presenter bar for the frame."""
    hooks = app.extensions.setdefault("commit_hooks", [])
    hooks.append(pending.run)
    hooks.append(follow)
    app.jinja_env.globals["presenter_bar"] = bar
