"""The status poll's tag, and its fast path: "nothing changed" answered before Flask runs.

lesson.js polls /les/status every 2 s on every open page; a class of 30 makes 15 polls a
second, and almost all of them find nothing new. The status view (web.py) tags its answer:

    ETag: W/"<learner id>.<progress hash>.<view hash>.<signature>"

- the progress hash covers the learner's row versions and last event id (Store.fingerprint,
  one small query): it changes whenever a step, a feedback or the state may have changed;
- the view hash covers what else the panel shows (lesson language, page, form token);
- the signature (HMAC with the secret key) binds the tag to the browser's session id.

The tag is weak (W/): the answer is gzipped for a browser, and a gzipped body may only carry
a weak tag; If-None-Match compares weakly anyway. The browser sends the tag back
(If-None-Match: W/"..."), exactly as it got it. `FastStatus`, a WSGI wrapper, answers 304
when the signature holds for this browser's session cookie and the progress hash is still
the same, without opening the session or building a request; anything else goes on to the
view, which answers in full. Whatever changes the panel for good (a step, an answer, a
login that renews the form token, a language switch) writes an event or a row, so it
changes the progress hash. Nothing is written either way.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterable

from werkzeug.http import parse_cookie

PATH = "/les/status"


def _digest(value: object) -> str:
    return hashlib.blake2s(repr(value).encode(), digest_size=8).hexdigest()


def _sign(secret: str, session_id: str, body: str) -> str:
    mac = hmac.new(secret.encode(), f"{session_id}|{body}".encode(), hashlib.sha256)
    return mac.hexdigest()[:24]


def make_tag(
    secret: str, session_id: str, learner_id: str, fingerprint: tuple, view: object
) -> str:
    """The ETag of a status answer (without quotes)."""
    body = f"{learner_id}.{_digest(fingerprint)}.{_digest(view)}"
    return f"{body}.{_sign(secret, session_id, body)}"


def still_current(tag: str, secret: str, session_id: str, fingerprint_of: Callable) -> bool:
    """True when `tag` was made for this session and the learner's progress is unchanged."""
    parts = tag.split(".")
    if len(parts) != 4 or not session_id:
        return False
    learner_id, progress_hash, _view, signature = parts
    if not hmac.compare_digest(_sign(secret, session_id, ".".join(parts[:3])), signature):
        return False
    return hmac.compare_digest(_digest(fingerprint_of(learner_id)), progress_hash)


class FastStatus:
    """WSGI wrapper: an unchanged status poll gets its 304 before Flask opens the session."""

    def __init__(self, wsgi_app: Callable, flask_app):
        self.wsgi_app = wsgi_app
        self.flask_app = flask_app

    def __call__(self, environ: dict, start_response: Callable) -> Iterable[bytes]:
        if environ.get("PATH_INFO") == PATH and environ.get("REQUEST_METHOD") == "GET":
            tag = self._unchanged(environ)
            if tag:
                start_response("304 Not Modified", self._headers(tag))
                return [b""]
        return self.wsgi_app(environ, start_response)

    def _unchanged(self, environ: dict) -> str | None:
        sent = environ.get("HTTP_IF_NONE_MATCH", "").strip().removeprefix("W/")
        if not sent.startswith('"') or "," in sent:
            return None
        tag = sent.strip('"')
        app = self.flask_app
        session_id = parse_cookie(environ).get(app.config["SESSION_COOKIE_NAME"], "")
        store = app.extensions["store"]
        if still_current(tag, str(app.secret_key), session_id, store.fingerprint):
            return tag
        return None

    def _headers(self, tag: str) -> list[tuple[str, str]]:
        from simulator.security import HEADERS

        return [
            ("ETag", f'W/"{tag}"'),
            ("Cache-Control", "no-cache, private"),
            ("Vary", "Cookie"),
            *HEADERS,
        ]
