"""Lesson 2 on a laptop at 400 % and 200 % zoom, the same rule as on a phone; and at 100 %.

Browser zoom at 1280 x 900 gives the page a viewport of 1280/z x 900/z CSS pixels at z device
pixels per CSS pixel; Chromium lays it out exactly like a window of that CSS size with that
device scale factor. So 400 % is a 320 x 225 viewport at scale 4 and 200 % is 640 x 450 at
scale 2 (the layout the learner gets, and sharp screenshots of it).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import _watch_outside, assert_no_sideways_scroll
from tests.browser.panel_walk import Walk, log_in, walk_lesson_2

ZOOMS = {"400%": (320, 225, 4), "200%": (640, 450, 2)}


@pytest.fixture(params=list(ZOOMS))
def zoomed(request, browser, live_server):
    width, height, scale = ZOOMS[request.param]
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale, has_touch=True
    )
    page = context.new_page()
    outside = _watch_outside(page, live_server)
    yield page
    context.close()
    assert not outside, f"outside requests, CSP violations or script errors: {outside}"


def test_lesson_2_zoomed(zoomed, live_server):
    """Every target is brought into the free area (group by group where the screen is too
    short for all), with every arrow and letter in it, and nothing scrolls sideways."""
    walk = Walk(zoomed, live_server, "inloggen")
    walk_lesson_2(walk)
    assert_no_sideways_scroll(zoomed)
    assert walk.steps == 6


@pytest.fixture
def wide(browser, live_server):
    """A laptop window at 100 %."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, has_touch=True)
    page = context.new_page()
    outside = _watch_outside(page, live_server)
    yield page
    context.close()
    assert not outside, f"outside requests, CSP violations or script errors: {outside}"


def test_lesson_2_and_the_invoice_at_1280px(wide, live_server):
    """The same rule beside the page: no mark on the panel's or the phone's column."""
    walk_lesson_2(Walk(wide, live_server, "inloggen"))
    walk = Walk(wide, live_server, "facturen")
    wide.goto(live_server + "/opnieuw")
    wide.get_by_label(re.compile("Oefenen met facturen")).check()
    wide.get_by_role("button", name="Ja, begin opnieuw").click()
    expect(wide.get_by_text("Alles staat weer klaar.")).to_be_visible()
    log_in(walk)
    walk.begin()
    walk.arrive("Stap 4 van 15")
    walk.tap("mail.bericht.MAIL001")
    walk.arrive("Stap 5 van 15", here=False)
    walk.panel().get_by_role("link", name="Ga naar mijn.inburgeren.nl").click()
    walk.arrive("Stap 5 van 15")
    walk.tap("mijn.menu.facturen")
    walk.tap("mijn.submenu.facturen")
    walk.arrive("Stap 7 van 15")
    walk.tap("mijn.factuur.FAC229230568")
    walk.arrive("Stap 8 van 15", name="factuur-accepteren")
