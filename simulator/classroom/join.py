"""The learner's side of a class: join with a code and a nickname, the verder-code,
"Ik wil hulp", following the presenter, and reading a begeleider's notice (blueprint "klas").

Nothing personal is asked: a code and a first name or nickname. Every change is one unit of
work: the learner's event and the classroom row together (pending.later).
"""

from __future__ import annotations

import unicodedata

from flask import Blueprint, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from simulator import clock, learner, registry
from simulator.classroom import codes, data, frame, pending
from simulator.classroom.classes_web import join_base, qr
from simulator.lessons import runner, tracker
from simulator.redirects import safe_next

bp = Blueprint("klas", __name__, url_prefix="/klas")

JOINED = registry.action("classroom.joined", "klas", description="joined a class with its code")
RESUMED = registry.action("classroom.resumed", "klas", description="continued with a verder-code")
HELP = registry.action("classroom.help", "raised", description='"Ik wil hulp" (or hand down)')
FOLLOWING = registry.action("classroom.following", "following", description="follow the presenter")
NOTICE_READ = registry.action("classroom.notice_read", description="a begeleider's notice read")


def clean_nickname(typed: str | None) -> str:
    """The nickname without control characters and extra spaces."""
    text = "".join(ch for ch in str(typed or "")[:500] if unicodedata.category(ch)[0] != "C")
    return " ".join(text.split())


def _page(status: int = 200, **ctx):
    found = frame.membership()
    member, klass = found if found else (None, None)
    ctx.setdefault("form", {"code": request.args.get("code", "")[:20], "naam": ""})
    ctx.setdefault("resume", {"code": request.args.get("verder", "")[:20]})
    extra = {}
    if member is not None and member.removed_at is None:
        link = f"{join_base()}/klas/verder?verder={member.resume_code}"
        extra = {
            "resume_link": link,
            "resume_qr": qr(link, _("QR-code met uw verder-code")),
            "resume_code": codes.spaced(member.resume_code),
            "class_lessons": [
                tracker.catalog().get(x) for x in klass.lessons if tracker.catalog().get(x)
            ],
            "overview": {row["lesson"].id: row for row in tracker.overview()},
        }
    return render_template(
        "classroom/join.html",
        member=member if member is not None and member.removed_at is None else None,
        klass=klass,
        welcome=request.args.get("welkom"),
        **extra,
        **ctx,
    ), status


@bp.get("")
def join_page():
    """Doe mee met een klas: the code and a first name or nickname, nothing else."""
    return _page()


@bp.get("/verder")
def resume_page():
    """The join page with a verder-code filled in (the QR code on the other phone)."""
    return _page(focus="verder")


def _is_begeleider() -> bool:
    return session.get("trainer_id") is not None


@bp.post("")
def join_post():
    """Join: the learner (made now if needed) and their progress go into the class."""
    form = {"code": request.form.get("code", "")[:20], "naam": request.form.get("naam", "")[:200]}
    code, nickname = codes.clean(form["code"]), clean_nickname(form["naam"])
    errors = {}
    klass, taken = None, False
    if _is_begeleider():
        errors["code"] = _("U bent ingelogd als begeleider. Log eerst uit om mee te doen.")
    elif not code:
        errors["code"] = _("Vul de code van de klas in.")
    else:
        with learner.store().read() as conn:
            klass = data.get_class(conn, code) if len(code) == codes.CLASS_CODE_LENGTH else None
            taken = klass is not None and nickname.lower() in data.nicknames(conn, klass.code)
        if klass is None:
            errors["code"] = _(
                "Deze code kennen we niet. Kijk nog eens naar de code op het scherm van de begeleider."
            )
        elif klass.ended:
            errors["code"] = _("Deze klas is afgelopen. Vraag de begeleider om een nieuwe code.")
    if not nickname:
        errors["naam"] = _("Vul uw voornaam of een bijnaam in.")
    elif len(nickname) > data.NICKNAME_MAX:
        errors["naam"] = _("Gebruik hoogstens %(max)s tekens.", max=data.NICKNAME_MAX)
    elif klass is not None and not errors and taken and not _already(klass.code, nickname):
        errors["naam"] = _("Iemand in deze klas heeft deze naam al. Kies een andere naam.")
    if errors:
        return _page(400, form=form, errors=errors)
    learner_id = learner.ensure()
    if learner.state().get("scenario") != klass.scenario and klass.scenario in learner.scenarios():
        fresh = learner.reset(klass.scenario)
        learner.record_action("sandbox.reset", scenario=fresh["scenario"])
    learner.record_action(JOINED, klas=klass.code)
    pending.later(lambda conn: data.join(conn, learner_id, klass.code, nickname))
    session["klas"] = klass.code
    return redirect(url_for("klas.join_page", welkom=1))


