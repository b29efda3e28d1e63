"""Tests only: werkzeug's URL builders and rule parsing are done once per process, not per app.

Every test builds its own app, and about half of create_app's time went to werkzeug writing,
for each of the ~137 rules, two small Python functions through the ast module and compiling
them (Rule._compile_builder). The generated function depends only on the rule's parsed trace
(static text and argument names, in order) and on the names of its defaults: converters and
query encoding are reached through the rule object passed in as its first argument, never
baked in. So the same function serves the same rule of the next app, bound to that app's Rule.

Parsing a rule (Rule._parse_rule) is the rest of adding it: a tokenizer that yields the
rule's parts (static text or a regex per path segment) and, as side effects, records the trace,
makes a converter per argument and notes the argument names. The parts depend only on the rule
text and the converter classes of the map, so they are kept per (rule text, rule class, the
map's converter classes); a later rule with the same key gets the same parts and trace, and
converters of its own, made by its own map with the same arguments as the first time.

A rule with a default for one of its own URL arguments has that default turned into text by
its converter while the code is generated: such rules are generated as before, not cached.
tests/unit/test_routing_cache.py checks that every rule of an app builds the same URLs with
and without this cache, so a werkzeug that generates differently fails there, not elsewhere.
"""

from __future__ import annotations

from werkzeug.routing.rules import Rule

_original = Rule._compile_builder
_original_parse = Rule._parse_rule
_builders: dict[tuple, object] = {}
_parsed: dict[tuple, tuple] = {}


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


def _parse_key(rule: Rule, text: str) -> tuple:
    return (text, type(rule), tuple(sorted(rule.map.converters.items())))


def _parse_rule(self: Rule, text: str):
    key = _parse_key(self, text)
    known = _parsed.get(key)
    if known is None:
        made: list[tuple] = []
        get_converter = self.get_converter

        def recording(variable, name, args, kwargs):
            made.append((variable, name, args, kwargs))
            return get_converter(variable, name, args, kwargs)

        trace_before = len(self._trace)
        self.get_converter = recording  # type: ignore[method-assign]
        try:
            parts = list(_original_parse(self, text))
        finally:
            del self.get_converter
        known = _parsed[key] = (parts, self._trace[trace_before:], made)
        return parts
    parts, trace, made = known
    self._trace.extend(trace)
    for variable, name, args, kwargs in made:
        self._converters[variable] = self.get_converter(variable, name, args, kwargs)
        self.arguments.add(variable)
    return list(parts)


def install() -> None:
    """Share generated builders and parsed rules between the apps of this process."""
    Rule._compile_builder = _compile_builder  # type: ignore[method-assign]
    Rule._parse_rule = _parse_rule  # type: ignore[method-assign]


def uninstall() -> None:
    Rule._compile_builder = _original  # type: ignore[method-assign]
    Rule._parse_rule = _original_parse  # type: ignore[method-assign]
