"""The lesson panel's HTML, rendered once per state and kept for every learner who sees it.

The panel was a quarter of a page's CPU, and three hundred learners walking the chapter see
the same panels: the same step of the same lesson, in the same language, on the same page.
So the panel is rendered with stand-ins for what is the learner's own (the form token, the
page's address its forms return to, the status poll's tag, the event id the step began
after, the seconds before a hint is offered) and kept under a key of all else it shows; the
learner's values go in afterwards, escaped as Jinja escapes them.

The key (see `_key`) names each input of the panel templates: the lesson and its catalog,
the progress fields they print, the panel's feedback, targets and classroom part, the page,
the languages, the text size, the phone button's count and language, where the app is
mounted. A template that starts to read something else must add it there;
tests/client/test_panel_html.py compares the kept panel with a fresh render on every page
of the chapter for two learners, which fails when one is missing.
"""

from __future__ import annotations

import json
import logging
from dataclasses import replace

from flask import Flask, current_app, render_template, request
from markupsafe import Markup

from simulator.i18n import interface_lang
from simulator.kept import fill, kept
from simulator.lessons.panel_web import text_size
from simulator.lessons.schema import Part
from simulator.redirects import here
from simulator.security import csrf_token

log = logging.getLogger(__name__)

#: Panels kept per process (a few KB each); when full, all are let go and made again.
KEPT_MAX = 512
#: The stand-ins: no template changes them (they hold nothing HTML escapes), and no text of
#: a lesson can hold them (a NUL byte).
TOKEN = "\x00token\x00"
BACK = "\x00back\x00"
TAG = "\x00tag\x00"
SINCE = "\x00since\x00"
HINT_AFTER = "\x00hint-after\x00"


def goto(part: Part | None, back: str) -> str:
    """The host of the site where the step begins, when the learner is on another page
    (the panel's "Ga naar ..." link); "" when they are there or the step names no page."""
    url = (part.url if part is not None else None) or ""
    if not url.startswith("/sites/") or back.startswith(url):
        return ""
    return url.split("/")[2]


def whole(panel, page_id: str | None, panel_tag: str | None = None) -> Markup:
    """{{ lesson_panel_html(panel, page_id, panel_tag) }}: the whole panel on this page."""
    from simulator.lessons.web import status_tag

    back = here()
    tag = status_tag(page_id, back)
    return render("lessons/_panel_whole.html", panel, page_id, back, panel_tag, tag)


def render(
    template: str,
    panel,
    page_id: str | None,
    back: str,
    panel_tag: str | None = None,
    tag: str = "",
) -> Markup:
    """The panel template (lessons/_panel_whole.html, or the part the status poll sends,
    lessons/_panel_body.html) for this learner, page and `back` (where its forms return
    to), from the kept HTML when there is; `tag` is the status poll's tag it carries."""
    goto_host = goto(panel.part, back)
    token = csrf_token()

    def make() -> str:
        return render_template(
            template,
            panel=replace(
                panel,
                progress=replace(panel.progress, since=SINCE),
                hint_after=HINT_AFTER,
            ),
            page_id=page_id,
            panel_tag=panel_tag or "aside",
            panel_back=BACK,
            panel_goto=goto_host,
            panel_status_tag=TAG,
            csrf_token=lambda: TOKEN,
        )

    def shareable(html: str) -> bool:
        if token and token in html:  # a template found the real token: never share that
            log.error("The lesson panel %s holds a learner's form token; not kept", template)
            return False
        return True

    key = _key(template, panel, page_id, panel_tag, goto_host)
    html = kept("panel_html", KEPT_MAX, key, make, shareable)
    values = [
        (TOKEN, token),
        (BACK, back),
        (TAG, tag),
        (SINCE, panel.progress.since),
        (HINT_AFTER, panel.hint_after),
    ]
    return Markup(fill(html, values))


def _key(template: str, panel, page_id, panel_tag, goto_host: str) -> tuple:
    """All that the panel shows besides the stand-ins (see the module's docstring)."""
    from simulator.phone import phone_lang, phone_unread

    p = panel.progress
    shown = json.dumps(
        [p.answers, p.errors, p.message, panel.feedback, panel.targets, panel.extra],
        sort_keys=True,
        default=repr,
    )
    return (
        template,
        id(current_app.extensions["lessons"]),
        panel.lesson.id,
        (p.part, p.done, p.attempts, p.hints, p.shown),
        shown,
        panel.lang,
        page_id,
        panel_tag,
        goto_host,
        interface_lang(),
        text_size(),
        phone_unread(),
        phone_lang(),
        request.script_root,
    )


def init_app(app: Flask) -> None:
    app.jinja_env.globals["lesson_panel_html"] = whole
