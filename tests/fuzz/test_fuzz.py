"""The attacks of issue 10 kept as a test: a bounded, seeded fuzz run over every route and form.

FUZZ_REQUESTS (default 2,500) and FUZZ_SEED change the run; bench/fuzz_big.py runs 50,000+.
"""

from __future__ import annotations

import os

from simulator import create_app
from tests.fuzz.engine import Fuzzer

REQUESTS = int(os.environ.get("FUZZ_REQUESTS", "2500"))
SEED = int(os.environ.get("FUZZ_SEED", "20260"))


def test_no_route_or_form_field_breaks_leaks_or_changes_what_it_refused(tmp_path):
    app = create_app(
        {"TESTING": True, "INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "fuzz"}
    )
    try:
        fuzzer = Fuzzer(app, seed=SEED)
        assert len(fuzzer.targets) >= 150  # every route x method and every form field
        report = fuzzer.run(max(REQUESTS, len(fuzzer.targets)))
    finally:
        app.extensions["store"].engine.dispose()
    assert report.requests >= len(fuzzer.targets)
    assert not report.failures, f"{sum(report.failures.values())} failures:\n{report.summary()}"
    assert report.by_status[400] and report.by_status[302] and report.by_status[200]


def test_the_checks_can_fail(tmp_path):
    """Each check of the fuzzer notices what it is there for (so a clean run means something)."""
    from werkzeug.wrappers import Response

    from tests.fuzz.engine import Case

    fuzzer = Fuzzer.__new__(Fuzzer)
    post = Case("t", "POST", "/x", csrf="none")
    get = Case("t", "GET", "/x")
    cases = [
        (get, Response("boom", status=500), "status 500"),
        (get, Response('Traceback (most recent call last):\n  File "a.py", line 3'), "traceback"),
        (get, Response('<p>"><svg data-fz=1 onload=alert(1)></p>'), "markup"),
        (
            get,
            Response('{"html": "<script>fz(1)</script>"}', mimetype="application/json"),
            "markup",
        ),  # fmt: skip
        (get, Response(status=302, headers={"Location": "//evil.example/"}), "out of"),
        (get, Response(status=302, headers={"Location": "/\tx"}), "control character"),
        (post, Response(status=302, headers={"Location": "/"}), "without a valid token"),
    ]
    for case, response, expected in cases:
        problems = list(fuzzer.problems(case, response, None))
        assert any(expected in problem for problem in problems), (expected, problems)
    clean = Response("<p>&lt;svg data-fz=1&gt;</p>")
    assert list(fuzzer.problems(get, clean, None)) == []
