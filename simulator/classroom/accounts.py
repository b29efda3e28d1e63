"""Begeleider accounts: names, password hashes, the lockout and the first account's link.

Only a slow hash of a password is kept (werkzeug's scrypt); a password is never stored,
logged or put in a session. After MAX_FAILURES wrong passwords for one name (also a name
without an account, so a lockout does not tell which names exist) that name is locked for
LOCK_MINUTES, even for the right password. The hash is checked outside any transaction:
it is slow on purpose, and the store's write lock must never wait for it.

On a fresh install (no begeleider yet) run.py prints a one-time link; its token's hash is
kept in the `meta` table and taken out when the first account is made with it.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

import sqlalchemy as sa
from werkzeug.security import check_password_hash, generate_password_hash

from simulator import clock
from simulator.store import Store
from simulator.tables import login_attempts, meta, trainers

MAX_FAILURES = 5
LOCK_MINUTES = 15
MIN_PASSWORD = 10
MAX_PASSWORD = 200
NAME = re.compile(r"^[\w .'-]{2,40}$")
FIRST_TOKEN_KEY = "first_trainer_token"


@cache
def _dummy_hash() -> str:
    """Checked for a name without an account, so both answers take the same time (made on
    first use: a hash costs a tenth of a second, too much for every start)."""
    return generate_password_hash("oefenomgeving-geen-account", method="scrypt")


class AccountError(ValueError):
    """A name or password that cannot be used; the message says why, in Dutch."""


@dataclass
class LoginResult:
    """What a login attempt gave: the begeleider's id, or a Dutch message."""

    trainer_id: int | None
    message: str = ""


def normal_name(name: str | None) -> str:
    """A name as it is stored and compared: trimmed, single spaces, lower case."""
    return " ".join(str(name or "").split()).lower()[:80]


def name_problem(name: str) -> str | None:
    """Why a (normalised) name cannot be a begeleider's name, or None."""
    if not name:
        return "Vul een naam in."
    if not NAME.match(name):
        return "Gebruik 2 tot 40 letters, cijfers of spaties."
    return None


def password_problem(password: str, again: str | None = None) -> str | None:
    """Why a new password cannot be used, or None."""
    if len(password) < MIN_PASSWORD:
        return f"Kies een wachtwoord van minstens {MIN_PASSWORD} tekens."
    if len(password) > MAX_PASSWORD:
        return f"Kies een wachtwoord van hoogstens {MAX_PASSWORD} tekens."
    if again is not None and again != password:
        return "De twee wachtwoorden zijn niet hetzelfde."
    return None


def hash_password(password: str) -> str:
    """The slow hash that is kept instead of the password."""
    return generate_password_hash(password, method="scrypt")


def insert_trainer(conn: sa.Connection, name: str, password_hash: str) -> int:
    """Add a begeleider in the caller's transaction; AccountError when the name is taken."""
    taken = conn.execute(sa.select(trainers.c.id).where(trainers.c.name == name)).first()
    if taken is not None:
        raise AccountError("Er is al een begeleider met deze naam.")
    result = conn.execute(
        trainers.insert().values(name=name, password_hash=password_hash, created_at=clock.utcnow())
    )
    return int(result.inserted_primary_key[0])


def create_trainer(store: Store, name: str, password: str) -> int:
    """Check and add a begeleider (the `flask trainer create` command); returns the id."""
    name = normal_name(name)
    problem = name_problem(name) or password_problem(password)
    if problem:
        raise AccountError(problem)
    password_hash = hash_password(password)  # slow: before the write lock
    with store.write() as conn:
        return insert_trainer(conn, name, password_hash)


def trainer_count(store: Store) -> int:
    """How many begeleiders there are."""
    with store.read() as conn:
        return int(conn.execute(sa.select(sa.func.count()).select_from(trainers)).scalar() or 0)


def trainer_name(store: Store, trainer_id: int) -> str | None:
    """A begeleider's name, or None when the account is gone."""
    with store.read() as conn:
        return conn.execute(sa.select(trainers.c.name).where(trainers.c.id == trainer_id)).scalar()


