"""The tests' cache of werkzeug's URL builders (tests/routing_cache.py) changes nothing: every
rule of an app gets the very code werkzeug generates for it without the cache."""

from __future__ import annotations

from tests import routing_cache


def test_every_rule_gets_the_builder_werkzeug_would_generate(app):
    rules = list(app.url_map.iter_rules())
    assert len(rules) > 100  # the whole simulator, not a stub
    shared = 0
    for rule in rules:
        for append_unknown, bound in ((False, rule._build), (True, rule._build_unknown)):
            fresh = routing_cache._original(rule, append_unknown)
            assert bound.__func__.__code__ == fresh.__code__, rule.rule
            assert bound.__self__ is rule
            if routing_cache._key(rule, append_unknown) in routing_cache._builders:
                shared += 1
    assert shared  # the cache is in use in this process (tests/conftest.py installs it)


def test_urls_built_with_the_cache_are_the_same(app):
    with app.test_request_context():
        from flask import url_for

        assert url_for("static", filename="css/x.css") == "/static/css/x.css"
        assert url_for("static", filename="a b.css", v=2) == "/static/a%20b.css?v=2"
