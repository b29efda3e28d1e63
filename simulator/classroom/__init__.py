"""The classroom (issue 12): begeleider accounts, classes with a code, joining with a
nickname, the live dashboard, helping a learner, presenter mode and the privacy purge.

Two blueprints: "begeleider" (/begeleider/..., the volunteer's pages, behind a login of its
own) and "klas" (/klas, the learner's side). classroom/ reads progress through the store
and the lesson runner; no site imports it. It shows in the learner's frame only through
templates/classroom/_frame_class.html and the lesson panel's templates/lessons/_ask_help.html.
"""

from __future__ import annotations

from flask import Blueprint, Flask

bp = Blueprint("begeleider", __name__, url_prefix="/begeleider")

from simulator.classroom import roles  # noqa: E402

bp.before_request(roles.guard)

from simulator.classroom import (  # noqa: E402  (the views attach themselves to bp)
    auth,
    classes_web,
    dashboard_web,
    helping,
    present,
)


def init_app(app: Flask) -> None:
    """The learner's side, the frame's helpers, the commit hook, commands and the purge."""
    from simulator.classroom import cli, frame, join, purge

    app.register_blueprint(join.bp)
    roles.init_app(app)
    frame.init_app(app)
    present.init_app(app)
    cli.init_app(app)
    purge.on_start(app)


__all__ = ["auth", "bp", "classes_web", "dashboard_web", "helping", "init_app", "present"]
