"""Mijn Inburgering's idle rule without a request: expiry and the once-a-minute note."""

from __future__ import annotations

from datetime import datetime, timedelta

from simulator.sandbox import idle

NOW = datetime(2026, 12, 1, 10, 0, 0)


def state(seconds_ago: float | None, minutes: int | None = None) -> dict:
    duo = {"method": "sms", "since": "2026-12-01T09:00:00"}
    if seconds_ago is not None:
        duo["last_activity"] = (NOW - timedelta(seconds=seconds_ago)).isoformat()
    return {"auth": {"sessions": {"duo": duo}}, "settings": {"idle_minutes": minutes}}


def test_expires_after_the_scenarios_idle_minutes():
    assert not idle.idle_expired(state(14 * 60), NOW)
    assert idle.idle_expired(state(15 * 60), NOW)
    assert idle.idle_expired(state(5 * 60, minutes=5), NOW)
    assert not idle.idle_expired(state(None), NOW)


def test_the_last_activity_is_noted_at_most_once_a_minute():
    assert idle.touch_due(state(None), NOW)
    assert not idle.touch_due(state(59), NOW)
    assert idle.touch_due(state(60), NOW)
    assert not idle.touch_due({"auth": {"sessions": {}}}, NOW)  # not logged in: nothing
    fresh = state(600)
    idle.touch(fresh, NOW)
    assert fresh["auth"]["sessions"]["duo"]["last_activity"] == "2026-12-01T10:00:00"
