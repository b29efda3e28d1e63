"""The learner's frame in a real browser: start, padlock, accessibility, 360 px."""

from __future__ import annotations

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll


def test_start_page_leads_to_inburgeren(page, live_server):
    page.goto(live_server + "/")
    assert "Oefenomgeving" in page.title()
    assert_accessible(page)
    page.get_by_role("link", name="Begin", exact=True).click()
    page.wait_for_url("**/sites/www.inburgeren.nl/")
    assert (
        page.locator("[data-target='browser.adres']")
        .inner_text()
        .endswith("https://www.inburgeren.nl/")
    )


def test_padlock_opens_by_keyboard_and_closes_with_escape(page, live_server):
    page.goto(live_server + "/sites/www.inburgeren.nl/")
    page.locator(".padlock summary").focus()
    page.keyboard.press("Enter")
    info = page.get_by_text("Verbinding is beveiligd")
    assert info.is_visible()
    assert_accessible(page)
    page.keyboard.press("Escape")
    assert not info.is_visible()


def test_csp_header_blocks_inline_script(page, live_server):
    response = page.goto(live_server + "/")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp


def test_start_page_at_360px(mobile, live_server):
    mobile.goto(live_server + "/")
    assert_no_sideways_scroll(mobile)
    mobile.goto(live_server + "/sites/www.inburgeren.nl/")
    assert_no_sideways_scroll(mobile)


def test_learner_id_of_finds_the_browsers_learner(page, live_server, live_app):
    from tests.browser.conftest import act_once, learner_id_of

    act_once(page, live_server)
    learner_id = learner_id_of(page, live_app)
    assert live_app.extensions["store"].load_state(learner_id) is not None
