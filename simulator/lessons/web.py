"""Lesson pages, the panel's buttons and the status the panel polls (blueprint "lessons")."""

from __future__ import annotations

import logging

from flask import (
    Blueprint,
    Flask,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask_babel import gettext as _
from jinja2 import pass_context

from simulator import clock, content, learner, registry, security
from simulator.i18n import TEXT_SIZES
from simulator.lessons import names as lesson_names
from simulator.lessons import panel_html, poll, runner, tracker
from simulator.lessons.glossary_web import word_links
from simulator.lessons.loader import load_all
from simulator.lessons.schema import Lesson
from simulator.lessons.texts import OFFERED, inline_in, pick, render_in
from simulator.limits import BAD_JSON, BadJson, request_json_fields
from simulator.redirects import safe_next

bp = Blueprint("lessons", __name__, url_prefix="/les")
log = logging.getLogger(__name__)

TARGET_MISSING = registry.action(
    "lesson.target_missing",
    "lesson",
    "part",
    "target",
    "page",
    description="the overlay could not find a data-target on the page",
)
LESSON_RESTARTED = registry.action("lesson.restarted", "lesson", description="lesson begun again")
LANGUAGE_CHANGED = registry.action(
    "lesson.language_changed", "lang", description="the lessons are read in another language"
)


def _lesson(lesson_id: str) -> Lesson:
    lesson = tracker.catalog().get(lesson_id)
    if lesson is None:
        abort(404)
    return lesson


def _back(default: str) -> str:
    """The local page the form came from (never another site)."""
    return safe_next(request.form.get("next") or request.args.get("next"), default)


@bp.get("/<lesson_id>")
def lesson(lesson_id: str):
    """The lesson page: the current reading part, the summary, or where the next step is."""
    lesson = _lesson(lesson_id)
    progress = tracker.load(lesson)
    known = lesson_id in tracker.all_progress()
    part = progress.current(lesson) if known else None
    return render_template(
        "lessons/lesson.html",
        lesson=lesson,
        progress=progress,
        part=part,
        known=known,
        number=min(progress.part, len(lesson.parts) - 1) + 1,
        total=len(lesson.parts),
        go=tracker.where_to_go(lesson, progress),
        after=tracker.catalog().after(lesson.id),
        lang=tracker.lang(),
    )


@bp.post("/<lesson_id>/begin")
def begin(lesson_id: str):
    """Begin or continue (Verder) a lesson: go to where it is."""
    lesson = _lesson(lesson_id)
    progress = tracker.begin(lesson)
    return redirect(tracker.where_to_go(lesson, progress))


@bp.get("/<lesson_id>/opnieuw")
def restart_confirm(lesson_id: str):
    """Ask before a lesson and the practice world start again."""
    return render_template("lessons/restart.html", lesson=_lesson(lesson_id), lang=tracker.lang())


@bp.post("/<lesson_id>/opnieuw")
def restart(lesson_id: str):
    """Begin opnieuw for a lesson: its world and its progress start again."""
    lesson = _lesson(lesson_id)
    fresh = learner.reset(lesson.scenario if lesson.scenario in learner.scenarios() else None)
    learner.record_action("sandbox.reset", scenario=fresh["scenario"])
    learner.record_action(LESSON_RESTARTED, lesson=lesson.id)
    learner.rotate_session()
    progress = tracker.begin(lesson, again=True)
    return redirect(tracker.where_to_go(lesson, progress))


@bp.post("/<lesson_id>/volgende")
def next_part(lesson_id: str):
    """Volgende on a reading part."""
    lesson = _lesson(lesson_id)
    progress = tracker.load(lesson)
    runner.go_next(lesson, progress, tracker.last_event_id(), clock.timestamp())
    tracker.save(lesson, progress)
    return redirect(tracker.where_to_go(lesson, progress))


@bp.post("/<lesson_id>/vorige")
def previous_part(lesson_id: str):
    """Vorige: back to the part before."""
    lesson = _lesson(lesson_id)
    progress = tracker.load(lesson)
    runner.go_previous(lesson, progress, tracker.last_event_id(), clock.timestamp())
    tracker.save(lesson, progress)
    return redirect(tracker.where_to_go(lesson, progress))


@bp.post("/<lesson_id>/hulp")
def hint(lesson_id: str):
    """ "Hulp nodig?": one more hint of the ladder."""
    lesson = _lesson(lesson_id)
    progress = tracker.load(lesson)
    runner.use_hint(lesson, progress, clock.timestamp())
    tracker.save(lesson, progress)
    return redirect(_back(tracker.where_to_go(lesson, progress)) + "#lesson-panel")


@bp.post("/<lesson_id>/laat-zien")
def show_me(lesson_id: str):
    """ "Laat zien": the arrows of this exercise appear."""
    lesson = _lesson(lesson_id)
    progress = tracker.load(lesson)
    runner.show_me(lesson, progress)
    tracker.save(lesson, progress)
    return redirect(_back(tracker.where_to_go(lesson, progress)))


@bp.post("/<lesson_id>/antwoord")
def answer(lesson_id: str):
    """The answer form of an exercise: checked against the learner's own world."""
    lesson = _lesson(lesson_id)
    progress = tracker.load(lesson)
    runner.answer(
        lesson,
        progress,
        request.form,
        tracker.events_since(progress, lesson),
        learner.state(),
        clock.timestamp(),
    )
    tracker.save(lesson, progress)
    return redirect(_back(tracker.where_to_go(lesson, progress)) + "#lesson-panel")


@bp.post("/stoppen")
def stop():
    """Close the panel: no lesson is active (progress is kept)."""
    tracker.set_active(None)
    return redirect(_back(url_for("shell.start")))


@bp.post("/taal")
def language():
    """Read the interface and the lessons in another language (field `taal`, then `next`)."""
    chosen = request.form.get("taal", "")
    if chosen not in OFFERED:
        return _choice_refused(_("Kies een taal uit de lijst."))
    learner.ensure()  # a preference in the session: the learner and session are made
    session["lesson_lang"] = chosen
    learner.record_action(LANGUAGE_CHANGED, lang=chosen)  # other tabs' panels follow
    return redirect(_back(url_for("shell.start")))


@bp.post("/tekstgrootte")
def text_size():
    """Bigger or normal letters for the frame, panel and pages (field `grootte`, `next`)."""
    chosen = request.form.get("grootte", "")
    if chosen not in TEXT_SIZES:
        return _choice_refused(_("Kies een grootte uit de lijst: normaal, groot of groter."))
    learner.ensure()
    session["text_size"] = chosen
    return redirect(_back(url_for("shell.start")))


def _choice_refused(message: str):
    """A language or size that is not in the list: say so, and offer the lists again."""
    learner.discard()
    back = _back(url_for("shell.start"))
    return render_template("errors/choice.html", message=message, choice_next=back), 400


@bp.get("/status")
def status():
    """Polled by lesson.js every 2 s: the panel as it stands, or 304 when nothing changed.

    Only reads: the step moved on in the request that caused it (another tab, the phone).
    The ETag is made from the row versions and the last event id (one small query), so an
    unchanged panel costs neither a render nor a write; most unchanged polls are answered
    before they get here (poll.FastStatus).
    """
    page_id = request.args.get("page") or None
    back = _back("/")
    learner_id = learner.current_id()
    if learner_id is None:
        return jsonify(version="", html="")
    fingerprint = learner.store().fingerprint(learner_id)
    tag = _status_tag(learner_id, fingerprint, page_id, back)
    if request.if_none_match.contains_weak(tag):  # If-None-Match compares weakly (RFC 9110)
        response = current_app.response_class(status=304)
    else:
        panel = tracker.panel(page_id)
        html = ""
        if panel is not None:
            html = panel_html.render("lessons/_panel_body.html", panel, page_id, back)
        response = jsonify(version=panel.version if panel else "", html=html)
    response.set_etag(tag, weak=True)  # weak: the same whether gzipped or not
    response.headers["Cache-Control"] = "no-cache, private"
    return response


def _status_tag(learner_id: str, fingerprint: tuple, page_id: str | None, back: str) -> str:
    """The status answer's tag: the learner's progress and what else the panel shows (its
    language, the page, where its forms return to, the form token), for this session."""
    view = (tracker.lang(), page_id, back, security.csrf_token())
    return poll.make_tag(str(current_app.secret_key), session.sid, learner_id, fingerprint, view)


def status_tag(page_id: str | None, back: str) -> str:
    """The ETag the status poll will answer for the panel this page shows, as long as
    nothing changes (the panel's data-status-tag, put in by panel_html.whole), for lesson.js
    to send with its first poll (so that one is a 304 too); "" when it is not known without
    a query."""
    learner_id, fingerprint = learner.current_id(), learner.fingerprint()
    if learner_id is None or not fingerprint:
        return ""
    return f'W/"{_status_tag(learner_id, fingerprint, page_id or None, back)}"'


@bp.post("/doel-ontbreekt")
def target_missing():
    """The overlay found no element for a step's target: log it so a trainer can fix it."""
    try:
        data = request_json_fields(("target", "page"))
    except BadJson:
        return jsonify(melding=_(BAD_JSON)), 400
    target, page = data["target"], data["page"]
    lesson = tracker.active()
    if lesson is None or not target:
        return "", 204
    progress = tracker.load(lesson)
    part = progress.current(lesson)
    log.warning("lesson %s: target %r not on page %r", lesson.id, target, page)
    learner.record_action(
        TARGET_MISSING, lesson=lesson.id, part=part.id if part else "", target=target, page=page
    )
    return "", 204


@pass_context
def lesson_panel(ctx):
    """{{ lesson_panel() }} in the frame: the panel of the active lesson, or None (reads only)."""
    if not (request.path.startswith("/sites/") or request.path == "/"):
        return None
    return tracker.panel(ctx.get("page_id"))


def _lesson_text(value, lang: str | None = None) -> str:
    return pick(value, lang or tracker.lang())


def init_app(app: Flask) -> None:
    """Load the lessons (broken files are listed, never fatal) and add template helpers."""
    scenarios = app.extensions["scenarios"]
    default = scenarios.get(app.config["DEFAULT_SCENARIO"])

    def load():
        """Parse and validate the lesson files (once per process for the same files)."""
        names = lesson_names.from_registry(
            sample_state=default.initial_state() if default else None, scenarios=set(scenarios)
        )
        return load_all(app.config["LESSON_DIR"], names)

    catalog = content.cached(
        (
            "lessons",
            str(app.config["LESSON_DIR"]),
            content.fingerprint(app.config["LESSON_DIR"]),
            content.fingerprint(app.config["SCENARIO_DIR"]),
            app.config["DEFAULT_SCENARIO"],
        ),
        load,
    )
    for filename, problems in catalog.broken.items():
        log.error("Lesson %s is not loaded:\n%s", filename, problems)
    app.extensions["lessons"] = catalog
    app.extensions.setdefault("prepare_hooks", []).append(tracker.prepare)
    app.extensions.setdefault("commit_hooks", []).append(tracker.evaluate)
    app.wsgi_app = poll.FastStatus(app.wsgi_app, app)
    app.jinja_env.globals.update(
        lesson_panel=lesson_panel,
        lesson_overview=tracker.overview,
        lesson_catalog=tracker.catalog,
        lesson_lang=tracker.lang,
        lesson_languages=OFFERED,
    )
    app.jinja_env.filters["lesson_text"] = _lesson_text
    app.jinja_env.filters["lesson_html"] = lambda value, lang=None: render_in(
        value, lang or tracker.lang(), word_links()
    )
    app.jinja_env.filters["lesson_inline"] = lambda value, lang=None: inline_in(
        value, lang or tracker.lang(), word_links()
    )
