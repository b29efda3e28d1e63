"""Who may open a begeleider page: a session of its own role, never a learner's.

A begeleider's session holds `trainer_id` (set at login, with a new session id). A learner's
session (it holds a learner id and no trainer id) gets the 403 page inside the frame on every
begeleider page; a visitor without either goes to "Inloggen als begeleider".
"""

from __future__ import annotations

import secrets

from flask import Flask, abort, current_app, g, redirect, render_template, request, session, url_for

from simulator import learner
from simulator.classroom import accounts
from simulator.redirects import safe_next

#: begeleider pages anyone may open
OPEN = {
    "begeleider.login",
    "begeleider.login_post",
    "begeleider.logout",
    "begeleider.first_account",
}


def trainer_id() -> int | None:
    """The logged-in begeleider's id (the account still exists), else None."""
    if "trainer" not in g:
        found = session.get("trainer_id")
        name = None
        if isinstance(found, int):
            name = accounts.trainer_name(learner.store(), found)
        g.trainer = (found, name) if name else (None, None)
    return g.trainer[0]


def trainer_name() -> str | None:
    """The logged-in begeleider's name, else None."""
    trainer_id()
    return g.trainer[1]


def guard():
    """Before every begeleider page: the begeleider's role, or 403 / the login page."""
    if request.endpoint in OPEN or trainer_id() is not None:
        return None
    if session.get("learner_id"):
        abort(403)
    return redirect(
        url_for("begeleider.login", next=safe_next(request.full_path.rstrip("?"), None))
    )


def log_in_session(found_id: int) -> None:
    """The browser becomes a begeleider's: a new session id, nothing of a learner kept."""
    learner.discard()
    session.clear()
    session["trainer_id"] = found_id
    session["csrf_token"] = secrets.token_urlsafe(32)
    current_app.session_interface.regenerate(session)
    g.pop("trainer", None)


def log_out_session() -> None:
    """The begeleider's session ends (and with it their own practice world's link)."""
    learner.discard()
    session.clear()
    g.pop("trainer", None)


def forbidden(_error=None):
    """The 403 page in the frame: a learner's session on a begeleider page."""
    learner.discard()
    return render_template("classroom/403.html"), 403


def init_app(app: Flask) -> None:
    app.register_error_handler(403, forbidden)
    app.jinja_env.globals["begeleider_name"] = trainer_name
