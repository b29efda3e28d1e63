"""Search over the site's own pages: plain words in, pages with the most matches out."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

MAX_QUERY = 200
_WORD = re.compile(r"\w+")
_SPLIT = re.compile(r"(\w+)")
STOPWORDS = frozenset(
    "de het een en of van in op te aan met voor bij is ik u uw je mijn wat hoe wie waar wanneer"
    " the a an and or of in on to at with for by is i you your my what how who where when".split()
)


@dataclass(frozen=True)
class Entry:
    """A searchable page: its key, title, summary and all its words, in one language."""

    key: str
    title: str
    summary: str
    text: str


@dataclass(frozen=True)
class Hit:
    """One result: the page key and title, and the summary split into (text, matched) parts."""

    key: str
    title: str
    snippet: list[tuple[str, bool]]


def clean(query: str) -> str:
    """The query without control characters and surplus spaces."""
    kept = "".join(ch for ch in query if unicodedata.category(ch)[0] != "C" or ch in " \t")
    return " ".join(kept.split())


def normalise(text: str) -> str:
    """Lower case without accents, so "Oriëntatie" matches "orientatie"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def terms(query: str) -> list[str]:
    """The words worth searching for (no stopwords, no duplicates, in order)."""
    words = _WORD.findall(normalise(query))
    meaningful = [w for w in words if w not in STOPWORDS and (len(w) > 1 or w.isdigit())]
    return list(dict.fromkeys(meaningful or [w for w in words if len(w) > 1]))


def _matches(term: str, text: str, words: set[str]) -> bool:
    """Longer words match inside words ("examen" in "examens"); short ones only whole."""
    return term in text if len(term) >= 4 else term in words


def _highlight(text: str, wanted: list[str]) -> list[tuple[str, bool]]:
    parts = []
    for piece in _SPLIT.split(text):
        if piece:
            hit = bool(_WORD.fullmatch(piece)) and any(
                _matches(t, normalise(piece), {normalise(piece)}) for t in wanted
            )
            parts.append((piece, hit))
    return parts


def search(entries: list[Entry], query: str) -> list[Hit]:
    """Pages containing the query's words: most different words first, then title matches."""
    wanted = terms(query)
    if not wanted:
        return []
    scored = []
    for order, entry in enumerate(entries):
        title, body = normalise(entry.title), normalise(entry.text)
        words = set(_WORD.findall(body))
        found = [t for t in wanted if _matches(t, body, words)]
        if not found:
            continue
        in_title = sum(_matches(t, title, set(_WORD.findall(title))) for t in found)
        scored.append((-len(found), -in_title, -sum(body.count(t) for t in found), order, entry))
    scored.sort(key=lambda row: row[:4])
    return [Hit(e.key, e.title, _highlight(e.summary, wanted)) for *_, e in scored]
