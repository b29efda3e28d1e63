"""www.inburgeren.nl in a real browser: a learner's walk, keyboard, axe-core and 360 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible, assert_no_sideways_scroll

BASE = "/sites/www.inburgeren.nl"


@pytest.fixture(autouse=True)
def patient_expect():
    """A busy test machine (many browsers at once) may need more than the default 5 s."""
    expect.set_options(timeout=20_000)
    yield
    expect.set_options(timeout=5_000)


def target(page, name: str):
    return page.locator(f"[data-target='{name}']")


def open_all_expanders(page) -> None:
    for name in ("wat-is", "hoe-werkt", "filmpje"):
        summary = target(page, f"inburgeren.login.{name}")
        if summary.locator("xpath=..").get_attribute("open") is None:
            summary.click()


def test_learner_reaches_login_and_back_in_two_languages(page, live_server):
    page.goto(live_server + "/")
    page.get_by_role("link", name="Begin", exact=True).click()
    page.wait_for_url(f"**{BASE}/")
    expect(page.get_by_role("heading", name="Onderwerpen")).to_be_visible()

    target(page, "inburgeren.taal").click()
    page.wait_for_url(f"**{BASE}/")
    expect(page.get_by_role("heading", name="Topics")).to_be_visible()
    assert (
        page.locator("main#inhoud").get_attribute("lang") == "en"
    )  # the site; <html>: the learner's
    target(page, "inburgeren.taal").click()
    expect(page.get_by_role("heading", name="Onderwerpen")).to_be_visible()

    target(page, "inburgeren.menu.inloggen").click()
    page.wait_for_url(f"**{BASE}/inloggen")
    expect(
        page.get_by_role("heading", name="Inloggen op Mijn Inburgering", level=1)
    ).to_be_visible()
    crumbs = page.get_by_role("navigation", name="Kruimelpad")
    assert crumbs.inner_text().replace("\n", " ").startswith("Home")

    target(page, "inburgeren.login.wat-is").click()
    expect(page.get_by_text("Mijn Inburgering is de mijn-omgeving van DUO.")).to_be_visible()
    target(page, "inburgeren.login.hoe-werkt").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Wilt u eerst veilig oefenen met de DigiD app?")).to_be_visible()
    target(page, "inburgeren.login.filmpje").focus()
    page.keyboard.press("Space")
    expect(page.locator(".ib-film__panel").nth(4)).to_be_visible()
    page.keyboard.press("Enter")
    expect(page.locator(".ib-film__panel").nth(0)).to_be_hidden()

    page.locator(".padlock summary").click()
    expect(page.get_by_text("Verbinding is beveiligd")).to_be_visible()


def test_login_button_goes_to_digid(page, live_server):
    page.goto(live_server + f"{BASE}/inloggen")
    target(page, "inburgeren.login.knop").click()
    page.wait_for_url("**/sites/digid.nl/inloggen?dienst=duo")


def test_link_to_a_real_website_stays_in_the_sandbox(page, live_server):
    page.goto(live_server + f"{BASE}/inloggen")
    target(page, "inburgeren.login.hoe-werkt").click()
    page.get_by_role("link", name="oefenenmetdigid.nl/app").click()
    expect(page.get_by_role("heading", name="U verlaat nu de oefenomgeving")).to_be_visible()
    expect(page.get_by_text("https://www.oefenenmetdigid.nl/app")).to_be_visible()


def test_search_by_keyboard(page, live_server):
    page.goto(live_server + f"{BASE}/")
    page.get_by_label("Zoek op inburgeren.nl").fill("examen")
    page.keyboard.press("Enter")
    page.wait_for_url("**/zoeken?q=examen")
    expect(page.get_by_text("resultaten voor")).to_be_visible()
    page.get_by_role("link", name="Examen doen").first.click()
    expect(page.get_by_role("heading", name="Examen doen", level=1)).to_be_visible()
    page.get_by_role("link", name="Naar Home").click()
    page.wait_for_url(f"**{BASE}/")


def test_empty_search_says_what_to_do(page, live_server):
    page.goto(live_server + f"{BASE}/zoeken")
    page.get_by_role("button", name="Zoeken").click()
    field = page.get_by_label("Zoek op inburgeren.nl")
    assert field.get_attribute("aria-invalid") == "true"
    expect(page.get_by_text("Typ eerst een zoekwoord.")).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/inburgeren-betalen",
        "/informatie-in-andere-talen",
        "/zoeken?q=lening",
        "/zoeken?q=xyzzy",
        "/bestaat-niet",
    ],
)
def test_pages_are_accessible(page, live_server, path):
    page.goto(live_server + BASE + path)
    assert_accessible(page)


def test_english_pages_are_accessible(page, live_server):
    page.goto(live_server + f"{BASE}/")
    target(page, "inburgeren.taal").click()
    expect(page.get_by_role("heading", name="Topics")).to_be_visible()
    assert_accessible(page)
    page.goto(live_server + f"{BASE}/inloggen")
    open_all_expanders(page)
    assert_accessible(page)


def test_login_page_with_expanders_open_is_accessible(page, live_server):
    page.goto(live_server + f"{BASE}/inloggen")
    open_all_expanders(page)
    expect(page.locator(".ib-film__panel").nth(4)).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/inloggen",
        "/examen-doen",
        "/zoeken?q=lening",
        "/zoeken?q=" + "x" * 200,
        "/bestaat-niet",
    ],
)
def test_no_sideways_scroll_at_360px(mobile, live_server, path):
    mobile.goto(live_server + BASE + path)
    if path == "/inloggen":
        open_all_expanders(mobile)
    assert_no_sideways_scroll(mobile)


def test_tap_targets_at_360px(mobile, live_server):
    mobile.goto(live_server + f"{BASE}/inloggen")
    names = [
        "inburgeren.taal",
        "inburgeren.menu.inloggen",
        "inburgeren.login.knop",
        "inburgeren.login.wat-is",
        "inburgeren.terug",
    ]
    for name in names:
        box = target(mobile, name).bounding_box()
        assert box and box["height"] >= 44, name
    mobile.goto(live_server + f"{BASE}/")
    links = mobile.locator(".ib-bar a, .ib-snel a, .ib-card, .ib-news h3 a, .ib-footer a").all()
    assert len(links) > 20  # a card's link covers the whole card (::after)
    for link in links:
        assert link.bounding_box()["height"] >= 44, link.inner_text()
    mobile.goto(live_server + f"{BASE}/zoeken?q=examen")
    for link in mobile.locator(".ib-crumbs a, .ib-results__list a, .ib-search button").all():
        assert link.bounding_box()["height"] >= 44, link.inner_text()


def test_whole_topic_card_is_clickable(page, live_server):
    page.goto(live_server + f"{BASE}/")
    box = page.get_by_text("Inburgeren stap voor stap").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(f"**{BASE}/stappenplan")
    expect(page.get_by_role("heading", name="Maak uw eigen stappenplan", level=1)).to_be_visible()


def test_header_login_link_by_keyboard_only(page, live_server):
    page.goto(live_server + f"{BASE}/")
    for _ in range(30):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.dataset.target || ''")
        if focused == "inburgeren.menu.inloggen":
            break
    assert focused == "inburgeren.menu.inloggen"
    page.keyboard.press("Enter")
    page.wait_for_url(f"**{BASE}/inloggen")
