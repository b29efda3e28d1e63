"""Per-language lesson texts: which languages exist, picking one, and a tiny safe markup.

The markup a trainer or translator writes (never HTML; everything else is escaped):

- `**Inloggen**`: Dutch words on the screen, quoted exactly (bold; `lang="nl"` in a translation)
- `*Mijn Inburgering*`: a Dutch name (italic; `lang="nl"` in a translation)
- `__Volgende__`: a label of the Oefenomgeving itself in the text's own language (bold)
- `[[shown words|adresbalk]]`: a glossary word: a link to its entry (plain text if unknown)
- a blank line starts a paragraph, lines starting with "- " make a list.

Marks do not nest (`**[[x|y]]**` is refused by markup_problems) and never cross a line.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from simulator.yamlsource import Problems

#: Every language a lesson text may have; the first ones are required.
LANGUAGES = ("nl", "en", "ar", "ti", "uk", "fa", "tr")
REQUIRED = ("nl", "en")
#: Languages the learner can pick in the panel today (complete for the chapter).
OFFERED = {"nl": "Nederlands", "en": "English"}
#: A recording a volunteer made of one text in one language: lessons/audio/<...>.mp3
AUDIO_PATH = re.compile(r"audio/[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\.mp3")
WORD_ID = re.compile(r"[a-z0-9][a-z0-9-]*")


class Text(dict):
    """A per-language text {nl: ..., en: ...}; `audio` maps a language to a recording."""

    def __init__(self, texts: Mapping | None = None, audio: Mapping | None = None):
        super().__init__(texts or {})
        self.audio: dict[str, str] = dict(audio or {})


def pick(text: dict | None, lang: str) -> str:
    """The text in lang, falling back to Dutch."""
    if not text:
        return ""
    return text.get(lang) or text.get("nl", "")


def pick_lang(text: dict | None, lang: str) -> tuple[str, str]:
    """(the language actually shown, the text): lang when the text has it, else Dutch."""
    if text and text.get(lang):
        return lang, text[lang]
    return "nl", (text or {}).get("nl", "")


@dataclass(frozen=True)
class Span:
    """A piece of one line: plain text, or one mark with its words."""

    kind: str  # "plain", "screen" (**), "name" (*), "label" (__), "word" ([[..|..]])
    text: str
    word: str = ""  # the glossary id of a "word"


_SPAN = re.compile(
    r"\*\*(?P<screen>.+?)\*\*"
    r"|__(?P<label>.+?)__"
    r"|\[\[(?P<shown>[^\[\]|]+)\|(?P<word>[^\[\]|]*)\]\]"
    r"|(?<![*\w])\*(?![\s*])(?P<name>.+?)(?<![\s*])\*(?![*\w])"
)
_STRAY = re.compile(r"\*\*|__|\[\[|\]\]")


def spans(line: str) -> list[Span]:
    """Split one line into plain text and marks (leftmost mark first, never nested)."""
    out: list[Span] = []
    at = 0
    for match in _SPAN.finditer(line):
        if match.start() > at:
            out.append(Span("plain", line[at : match.start()]))
        kind = next(k for k in ("screen", "label", "shown", "name") if match.group(k) is not None)
        if kind == "shown":
            out.append(Span("word", match.group("shown"), match.group("word").strip()))
        else:
            out.append(Span(kind, match.group(kind)))
        at = match.end()
    if at < len(line):
        out.append(Span("plain", line[at:]))
    return out


def markup_problems(text: str) -> list[str]:
    """What is wrong with the marks of one text (empty when all is well)."""
    problems = []
    for line in (text or "").splitlines():
        for span in spans(line):
            if span.kind == "plain":
                stray = _STRAY.search(span.text)
                if stray:
                    problems.append(
                        f"{stray.group()!r} zonder partner in {line.strip()!r}: "
                        "sluit het teken op dezelfde regel (**woorden**, __label__, [[woord|id]])."
                    )
            elif _SPAN.search(span.text) or _STRAY.search(span.text):
                problems.append(
                    f"opmaak in opmaak kan niet: {span.text!r}. Zet de tekens na elkaar, "
                    "niet in elkaar (dus niet **[[woord|id]]**)."
                )
            elif span.kind == "word" and not WORD_ID.fullmatch(span.word):
                problems.append(
                    f"ongeldige woord-id {span.word!r} in [[{span.text}|{span.word}]]: "
                    "gebruik de id uit de woordenlijst (kleine letters, cijfers en -)."
                )
    return problems


def word_ids(text: str) -> list[str]:
    """The glossary ids a text links to, in order."""
    return [s.word for line in (text or "").splitlines() for s in spans(line) if s.kind == "word"]


def _inline(line: str, lang: str, words: Mapping[str, str] | None) -> str:
    dutch = ' lang="nl"' if lang != "nl" else ""
    out = []
    for span in spans(line):
        body = escape(span.text)
        if span.kind == "screen":
            out.append(f"<strong{dutch}>{body}</strong>")
        elif span.kind == "name":
            out.append(f"<em{dutch}>{body}</em>")
        elif span.kind == "label":
            out.append(f"<strong>{body}</strong>")
        elif span.kind == "word" and words and span.word in words:
            out.append(f'<a class="woord" href="{escape(words[span.word])}">{body}</a>')
        else:
            out.append(str(body))
    return "".join(out)


def render(text: str, lang: str = "nl", words: Mapping[str, str] | None = None) -> Markup:
    """Render a text written in lang: paragraphs, "- " lists and the marks above; `words`
    maps a glossary id to its page (an id not in it stays plain text). All else is escaped."""
    out: list[str] = []
    for block in re.split(r"\n\s*\n", (text or "").strip()):
        lines = [ln.strip() for ln in block.strip().splitlines() if ln.strip()]
        group: list[str] = []
        for index, line in enumerate(lines):
            group.append(line)
            last = index == len(lines) - 1
            if last or lines[index + 1].startswith("- ") != line.startswith("- "):
                out.append(_group_html(group, lang, words))
                group = []
    return Markup("".join(out))


def _group_html(lines: list[str], lang: str, words: Mapping[str, str] | None) -> str:
    if lines[0].startswith("- "):
        items = "".join(f"<li>{_inline(ln[2:], lang, words)}</li>" for ln in lines)
        return f"<ul>{items}</ul>"
    return "<p>" + "<br>".join(_inline(ln, lang, words) for ln in lines) + "</p>"


def inline(text: str, lang: str = "nl", words: Mapping[str, str] | None = None) -> Markup:
    """One line of text with the marks, no paragraph around it."""
    return Markup(_inline(" ".join((text or "").split()), lang, words))


def render_in(text: dict | None, lang: str, words: Mapping[str, str] | None = None) -> Markup:
    """pick() then render(), marking Dutch words only when the text is not Dutch itself."""
    shown, value = pick_lang(text, lang)
    return render(value, shown, words)


def inline_in(text: dict | None, lang: str, words: Mapping[str, str] | None = None) -> Markup:
    """pick() then inline()."""
    shown, value = pick_lang(text, lang)
    return inline(value, shown, words)


_END = ".!?:;…。።፧؟؛"


def spoken(text: str, lang: str) -> list[tuple[str, str]]:
    """What to say for a text in lang: [(voice language, words)], marks stripped, the Dutch
    words on the screen and Dutch names in Dutch. Every line ends as a sentence."""
    segments: list[tuple[str, str]] = []
    for raw in (text or "").splitlines():
        line = raw.strip()
        line = line[2:] if line.startswith("- ") else line
        if not line:
            continue
        for span in spans(line):
            voice = "nl" if span.kind in ("screen", "name") else lang
            _say(segments, voice, span.text)
        if line.rstrip("*_])\"'”»").rstrip()[-1:] not in _END:
            _say(segments, segments[-1][0] if segments else lang, ".")
        _say(segments, segments[-1][0] if segments else lang, " ")
    return [(voice, " ".join(words.split())) for voice, words in segments if words.strip()]


def _say(segments: list[tuple[str, str]], voice: str, words: str) -> None:
    if segments and segments[-1][0] == voice:
        segments[-1] = (voice, segments[-1][1] + words)
    else:
        segments.append((voice, words))


def parse_text(value: object, path: tuple, problems: Problems, required: tuple[str, ...] = REQUIRED) -> Text:
    """Check a per-language text {nl: ..., en: ..., audio: {ti: audio/x.mp3}}; add a problem
    for each gap or broken mark."""
    if value is None:
        problems.add(path, "tekst ontbreekt (verwacht nl: en en:).")
        return Text()
    if not isinstance(value, dict):
        problems.add(path, f"verwacht een tekst per taal (nl:, en:), gevonden {value!r}.")
        return Text()
    out = Text(audio=_audio(value.get("audio"), path + ("audio",), problems))
    for lang, text in value.items():
        if lang == "audio":
            continue
        if lang not in LANGUAGES:
            problems.add(
                path + (lang,), f"onbekende taal {lang!r} (bekend: {', '.join(LANGUAGES)})."
            )
        elif not isinstance(text, str) or not text.strip():
            problems.add(path + (lang,), "tekst is leeg.")
        else:
            for problem in markup_problems(text):
                problems.add(path + (lang,), problem)
            out[lang] = text
    for lang in required:
        if lang not in value:
            problems.add(path, f"tekst in taal {lang!r} ontbreekt.")
    return out


def _audio(value: object, path: tuple, problems: Problems) -> dict[str, str]:
    """audio: {ti: audio/inloggen/kies-sms-ti.mp3}: recordings per language."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(path, "verwacht per taal een opname, bijvoorbeeld ti: audio/les-2/stap-1.mp3.")
        return {}
    out = {}
    for lang, file in value.items():
        if lang not in LANGUAGES:
            problems.add(
                path + (lang,), f"onbekende taal {lang!r} (bekend: {', '.join(LANGUAGES)})."
            )
        elif not isinstance(file, str) or not AUDIO_PATH.fullmatch(file):
            problems.add(
                path + (lang,),
                f"verwacht audio/<naam>.mp3 (kleine letters, cijfers, - en _), gevonden {file!r}.",
            )
        else:
            out[lang] = file
    return out
