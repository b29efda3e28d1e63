"""The walker of benchmark (c) (bench/chapter_walk.py) walks the whole chapter for one learner
against `python run.py`, so it does not rot when the lessons or the sites change: a lesson
whose step it can no longer do fails here, with the page it got stuck on."""

from __future__ import annotations

import asyncio
import sys

from simulator import ROOT
from tests.server.test_serve import free_port, running

sys.path.insert(0, str(ROOT / "bench"))

from chapter_http import Browser, Tally  # noqa: E402
from chapter_walk import Walker, chapter, lessons_done  # noqa: E402


async def walk_once(port: int) -> tuple[Tally, int, int, list[str]]:
    tally, pages = Tally(), []
    browser = Browser([port], tally)
    lessons = chapter()
    # no think time to speak of, and the panel polls twice on every page it is on
    walker = Walker(browser, lessons, 1, think=(0.03, 0.03), poll_every=0.01, trace=pages.append)
    await walker.walk()
    done = await lessons_done(browser, lessons)
    browser.close()
    return tally, done, len(lessons), pages


def test_one_learner_walks_the_whole_chapter(tmp_path):
    port = free_port()
    with running([sys.executable, "run.py", "--port", str(port)], port, tmp_path):
        tally, done, lessons, pages = asyncio.run(walk_once(port))
    assert done == lessons == 5  # the start page shows every lesson Klaar
    assert tally.errors == [] and tally.counts["no_answer"] == 0
    for kind in ("page", "action", "poll", "phone", "static"):
        assert tally.latencies[kind], f"no {kind} requests"
        assert all(status < 400 for status in tally.statuses[kind]), tally.statuses[kind]
    # the chapter's pages on every site, DigiD three times (lessons 2, 4 and 5)
    visited = " ".join(pages)
    for page_id in ("inburgeren.home", "mijn.factuur.weigeren", "mail.message", "ind.kwijt"):
        assert f"[{page_id}]" in visited
    assert visited.count("[digid.sms.code]") == 3
    assert "/examens/aanmelden/klaar" in visited  # registered for an exam
    # a poll with the tag of the last answer gets 304 while the panel stays the same
    assert tally.statuses["poll"][304] > 0 and tally.statuses["poll"][200] > 0
