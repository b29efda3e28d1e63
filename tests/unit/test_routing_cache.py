"""The tests' cache of werkzeug's rule parsing and URL builders (tests/routing_cache.py)
changes nothing: every rule of an app is what werkzeug makes of it without the cache."""

from __future__ import annotations

from simulator import create_app
from tests import routing_cache


def _converter(converter) -> tuple:
    return type(converter), {k: v for k, v in vars(converter).items() if k != "map"}


def test_every_rule_is_what_werkzeug_makes_of_it_without_the_cache(app, tmp_path):
    routing_cache.uninstall()
    try:
        plain = create_app(
            {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "plain"), "SECRET_KEY": "x"}
        )
    finally:
        routing_cache.install()
    plain.extensions["store"].engine.dispose()
    rules = list(app.url_map.iter_rules())
    fresh_rules = list(plain.url_map.iter_rules())
    assert len(rules) > 100  # the whole simulator, not a stub
    assert [r.rule for r in rules] == [r.rule for r in fresh_rules]
    shared = 0
    for rule, fresh in zip(rules, fresh_rules, strict=True):
        assert rule._parts == fresh._parts, rule.rule
        assert rule._trace == fresh._trace, rule.rule
        assert rule.arguments == fresh.arguments, rule.rule
        assert {k: _converter(c) for k, c in rule._converters.items()} == {
            k: _converter(c) for k, c in fresh._converters.items()
        }, rule.rule
        assert all(c.map is app.url_map for c in rule._converters.values())  # its own map
        for built, plain_built in (
            (rule._build, fresh._build),
            (rule._build_unknown, fresh._build_unknown),
        ):
            assert built.__func__.__code__ == plain_built.__func__.__code__, rule.rule
            assert built.__self__ is rule
        if routing_cache._key(rule, True) in routing_cache._builders:
            shared += 1
    assert shared  # the cache is in use in this process (tests/conftest.py installs it)


def test_urls_built_and_matched_with_the_cache_are_the_same(app):
    with app.test_request_context():
        from flask import url_for

        assert url_for("static", filename="css/x.css") == "/static/css/x.css"
        assert url_for("static", filename="a b.css", v=2) == "/static/a%20b.css?v=2"
    adapter = app.url_map.bind("localhost")
    assert adapter.match("/static/css/x.css")[1] == {"filename": "css/x.css"}
