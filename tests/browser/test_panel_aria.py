"""What a screen reader gets from the lesson panel and the phone (the accessibility tree).

The arrow's target is described as such, the letters are links to their elements, a new step
is announced once (not again on a reload, and not read twice when the focus goes to it), and
a new sms and an incoming call on the practice phone are announced.
"""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.conftest import assert_accessible

# Every text the live regions get, kept across page loads in this tab (runs before the page).
RECORD = """(() => {
  const log = (kind, text) => {
    const all = JSON.parse(sessionStorage.getItem('test-live') || '[]');
    all.push([kind, text]);
    sessionStorage.setItem('test-live', JSON.stringify(all));
  };
  new MutationObserver((changes) => {
    for (const change of changes) {
      const node = change.target.nodeType === 1 ? change.target : change.target.parentElement;
      const live = node && node.closest('#lesson-live, [data-phone-announce]');
      if (live && live.textContent.trim()) log(live.id === 'lesson-live' ? 'les' : 'telefoon', live.textContent.trim());
    }
  }).observe(document, {subtree: true, childList: true, characterData: true});
})();"""


def heard(page, kind: str) -> list[str]:
    """What the live region of the lesson ("les") or the phone ("telefoon") said so far."""
    return [
        text
        for k, text in page.evaluate("JSON.parse(sessionStorage.getItem('test-live') || '[]')")
        if k == kind
    ]


def step(page, text: str) -> None:
    expect(page.locator("#lesson-panel .lesson-panel__count")).to_have_text(text, timeout=10_000)


def target(page, name: str):
    return page.locator(f"[data-target='{name}']:visible").first


def begin_lesson_2(page, base: str) -> None:
    page.goto(base + "/")
    page.locator("form[action='/les/inloggen/begin'] button").click()
    page.locator(".lesson-page__nav").get_by_role("button", name="Volgende").click()
    step(page, "Stap 2 van 7")


def settle_live(page, count: int, kind: str = "les") -> list[str]:
    """Wait until the live region said `count` things (it speaks 250 ms after a step starts)."""
    page.wait_for_function(
        "([kind, n]) => JSON.parse(sessionStorage.getItem('test-live') || '[]').filter((x) => x[0] === kind).length >= n",
        arg=[kind, count],
    )
    return heard(page, kind)


def test_targets_are_described_and_letters_link_to_them(page, live_server):
    begin_lesson_2(page, live_server)
    target(page, "inburgeren.menu.inloggen").click()
    target(page, "inburgeren.login.knop").click()
    target(page, "digid.methode.sms").click()
    step(page, "Stap 5 van 7")
    expect(target(page, "digid.inloggen")).to_have_accessible_description(
        "Hier wijst de pijl: stap 5 van 7"
    )
    expect(page.get_by_label("DigiD gebruikersnaam")).to_have_accessible_description(
        "Letter A: stap 5 van 7"
    )
    expect(page.get_by_label("Wachtwoord", exact=True)).to_have_accessible_description(
        "Letter B: stap 5 van 7"
    )
    expect(page.locator("#lesson-panel [data-letters]")).to_match_aria_snapshot(
        """
        - list "Letters op de pagina":
          - listitem:
            - 'link "A: DigiD gebruikersnaam"'
          - listitem:
            - 'link "B: Wachtwoord"'
        """
    )
    page.locator("#lesson-panel").get_by_role("link", name="B: Wachtwoord").click()
    expect(page.get_by_label("Wachtwoord", exact=True)).to_be_focused()
    # Hidden with Escape, the arrow no longer describes its target; back, it does again.
    page.keyboard.press("Escape")
    expect(target(page, "digid.inloggen")).to_have_accessible_description("")
    page.locator("#lesson-panel").get_by_role("button", name="Toon de pijl weer").click()
    expect(target(page, "digid.inloggen")).to_have_accessible_description(
        "Hier wijst de pijl: stap 5 van 7"
    )
    assert_accessible(page)


