"""Per-language lesson texts: which languages exist, picking one, and a tiny safe markup."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

#: Every language a lesson text may have; the first ones are required.
LANGUAGES = ("nl", "en", "ar", "ti", "uk", "fa", "tr")
REQUIRED = ("nl", "en")
#: Languages the learner can pick in the panel today (complete for the chapter).
OFFERED = {"nl": "Nederlands", "en": "English"}


def pick(text: dict | None, lang: str) -> str:
    """The text in lang, falling back to Dutch."""
    if not text:
        return ""
    return text.get(lang) or text.get("nl", "")


_STRONG = re.compile(r"\*\*(.+?)\*\*")
_EM = re.compile(r"(?<![*\w])\*(?!\s)(.+?)(?<!\s)\*(?![*\w])")


def _inline(line: str) -> str:
    html = str(escape(line))
    html = _STRONG.sub(r"<strong>\1</strong>", html)
    return _EM.sub(r"<em>\1</em>", html)


def render(text: str) -> Markup:
    """Render lesson text: blank lines split paragraphs, "- " lines make a list,
    **bold** for buttons and *italic* for names. Everything else is escaped."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        group: list[str] = []
        for index, line in enumerate(lines):
            group.append(line)
            last = index == len(lines) - 1
            if last or lines[index + 1].startswith("- ") != line.startswith("- "):
                out.append(_group_html(group))
                group = []
    return Markup("".join(out))


def _group_html(lines: list[str]) -> str:
    if lines[0].startswith("- "):
        return "<ul>" + "".join(f"<li>{_inline(ln[2:])}</li>" for ln in lines) + "</ul>"
    return "<p>" + "<br>".join(_inline(ln) for ln in lines) + "</p>"


def inline(text: str) -> Markup:
    """One line of lesson text with **bold** and *italic*, no paragraph around it."""
    return Markup(_inline(" ".join((text or "").split())))


def render_in(text: dict | None, lang: str) -> Markup:
    """pick() then render()."""
    return render(pick(text, lang))


def parse_text(value: object, path: tuple, problems, required: tuple[str, ...] = REQUIRED) -> dict:
    """Check a per-language text {nl: ..., en: ...}; add a problem for each gap."""
    if value is None:
        problems.add(path, "tekst ontbreekt (verwacht nl: en en:).")
        return {}
    if not isinstance(value, dict):
        problems.add(path, f"verwacht een tekst per taal (nl:, en:), gevonden {value!r}.")
        return {}
    out = {}
    for lang, text in value.items():
        if lang not in LANGUAGES:
            problems.add(
                path + (lang,), f"onbekende taal {lang!r} (bekend: {', '.join(LANGUAGES)})."
            )
        elif not isinstance(text, str) or not text.strip():
            problems.add(path + (lang,), "tekst is leeg.")
        else:
            out[lang] = text
    for lang in required:
        if lang not in value:
            problems.add(path, f"tekst in taal {lang!r} ontbreekt.")
    return out
