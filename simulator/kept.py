"""What one request renders and the next may reuse, kept per app in this process.

Bounded: when `limit` things are kept, all are let go and made again as they are needed
(cheaper than tracking which was used last, and a burst of misses costs only a render each).
Used for the lesson panel (lessons/panel_html.py), the phone (phone._render) and the panel's
audio URLs (lessons/panel_web._audio).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from flask import current_app
from markupsafe import escape

T = TypeVar("T")


def kept(
    name: str,
    limit: int,
    key: Hashable,
    make: Callable[[], T],
    keep: Callable[[T], bool] | None = None,
) -> T:
    """make(), or what it made before for the same key (in current_app.extensions[name]);
    what `keep` refuses is returned but not kept."""
    store = current_app.extensions.setdefault(name, {})
    found = store.get(key)
    if found is None:
        found = make()
        if keep is not None and not keep(found):
            return found
        if len(store) >= limit:
            store.clear()
        store[key] = found
    return found


def fill(html: str, values: Iterable[tuple[str, object]]) -> str:
    """Put each value in place of its stand-in, escaped as Jinja escapes what it prints."""
    for stand_in, value in values:
        html = html.replace(stand_in, str(escape(value)))
    return html
