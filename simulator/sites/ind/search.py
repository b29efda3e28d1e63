"""Search on the sandbox ind.nl, Flask-free: the words a learner types, in Dutch or English."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from simulator.sites.ind.content import PAGES, T

MAX_QUERY = 200

#: The pages with their own view: (target, title, summary, extra words people type).
SPECIAL = (
    (
        "@ind.kwijt",
        T("Verblijfsdocument kwijt of gestolen", "Residence document lost or stolen"),
        T(
            "Doe eerst aangifte bij de politie. Vraag dan een vervangend verblijfsdocument aan.",
            "First report it to the police. Then apply for a replacement residence document.",
        ),
        "kwijt gestolen verloren vervangen vervangend nieuw verblijfsdocument verblijfspas pas"
        " pasje diefstal verlies politie aangifte proces-verbaal beschadigd kapot"
        " lost stolen missing replace replacement new residence document card permit theft"
        " police report damaged",
    ),
    (
        "@ind.vervangen_formulier",
        T(
            "Aanvraag vervangend verblijfsdocument",
            "Application for a replacement residence document",
        ),
        T(
            "Het formulier om een nieuw verblijfsdocument aan te vragen als het kwijt of gestolen is.",
            "The form to apply for a new residence document when it is lost or stolen.",
        ),
        "formulier aanvraagformulier aanvragen vervangen vervangend kwijt gestolen verloren online"
        " form application apply replacement lost stolen",
    ),
    (
        "@ind.onbepaalde_tijd",
        T("Verblijfsvergunning voor onbepaalde tijd", "Permanent residence permit"),
        T(
            "Wilt u definitief in Nederland blijven? Lees de voorwaarden, het formulier en de kosten.",
            "Do you want to stay in the Netherlands for good? Read the conditions, the form and"
            " the costs.",
        ),
        "onbepaalde tijd permanent permanente definitief blijven voorwaarden vijf jaar"
        " inburgeringsdiploma inkomen kosten aanvragen langdurig ingezetene eu verblijfsvergunning"
        " permanent residence permit stay conditions five years income costs apply long-term"
        " resident",
    ),
    (
        "@ind.onbepaalde_tijd_formulier",
        T(
            "Aanvraagformulier verblijfsvergunning voor onbepaalde tijd",
            "Application form permanent residence permit",
        ),
        T(
            "Vul het formulier online in of print het.",
            "Fill in the form online or print it.",
        ),
        "formulier aanvraagformulier aanvragen onbepaalde tijd permanent printen"
        " form application apply permanent residence print",
    ),
    (
        "@ind.kosten",
        T("Kosten", "Costs"),
        T("Wat kost een aanvraag bij de IND?", "What does an application to the IND cost?"),
        "kosten kost prijs prijzen tarieven tarief leges betalen geld hoeveel bedrag"
        " vervangend verblijfsdocument onbepaalde tijd"
        " costs cost fees fee price pay money how much",
    ),
    (
        "@ind.mijn_ind",
        T("Mijn IND", "My IND"),
        T(
            "Log in met DigiD en regel uw zaken online.",
            "Log in with DigiD and arrange things online.",
        ),
        "mijn ind inloggen digid online login log in my",
    ),
)

#: Extra words for the simple pages (slug -> words people type).
WORDS = {
    "wonen": "wonen huis live living house",
    "werken": "werk werken arbeid baan twv work job employer",
    "studeren": "studie student school universiteit study university",
    "familie-en-partner": "gezin partner nareis kinderen familie family reunification children",
    "asiel": "asiel vluchteling bescherming asylum refugee protection",
    "nederlander-worden": "naturalisatie nederlander nationaliteit naturalisation citizen",
    "verblijfsdocument": "verblijfsdocument verblijfspas kwijt verlengen residence document card",
    "verlengen": "verlengen verlenging verlopen verloopt extend extension renew expire",
    "contact": "contact bellen telefoon telefoonnummer vraag phone call question",
    "openingstijden": "openingstijden open loket loketten adres opening hours desk",
    "afspraak-maken": "afspraak loket maken appointment desk",
    "formulieren": "formulier formulieren aanvraag form forms application",
}

STOPWORDS = frozenset(
    "de het een en of van in op aan voor met bij naar ik u uw mijn is wat hoe waar ik je te"
    " the a an of to for in on and or my is what how where i do does".split()
)


@dataclass(frozen=True)
class Doc:
    target: str  # "slug" of a simple page or "@endpoint"
    title: dict
    summary: dict
    fields: tuple[frozenset, ...]  # words in title, extra words, summary, body (best first)


@dataclass(frozen=True)
class Hit:
    target: str
    title: dict
    summary: dict


def normalise(text: str) -> str:
    """Lower case, no accents, only letters and digits separated by single spaces."""
    text = unicodedata.normalize("NFKD", str(text)[: MAX_QUERY * 2]).casefold()
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^\w]+|_", " ", text).split())


def _words(*texts: str) -> frozenset:
    return frozenset(normalise(" ".join(texts)).split())


def _both(text: dict) -> str:
    return f"{text['nl']} {text['en']}"


def _body_text(body: list) -> str:
    out = []
    for kind, value in body:
        if kind == "links":
            out += [_both(title) for _target, title in value]
        elif kind == "ul":
            out += [_both(item) for item in value]
        else:
            out.append(_both(value))
    return " ".join(out)


@cache
def documents() -> tuple[Doc, ...]:
    """Everything the search can find."""
    docs = [
        Doc(target, title, summary, (_words(_both(title)), _words(words), _words(_both(summary))))
        for target, title, summary, words in SPECIAL
    ]
    for slug, page in PAGES.items():
        fields = (
            _words(_both(page["title"])),
            _words(WORDS.get(slug, "")),
            _words(_both(page["summary"])),
            _words(_body_text(page["body"])),
        )
        docs.append(Doc(slug, page["title"], page["summary"], fields))
    return tuple(docs)


def terms(query: str) -> list[str]:
    """The words of a query that are worth looking for (no stop words, no doubles)."""
    seen: list[str] = []
    for word in normalise(query[:MAX_QUERY]).split():
        if word not in STOPWORDS and word not in seen:
            seen.append(word)
    return seen


def _matches(term: str, words: frozenset) -> bool:
    if term in words:
        return True
    if len(term) >= 3 and any(w.startswith(term) for w in words):
        return True  # "verblijfsdoc" finds "verblijfsdocument"
    return any(len(w) >= 5 and term.startswith(w) for w in words)  # "kwijtgeraakt" finds "kwijt"


WEIGHTS = (5, 3, 2, 1)


def search(query: str) -> list[Hit]:
    """The pages that match the query, best first (most words found, then where found)."""
    wanted = terms(query)
    scored = []
    for order, doc in enumerate(documents()):
        found, score = 0, 0
        for term in wanted:
            fields = zip(WEIGHTS, doc.fields, strict=False)  # special pages have no body
            weights = [w for w, words in fields if _matches(term, words)]
            if weights:
                found += 1
                score += max(weights)
        if found:
            scored.append((-found, -score, order, doc))
    scored.sort(key=lambda item: item[:3])
    return [Hit(doc.target, doc.title, doc.summary) for *_rank, doc in scored]
