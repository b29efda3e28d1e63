"""Page weight at 360 px, counted through Chromium's DevTools protocol (bytes and requests,
not time): the first sandbox page <= 60 KB, every next page <= 15 KB in <= 3 requests, and
nothing outside the simulator (issue 9's budget; bench/bench_pageweight.py reports it)."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.browser.chromium import Load, Meter

FIRST_PAGE = 60 * 1024
NEXT_PAGE = 15 * 1024
NEXT_REQUESTS = 3
PHONE = {"viewport": {"width": 360, "height": 740}, "has_touch": True}
IB = "/sites/www.inburgeren.nl"
MIJN = "/sites/mijn.inburgeren.nl"


def _lesson_cookies(browser, live_server) -> list[dict]:
    """A session with the lesson "facturen" begun (made in a context of its own)."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(live_server + "/")
    page.locator("form[action='/les/facturen/begin'] button").click()
    page.wait_for_load_state()
    cookies = context.cookies()
    context.close()
    return cookies


def _cold(browser, live_server, cookies, path) -> Load:
    """Open a page in a fresh context (empty cache) with the given session."""
    context = browser.new_context(**PHONE)
    context.add_cookies(cookies)
    page = context.new_page()
    meter = Meter(context, page, live_server)
    page.goto(live_server + path)
    load = meter.settle(page, quiet_ms=300)
    context.close()
    return load


def _sms_code(page) -> str:
    """Read the newest sms code from the practice phone (opened and closed again)."""
    toggle = page.locator("[data-target='phone.toggle']:visible").first  # the bar's or the sheet's
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.locator("[data-target='phone.sms']:visible").first.click()
    code = page.locator(".phone-sms--newest .phone-sms__code").first.inner_text().strip()
    page.locator("[data-phone-close]").first.click()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    return code


def test_first_page_and_every_next_page_stay_within_the_budget(browser, mobile, live_server):
    cookies = _lesson_cookies(browser, live_server)
    mobile.context.add_cookies(cookies)
    meter = Meter(mobile.context, mobile, live_server)
    mobile.goto(live_server + IB + "/")
    first = meter.settle(mobile, quiet_ms=300)
    expect(mobile.locator("#lesson-panel")).to_be_visible()
    assert first.bytes <= FIRST_PAGE and not first.outside, first

    def login() -> None:
        mobile.locator("#gebruikersnaam").fill("oefenaccount")
        mobile.locator("#wachtwoord").fill("Oefenen123")
        mobile.locator("form.digid-form button[type=submit]").first.click()

    def send_code() -> None:
        mobile.locator("form.digid-form button[type=submit]").first.click()

    steps = [
        (
            "inburgeren.login",
            lambda: mobile.locator("[data-target='inburgeren.menu.inloggen']").first.click(),
        ),
        ("digid.kies", lambda: mobile.locator("[data-target='inburgeren.login.knop']").click()),
        ("digid.sms.login", lambda: mobile.locator("[data-target='digid.methode.sms']").click()),
        ("digid.sms.code", login),
        ("mijn.home", send_code),
        ("mijn.facturen", lambda: mobile.goto(live_server + MIJN + "/facturen")),
        ("mijn.factuur", lambda: mobile.locator("a[href$='/facturen/FAC229230568']").first.click()),
        ("ind.home", lambda: mobile.goto(live_server + "/sites/ind.nl/")),
        ("shell.start", lambda: mobile.goto(live_server + "/")),
    ]
    heavy = []
    for page_id, action in steps:
        if page_id == "mijn.home":
            mobile.locator("input[name='code']").fill(_sms_code(mobile))
        meter.reset()
        action()
        load = meter.settle(mobile, quiet_ms=300)
        if page_id != "shell.start":
            expect(mobile.locator("body")).to_have_attribute("data-page", page_id)
        if load.bytes > NEXT_PAGE or load.requests > NEXT_REQUESTS or load.outside:
            heavy.append((page_id, load))
    assert not heavy, f"next pages over 15 KB or 3 requests: {heavy}"

    cold = _cold(browser, live_server, mobile.context.cookies(), MIJN + "/facturen")
    assert cold.bytes <= FIRST_PAGE and not cold.outside, cold
    assert cold.requests <= 3, cold  # the page, one stylesheet, one script