def _already(code: str, nickname: str) -> bool:
    """True when this learner has this nickname in this class already (joining again)."""
    found = frame.membership()
    return bool(found) and found[1].code == code and found[0].nickname.lower() == nickname.lower()


@bp.post("/verder")
def resume():
    """Continue with a verder-code: this browser becomes that learner (new session id)."""
    typed = request.form.get("verder", "")[:20]
    code = codes.clean(typed)
    error = None
    member = None
    if _is_begeleider():
        error = _("U bent ingelogd als begeleider. Log eerst uit om mee te doen.")
    elif not code:
        error = _("Vul uw verder-code in.")
    elif codes.is_wellformed(code, codes.RESUME_CODE_LENGTH):
        with learner.store().read() as conn:
            member = data.member_by_resume_code(conn, code)
    if error is None and (member is None or member.removed_at is not None):
        error = _("Deze verder-code kennen we niet. Kijk of u hem goed heeft overgetypt.")
    if error:
        return _page(400, resume={"code": typed}, resume_error=error, focus="verder")
    learner.discard()
    session["learner_id"] = member.learner_id
    session["klas"] = member.class_code
    learner.rotate_session()
    learner.record_action(RESUMED, klas=member.class_code)
    return redirect(url_for("klas.join_page", welkom=1))


def _back() -> str:
    return safe_next(request.form.get("next"), url_for("klas.join_page"))


def _member_or_back():
    found = frame.membership()
    if found is None or found[0].removed_at is not None:
        return None
    return found


@bp.post("/hulp")
def ask_help():
    """ "Ik wil hulp": the hand goes up (or down again); the dashboard shows it."""
    found = _member_or_back()
    if found is None:
        return redirect(_back())
    raised = request.form.get("hulp") != "0"
    learner_id = learner.ensure()
    learner.record_action(HELP, raised=raised)
    when = clock.utcnow() if raised else None
    pending.later(lambda conn: data.update_member(conn, learner_id, hand_raised_at=when))
    return redirect(_back() + "#lesson-panel")


@bp.post("/volgen")
def follow():
    """Follow the presenter again (to their step at once), or go on alone."""
    found = _member_or_back()
    if found is None:
        return redirect(_back())
    member, klass = found
    following = request.form.get("volgen") == "1"
    learner_id = learner.ensure()
    learner.record_action(FOLLOWING, following=following)
    pending.later(lambda conn: data.update_member(conn, learner_id, following=following))
    lesson = tracker.catalog().get(klass.present_lesson or "")
    if following and klass.follow and lesson is not None:
        progress = tracker.load(lesson)
        if lesson.id not in tracker.all_progress():
            progress = tracker.begin(lesson)
        runner.go_to(
            lesson, progress, klass.present_part or 0, tracker.last_event_id(), clock.timestamp()
        )
        tracker.set_active(lesson)
        tracker.save(lesson, progress)
        return redirect(tracker.where_to_go(lesson, progress))
    return redirect(_back() + "#lesson-panel")


@bp.post("/melding")
def notice_read():
    """The learner closes the begeleider's notice."""
    found = frame.membership()
    if found is not None and found[0].notice:
        learner_id = learner.ensure()
        learner.record_action(NOTICE_READ)
        pending.later(lambda conn: data.update_member(conn, learner_id, notice=None))
        if found[0].removed_at is not None:
            session.pop("klas", None)
    return redirect(_back())
