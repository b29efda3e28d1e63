"""safe_next (where a form may send the learner back to) and json_fields (a JSON body's shape)."""

from __future__ import annotations

import pytest

from simulator.limits import BadJson, json_fields
from simulator.redirects import MAX_LENGTH, is_local_path, local_referrer, safe_next


@pytest.mark.parametrize(
    "value",
    [
        "/",
        "/sites/digid.nl/inloggen?dienst=duo",
        "/sites/ind.nl/zoeken?q=verblijf%20vergunning",
        "/les/inburgeren#lesson-panel",
        "/sites/mijn.inburgeren.nl/facturen/FAC229230568",
        "/sites/ind.nl/?q=é",
    ],
)
def test_local_paths_are_kept(value):
    assert safe_next(value, "/default") == value


@pytest.mark.parametrize(
    "value",
    [
        None,
        "",
        5,
        ["/"],
        "relative/path",
        "//evil.example/",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example/",
        "/%09/evil.example/",
        "/%2509/evil.example/",
        "/%2f/evil.example",
        "/%5cevil.example",
        "/\n",
        "/\r\nSet-Cookie: a=b",
        "/%0d%0a",
        "/%0D%0A",
        "/\x00",
        "/%00",
        "/\x7f",
        "/\u2028",
        "/\x85",
        "https://evil.example/",
        "javascript:alert(1)",
        "/" + "a" * MAX_LENGTH,
    ],
)
def test_anything_else_gives_the_default(value):
    assert safe_next(value, "/default") == "/default"
    assert not is_local_path(value)


def test_prefix_keeps_a_site_to_itself():
    assert safe_next("/sites/ind.nl/x", "/sites/digid.nl/", prefix="/sites/digid.nl/") == (
        "/sites/digid.nl/"
    )
    assert safe_next("/sites/digid.nl/x", "/", prefix="/sites/digid.nl/") == "/sites/digid.nl/x"


def test_local_referrer_only_from_this_host():
    assert local_referrer("http://localhost:5000/sites/ind.nl/?a=1", "localhost:5000") == (
        "/sites/ind.nl/?a=1"
    )
    assert local_referrer("http://localhost:5000", "localhost:5000") == "/"
    assert local_referrer("https://evil.example/x", "localhost:5000") is None
    assert local_referrer("javascript:alert(1)", "localhost:5000") is None
    assert local_referrer("http://localhost:5000/%0a", "localhost:5000") is None
    assert local_referrer(None, "localhost:5000") is None


def test_json_fields_of_a_flat_object():
    raw = b'{"target": "mijn.menu.lening", "page": null, "extra": "x"}'
    assert json_fields(raw, ("target", "page", "missing")) == {
        "target": "mijn.menu.lening",
        "page": "",
        "missing": "",
    }


@pytest.mark.parametrize(
    "raw",
    [
        b"[1,2]",
        b'"x"',
        b"5",
        b"null",
        b"",
        b"{",
        b"\xff",
        b"[" * 2000 + b"]" * 2000,
        b'{"a": {"b": "c"}}',
        b'{"a": ["b"]}',
        b'{"a": 1}',
        b'{"a": true}',
        b'{"a": "' + b"x" * 201 + b'"}',
        b"{" + b",".join(b'"k%d": "v"' % i for i in range(21)) + b"}",
        b'{"a": "' + b"x" * 5000 + b'"}',
    ],
)
def test_json_fields_refuses_other_shapes(raw):
    with pytest.raises(BadJson):
        json_fields(raw, ("a",))


def test_brackets_inside_strings_do_not_count_as_nesting():
    assert json_fields(b'{"a": "[[[{{{\\"]]]"}', ("a",)) == {"a": '[[[{{{"]]]'}


@pytest.mark.parametrize(
    "raw", [b'{"a": "\\ud800"}', b'{"a": "x\\u0000"}', b'{"a": "\\r\\n"}', b'{"a": "\\u001b[31m"}']
)
def test_json_fields_refuses_text_no_database_or_log_should_get(raw):
    with pytest.raises(BadJson):
        json_fields(raw, ("a",))
