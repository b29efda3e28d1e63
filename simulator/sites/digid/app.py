"""Logging in with the DigiD app (koppelcode and QR code, or on this phone) and the ID check."""

from __future__ import annotations

import segno
from flask import abort, jsonify, redirect, request, url_for
from markupsafe import Markup

from simulator import learner, registry
from simulator.sandbox import auth, digid_rules
from simulator.sites.common import add_notice, pop_notices, render_page
from simulator.sites.digid import (
    LOGIN_FAILED,
    bp,
    current_login,
    method_url,
    now,
    service_home,
    succeeded,
    to_start,
)
from simulator.sites.digid.texts import msg

APP_KOPPEL = registry.page("digid.app.koppel", "digid", "Inloggen met de DigiD app")
APP_PIN = registry.page("digid.app.pin", "digid", "Inloggen met de DigiD app op deze telefoon")
ID_START = registry.page("digid.id.start", "digid", "Inloggen met uw identiteitsbewijs")


def qr_svg(token: str, title: str) -> Markup:
    """The QR code as inline SVG (segno): only something to point the practice app at."""
    qr = segno.make(f"OEFENOMGEVING-DIGID-{token}", error="m")
    return Markup(qr.svg_inline(scale=5, omitsize=True, title=title, svgclass="digid-qr__svg"))


def _koppel_page(page_id: str, template: str, current: dict, event=None, **extra):
    koppel = current.get("koppel")
    if koppel is None:
        return to_start()
    if koppel["status"] == "confirmed" and auth.logged_in(learner.state(), current["service"]):
        return redirect(url_for("digid.app_done"))
    return render_page(
        page_id,
        template,
        event=event,
        dienst=current["service"],
        method=current["method"],
        koppel=koppel,
        qr=qr_svg(koppel["token"], "QR-code"),
        notices=pop_notices("digid"),
        **extra,
    )


@bp.get("/app")
def app_koppel():
    """'Met de DigiD app': koppelcode and QR code for the app on the phone."""
    current = current_login("app")
    if current is None:
        return to_start()
    return _koppel_page(APP_KOPPEL, "digid/app_koppel.html", current)


@bp.get("/id/<document>")
def id_start(document: str):
    """'Met mijn rijbewijs / identiteitskaart': the app reads the document (ID check)."""
    if document not in digid_rules.DOCUMENTS:
        abort(404)
    current = current_login(document)
    if current is None:
        return to_start()
    return _koppel_page(
        ID_START, "digid/id_start.html", current, event={"document": document}, document=document
    )


@bp.get("/app/status")
def app_status():
    """For the computer page's polling: has the phone confirmed yet?"""
    current = current_login(digid_rules.KOPPEL_METHODS)
    koppel = (current or {}).get("koppel")
    if not koppel:
        return jsonify(status="none")
    return jsonify(status=koppel["status"], next=url_for("digid.app_done"))


@bp.get("/app/klaar")
def app_done():
    """After the app confirmed: on to the service (or back when it did not confirm yet)."""
    current = current_login(digid_rules.KOPPEL_METHODS)
    if current is None:
        return to_start()
    koppel = current.get("koppel") or {}
    if koppel.get("status") == "confirmed" and auth.logged_in(learner.state(), current["service"]):
        return redirect(service_home(current["service"]))
    learner.mutate(lambda state: add_notice(state, "digid", msg("notice.not_yet")))
    return redirect(method_url(current["method"]))


@bp.post("/app/nieuw")
def app_new():
    """A fresh koppelcode and QR code (after the login stopped, or to start over)."""
    current = current_login(digid_rules.KOPPEL_METHODS)
    if current is None:
        return to_start()

    def change(state: dict) -> None:
        digid_rules.start_koppel(state)
        add_notice(state, "digid", msg("notice.koppel_new"))

    learner.mutate(change)
    return redirect(method_url(current["method"]))


def _pin_page(current: dict, error: str | None = None, stopped: bool = False, status=200):
    return render_page(
        APP_PIN,
        "digid/app_pin.html",
        status=status,
        dienst=current["service"],
        error=error,
        stopped=stopped,
        pin=(learner.state().get("digid") or {}).get("app_pincode", ""),
    )


@bp.get("/app/deze-telefoon")
def app_pin():
    """'Inloggen met de DigiD app op deze telefoon': the app opens and asks for the PIN."""
    current = current_login("app")
    if current is None:
        return to_start()
    return _pin_page(current)


@bp.post("/app/deze-telefoon")
def app_pin_post():
    """Check the app PIN on this phone (compare and forget) and go back to the site."""
    current = current_login("app")
    if current is None:
        return to_start()
    typed = request.form.get("pincode", "")
    outcome = learner.mutate(lambda state: digid_rules.app_pin(state, typed, now(), True))
    if outcome == "ok":
        return succeeded(current["service"], "app")
    learner.record_action(LOGIN_FAILED, method="app", reason=f"pin_{outcome}")
    return _pin_page(current, msg(f"pin.{outcome}"), stopped=outcome == "too_many", status=400)
