"""DigiD's rules (Flask-free): practice account, tries and block, sms codes, koppelcode, PINs.

Typed passwords and PINs are only compared, never kept: nothing here writes them to state.
"""

from __future__ import annotations

import hmac
import random
import secrets
import string
from datetime import datetime, timedelta

from simulator.sandbox import auth, phone_state

MAX_LENGTH = 32
CODE_LENGTH = 6
APP_PIN_LENGTH = 5
DOCUMENT_PIN_LENGTH = 6
BLOCK_MINUTES = 15
CONSONANTS = "BCDFGHJKLMNPRSTVXZ"
DOCUMENTS = ("rijbewijs", "identiteitskaart")
KOPPEL_METHODS = ("app",) + DOCUMENTS
OLD_CODES_KEPT = 10
#: "Geen sms ontvangen?" and "Laat de sms-code voorlezen": at most this many new codes ...
RESEND_LIMIT = 5
#: ... in this time; after that DigiD says "te vaak" until the oldest request is this old
RESEND_WINDOW = timedelta(minutes=15)

_rng = secrets.SystemRandom()


def _same(typed: str, expected: str) -> bool:
    return hmac.compare_digest(typed.encode("utf-8"), str(expected).encode("utf-8"))


def runtime(state: dict) -> dict:
    """DigiD's runtime part of the state (tries, block, the login in progress)."""
    rt = state.setdefault("digid_runtime", {})
    rt.setdefault("failed", 0)
    rt.setdefault("blocked_until", None)
    rt.setdefault("login", None)
    return rt


def login(state: dict) -> dict | None:
    """The login in progress (or just done, while its session lasts), or None.

    After Uitloggen a finished login is over: its sms code or confirmed app never logs in again
    (the back button would otherwise lead to a code page that still works).
    """
    current = (state.get("digid_runtime") or {}).get("login")
    if current and current.get("step") == "done":
        if not auth.logged_in(state, current.get("service", "duo")):
            return None
    return current


def max_tries(state: dict) -> int:
    return int((state.get("digid") or {}).get("max_pogingen") or 3)


def mask_mobile(number: str) -> str:
    """06-******78: how DigiD shows where the sms went."""
    digits = "".join(c for c in number if c.isdigit())
    if len(digits) < 4:
        return "06-********"
    return f"{digits[:2]}-{'*' * (len(digits) - 4)}{digits[-2:]}"


def spoken(code: str) -> str:
    """The code as the computer voice reads it: 4 - 8 - 1 - ..."""
    return " - ".join(code)


# -- choosing a method --------------------------------------------------------------------
def start_login(state: dict, service: str, method: str) -> dict:
    """Begin logging in for a service with a method; forgets any earlier attempt."""
    if service not in auth.SERVICES or method not in auth.METHODS:
        raise ValueError(f"unknown service or method: {service}, {method}")
    rt = runtime(state)
    rt["login"] = {"service": service, "method": method, "step": "start"}
    phone_state.set_app(state, "start")
    if phone_state.peek(state)["call"]:
        phone_state.hang_up(state)
    return rt["login"]


def cancel(state: dict) -> str | None:
    """Stop the login in progress; returns its service."""
    rt = runtime(state)
    current = rt.get("login") or {}
    rt["login"] = None
    phone_state.set_app(state, "start")
    return current.get("service")


def complete(state: dict, now: datetime) -> str:
    """The login succeeded: start the service's session; returns the service."""
    current = runtime(state)["login"]
    auth.log_in(state, current["service"], current["method"], now.isoformat(timespec="seconds"))
    current["step"] = "done"
    runtime(state)["failed"] = 0
    return current["service"]


# -- username and password ----------------------------------------------------------------
def form_errors(username: str, password: str) -> dict[str, str]:
    """Problems with the form itself: 'empty' or 'too_long' per field."""
    errors = {}
    for field, value in (("gebruikersnaam", username), ("wachtwoord", password)):
        if not value.strip():
            errors[field] = "empty"
        elif len(value) > MAX_LENGTH:
            errors[field] = "too_long"
    return errors


def blocked_until(state: dict, now: datetime) -> datetime | None:
    """When the temporary block ends, or None when there is no block now."""
    raw = (state.get("digid_runtime") or {}).get("blocked_until")
    if not raw:
        return None
    until = datetime.fromisoformat(raw)
    return until if until > now else None


def remaining_tries(state: dict) -> int:
    return max(0, max_tries(state) - int((state.get("digid_runtime") or {}).get("failed", 0)))


