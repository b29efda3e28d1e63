"""Mijn Inburgering's idle rule, Flask-free: logged out after `settings.idle_minutes` quiet.

The time of the last request is kept in the duo session (`last_activity`, naive UTC ISO) so
the server decides, not the browser. It is written at most once a minute (TOUCH_SECONDS), so a
page view does not rewrite the state just to move this time; the rule may so end a session
up to that much early, never late.
"""

from __future__ import annotations

from datetime import datetime

DEFAULT_IDLE_MINUTES = 15
LAST_ACTIVITY = "last_activity"  # key in state["auth"]["sessions"]["duo"]
TOUCH_SECONDS = 60


def _duo(state: dict) -> dict | None:
    return (state.get("auth") or {}).get("sessions", {}).get("duo")


def idle_minutes(state: dict) -> int:
    """Minutes without a request after which Mijn Inburgering logs the learner out."""
    value = (state.get("settings") or {}).get("idle_minutes")
    return value if isinstance(value, int) and value > 0 else DEFAULT_IDLE_MINUTES


def _seconds_since(state: dict, now: datetime) -> float | None:
    try:
        last = datetime.fromisoformat((_duo(state) or {})[LAST_ACTIVITY])
    except (KeyError, TypeError, ValueError):
        return None
    return (now - last).total_seconds()


def idle_expired(state: dict, now: datetime) -> bool:
    """True when the duo session saw no request for idle_minutes or more."""
    quiet = _seconds_since(state, now)
    return quiet is not None and quiet >= idle_minutes(state) * 60


def touch_due(state: dict, now: datetime) -> bool:
    """True when a logged-in duo session's last activity is a minute old (or not noted yet)."""
    if _duo(state) is None:
        return False
    quiet = _seconds_since(state, now)
    return quiet is None or quiet >= TOUCH_SECONDS or quiet < 0


def touch(state: dict, now: datetime) -> None:
    """Record a request as the duo session's last activity (if still logged in)."""
    session = _duo(state)
    if session is not None:
        session[LAST_ACTIVITY] = now.isoformat(timespec="seconds")
