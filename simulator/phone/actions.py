"""What the learner does on the phone: the DigiD app's steps and answering a call."""

from __future__ import annotations

from flask import request

from simulator import learner
from simulator.phone import bp, done, now
from simulator.sandbox import digid_rules, phone_state

LOGIN_FAILED = "digid.login_failed"
LOGIN_SUCCEEDED = "digid.login_succeeded"


def _record(outcome: str, reason_prefix: str) -> None:
    """Log the result of a PIN step in the app."""
    current = digid_rules.login(learner.state()) or {}
    method = current.get("method") or "app"
    if outcome == "ok":
        learner.record_action(LOGIN_SUCCEEDED, method=method, service=current.get("service"))
        learner.rotate_session()
    elif outcome != "gone":
        learner.record_action(LOGIN_FAILED, method=method, reason=f"{reason_prefix}_{outcome}")


@bp.post("/app/scan")
def app_scan():
    """'Scan QR-code': the app finds the login that the computer shows."""
    ok = learner.mutate(digid_rules.scan)
    return done(bool(ok))


@bp.post("/app/koppelcode")
def app_koppelcode():
    """The learner picks the koppelcode that matches the one on the computer."""
    choice = request.form.get("koppelcode", "")[:10]
    outcome = learner.mutate(lambda state: digid_rules.choose_koppelcode(state, choice))
    if outcome == "wrong":
        method = (digid_rules.login(learner.state()) or {}).get("method") or "app"
        learner.record_action(LOGIN_FAILED, method=method, reason="wrong_koppelcode")
    return done(outcome == "ok")


@bp.post("/app/pincode")
def app_pincode():
    """The app PIN (5 digits): compared, never kept."""
    typed = request.form.get("pincode", "")[:40]
    outcome = learner.mutate(lambda state: digid_rules.app_pin(state, typed, now()))
    _record(outcome, "pin")
    return done(outcome == "ok")


@bp.post("/app/document")
def app_document():
    """'Houd uw document tegen de telefoon': the chip is read."""
    ok = learner.mutate(digid_rules.hold_document)
    return done(bool(ok))


@bp.post("/app/documentpincode")
def app_document_pin():
    """The PIN of the rijbewijs or identiteitskaart (6 digits): compared, never kept."""
    typed = request.form.get("pincode", "")[:40]
    outcome = learner.mutate(lambda state: digid_rules.document_pin(state, typed, now()))
    _record(outcome, "document_pin")
    return done(outcome == "ok")


@bp.post("/app/sluiten")
def app_close():
    """Back to the app's first screen (after logging in, or to stop)."""
    learner.mutate(lambda state: phone_state.set_app(state, "start"))
    return done()


@bp.post("/gesprek/opnemen")
def call_answer():
    """Answer the ringing call: the code is read aloud and shown as text."""
    ok = learner.mutate(phone_state.answer)
    return done(bool(ok))


@bp.post("/gesprek/ophangen")
def call_hang_up():
    """Hang up (or decline) the call."""
    learner.mutate(phone_state.hang_up)
    return done()
