"""Every script renders with the simulator's own fonts, never as boxes, and a Dutch page
downloads only the Latin font."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from simulator.lessons.texts import LANGUAGES, spans

ROOT = Path(__file__).resolve().parents[2]
#: Beyond the lesson sentence: letters and signs each script must also have.
EXTRA = {
    "nl": "‘één’ – € 2.000,00 ▼ ←",
    "uk": "Її, ґанок, є, ʼ",
    "fa": "مرحلهٔ ۲ پ چ ژ گ ک ی ۰۱۲۳۴۵۶۷۸۹",
    "tr": "İ ı Ş ş Ğ ğ",
}


def samples() -> dict[str, str]:
    """Lesson 2's first instruction in every language, marks removed, plus EXTRA."""
    lesson = yaml.safe_load((ROOT / "lessons" / "02-inloggen.yaml").read_text(encoding="utf-8"))
    part = next(p for p in lesson["parts"] if p["id"] == "inloggen-mijn-inburgering")
    found = {}
    for lang in LANGUAGES:
        said = "".join(span.text for span in spans(part["instruction"][lang]))
        found[lang] = f"{said} {EXTRA.get(lang, '')}".strip()
    return found


SAMPLES = samples()
#: Dutch and English stay in the system's font (the sites are Dutch: no download for them).
SYSTEM = {"nl", "en"}
OURS = {"Noto Sans", "Noto Naskh Arabic", "Noto Sans Ethiopic"}
SHOW = """(samples) => {
  const main = document.querySelector('main');
  main.replaceChildren();
  for (const [lang, text] of Object.entries(samples)) {
    for (const bold of [false, true]) {
      const p = document.createElement(bold ? 'h2' : 'p');
      p.id = `s-${lang}-${bold ? 700 : 400}`;
      p.lang = lang;
      p.dir = (lang === 'ar' || lang === 'fa') ? 'rtl' : 'ltr';
      p.textContent = text;
      main.append(p);
    }
  }
}"""


SETTLED = """async () => {
  document.body.getBoundingClientRect();
  await document.fonts.ready;
  return [...document.fonts].filter(f => f.status === 'loaded').length;
}"""


def _fonts_requested(page) -> list[str]:
    found: list[str] = []
    page.on("request", lambda r: found.append(r.url) if "/static/fonts/" in r.url else None)
    return found


def test_dutch_pages_download_no_font(page, live_server):
    fonts = _fonts_requested(page)
    for path in ("/", "/sites/www.inburgeren.nl/", "/woorden/", "/les/inloggen"):
        page.goto(live_server + path)
        page.evaluate(SETTLED)
    assert fonts == []


def test_every_language_renders_in_our_fonts_without_boxes(page, live_server):
    fonts = _fonts_requested(page)
    page.goto(live_server + "/woorden/")
    page.evaluate(SHOW, SAMPLES)
    for _ in range(50):  # layout starts the downloads; wait until they are done
        if page.evaluate(SETTLED) >= 8:
            break
        page.wait_for_timeout(100)
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family + ' ' + f.weight + ' ' + f.unicodeRange.slice(0, 12))"
    )
    assert len(loaded) == 8, loaded
    assert {re.sub(r".*/oefen-(\w+-\d+)-[0-9a-f]{10}\.woff2$", r"\1", u) for u in fonts} == {
        f"{piece}-{weight}"
        for piece in ("latin", "cyrillic", "arabic", "ethiopic")
        for weight in (400, 700)
    }
    cdp = page.context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    for lang in SAMPLES:
        for weight in (400, 700):
            node = cdp.send(
                "DOM.querySelector", {"nodeId": root, "selector": f"#s-{lang}-{weight}"}
            )
            used = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
            glyphs = sum(font["glyphCount"] for font in used)
            assert glyphs >= len(SAMPLES[lang].replace(" ", "")) * 0.6, (lang, used)
            if lang in SYSTEM:  # one font of the system's stack draws every letter
                assert len(used) == 1 and not used[0]["isCustomFont"], (lang, weight, used)
                continue
            strangers = [f for f in used if not f["isCustomFont"] or f["familyName"] not in OURS]
            assert not strangers, (lang, weight, strangers)
    # the Persian sentence uses the Arabic and the Latin piece, nothing else
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": "#s-fa-400"})
    families = {
        f["familyName"]
        for f in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node["nodeId"]})["fonts"]
    }
    assert families == {"Noto Naskh Arabic", "Noto Sans"}
