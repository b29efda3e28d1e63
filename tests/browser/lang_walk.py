"""A learner who reads the lessons in another language: choosing it, walking a lesson by what
the panel points at without relying on the interface's words (their translations change), and
what a right-to-left page must keep: the marks next to their own targets on the Dutch site."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.panel_walk import Walk

#: The seven languages, each in its own script, as a learner must see them in the pickers.
SEVEN = {
    "nl": "Nederlands",
    "en": "English",
    "ar": "العربية",
    "ti": "ትግርኛ",
    "uk": "Українська",
    "fa": "فارسی",
    "tr": "Türkçe",
}

#: Until part A's <html dir="rtl"> is merged, a right-to-left learner's pages get it here, as
#: part A sets it: <html dir="rtl"> and the fake site's <main> kept lang="nl" dir="ltr". Once
#: the page has them itself this changes nothing.
RIGHT_TO_LEFT_PAGE = """(() => {
  const fix = () => {
    const html = document.documentElement;
    if (html && !html.hasAttribute('dir')) html.setAttribute('dir', 'rtl');
    const main = document.querySelector('main.site');
    if (main && !main.hasAttribute('dir')) { main.setAttribute('dir', 'ltr'); main.setAttribute('lang', 'nl'); }
  };
  const watch = new MutationObserver(fix);
  watch.observe(document, { childList: true, subtree: true });
  document.addEventListener('DOMContentLoaded', () => { fix(); watch.disconnect(); });
})();"""


def choose_language(page, base: str, lang: str) -> None:
    """Read the lessons in lang (the form the pickers send, with this page's CSRF token)."""
    if not page.url.startswith(base):
        page.goto(base + "/")
    page.evaluate(
        """async (lang) => {
          const token = document.querySelector('input[name=csrf_token]').value;
          const body = new URLSearchParams({csrf_token: token, taal: lang, next: '/'});
          const r = await fetch('/les/taal', {method: 'POST', body, credentials: 'same-origin'});
          if (!r.ok) throw new Error('language not chosen: ' + r.status);
        }""",
        lang,
    )


class LangWalk(Walk):
    """Walk, matching the panel by its structure instead of its (translated) words; it taps on
    a touch screen and clicks with a mouse."""

    def press(self, control) -> None:
        touch = self.page.evaluate("navigator.maxTouchPoints > 0")
        control.tap() if touch else control.click()

    def tap(self, name: str) -> None:
        self.press(self.target(name))

    def arrive(self, step: str, here: bool = True, name: str = "") -> None:
        number, total = re.findall(r"\d+", step)
        count = self.panel().locator(".lesson-panel__count")
        expect(count).to_have_attribute("data-number", number, timeout=10_000)
        expect(count).to_have_attribute("data-total", total)
        super().arrive(count.inner_text(), here, name)
        assert_marks_at_targets(self.page)

    def tap_panel(self, button: str) -> None:
        action = {"Volgende": "volgende", "Laat zien": "laat-zien", "Hulp nodig?": "hulp"}[button]
        control = self.panel().locator(f"form[action$='/{action}'] button:visible")
        if not control.count():
            self.press(self.panel().locator(".lesson-panel__toggle"))
        self.press(control.first)

    def begin(self) -> None:
        self.page.goto(self.base + "/")
        self.press(self.page.locator(f"form[action='/les/{self.lesson}/begin'] button"))
        self.page.wait_for_url(re.compile(r".*/(les|sites)/.*"))
        while "/les/" in self.page.url:
            with self.page.expect_navigation():
                self.press(self.page.locator(".lesson-page__nav form[action$='/volgende'] button"))

    def done(self) -> None:
        """The lesson page says the lesson is finished (in whatever words)."""
        expect(self.page).to_have_url(re.compile(rf".*/les/{self.lesson}$"))
        expect(self.page.locator(".lesson-page .lesson-msg--ok[role=status]")).to_be_visible()


MARKS_AT_TARGETS = """() => {
  const far = [];
  for (const m of document.querySelectorAll('.lesson-arrow, .lesson-letter')) {
    if (m.hidden || !m.getBoundingClientRect().width) continue;
    const target = [...document.querySelectorAll('[data-target]')]
      .find((e) => e.dataset.target === m.dataset.for && e.getBoundingClientRect().width > 0);
    if (!target) { far.push(`${m.dataset.for}: no target`); continue; }
    const a = m.getBoundingClientRect(), b = target.getBoundingClientRect();
    const dx = Math.max(0, b.left - a.right, a.left - b.right);
    const dy = Math.max(0, b.top - a.bottom, a.top - b.bottom);
    if (Math.max(dx, dy) > 8) far.push(`${m.dataset.for}: mark ${Math.round(dx)}/${Math.round(dy)} px away`);
  }
  return far;
}"""


def assert_marks_at_targets(page) -> None:
    """Every shown arrow and letter touches (or nearly) the element it is for."""
    far = page.evaluate(MARKS_AT_TARGETS)
    assert not far, far


def assert_direction(page, lang: str) -> None:
    """The panel and the phone in the learner's language and direction; the Dutch site stays
    left to right."""
    rtl = "rtl" if lang in ("ar", "fa") else "ltr"
    panel = page.locator("#lesson-panel")
    expect(panel).to_have_attribute("lang", lang)
    expect(panel).to_have_attribute("dir", rtl)
    assert panel.evaluate("el => getComputedStyle(el).direction") == rtl
    phone = page.locator("#telefoon")
    expect(phone).to_have_attribute("lang", lang)
    assert phone.evaluate("el => getComputedStyle(el).direction") == rtl
    site = page.locator("main.site")
    if site.count():
        assert site.evaluate("el => getComputedStyle(el).direction") == "ltr"
        assert site.evaluate("el => el.closest('[lang]').lang") in ("nl", "en")
