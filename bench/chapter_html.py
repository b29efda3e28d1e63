"""Reading the simulator's pages the way the chapter walker needs (regular expressions only:
the load generator shares two cores with the server, so no HTML parser).

- `page_id`, `panel_of`: the page's `data-page` and the lesson panel (step, targets, poll URL);
- `element`: the element with a `data-target`, and what clicking it does (`Click`);
- `Form`: a form's fields as the browser would send them, with values filled in.
"""

from __future__ import annotations

import html as htmllib
import json
import re
from dataclasses import dataclass, field
from urllib.parse import quote

BODY_PAGE = re.compile(r'<body[^>]*\bdata-page="([^"]*)"')
PANEL = re.compile(r'<(?:section|aside)\b[^>]*\bid="lesson-panel"[^>]*>')
STATE = re.compile(r'<div class="lesson-panel__state"[^>]*>')
ATTR = re.compile(r'([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'))?')
CONTROL = re.compile(
    r"<(input|button)\b([^>]*)>|<select\b([^>]*)>(.*?)</select>|<textarea\b([^>]*)>(.*?)</textarea>",
    re.S,
)
OPTION = re.compile(r"<option\b([^>]*)>", re.S)
LINK = re.compile(r'<a\b[^>]*\bhref="([^"]*)"')
COUNT = re.compile(r'lesson-page__count">\D*(\d+)\D+(\d+)<')
TEXT_INPUTS = {"text", "hidden", "email", "tel", "password", "date", "number", "search", "url"}


def attrs(tag: str) -> dict[str, str]:
    """The attributes of a start tag (values unescaped; a bare attribute is "")."""
    return {m[0].lower(): htmllib.unescape(m[1] or m[2] or "") for m in ATTR.findall(tag)}


def page_id(html: str) -> str:
    found = BODY_PAGE.search(html)
    return found.group(1) if found else ""


@dataclass
class Panel:
    """The lesson panel on a page: which lesson and part, its targets, its status poll."""

    lesson: str
    part: int
    version: str
    targets: list[dict]
    poll: str  # the status poll's address for this page (without the host)
    tag: str  # the ETag the page says its panel has (lesson.js sends it with its first poll)


def panel_of(html: str, here: str) -> Panel | None:
    """The panel of the page at `here` (path and query), or None on a page without one."""
    section = PANEL.search(html)
    state = STATE.search(html, section.end()) if section else None
    if not section or not state:
        return None
    outer, inner = attrs(section.group(0)), attrs(state.group(0))
    lesson, part, _since = inner.get("data-step", "::").split(":")
    poll = (
        f"{outer.get('data-status-url', '/les/status')}?page="
        f"{quote(outer.get('data-page', ''), safe='')}&next={quote(here, safe='')}"
    )
    targets = json.loads(inner.get("data-targets") or "[]")
    tag = outer.get("data-status-tag", "")
    return Panel(lesson, int(part), inner.get("data-version", ""), targets, poll, tag)


def lesson_count(html: str) -> tuple[int, int] | None:
    """On a lesson page: (part number, parts) from "Stap 3 van 9", or None when finished."""
    found = COUNT.search(html)
    return (int(found.group(1)), int(found.group(2))) if found else None


@dataclass
class Control:
    kind: str  # input type, "select", "textarea", "button"
    name: str
    value: str
    checked: bool = False
    options: list[str] = field(default_factory=list)


