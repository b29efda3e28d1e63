"""Where a form or link may send the learner back to: only a path inside the simulator.

Every `next` value, `back` link and Referer that becomes a redirect or an href goes through
`safe_next`, so a crafted value can neither crash a response (a newline in a header) nor send
the learner to another site (`//evil.example`, `/\\evil.example`, `/\t/evil.example`).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

#: Longer values are never a page of ours (the longest real path with its query is < 300).
MAX_LENGTH = 1000
#: Control characters (C0, DEL, C1) and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _decoded_forms(value: str) -> list[str]:
    """The value and what it becomes after one, two and three rounds of %-decoding."""
    forms = [value]
    for _ in range(3):
        decoded = unquote(forms[-1], errors="replace")
        if decoded == forms[-1]:
            break
        forms.append(decoded)
    return forms


def is_local_path(value: object) -> bool:
    """True when value is a path on this host that a browser cannot read as another host."""
    if not isinstance(value, str) or not value.startswith("/") or len(value) > MAX_LENGTH:
        return False
    for form in _decoded_forms(value):
        if _CONTROL.search(form) or "\\" in form:
            return False
        # Browsers drop tabs and newlines and read "/\" as "//": a second slash after the
        # first (once those are gone) would make the rest a host name.
        if form.startswith("//"):
            return False
    parts = urlsplit(value)
    return not parts.scheme and not parts.netloc


def safe_next(value: object, default: str, prefix: str = "/") -> str:
    """value when it is a local path starting with prefix, otherwise default."""
    if is_local_path(value) and str(value).startswith(prefix):
        return str(value)
    return default


def local_referrer(referrer: str | None, host: str) -> str | None:
    """The path of a Referer on this same host (for a "Terug" link), or None."""
    if not referrer or len(referrer) > MAX_LENGTH:
        return None
    parts = urlsplit(referrer)
    if parts.scheme not in ("http", "https") or parts.netloc != host:
        return None
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return path if is_local_path(path) else None


def here() -> str:
    """This page's own path and query for a form's `next`, or the start page when unsafe."""
    from flask import request

    return safe_next(request.full_path.rstrip("?"), "/")


def init_app(app) -> None:
    """Templates get {{ safe_here() }}: the page itself as a `next` value."""
    app.jinja_env.globals["safe_here"] = here
