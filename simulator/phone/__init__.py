"""The learner's simulated phone: text messages, the DigiD app and calls, beside every page.

The panel is rendered on the server from state["phone"]; static/js/phone.js sends the
phone's forms with fetch and polls GET /telefoon/scherm while something is pending.

The phone's own texts (its title, home screen, call screen) are in the learner's interface
language, like a newcomer's own phone; what DigiD sends (the sms, the spoken code) and the
DigiD app are in DigiD's language (Dutch, or English when the learner switched DigiD).
"""

from __future__ import annotations

import json
import logging
from datetime import datetime
from zoneinfo import ZoneInfo

from flask import (
    Blueprint,
    Response,
    current_app,
    g,
    jsonify,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import ngettext
from markupsafe import Markup

from simulator import clock, learner
from simulator.i18n import direction, interface_lang, site_lang
from simulator.kept import fill, kept
from simulator.redirects import here, safe_next
from simulator.sandbox import digid_rules, mailbox, phone_state
from simulator.security import csrf_token

log = logging.getLogger(__name__)

bp = Blueprint("phone", __name__, url_prefix="/telefoon")

LOCAL = ZoneInfo("Europe/Amsterdam")
SERVICE_NAMES = {"duo": "DUO - DigiD voor Inburgeren", "ind": "IND - Mijn IND"}


def _model(state: dict) -> dict:
    """What the phone templates need, read from the state."""
    ph = phone_state.peek(state)
    current = digid_rules.login(state) or {}
    koppel = current.get("koppel") or {}
    return {
        "ph": ph,
        "unread": phone_state.unread(state),
        "mail_unread": mailbox.unread(state.get("mails", [])),
        "pending": pending(state),
        "service_name": SERVICE_NAMES.get(current.get("service"), SERVICE_NAMES["duo"]),
        "method": current.get("method"),
        "koppel_status": koppel.get("status"),
        "account": state.get("digid") or {},
        "spoken": digid_rules.spoken,
        "lang": site_lang("digid"),
        "plang": phone_lang(),
        "pdir": direction(phone_lang()),
        "call_words": call_words(ph["call"], site_lang("digid")),
        "call_audio": call_audio_url(ph["call"]),
        "clock": clock.now().astimezone(LOCAL).strftime("%H:%M"),
        "hhmm": hhmm,
        "next_url": _next_url(),
        "service_names": SERVICE_NAMES,
    }


def hhmm(iso: str) -> str:
    """An ISO time as the phone shows it (Dutch time)."""
    try:
        return datetime.fromisoformat(iso).astimezone(LOCAL).strftime("%H:%M")
    except (TypeError, ValueError):
        return ""


def _next_url() -> str:
    """The page a phone form returns to without JavaScript (phone.js keeps it current)."""
    if request.path.startswith("/telefoon"):
        return "/"
    return here()


def pending(state: dict) -> bool:
    """True while the phone waits for something (a ringing call, a login in the app)."""
    koppel = (digid_rules.login(state) or {}).get("koppel") or {}
    return phone_state.ringing(state) or koppel.get("status") in (
        "waiting",
        "scanned",
        "paired",
        "read",
    )


#: Rendered phone HTML kept per process, by everything it shows (see _render). Learners see
#: the same phone on page after page, and most of them the same one; rendering it was a
#: seventh of a page's CPU.
RENDERED_MAX = 1024
#: Stand in for what is the learner's or the moment's own while the phone renders: the page's
#: address (the forms' hidden "next" fields), the form token and the status bar's clock; put
#: in afterwards, escaped as Jinja escapes them. No template changes them (nothing in them is
#: escaped) and no text can hold them (a NUL byte).
_NEXT = "\x00next-url\x00"
_TOKEN = "\x00phone-token\x00"
_CLOCK = "\x00clock\x00"
#: the model's values that stand-ins take the place of (not in the key)
_OWN = ("next_url", "clock")


def _render(template: str, model: dict) -> Markup:
    """render_template(template, **model), kept for the next page that shows the same phone.

    The key holds all that the output depends on: the model's data (the phone state, the
    languages), the learner's interface language (gettext) and where the app is mounted
    (url_for). The page's address, the form token and the clock are not in the key: the phone
    is rendered with stand-ins for them, replaced afterwards. A render that holds the real
    token (a template that found it some other way) is used but never kept."""
    data = {k: v for k, v in model.items() if k not in _OWN and not callable(v)}
    key = (
        template,
        interface_lang(),
        request.script_root,
        json.dumps(data, sort_keys=True, default=repr),
    )
    token = csrf_token()

    def make() -> str:
        stand_ins = {"next_url": _NEXT, "clock": _CLOCK, "csrf_token": lambda: _TOKEN}
        return render_template(template, **{**model, **stand_ins})

    def shareable(html: str) -> bool:
        if token and token in html:
            log.error("The phone %s holds a learner's form token; not kept", template)
            return False
        return True

    html = kept("phone_html", RENDERED_MAX, key, make, shareable)
    return Markup(
        fill(html, [(_NEXT, model["next_url"]), (_TOKEN, token), (_CLOCK, model["clock"])])
    )


def screen_html(state: dict) -> Markup:
    """The phone's screen (the part that changes), rendered from the state."""
    return _render("phone/_screen.html", _model(state))


def phone_panel() -> Markup:
    """The whole phone panel for the frame; empty when the state cannot be read."""
    try:
        # one render with the screen included: a render_template per part ran every
        # context processor and built the model twice for each page
        return _render("phone/_panel.html", _model(learner.state()))
    except Exception:  # an error page must still render without the phone
        log.exception("The phone panel could not be rendered")
        return Markup("")


def phone_unread() -> int:
    """Unread text messages, for the badge on the Telefoon button."""
    if "phone_unread" not in g:
        try:
            g.phone_unread = phone_state.unread(learner.state())
        except Exception:
            g.phone_unread = 0
    return g.phone_unread


def phone_lang() -> str:
    """The language of the phone's own texts: the learner's, not the page's or DigiD's."""
    return interface_lang()


def unread_label(count: int) -> str:
    """What a screen reader says after the unread count on the Telefoon button."""
    return ngettext("nieuw bericht", "nieuwe berichten", count)


def call_words(call: dict | None, lang: str) -> str:
    """What DigiD's computer voice says on an answered call: the code, twice, slowly."""
    if not call or not call.get("code"):
        return ""
    code = ", ".join(call["code"])
    if lang == "en":
        return f"Your code is: {code}. I repeat: {code}."
    return f"Uw code is: {code}. Ik herhaal: {code}."


def call_audio_url(call: dict | None) -> str | None:
    """The server's audio of an answered call (None when reading aloud is not possible here)."""
    if not call or call.get("status") != "answered":
        return None
    if not current_app.extensions["speech"].can_speak(site_lang("digid")):
        return None
    return url_for("phone.call_audio", gesprek=call.get("time", ""))


@bp.app_context_processor
def _context() -> dict:
    return {"phone_panel": phone_panel, "phone_unread": phone_unread, "phone_lang": phone_lang}


def now() -> datetime:
    return clock.now()


def wants_json() -> bool:
    return request.headers.get("X-Phone") == "1"


def snapshot(status: int = 200):
    """The phone now, as JSON for phone.js."""
    state = learner.state()
    ph = phone_state.peek(state)
    newest = next((m["id"] for m in ph["messages"][:1] if not m.get("read")), None)
    call = ph["call"] or {}
    return jsonify(
        version=ph["version"],
        html=str(screen_html(state)),
        pending=pending(state),
        unread=phone_state.unread(state),
        newest=newest,  # the newest unread sms: the page's banner shows it once
        ringing=call.get("time") if call.get("status") == "ringing" else None,
        unread_label=unread_label(phone_state.unread(state)),
    ), status


def done(ok: bool = True):
    """After a phone action: JSON for phone.js, or back to the page the learner was on."""
    if wants_json():
        return snapshot(200 if ok else 400)
    target = safe_next(request.form.get("next"), url_for("shell.start"))
    return redirect(target.partition("#")[0] + "#telefoon")


@bp.get("/scherm")
def screen():
    """The phone's screen as JSON: version, html, pending, unread."""
    return snapshot()


@bp.get("/gesprek.mp3")
def call_audio():
    """DigiD's voice reading the code of the answered call (made with espeak-ng, kept in the
    speech cache). Reads only; 404 with a plain sentence when there is no such call."""
    from simulator.speech import SpeechError, SpeechUnavailable

    call = phone_state.peek(learner.state())["call"] or {}
    lang = site_lang("digid")
    if call.get("status") != "answered" or call.get("time") != request.args.get("gesprek"):
        return Response("Er is nu geen gesprek.\n", 404, mimetype="text/plain")
    try:
        path, _key = current_app.extensions["speech"].audio([(lang, call_words(call, lang))], True)
    except (SpeechUnavailable, SpeechError):
        log.exception("the call could not be read aloud")
        return Response("Voorlezen is hier niet beschikbaar.\n", 404, mimetype="text/plain")
    response = send_file(path, mimetype="audio/mpeg", conditional=True)
    response.headers["Cache-Control"] = "private, no-cache"
    return response


@bp.post("/scherm")
def open_screen():
    """Open a screen of the phone: home, berichten (messages), app, gesprek (call)."""
    target = request.form.get("scherm", "")
    ok = learner.mutate(lambda state: phone_state.open_screen(state, target))
    return done(bool(ok))


from simulator.phone import actions  # noqa: E402,F401  (views register on bp)