def test_each_step_is_announced_once(page, live_server):
    page.add_init_script(RECORD)
    begin_lesson_2(page, live_server)
    assert settle_live(page, 1) == [
        "Stap 2 van 7. U wilt naar Mijn Inburgering. Ga daarom naar Inloggen Mijn Inburgering. Zie bij de pijl."
    ]
    page.reload()
    step(page, "Stap 2 van 7")
    page.wait_for_timeout(400)  # longer than the announcement's delay
    assert len(heard(page, "les")) == 1, "a reload announced the step again"
    target(page, "inburgeren.menu.inloggen").click()
    step(page, "Stap 3 van 7")
    said = settle_live(page, 2)
    assert said[1].startswith("Stap 3 van 7. U ziet nu de volgende pagina.")
    expect(page.locator("#lesson-live")).to_match_aria_snapshot(f"- paragraph: {said[1]}")
    # The instruction is in the panel once: the summary line's copy is not in the page's text.
    assert page.locator("#lesson-panel").get_by_text("U ziet nu de volgende pagina.").count() == 1
    target(page, "inburgeren.login.knop").click()
    step(page, "Stap 4 van 7")
    assert len(settle_live(page, 3)) == 3
    assert [s.split(".")[0] for s in heard(page, "les")] == [
        "Stap 2 van 7",
        "Stap 3 van 7",
        "Stap 4 van 7",
    ]


def test_after_volgende_the_focus_reads_the_instruction_once(page, live_server):
    page.add_init_script(RECORD)
    page.goto(live_server + "/")
    page.locator("form[action='/les/inburgeren/begin'] button").click()
    while "/les/" in page.url:
        with page.expect_navigation():
            page.locator(".lesson-page__nav").get_by_role("button", name="Volgende").click()
    settle_live(page, 1)
    target(page, "oefen.begin").click()
    step(page, "Stap 8 van 9")
    settle_live(page, 2)
    page.locator("#lesson-panel").get_by_role("button", name="Volgende", exact=True).click()
    step(page, "Stap 9 van 9")
    instruction = page.locator("#lesson-panel [data-instruction]")
    expect(instruction).to_be_focused()
    expect(instruction).to_contain_text("Bekijk de startpagina")
    page.wait_for_timeout(600)
    said = heard(page, "les")
    assert [s.split(".")[0] for s in said] == ["Stap 7 van 9", "Stap 8 van 9", "Stap 9 van 9"], said
    assert said[-1] == "Stap 9 van 9.", said  # the focus reads the instruction; said once


def test_sms_and_call_are_announced_and_shown_as_a_banner(mobile, live_server):
    page = mobile
    page.add_init_script(RECORD)
    page.goto(live_server + "/sites/digid.nl/inloggen?dienst=duo")
    target(page, "digid.methode.sms").click()
    target(page, "digid.gebruikersnaam").fill("oefenaccount")
    target(page, "digid.wachtwoord").fill("Oefenen123")
    target(page, "digid.inloggen").click()
    banner = page.locator("[data-phone-notice]")
    expect(banner).to_match_aria_snapshot(
        """
        - button "Nieuw bericht van DigiD Tik om te lezen"
        - button "Melding wegdoen"
        """
    )
    assert settle_live(page, 1, "telefoon") == ["Nieuw bericht van DigiD"]
    page.reload()
    expect(banner).to_be_visible()  # still there until read or put away, but said once
    page.wait_for_timeout(300)
    assert heard(page, "telefoon") == ["Nieuw bericht van DigiD"]
    # Put away: it stays away on the next page.
    banner.get_by_role("button", name="Melding wegdoen").click()
    expect(banner).to_be_hidden()
    expect(page.locator("[data-target='phone.toggle']:visible")).to_be_focused()
    page.reload()
    expect(banner).to_be_hidden()
    # A call: announced, and one tap on the banner shows it ringing on the phone.
    target(page, "digid.sms.voorlezen").click()
    expect(banner).to_contain_text("Inkomend gesprek van DigiD")
    assert settle_live(page, 2, "telefoon")[-1] == "Inkomend gesprek van DigiD"
    banner.get_by_role("button", name=re.compile("Inkomend gesprek")).click()
    phone = page.locator("#telefoon")
    expect(phone.get_by_role("button", name="Opnemen")).to_be_visible()
    expect(banner).to_be_hidden()
    assert_accessible(page)