def check_password(state: dict, username: str, password: str, now: datetime) -> str:
    """Compare with the practice account: 'ok', 'wrong' or 'blocked' (too many tries)."""
    rt = runtime(state)
    if blocked_until(state, now):
        return "blocked"
    account = state.get("digid") or {}
    right_user = _same(username.strip().lower(), str(account.get("gebruikersnaam", "")).lower())
    right_password = _same(password, str(account.get("wachtwoord", "")))
    if right_user and right_password:
        rt["failed"] = 0
        rt["blocked_until"] = None
        return "ok"
    rt["failed"] = int(rt.get("failed", 0)) + 1
    if rt["failed"] >= max_tries(state):
        rt["failed"] = 0
        rt["blocked_until"] = (now + timedelta(minutes=BLOCK_MINUTES)).isoformat()
        return "blocked"
    return "wrong"


# -- sms codes ----------------------------------------------------------------------------
def send_code(state: dict, now: datetime, spoken_call: bool = False, rng=None) -> str:
    """Send a new 6-digit code by sms (or by a call that reads it); the old one stops working."""
    rng = rng or _rng
    current = runtime(state)["login"]
    if current.get("code"):
        current["old_codes"] = ([current["code"]] + current.get("old_codes", []))[:OLD_CODES_KEPT]
    code = "".join(rng.choice(string.digits) for _ in range(CODE_LENGTH))
    current.update(code=code, code_tries=0, step="code", delivery="call" if spoken_call else "sms")
    when = now.isoformat(timespec="seconds")
    if spoken_call:
        phone_state.ring(state, "DigiD", code, when)
    else:
        phone_state.receive_sms(
            state,
            "DigiD",
            {"kind": "digid_code", "code": code, "service": current["service"]},
            when,
        )
    return code


def resend_allowed_at(state: dict, now: datetime) -> datetime | None:
    """When the learner may ask for a new code again, or None when they may now."""
    recent = _recent_resends(state, now)
    if len(recent) < RESEND_LIMIT:
        return None
    return min(recent) + RESEND_WINDOW


def _recent_resends(state: dict, now: datetime) -> list[datetime]:
    times = (state.get("digid_runtime") or {}).get("resends") or []
    return [t for t in map(datetime.fromisoformat, times) if t > now - RESEND_WINDOW]


def resend_code(state: dict, now: datetime, spoken_call: bool = False, rng=None) -> str | None:
    """A new code on request, by sms or a call; None when asked too often (nothing sent)."""
    if resend_allowed_at(state, now) is not None:
        return None
    recent = _recent_resends(state, now) + [now]
    runtime(state)["resends"] = [t.isoformat(timespec="seconds") for t in recent]
    return send_code(state, now, spoken_call=spoken_call, rng=rng)


def check_code(state: dict, typed: str) -> str:
    """'ok', 'empty', 'format', 'old' (replaced by a newer code), 'wrong' or 'too_many'."""
    current = runtime(state)["login"]
    typed = typed.strip().replace(" ", "")
    if not typed:
        return "empty"
    if len(typed) != CODE_LENGTH or not typed.isdigit():
        return "format"
    if not current.get("code"):
        return "too_many"
    if _same(typed, current["code"]):
        return "ok"
    if any(_same(typed, old) for old in current.get("old_codes", [])):
        return "old"
    current["code_tries"] = int(current.get("code_tries", 0)) + 1
    if current["code_tries"] >= max_tries(state):
        current["old_codes"] = ([current["code"]] + current.get("old_codes", []))[:OLD_CODES_KEPT]
        current["code"] = None
        return "too_many"
    return "wrong"


# -- DigiD app: koppelcode, PIN, ID check -------------------------------------------------
def make_koppelcode(rng=None) -> str:
    """Four consonants, as DigiD shows on the computer."""
    rng = rng or _rng
    return "".join(rng.choice(CONSONANTS) for _ in range(4))


def koppel_options(code: str, rng=None, count: int = 4) -> list[str]:
    """The right koppelcode among look-alikes (one or two letters differ), shuffled."""
    rng = rng or _rng
    options = {code}
    while len(options) < count:
        letters = list(code)
        for pos in rng.sample(range(4), rng.choice((1, 2))):
            letters[pos] = rng.choice([c for c in CONSONANTS if c != code[pos]])
        options.add("".join(letters))
    result = sorted(options)
    rng.shuffle(result)
    return result


