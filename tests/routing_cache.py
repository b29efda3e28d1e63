"""Tests only: werkzeug's URL builders are generated once per process, not once per app.

Every test builds its own app, and about half of create_app's time went to werkzeug writing,
for each of the ~137 rules, two small Python functions through the ast module and compiling
them (Rule._compile_builder). The generated function depends only on the rule's parsed trace
(static text and argument names, in order) and on the names of its defaults: converters and
query encoding are reached through the rule object passed in as its first argument, never
baked in. So the same function serves the same rule of the next app, bound to that app's Rule.

A rule with a default for one of its own URL arguments has that default turned into text by
its converter while the code is generated: such rules are generated as before, not cached.
tests/unit/test_routing_cache.py checks that every rule of an app builds the same URLs with
and without this cache, so a werkzeug that generates differently fails there, not elsewhere.
"""

from __future__ import annotations

from werkzeug.routing.rules import Rule

_original = Rule._compile_builder
_builders: dict[tuple, object] = {}


def _key(rule: Rule, append_unknown: bool) -> tuple | None:
    defaults = rule.defaults or {}
    if any(is_dynamic and data in defaults for is_dynamic, data in rule._trace):
        return None  # generated with the converter's text of the default: not shared
    return (
        rule.rule,
        append_unknown,
        tuple(rule._trace),
        tuple(str(name) for name in defaults),
    )


def _compile_builder(self: Rule, append_unknown: bool = True):
    key = _key(self, append_unknown)
    if key is None:
        return _original(self, append_unknown)
    builder = _builders.get(key)
    if builder is None:
        builder = _builders[key] = _original(self, append_unknown)
    return builder


def install() -> None:
    """Share generated builders between the apps of this process."""
    Rule._compile_builder = _compile_builder  # type: ignore[method-assign]


def uninstall() -> None:
    Rule._compile_builder = _original  # type: ignore[method-assign]
