"""The lesson panel's kept HTML (simulator/lessons/panel_html.py) is what a fresh render shows,
on every page and status answer of the whole chapter, for a learner who gets the panels
another learner's pages left behind.

Two learners walk the chapter one after the other (bench/chapter_walk.py, as benchmark c)
against the app served in this process. Every panel the app sends is also rendered the way
it was before panels were kept (tests/panel_check.py, installed for every test): any
difference fails the test, with the page and the lines. The client tests check the rest
(hints, wrong answers, "Laat zien", text size, languages, the classroom's hand) the same way.
"""

from __future__ import annotations

import asyncio
import sys
import threading

from werkzeug.serving import make_server

from simulator import ROOT, create_app
from simulator.lessons import panel_html

sys.path.insert(0, str(ROOT / "bench"))

from chapter_http import Browser, Tally  # noqa: E402
from chapter_walk import Walker, chapter, lessons_done  # noqa: E402


async def walk(port: int, number: int) -> int:
    browser = Browser([port], Tally())
    lessons = chapter()
    walker = Walker(browser, lessons, number, think=(0.01, 0.01), poll_every=0.005)
    await walker.walk()
    done = await lessons_done(browser, lessons)
    browser.close()
    return done


def test_kept_panels_equal_fresh_ones_through_the_chapter(
    tmp_path, monkeypatch, kept_panels_checked
):
    """kept_panels_checked (tests/conftest.py) compares each panel sent with a fresh one."""
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "panel-html-test"})
    check = kept_panels_checked
    monkeypatch.setattr(panel_html, "KEPT_MAX", 10_000)  # nothing let go during the walk
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        first = asyncio.run(walk(server.port, 1))
        first_count = len(check.shown)
        second = asyncio.run(walk(server.port, 2))
    finally:
        server.shutdown()
        app.extensions["store"].engine.dispose()

    assert first == second == 5  # both learners finished every lesson
    assert check.differences == [], check.differences[0]
    whole = [kept for template, kept in check.shown if template.endswith("_whole.html")]
    body = [kept for template, kept in check.shown if template.endswith("_body.html")]
    assert len(whole) > 100 and body, "the walk showed too few panels to say anything"
    # the second learner is mostly served what the first left behind
    later = [kept for _template, kept in check.shown[first_count:]]
    assert sum(later) >= 0.6 * len(later), (sum(later), len(later))
