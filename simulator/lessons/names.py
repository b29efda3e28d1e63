"""The names lessons may use, as the sites declare them (or as a test supplies them)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache


@dataclass
class Names:
    """Known page ids, actions (with their params) and a test for data-target names."""

    pages: Mapping[str, object] = field(default_factory=dict)
    actions: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    is_target: Callable[[str], bool] = lambda name: True
    sample_state: Mapping | None = None
    lessons: set[str] = field(default_factory=set)
    scenarios: set[str] | None = None

    def has_page(self, page_id: str) -> bool:
        return page_id in self.pages

    def suggest_page(self, page_id: str) -> str:
        close = difflib.get_close_matches(page_id, list(self.pages), n=1)
        return f" (bedoelt u {close[0]!r}?)" if close else ""

    def has_action(self, name: str) -> bool:
        return name in self.actions

    def action_params(self, name: str) -> tuple[str, ...] | None:
        return self.actions.get(name)


_CATCH_ALL = '^[^"]+$'
_MACRO_TARGET = re.compile(r"""(?:\b|_)target\s*=\s*["']([a-z]+\.[a-z0-9._-]+)["']""")


@cache
def _macro_targets() -> frozenset[str]:
    """Target names passed to template macros (target="mijn.wijzig.email")."""
    from simulator.sites import registry

    found: set[str] = set()
    for path in registry.TEMPLATE_DIR.rglob("*.html"):
        found.update(_MACRO_TARGET.findall(path.read_text(encoding="utf-8")))
    return frozenset(found)


def known_target(name: str) -> bool:
    """registry.is_known_target, except that a wholly dynamic data-target="{{ x }}" does not
    make every name known; literal names given to macros count."""
    from simulator.sites import registry

    if name in _macro_targets():
        return True
    return any(p.pattern != _CATCH_ALL and p.match(name) for p in registry.target_patterns())


def from_registry(sample_state: Mapping | None = None, scenarios: set[str] | None = None) -> Names:
    """Names from simulator.sites.registry (complete once the site modules are imported)."""
    from simulator.sites import registry

    return Names(
        pages=dict(registry.PAGES),
        actions={name: a.params for name, a in registry.ACTIONS.items()},
        is_target=known_target,
        sample_state=sample_state,
        scenarios=scenarios,
    )