@dataclass
class Form:
    """A form as the browser submits it: action, method, and its controls."""

    action: str
    method: str
    controls: list[Control]

    def data(self, fills: dict | None = None, button: Control | None = None) -> list:
        """The name/value pairs the browser sends, after typing/choosing `fills`.

        A fill for a radio group or checkbox picks that value ("*": the first option);
        for a select a listed option; for a text field its text.
        """
        fills = fills or {}
        sent: list[tuple[str, str]] = []
        for c in self.controls:
            if not c.name or c.kind in ("button", "submit", "reset", "image", "file"):
                continue
            wanted = fills.get(c.name)
            if c.kind in ("radio", "checkbox"):
                first = next(x for x in self.controls if x.name == c.name)
                chosen = wanted == c.value or (wanted == "*" and c is first)
                if chosen or (wanted is None and c.checked):
                    sent.append((c.name, c.value))
            elif c.kind == "select":
                value = wanted if wanted in c.options else c.value
                sent.append((c.name, value))
            else:
                sent.append((c.name, c.value if wanted is None else str(wanted)))
        if button is not None and button.name:
            sent.append((button.name, button.value))
        return sent

    def names(self) -> set[str]:
        return {c.name for c in self.controls if c.name}


def _controls(chunk: str) -> list[Control]:
    found = []
    for m in CONTROL.finditer(chunk):
        if m.group(1):
            a = attrs(m.group(2))
            kind = a.get("type", "submit" if m.group(1) == "button" else "text").lower()
            checked = "checked" in a
            found.append(Control(kind, a.get("name", ""), a.get("value", ""), checked))
        elif m.group(3) is not None:
            a = attrs(m.group(3))
            options = [attrs(o) for o in OPTION.findall(m.group(4))]
            values = [o.get("value", "") for o in options]
            chosen = next((o.get("value", "") for o in options if "selected" in o), "")
            found.append(Control("select", a.get("name", ""), chosen, options=values))
        else:
            a = attrs(m.group(5))
            text = htmllib.unescape(m.group(6))
            found.append(Control("textarea", a.get("name", ""), text))
    return found


def form_at(html: str, pos: int) -> Form | None:
    """The form that encloses position `pos` (None when it is outside every form)."""
    start = html.rfind("<form", 0, pos)
    if start < 0 or html.rfind("</form>", start, pos) >= 0:
        return None
    end = html.find("</form>", pos)
    head_end = html.find(">", start)
    a = attrs(html[start : head_end + 1])
    chunk = html[head_end + 1 : end if end >= 0 else len(html)]
    return Form(a.get("action", ""), a.get("method", "get").upper(), _controls(chunk))


def forms(html: str, action: str | None = None) -> list[Form]:
    """Every form of the page (or those sent to `action`)."""
    found = []
    for m in re.finditer(r"<form\b", html):
        form = form_at(html, m.end())
        if form and (action is None or form.action == action):
            found.append(form)
    return found


@dataclass
class Click:
    """What clicking an element does: a link (GET href) or a form sent by a button."""

    href: str | None = None
    form: Form | None = None
    button: Control | None = None


def element(html: str, target: str) -> tuple[str, dict, int] | None:
    """The first element with data-target="target": (tag, attributes, position)."""
    found = re.search(rf'<(\w+)\b([^>]*\bdata-target="{re.escape(target)}"[^>]*)>', html)
    if not found:
        return None
    return found.group(1).lower(), attrs(found.group(2)), found.start()


def click(html: str, target: str) -> Click | None:
    """What a click on the target does, or None when it is nothing to click (a field, a box
    of text, not on the page)."""
    found = element(html, target)
    if not found:
        return None
    tag, a, pos = found
    if tag == "a" and "href" in a:
        return Click(href=a["href"])
    if tag == "form":
        return Click(form=form_at(html, pos + 5))
    if (tag == "button" and a.get("type", "submit") == "submit") or (
        tag == "input" and a.get("type") == "submit"
    ):
        button = Control("submit", a.get("name", ""), a.get("value", ""))
        return Click(form=form_at(html, pos), button=button)
    if tag in ("input", "select", "textarea", "button", "img", "svg"):
        return None
    end = html.find("</" + tag, pos)
    inner = LINK.search(html, pos, end if end >= 0 else len(html))
    return Click(href=htmllib.unescape(inner.group(1))) if inner else None