# -- logging in ---------------------------------------------------------------------------
def _locked_message(until: datetime, now: datetime) -> str:
    minutes = max(1, int((until - now).total_seconds() + 59) // 60)
    return (
        f"U heeft {MAX_FAILURES} keer een verkeerd wachtwoord ingevuld. Om uw account te "
        f"beschermen kunt u {minutes} {'minuut' if minutes == 1 else 'minuten'} niet inloggen. "
        "Probeer het daarna opnieuw."
    )


def log_in(store: Store, name: str, password: str) -> LoginResult:
    """Check a name and password, counting wrong tries per name (the lockout)."""
    name = normal_name(name)
    now = clock.utcnow()
    with store.read() as conn:
        attempt = conn.execute(
            sa.select(login_attempts).where(login_attempts.c.name == name)
        ).first()
        account = conn.execute(
            sa.select(trainers.c.id, trainers.c.password_hash).where(trainers.c.name == name)
        ).first()
    if attempt is not None and attempt.locked_until is not None and attempt.locked_until > now:
        return LoginResult(None, _locked_message(attempt.locked_until, now))
    good = check_password_hash(account.password_hash if account else _dummy_hash(), password)
    if account is not None and good:
        with store.write() as conn:
            conn.execute(login_attempts.delete().where(login_attempts.c.name == name))
        return LoginResult(int(account.id))
    return _count_failure(store, name, now)


def _count_failure(store: Store, name: str, now: datetime) -> LoginResult:
    """One more wrong try for this name; the fifth locks it."""
    with store.write() as conn:
        row = conn.execute(sa.select(login_attempts).where(login_attempts.c.name == name)).first()
        expired = row is not None and row.locked_until is not None and row.locked_until <= now
        failures = 1 if row is None or expired else row.failures + 1
        locked_until = now + timedelta(minutes=LOCK_MINUTES) if failures >= MAX_FAILURES else None
        values = {"failures": failures, "locked_until": locked_until, "updated_at": now}
        if row is None:
            conn.execute(login_attempts.insert().values(name=name, **values))
        else:
            conn.execute(
                login_attempts.update().where(login_attempts.c.name == name).values(**values)
            )
    if locked_until is not None:
        return LoginResult(None, _locked_message(locked_until, now))
    left = MAX_FAILURES - failures
    return LoginResult(
        None,
        "De naam of het wachtwoord klopt niet. "
        + (f"U kunt het nog {left} keer proberen." if left <= 2 else "Probeer het opnieuw."),
    )


def forget_old_attempts(conn: sa.Connection, before: datetime) -> None:
    """Wrong tries that are long over are not kept (names typed by anyone)."""
    conn.execute(login_attempts.delete().where(login_attempts.c.updated_at < before))


# -- the first account -----------------------------------------------------------------------
def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8", "surrogatepass")).hexdigest()


def new_first_account_token(store: Store) -> str | None:
    """A fresh one-time token for the first account, or None when a begeleider exists."""
    if trainer_count(store):
        return None
    token = secrets.token_urlsafe(24)
    with store.write() as conn:
        conn.execute(meta.delete().where(meta.c.key == FIRST_TOKEN_KEY))
        conn.execute(meta.insert().values(key=FIRST_TOKEN_KEY, value=_digest(token)))
    return token


def first_account_token_valid(store: Store, token: str) -> bool:
    """True when `token` is the one-time token and there is no begeleider yet."""
    with store.read() as conn:
        kept = conn.execute(sa.select(meta.c.value).where(meta.c.key == FIRST_TOKEN_KEY)).scalar()
        count = conn.execute(sa.select(sa.func.count()).select_from(trainers)).scalar()
    return bool(kept) and not count and hmac.compare_digest(kept, _digest(token))


def create_first_trainer(store: Store, token: str, name: str, password_hash: str) -> int | None:
    """Make the first begeleider with the one-time token (used up); None when it is not valid."""
    with store.write() as conn:
        taken = conn.execute(
            meta.delete().where(meta.c.key == FIRST_TOKEN_KEY).where(meta.c.value == _digest(token))
        )
        if taken.rowcount != 1:
            return None
        if conn.execute(sa.select(sa.func.count()).select_from(trainers)).scalar():
            return None
        return insert_trainer(conn, name, password_hash)
