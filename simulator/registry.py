"""What the sandbox sites declare: their hosts, page ids, actions and data-target names.

Lessons know sites only through these names, and the lesson linter checks against them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

TEMPLATE_DIR = Path(__file__).resolve().parent / "templates"

#: host shown in the fake address bar -> template folder / blueprint name
SITES: dict[str, str] = {
    "www.inburgeren.nl": "inburgeren",
    "digid.nl": "digid",
    "mijn.inburgeren.nl": "mijn",
    "ind.nl": "ind",
    "mail.oefenpost.nl": "mail",
}


@dataclass(frozen=True)
class Page:
    id: str
    site: str
    title: str


@dataclass(frozen=True)
class Action:
    name: str
    params: tuple[str, ...]
    description: str


PAGES: dict[str, Page] = {}
ACTIONS: dict[str, Action] = {}


def page(page_id: str, site: str, title: str) -> str:
    """Declare a page id (e.g. "mijn.factuur") of a site; returns the id for reuse."""
    if site not in SITES.values() and site not in ("shell", "phone"):
        raise ValueError(f"unknown site {site!r}")
    PAGES[page_id] = Page(page_id, site, title)
    return page_id


def action(name: str, *params: str, description: str = "") -> str:
    """Declare an action (e.g. "invoice.accepted" with param "invoice")."""
    ACTIONS[name] = Action(name, tuple(params), description)
    return name


_TARGET = re.compile(r'data-target="([^"]+)"')
#: literal names handed to a macro or include that renders data-target="{{ target }}"
_PASSED_TARGET = re.compile(r"""(?:\b|_)target\s*=\s*["']([a-z]+\.[a-z0-9._-]+)["']""")


@cache
def target_patterns() -> tuple[re.Pattern, ...]:
    """Every data-target in the templates, as regexes ({{ ... }} parts match anything).

    A wholly dynamic data-target="{{ x }}" is left out (it would match every name); the
    literal names passed to it (target="mijn.wijzig.email") are collected instead.
    """
    found: set[str] = set()
    for path in TEMPLATE_DIR.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        found.update(_TARGET.findall(text))
        found.update(_PASSED_TARGET.findall(text))
    patterns = []
    for raw in sorted(found):
        parts = re.split(r"\{\{.*?\}\}|\{%.*?%\}", raw)
        if not any(parts):
            continue
        patterns.append(re.compile("^" + '[^"]+'.join(re.escape(p) for p in parts) + "$"))
    return tuple(patterns)


def is_known_target(name: str) -> bool:
    """True when some template can render data-target="name"."""
    return any(p.match(name) for p in target_patterns())
