"""The one clock of the simulator: the store, the sandbox rules and the lessons all ask it.

`now()` is timezone-aware UTC. Tests move time with `clock.frozen(at)` or `clock.advance(dt)`
instead of patching `datetime` in every module; outside tests the clock is the system clock.
Flask-free, so sandbox/ and the lesson domain may use it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta

_fixed: datetime | None = None
_offset = timedelta(0)


def now() -> datetime:
    """The current time, timezone-aware UTC."""
    current = _fixed if _fixed is not None else datetime.now(UTC)
    return current + _offset


def utcnow() -> datetime:
    """The current time as naive UTC (how the store and the sandbox state keep times)."""
    return now().replace(tzinfo=None)


def today() -> date:
    """Today's date on this machine's calendar (what `date.today()` said before)."""
    return now().astimezone().date()


def timestamp() -> float:
    """Seconds since the epoch (the lesson runner's times)."""
    return now().timestamp()


@contextmanager
def frozen(at: datetime) -> Iterator[None]:
    """Stop the clock at `at` (naive times are taken as UTC) for the duration of a block."""
    global _fixed
    before = _fixed
    _fixed = at if at.tzinfo else at.replace(tzinfo=UTC)
    try:
        yield
    finally:
        _fixed = before


@contextmanager
def advance(by: timedelta) -> Iterator[None]:
    """Let the clock run `by` ahead for the duration of a block."""
    global _offset
    _offset += by
    try:
        yield
    finally:
        _offset -= by
