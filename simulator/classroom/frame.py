"""What the learner's frame and lesson panel show of their class (reads only).

`membership()` is read once per request, and only for a browser that joined a class (the
session says so): the class name in the frame, the begeleider's notice, "Ik wil hulp" and
"Volg de begeleider" in the panel. A presenting begeleider's session gets the presenter bar.
"""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask, g, session
from flask_babel import gettext as _

from simulator import learner
from simulator.classroom import board, data


def membership() -> tuple[data.Member, data.Klass] | None:
    """The learner's class membership and class (one query, once per request), or None."""
    if "klas_member" not in g:
        learner_id = learner.current_id()
        found = None
        if session.get("klas") and learner_id:
            with learner.store().read() as conn:
                found = data.member_of(conn, learner_id)
        g.klas_member = found
    return g.klas_member


def notice_text(member: data.Member, klass: data.Klass) -> str:
    """The begeleider's notice in the learner's language (Dutch is the msgid)."""
    params = member.notice_params or {}
    if member.notice == "reset":
        return _(
            "De begeleider heeft uw oefenwereld teruggezet. Alles staat weer zoals aan het begin."
        )
    if member.notice == "moved":
        return _(
            "De begeleider heeft u naar stap %(number)s gebracht: %(lesson)s.",
            number=params.get("number", ""),
            lesson=params.get("lesson", ""),
        )
    if member.notice == "removed":
        return _(
            "De begeleider heeft u uit de klas %(klas)s gehaald. U kunt gewoon verder oefenen.",
            klas=klass.name,
        )
    if member.notice == "hand_lowered":
        return _("De begeleider heeft uw vraag om hulp gezien en komt naar u toe.")
    return ""


def frame_class() -> dict | None:
    """{{ classroom_frame() }}: the class bar of a learner, or None."""
    found = membership()
    if found is None:
        return None
    member, klass = found
    removed = member.removed_at is not None
    if removed and not member.notice:
        return None
    return {
        "member": member,
        "klass": klass,
        "removed": removed,
        "notice": notice_text(member, klass) if member.notice else "",
        "presenting": bool(klass.follow and klass.present_lesson and not klass.ended),
    }


def panel_version() -> str:
    """The part of the lesson panel's version the classroom adds: a raised hand, following
    the presenter, a notice (lesson.js redraws the panel when the version changes)."""
    found = frame_class()
    if found is None or found["removed"]:
        return ""
    member = found["member"]
    return (
        f":klas{int(member.hand_raised_at is not None)}{int(member.following)}"
        f"{int(found['presenting'])}{member.notice or ''}"
    )


def _local(value, pattern: str) -> str:
    """A stored time (naive UTC, or ISO text) in the machine's own time zone."""
    if not value:
        return ""
    when = datetime.fromisoformat(value) if isinstance(value, str) else value
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone().strftime(pattern)


def init_app(app: Flask) -> None:
    app.jinja_env.globals["classroom_frame"] = frame_class
    app.extensions.setdefault("panel_version_parts", []).append(panel_version)
    app.jinja_env.filters["klas_time"] = lambda value: _local(value, "%H:%M")
    app.jinja_env.filters["klas_date"] = lambda value: _local(value, "%d-%m-%Y")
    app.jinja_env.filters["klas_state"] = lambda state: board.STATES.get(state, state)
