"""What one request renders and the next may reuse, kept per app in this process.

Bounded: when `limit` things are kept, all are let go and made again as they are needed
(cheaper than tracking which was used last, and a burst of misses costs only a render each).
Used for the lesson panel (lessons/panel_html.py), the phone (phone._render), the panel's
audio URLs (lessons/panel_web._audio), the template URLs (assets.py) and the frame's own
fragments, the Oefenomgeving bar and the browser bar (kept_html below).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from typing import TypeVar

from flask import current_app, request
from jinja2 import pass_context
from markupsafe import Markup, escape

from simulator.i18n import interface_lang

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


#: Frame fragments (kept_html) kept per app: a handful of languages x unread counts x roots.
FRAGMENTS = "frame_html"
FRAGMENTS_KEPT = 512


def stand_in(name: str) -> str:
    """What a kept fragment holds in place of the value `name` (a NUL byte: no template or
    text can make it)."""
    return f"\x00{name}\x00"


@pass_context
def kept_html(ctx, template: str, key: tuple = (), **values) -> Markup:
    """{{ kept_html("shell/_oefenbar.html", key=(...), address=address) }}: a fragment of the
    frame, rendered once and kept (kept.py's bound), the same for every learner it fits.

    It is kept under the template, the interface language (its texts), the app root (its
    links) and `key`, which must name everything else the template reads: a count it shows,
    the static URLs it asks for. Each of `values` is rendered as a stand-in and put in
    afterwards, escaped as Jinja escapes it (the page's address, which differs per page).
    tests/frame_check.py renders every fragment a test's app sends afresh and compares.
    """
    names = tuple(sorted(values))
    full_key = (template, interface_lang(), request.script_root, names, *key)

    def make() -> str:
        found = ctx.environment.get_template(template)
        return found.render(
            {**ctx.get_all(), "csrf_token": _no_token, **{n: stand_in(n) for n in names}}
        )

    html = kept(FRAGMENTS, FRAGMENTS_KEPT, full_key, make)
    return Markup(fill(html, ((stand_in(n), values[n]) for n in names)))


def _no_token() -> str:
    raise RuntimeError("a kept fragment is shared between learners: it cannot hold a form token")