def start_koppel(state: dict, rng=None) -> dict:
    """Show a new koppelcode and QR code on the computer for the login in progress."""
    rng = rng or _rng
    current = runtime(state)["login"]
    code = make_koppelcode(rng)
    current["koppel"] = {
        "code": code,
        "options": koppel_options(code, rng),
        "token": secrets.token_hex(8),
        "status": "waiting",
        "pin_tries": 0,
    }
    current["step"] = "koppel"
    phone_state.set_app(state, "start")
    return current["koppel"]


def koppel(state: dict) -> dict | None:
    current = login(state)
    return (current or {}).get("koppel")


def scan(state: dict) -> bool:
    """The app scans the QR code: it asks which koppelcode the computer shows."""
    phone_state.show_app(state)
    k = koppel(state)
    if not k or k["status"] not in ("waiting", "scanned"):
        phone_state.set_app(state, "start", error="no_qr")
        return False
    k["status"] = "scanned"
    phone_state.set_app(state, "kies", options=k["options"])
    return True


def choose_koppelcode(state: dict, choice: str) -> str:
    """'ok' when the learner picked the code on the computer, else 'empty' or 'wrong'."""
    k = koppel(state)
    if not k or k["status"] != "scanned":
        phone_state.set_app(state, "start", error="no_qr")
        return "gone"
    if not choice:
        phone_state.app_error(state, "choose_empty")
        return "empty"
    if not _same(choice, k["code"]):
        phone_state.app_error(state, "wrong_koppelcode")
        return "wrong"
    k["status"] = "paired"
    method = login(state)["method"]
    phone_state.set_app(state, "pin" if method == "app" else "document")
    return "ok"


def _pin_outcome(typed: str, expected: str, length: int) -> str:
    typed = typed.strip()
    if not typed:
        return "empty"
    if len(typed) != length or not typed.isdigit():
        return "format"
    if _same(typed, expected):
        return "ok"
    return "wrong"


def check_pin(state: dict, typed: str, kind: str, length: int) -> str:
    """Check a typed PIN against the practice PIN of kind ('app_pincode', ...); counts tries.

    Returns 'ok', 'empty', 'format', 'wrong' or 'too_many' (the login stops).
    """
    current = runtime(state)["login"]
    expected = str((state.get("digid") or {}).get(kind, ""))
    outcome = _pin_outcome(typed, expected, length)
    if outcome != "wrong":
        return outcome
    current["pin_tries"] = int(current.get("pin_tries", 0)) + 1
    if current["pin_tries"] >= max_tries(state):
        current["pin_tries"] = 0
        return "too_many"
    return "wrong"


def app_pin(state: dict, typed: str, now: datetime, same_device: bool = False) -> str:
    """The PIN in the app after pairing (another device) or on this phone (same device)."""
    k = None if same_device else koppel(state)
    if not same_device and (not k or k["status"] != "paired"):
        return "gone"
    outcome = check_pin(state, typed, "app_pincode", APP_PIN_LENGTH)
    if outcome == "ok":
        complete(state, now)
        if k:
            k["status"] = "confirmed"
            phone_state.set_app(state, "klaar")
    elif outcome == "too_many":
        if k:
            k["status"] = "stopped"
            phone_state.set_app(state, "gestopt", error="too_many_pin")
    elif k:
        phone_state.app_error(state, f"pin_{outcome}")
    return outcome


def hold_document(state: dict) -> bool:
    """The learner holds the document against the phone: the chip is read."""
    k = koppel(state)
    if not k or k["status"] != "paired" or login(state)["method"] not in DOCUMENTS:
        return False
    k["status"] = "read"
    phone_state.set_app(state, "documentpin")
    return True


def document_pin(state: dict, typed: str, now: datetime) -> str:
    """The PIN of the rijbewijs or identiteitskaart, after the chip was read."""
    k = koppel(state)
    if not k or k["status"] != "read":
        return "gone"
    document = login(state)["method"]
    outcome = check_pin(state, typed, f"{document}_pincode", DOCUMENT_PIN_LENGTH)
    if outcome == "ok":
        complete(state, now)
        k["status"] = "confirmed"
        phone_state.set_app(state, "klaar")
    elif outcome == "too_many":
        k["status"] = "stopped"
        phone_state.set_app(state, "gestopt", error="too_many_pin")
    else:
        phone_state.app_error(state, f"pin_{outcome}")
    return outcome


def seeded_rng(seed: int) -> random.Random:
    """A predictable random source for tests."""
    return random.Random(seed)
