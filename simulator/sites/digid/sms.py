"""Logging in with username, password and an sms code (sms-controle)."""

from __future__ import annotations

from zoneinfo import ZoneInfo

from flask import redirect, request, url_for

from simulator import learner, registry
from simulator.sandbox import digid_rules
from simulator.sites.common import add_notice, pop_notices, render_page
from simulator.sites.digid import (
    LOGIN_FAILED,
    bp,
    current_login,
    now,
    succeeded,
    to_start,
)
from simulator.sites.digid.texts import msg

SMS_LOGIN = registry.page("digid.sms.login", "digid", "Inloggen met een sms-controle")
SMS_CODE = registry.page("digid.sms.code", "digid", "Vul de sms-code in")
SMS_SENT = registry.action("digid.sms_sent", description="DigiD sent an sms code to the phone")
SMS_SPOKEN = registry.action("digid.sms_spoken", description="DigiD called to read the code aloud")
LOCAL = ZoneInfo("Europe/Amsterdam")


def _block_message(state: dict) -> str | None:
    until = digid_rules.blocked_until(state, now())
    if until is None:
        return None
    return msg("blocked", time=_local_time(until))


def _login_form(current: dict, username: str = "", errors=None, general=None, status=200):
    state = learner.state()
    return render_page(
        SMS_LOGIN,
        "digid/sms_login.html",
        status=status,
        dienst=current["service"],
        username=username,
        errors=errors or {},
        general=general,
        blocked=_block_message(state),
        account=state.get("digid") or {},
    )


@bp.get("/sms")
def sms_login():
    """'Met een sms-controle': DigiD gebruikersnaam and Wachtwoord."""
    current = current_login("sms")
    if current is None:
        return to_start()
    return _login_form(current)


@bp.post("/sms")
def sms_login_post():
    """Check the practice account (compare and forget the password), then send the sms."""
    current = current_login("sms")
    if current is None:
        return to_start()
    username = request.form.get("gebruikersnaam", "")
    problems = digid_rules.form_errors(username, request.form.get("wachtwoord", ""))
    if problems:
        reason = "too_long" if "too_long" in problems.values() else "empty"
        learner.record_action(LOGIN_FAILED, method="sms", reason=reason)
        errors = {field: msg(f"{field}.{kind}") for field, kind in problems.items()}
        return _login_form(current, username[:100], errors=errors, status=400)
    outcome = learner.mutate(lambda state: _check_and_send(state, username))
    if outcome == "ok":
        learner.record_action(SMS_SENT)
        return redirect(url_for("digid.sms_code"))
    learner.record_action(LOGIN_FAILED, method="sms", reason=outcome)
    general = None
    if outcome == "wrong":
        left = digid_rules.remaining_tries(learner.state())
        general = msg("wrong") + " " + msg("tries_left", n=left)
    return _login_form(current, username, general=general, status=400)


def _check_and_send(state: dict, username: str) -> str:
    outcome = digid_rules.check_password(state, username, request.form.get("wachtwoord", ""), now())
    if outcome == "ok":
        digid_rules.send_code(state, now())
    return outcome


def _code_page(current: dict, typed: str = "", error: str | None = None, status: int = 200):
    state = learner.state()
    return render_page(
        SMS_CODE,
        "digid/sms_code.html",
        status=status,
        dienst=current["service"],
        number=digid_rules.mask_mobile((state.get("digid") or {}).get("mobiel", "")),
        delivery=current.get("delivery", "sms"),
        typed=typed,
        error=error,
        notices=pop_notices("digid"),
    )


def _code_login() -> dict | None:
    current = current_login("sms")
    return current if current and current.get("step") in ("code", "done") else None


@bp.get("/sms/code")
def sms_code():
    """'We hebben een sms gestuurd naar 06-******NN': the code from the phone."""
    current = _code_login()
    if current is None:
        return to_start()
    return _code_page(current)


@bp.post("/sms/code")
def sms_code_post():
    """Check the sms code: the newest code logs in, an older one no longer works."""
    current = _code_login()
    if current is None:
        return to_start()
    typed = request.form.get("code", "")[:40]

    def change(state: dict) -> str:
        outcome = digid_rules.check_code(state, typed)
        if outcome == "ok":
            digid_rules.complete(state, now())
        return outcome

    outcome = learner.mutate(change)
    if outcome == "ok":
        return succeeded(current["service"], "sms")
    learner.record_action(LOGIN_FAILED, method="sms", reason=f"code_{outcome}")
    return _code_page(_code_login() or current, typed, msg(f"code.{outcome}"), status=400)


@bp.post("/sms/opnieuw")
def sms_again():
    """'Geen sms ontvangen?': a new code; the old one stops working."""
    return _resend(spoken=False)


@bp.post("/sms/voorlezen")
def sms_spoken():
    """Gesproken sms: the phone rings and a computer voice reads a new code slowly."""
    return _resend(spoken=True)


def _resend(spoken: bool):
    if _code_login() is None:
        return to_start()

    def change(state: dict) -> bool:
        if digid_rules.resend_code(state, now(), spoken_call=spoken) is None:
            again = digid_rules.resend_allowed_at(state, now()) or now()
            add_notice(state, "digid", msg("too_often", time=_local_time(again)))
            return False
        number = digid_rules.mask_mobile((state.get("digid") or {}).get("mobiel", ""))
        text = msg("notice.call", number=number) if spoken else msg("notice.sms_again")
        add_notice(state, "digid", text)
        return True

    if learner.mutate(change):
        learner.record_action(SMS_SPOKEN if spoken else SMS_SENT)
    return redirect(url_for("digid.sms_code"))


def _local_time(moment) -> str:
    return moment.astimezone(LOCAL).strftime("%H:%M")
