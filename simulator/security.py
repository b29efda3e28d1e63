"""CSRF tokens on every POST and strict security headers on every response."""

from __future__ import annotations

import base64
import hashlib
import hmac
import re
import secrets

from flask import Flask, abort, current_app, g, request, session

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "media-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


#: a small random value (nothing stored on the server) that binds the CSRF token of a
#: visitor who has no session yet; SameSite=Lax, so a cross-site form never carries it
CSRF_COOKIE = "oefen_csrf"
_SEED = re.compile(r"^[A-Za-z0-9_-]{22}$")


def csrf_token() -> str:
    """The token every form carries: the session's, or before the visitor has a session one
    signed for the small random cookie (double submit), which this response then sets."""
    token = session.get("csrf_token")
    if token:
        return token
    return _cookie_token(create=True) or ""


def _seed_from_cookie() -> str | None:
    seed = g.get("csrf_seed") or request.cookies.get(CSRF_COOKIE, "")
    return seed if _SEED.match(seed) else None


def _cookie_token(create: bool = False) -> str | None:
    seed = _seed_from_cookie()
    if seed is None:
        if not create:
            return None
        seed = secrets.token_urlsafe(16)
        g.csrf_new_seed = True
    g.csrf_seed = seed
    digest = hmac.new(
        str(current_app.secret_key).encode(), b"csrf:" + seed.encode(), hashlib.sha256
    ).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def token_for_new_session() -> str:
    """The CSRF token of a session made now: the visitor's open forms keep working."""
    return _cookie_token() or secrets.token_urlsafe(32)


class CSRFError(Exception):
    """A POST came without the right token."""


def _check_csrf() -> None:
    if request.method not in ("POST", "PUT", "PATCH", "DELETE"):
        return
    expected = session.get("csrf_token") or _cookie_token()
    sent = request.form.get("csrf_token") or request.headers.get("X-CSRF-Token")
    if not expected or not sent or not hmac.compare_digest(_bytes(expected), _bytes(sent)):
        raise CSRFError()


def _bytes(token: object) -> bytes:
    """A token to compare (compare_digest refuses str with non-ASCII characters)."""
    return str(token).encode("utf-8", "surrogatepass")


def _set_seed_cookie(response):
    """A page that gave a visitor without a session a form token sets the cookie it needs."""
    if g.get("csrf_new_seed") and not session.get("csrf_token"):
        response.set_cookie(
            CSRF_COOKIE,
            g.csrf_seed,
            httponly=True,
            samesite="Lax",
            secure=bool(current_app.config.get("SESSION_COOKIE_SECURE")),
        )
        response.vary.add("Cookie")
    return response


HEADERS = (
    ("Content-Security-Policy", CSP),
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "same-origin"),
    ("X-Frame-Options", "DENY"),
    ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
)


def _headers(response):
    """The security headers on every response (a view may set its own Cache-Control)."""
    present = {name.lower() for name in response.headers.keys()}
    wanted = list(HEADERS)
    if request.endpoint != "static":
        wanted.append(("Cache-Control", "no-store"))
    for name, value in wanted:
        if name.lower() not in present:
            response.headers.add(name, value)
    return response


def init_app(app: Flask) -> None:
    """CSRF check before each request; headers and the token cookie after it."""
    app.before_request(_check_csrf)
    app.after_request(_headers)
    app.after_request(_set_seed_cookie)
    app.jinja_env.globals["csrf_token"] = csrf_token


def require(condition: bool) -> None:
    """Abort with 400 when a request is malformed in a way no form can produce."""
    if not condition:
        abort(400)
