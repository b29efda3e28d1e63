"""Limits on what a request may send: body size (chunked too) and the shape of a JSON body.

`MAX_CONTENT_LENGTH` (64 KB) holds for every body. Werkzeug enforces it when a request has a
Content-Length, but a body sent with `Transfer-Encoding: chunked` was cut short at the limit
without a word. `ChunkedBodyLimit` reads such a body itself (at most limit + 1 bytes), and a
request over the limit is answered with the Dutch 413 page before any view runs.
"""

from __future__ import annotations

import io
import json
import re

from flask import Flask, abort, request

from simulator.i18n import N_

#: environ key set by the middleware when a chunked body went over the limit
TOO_LARGE = "simulator.body_too_large"
#: a JSON body of the panel's fetches is a few hundred bytes
MAX_JSON_BYTES = 4096
MAX_JSON_KEYS = 20
#: a msgid: shown through gettext (_(BAD_JSON)) where it is answered
BAD_JSON = N_("Dit verzoek klopt niet. Laad de pagina opnieuw en probeer het nog een keer.")


class ChunkedBodyLimit:
    """WSGI middleware: count a chunked request body against the app's MAX_CONTENT_LENGTH."""

    def __init__(self, wsgi_app, app: Flask):
        self.wsgi_app = wsgi_app
        self.app = app

    def __call__(self, environ, start_response):
        if "chunked" in environ.get("HTTP_TRANSFER_ENCODING", "").lower():
            _buffer_body(environ, self.app.config.get("MAX_CONTENT_LENGTH"))
        return self.wsgi_app(environ, start_response)


def _declared_length(environ: dict) -> int | None:
    try:
        return max(0, int(environ.get("CONTENT_LENGTH") or ""))
    except ValueError:
        return None


def _buffer_body(environ: dict, limit: int | None) -> None:
    """Read the chunked body (at most limit + 1 bytes) and pass it on as a plain body.

    gunicorn and Werkzeug's server de-chunk and set wsgi.input_terminated; waitress
    de-chunks into a buffer and sets CONTENT_LENGTH. A server that does neither gives no
    safe end to read to: the body counts as empty, as Werkzeug itself would treat it.
    """
    declared = _declared_length(environ)
    most = None if limit is None else limit + 1
    if declared is not None:
        most = declared if most is None else min(most, declared)
    elif not environ.get("wsgi.input_terminated"):
        most = 0
    body = _read(environ["wsgi.input"], most)
    if limit is not None and len(body) > limit:
        environ[TOO_LARGE] = True
        body = b""
    environ["wsgi.input"] = io.BytesIO(body)
    environ["CONTENT_LENGTH"] = str(len(body))
    environ.pop("HTTP_TRANSFER_ENCODING", None)
    environ.pop("wsgi.input_terminated", None)


def _read(stream, most: int | None) -> bytes:
    """Up to most bytes of a stream (all of it when most is None)."""
    parts, size = [], 0
    while most is None or size < most:
        chunk = stream.read(65536 if most is None else min(65536, most - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    return b"".join(parts)


def _refuse_too_large() -> None:
    """Before anything else (CSRF, the view): a body over the limit is refused with 413."""
    limit = request.max_content_length
    if request.environ.get(TOO_LARGE) or (
        limit is not None and (request.content_length or 0) > limit
    ):
        abort(413)


def init_app(app: Flask) -> None:
    """Install the middleware and the 413 check that runs before every other hook."""
    app.wsgi_app = ChunkedBodyLimit(app.wsgi_app, app)
    app.before_request_funcs.setdefault(None, []).insert(0, _refuse_too_large)


class BadJson(ValueError):
    """The JSON body is not an object of short strings."""


_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _too_deep(text: str, most: int) -> bool:
    """True when arrays/objects nest deeper than most (strings skipped; no recursion)."""
    depth = 0
    for match in _STRUCTURE.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > most:
                return True
        elif token in "]}":
            depth -= 1
    return False


def request_json_fields(fields: tuple[str, ...], max_length: int = 200) -> dict[str, str]:
    """json_fields of this request's body, refused by its declared length before reading."""
    if (request.content_length or 0) > MAX_JSON_BYTES:
        raise BadJson("te groot")
    return json_fields(request.get_data(cache=False), fields, max_length)


def json_fields(raw: bytes, fields: tuple[str, ...], max_length: int = 200) -> dict[str, str]:
    """The named fields of a small flat JSON object of strings ("" when absent or null).

    Raises BadJson for anything else: too long, nested, an array, a number, not UTF-8.
    """
    if len(raw) > MAX_JSON_BYTES:
        raise BadJson("te groot")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise BadJson("geen UTF-8") from exc
    if _too_deep(text, 1):
        raise BadJson("te diep")
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise BadJson("geen JSON") from exc
    if not isinstance(data, dict) or len(data) > MAX_JSON_KEYS:
        raise BadJson("geen object")
    for value in data.values():
        if value is not None and not _short_text(value, max_length):
            raise BadJson("geen korte tekst")
    return {name: data.get(name) or "" for name in fields}


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _short_text(value: object, max_length: int) -> bool:
    """A string of at most max_length characters, no control characters, valid Unicode
    (JSON's "\\ud800" escapes make lone surrogates that no database can store)."""
    if not isinstance(value, str) or len(value) > max_length or _CONTROL.search(value):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
