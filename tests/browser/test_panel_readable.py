"""Readable and tappable on a 360 px phone, also in Windows high contrast (forced colours).

- No text a learner must read is smaller than 16 px: the sites, the frame, the lesson panel
  and the phone, on the pages of the chapter.
- Radio buttons and checkboxes are at least 24 x 24 px; the panel's own buttons 44 x 44 px.
- In forced-colours mode the arrow, the letters, the highlight and the phone icon still stand
  out from the page (compared pixel by pixel with the same spot without them).
"""

from __future__ import annotations

import io
import re

from PIL import Image
from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

SMALL_TEXT = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.nodeValue.trim();
    const el = node.parentElement;
    if (!text || !el || el.closest('[aria-hidden=true], .visually-hidden, [hidden], script, style, svg')) continue;
    const r = el.getBoundingClientRect();
    const style = getComputedStyle(el);
    if (!r.width || !r.height || style.visibility === 'hidden') continue;
    if (el.closest('.skip-link') && document.activeElement !== el.closest('.skip-link')) continue;
    const size = parseFloat(style.fontSize);
    if (size < 15.95) out.push(`"${text.slice(0, 40)}" ${size.toFixed(1)}px`);
  }
  return out;
}"""

SMALL_CONTROLS = """() => {
  const out = [];
  for (const el of document.querySelectorAll('input[type=radio], input[type=checkbox]')) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    window.__radios = (window.__radios || 0) + 1;
    if (r.width < 23.9 || r.height < 23.9) out.push(`${el.name || el.id} ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
  }
  for (const el of document.querySelectorAll('#lesson-panel button, #lesson-panel a.lesson-button, #lesson-panel [data-phone-toggle], [data-phone-notice] button')) {
    const r = el.getBoundingClientRect();
    if (!r.width) continue;
    window.__checked = (window.__checked || 0) + 1;
    if (r.width < 43.9 || r.height < 43.9) out.push(`"${el.innerText.trim()}" ${r.width.toFixed(1)}x${r.height.toFixed(1)}`);
  }
  return out;
}"""

PAGES = [
    "/",
    "/sites/www.inburgeren.nl/",
    "/sites/www.inburgeren.nl/inloggen",
    "/sites/digid.nl/inloggen?dienst=duo",
    "/sites/ind.nl/",
    "/sites/ind.nl/zoeken?q=kwijt",
    "/sites/ind.nl/formulieren/vervangend-verblijfsdocument",
    "/sites/ind.nl/verblijfsvergunning-onbepaalde-tijd/formulier",
    "/sites/mail.oefenpost.nl/",
    "/opnieuw",
]
MIJN = [
    "",
    "gegevens/persoon",
    "gegevens/persoon/postadres",
    "examens",
    "examens/aanmelden",
    "lening",
    "facturen",
    "facturen/FAC229230568",
    "brieven",
]


CHECKED = {"controls": 0, "radios": 0}


def problems(page, script: str) -> list[str]:
    """What the script finds too small on this page (controls are counted as they are checked)."""
    page.wait_for_load_state("load")
    found = page.evaluate(script)
    if script is SMALL_CONTROLS:
        CHECKED["controls"] += page.evaluate("window.__checked || 0")
        CHECKED["radios"] += page.evaluate("window.__radios || 0")
        page.evaluate("window.__checked = 0, window.__radios = 0")
    return found


def log_in(page, base: str) -> None:
    page.goto(base + "/sites/digid.nl/inloggen?dienst=duo")
    page.locator("[data-target='digid.methode.sms']").click()
    page.locator("[data-target='digid.gebruikersnaam']").fill("oefenaccount")
    page.locator("[data-target='digid.wachtwoord']").fill("Oefenen123")
    page.locator("[data-target='digid.inloggen']").click()
    page.locator("[data-phone-notice] button[type=submit]").click()
    code = page.locator("#telefoon .phone-sms--newest .phone-sms__code").inner_text()
    page.locator("#telefoon [data-phone-close]").click()
    page.locator("[data-target='digid.sms.code']").fill(code)
    page.locator("[data-target='digid.sms.volgende']").click()
    page.wait_for_url("**/mijn.inburgeren.nl/**")


def test_text_at_least_16px_and_controls_big_enough(mobile, live_server):
    page, found = mobile, {}
    page.goto(live_server + "/")
    page.locator("form[action='/les/inloggen/begin'] button").click()  # the panel on every page
    visited = 0
    for path in PAGES:
        page.goto(live_server + path)
        found[path] = problems(page, SMALL_TEXT) + problems(page, SMALL_CONTROLS)
        visited += 1
    page.goto(live_server + "/sites/digid.nl/inloggen?dienst=duo")
    page.locator("[data-target='digid.methode.sms']").click()
    page.locator("[data-target='digid.gebruikersnaam']").fill("oefenaccount")
    page.locator("[data-target='digid.wachtwoord']").fill("Oefenen123")
    page.locator("[data-target='digid.inloggen']").click()
    found["sms-code with the banner"] = problems(page, SMALL_TEXT) + problems(page, SMALL_CONTROLS)
    page.locator("[data-phone-notice] button[type=submit]").click()
    expect(page.locator("#telefoon .phone-sms__code").first).to_be_visible()
    found["the phone's messages"] = problems(page, SMALL_TEXT) + problems(page, SMALL_CONTROLS)
    page.locator("#telefoon [data-phone-close]").click()
    log_in(page, live_server)
    for path in MIJN:
        page.goto(f"{live_server}/sites/mijn.inburgeren.nl/{path}")
        found[path or "mijn"] = problems(page, SMALL_TEXT) + problems(page, SMALL_CONTROLS)
        visited += 1
    page.locator("a[href*='/brieven/']").first.click()
    found["brief"] = problems(page, SMALL_TEXT)
    bad = {where: items for where, items in found.items() if items}
    assert not bad, f"too small on {len(bad)} of {len(found)} pages: {bad}"
    assert CHECKED["radios"] >= 10 and CHECKED["controls"] >= 50, CHECKED  # not a vacuous pass
    print(
        f"\n{len(found)} pages at 360 px: no text under 16 px; {CHECKED['radios']} radio buttons"
        f" and checkboxes >= 24 px, {CHECKED['controls']} panel and banner buttons >= 44 px"
    )


def luminance(rgb) -> float:
    def channel(c: int) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def standing_out(page, box: dict, hide: str, show: str) -> float:
    """The share of the box's pixels that differ with a contrast of 3:1 or more between the page
    with the thing and without it."""
    clip = {k: box[k] for k in ("x", "y", "width", "height")}
    with_it = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    page.evaluate(hide)
    without = Image.open(io.BytesIO(page.screenshot(clip=clip))).convert("RGB")
    page.evaluate(show)
    one, two = with_it.tobytes(), without.tobytes()
    pairs = [(one[i : i + 3], two[i : i + 3]) for i in range(0, len(one), 3)]
    strong = 0
    for a, b in pairs:
        la, lb = luminance(a), luminance(b)
        if (max(la, lb) + 0.05) / (min(la, lb) + 0.05) >= 3:
            strong += 1
    return strong / len(pairs)


def test_forced_colours_keep_arrow_letters_highlight_and_phone_icon(mobile, live_server):
    page = mobile
    page.emulate_media(forced_colors="active")
    page.goto(live_server + "/")
    assert page.evaluate("matchMedia('(forced-colors: active)').matches")
    page.locator("form[action='/les/inloggen/begin'] button").click()
    page.locator(".lesson-page__nav").get_by_role("button", name="Volgende").click()
    page.locator("[data-target='inburgeren.menu.inloggen']").click()
    page.locator("[data-target='inburgeren.login.knop']").click()
    page.locator("[data-target='digid.methode.sms']").click()
    expect(page.locator("#lesson-panel .lesson-panel__count")).to_have_text("Stap 5 van 7")
    page.emulate_media(forced_colors="active", reduced_motion="reduce")  # a still arrow to compare
    results = {}
    for name, selector in {"arrow": ".lesson-arrow", "letter A": ".lesson-letter"}.items():
        mark = page.locator(f"{selector}:visible").first
        results[name] = standing_out(
            page,
            mark.bounding_box(),
            "document.querySelectorAll('.lesson-overlay').forEach((l) => l.style.visibility = 'hidden')",
            "document.querySelectorAll('.lesson-overlay').forEach((l) => l.style.visibility = '')",
        )
    target = page.locator("[data-target='digid.inloggen']").bounding_box()
    ring = {"x": target["x"] - 8, "y": target["y"] - 8, "width": target["width"] + 16, "height": 8}
    results["highlight"] = standing_out(
        page,
        ring,
        "document.querySelector('.lesson-highlight').classList.add('no-highlight-test'), document.querySelector('.lesson-highlight').classList.remove('lesson-highlight')",
        "document.querySelector('.no-highlight-test').classList.add('lesson-highlight')",
    )
    icon = page.locator("[data-target='phone.toggle']:visible .phone-toggle__icon")
    results["phone icon"] = standing_out(
        page,
        icon.bounding_box(),
        "document.querySelectorAll('.phone-toggle__icon').forEach((i) => i.style.visibility = 'hidden')",
        "document.querySelectorAll('.phone-toggle__icon').forEach((i) => i.style.visibility = '')",
    )
    print(f"\nforced colours, share of pixels standing out 3:1: {results}")
    faint = {name: share for name, share in results.items() if share < 0.1}
    assert not faint, f"hardly visible in forced-colours mode: {faint}"
    assert_accessible(page)


def test_stop_moving_and_reduced_motion(mobile, live_server):
    page = mobile
    page.goto(live_server + "/")
    page.locator("form[action='/les/inloggen/begin'] button").click()
    page.locator(".lesson-page__nav").get_by_role("button", name="Volgende").click()
    arrow = page.locator(".lesson-arrow svg")
    expect(arrow).to_have_css("animation-name", re.compile(r"^lesson-nudge"))
    toggle = page.locator("#lesson-panel .lesson-panel__toggle")
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.tap()
    still = page.locator("#lesson-panel").get_by_role("button", name="Stop bewegen")
    still.tap()
    expect(still).to_have_attribute("aria-pressed", "true")
    expect(arrow).to_have_css("animation-name", "none")
    page.locator("[data-target='inburgeren.menu.inloggen']").tap()  # the next step: still still
    expect(page.locator(".lesson-arrow svg")).to_have_css("animation-name", "none")
    # Touch: Escape is not at hand; the arrow is hidden and brought back with a tap.
    page.keyboard.press("Escape")
    where = page.locator("#lesson-panel [data-where-button]")
    expect(where).to_have_text("Toon de pijl weer")
    where.tap()
    expect(page.locator(".lesson-arrow")).to_be_visible()
    page.emulate_media(reduced_motion="reduce")
    page.reload()
    expect(page.locator(".lesson-arrow svg")).to_have_css("animation-name", "none")
    expect(
        page.locator("#lesson-panel").get_by_role("button", name=re.compile("Stop bewegen"))
    ).to_be_hidden()
