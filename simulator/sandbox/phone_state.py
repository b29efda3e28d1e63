"""The learner's simulated phone (Flask-free): text messages, calls and the DigiD app screen."""

from __future__ import annotations

SCREENS = ("home", "berichten", "app", "gesprek")
APP_SCREENS = ("start", "kies", "pin", "document", "documentpin", "klaar", "gestopt")
MAX_MESSAGES = 20


def phone(state: dict) -> dict:
    """The phone part of the state, created on first use."""
    ph = state.setdefault("phone", {})
    ph.setdefault("version", 0)
    ph.setdefault("screen", "home")
    ph.setdefault("messages", [])
    ph.setdefault("next_id", 1)
    ph.setdefault("call", None)
    ph.setdefault("app", {"screen": "start", "error": None})
    return ph


def peek(state: dict) -> dict:
    """The phone part for reading only (defaults when the phone was never used)."""
    return phone({"phone": dict(state.get("phone") or {})})


def touch(state: dict) -> None:
    """Mark the phone as changed, so a polling page knows to redraw it."""
    phone(state)["version"] += 1


def open_screen(state: dict, screen: str) -> bool:
    """Show one of the phone's screens; opening the messages marks them read."""
    if screen not in SCREENS:
        return False
    ph = phone(state)
    ph["screen"] = screen
    if screen == "berichten":
        for message in ph["messages"]:
            message["read"] = True
    touch(state)
    return True


def receive_sms(state: dict, sender: str, body: dict, when: str) -> dict:
    """A text message arrives (body is data the template turns into words)."""
    ph = phone(state)
    message = {"id": ph["next_id"], "from": sender, "body": body, "time": when, "read": False}
    ph["next_id"] += 1
    ph["messages"] = ([message] + ph["messages"])[:MAX_MESSAGES]
    touch(state)
    return message


def unread(state: dict) -> int:
    """How many text messages were not opened yet."""
    return sum(1 for m in peek(state)["messages"] if not m.get("read"))


def ring(state: dict, caller: str, code: str, when: str) -> None:
    """An incoming call that will read a code aloud."""
    phone(state)["call"] = {"from": caller, "code": code, "status": "ringing", "time": when}
    touch(state)


def answer(state: dict) -> bool:
    """Pick up the ringing call; the code is read aloud and shown as text."""
    call = phone(state)["call"]
    if not call or call["status"] != "ringing":
        return False
    call["status"] = "answered"
    phone(state)["screen"] = "gesprek"
    touch(state)
    return True


def hang_up(state: dict) -> None:
    """End or decline the call."""
    ph = phone(state)
    if ph["call"]:
        ph["call"]["status"] = "ended"
    if ph["screen"] == "gesprek":
        ph["screen"] = "home"
    touch(state)


def set_app(state: dict, screen: str, error: str | None = None, **extra) -> None:
    """Put the DigiD app on one of its screens, with an optional error key."""
    if screen not in APP_SCREENS:
        raise ValueError(f"unknown app screen {screen!r}")
    phone(state)["app"] = {"screen": screen, "error": error, **extra}
    touch(state)


def show_app(state: dict) -> None:
    """Bring the DigiD app to the front (the learner is using it)."""
    phone(state)["screen"] = "app"
    touch(state)


def app_error(state: dict, error: str | None) -> None:
    """Show (or clear) a message on the app's current screen."""
    phone(state)["app"]["error"] = error
    touch(state)


def ringing(state: dict) -> bool:
    call = peek(state)["call"]
    return bool(call and call.get("status") == "ringing")
