"""Inloggen als begeleider, uitloggen, and the first account made with the one-time link."""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for

from simulator import learner
from simulator.classroom import accounts, bp, roles
from simulator.redirects import safe_next


def _next() -> str:
    default = url_for("begeleider.classes")
    return safe_next(request.values.get("next"), default, prefix="/begeleider/") or default


@bp.get("")
def login():
    """The login page (a begeleider who is logged in goes on to their classes)."""
    if roles.trainer_id() is not None:
        return redirect(_next())
    return render_template(
        "classroom/login.html",
        next=_next(),
        no_accounts=accounts.trainer_count(learner.store()) == 0,
    )


@bp.post("")
def login_post():
    """Check the name and password; five wrong tries lock the name for a while."""
    name = request.form.get("naam", "")[:80]
    password = request.form.get("wachtwoord", "")[: accounts.MAX_PASSWORD]
    error = None
    if not accounts.normal_name(name):
        error = "Vul uw naam in."
    elif not password:
        error = "Vul uw wachtwoord in."
    else:
        result = accounts.log_in(learner.store(), name, password)
        if result.trainer_id is not None:
            roles.log_in_session(result.trainer_id)
            return redirect(_next())
        error = result.message
    return render_template(
        "classroom/login.html", next=_next(), error=error, name=name, no_accounts=False
    ), 400


@bp.post("/uitloggen")
def logout():
    """Uitloggen: the session ends."""
    roles.log_out_session()
    return redirect(url_for("begeleider.login", uitgelogd=1))


@bp.route("/eerste-account/<token>", methods=["GET", "POST"])
def first_account(token: str):
    """The first begeleider account, with the link run.py printed (once usable)."""
    store = learner.store()
    if len(token) > 100 or not accounts.first_account_token_valid(store, token):
        return render_template("classroom/first_account_used.html"), 404
    if request.method == "GET":
        return render_template("classroom/first_account.html", token=token)
    name = accounts.normal_name(request.form.get("naam"))
    password = request.form.get("wachtwoord", "")[: accounts.MAX_PASSWORD + 1]
    again = request.form.get("wachtwoord2", "")[: accounts.MAX_PASSWORD + 1]
    errors = {}
    problem = accounts.name_problem(name)
    if problem:
        errors["naam"] = problem
    problem = accounts.password_problem(password, again)
    if problem:
        errors["wachtwoord"] = problem
    if errors:
        return render_template(
            "classroom/first_account.html", token=token, errors=errors, name=name
        ), 400
    made = accounts.create_first_trainer(store, token, name, accounts.hash_password(password))
    if made is None:
        abort(404)
    roles.log_in_session(made)
    return redirect(url_for("begeleider.classes", welkom=1))
