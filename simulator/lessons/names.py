"""The names lessons may use, as the sites declare them (or as a test supplies them)."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field


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


def from_registry(sample_state: Mapping | None = None, scenarios: set[str] | None = None) -> Names:
    """Names from simulator.registry (complete once the site modules are imported)."""
    from simulator import registry

    return Names(
        pages=dict(registry.PAGES),
        actions={name: a.params for name, a in registry.ACTIONS.items()},
        is_target=registry.is_known_target,
        sample_state=sample_state,
        scenarios=scenarios,
    )
