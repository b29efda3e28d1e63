"""The public pages of ind.nl: home, search, the two answer pages, fees and simple pages."""

from __future__ import annotations

from flask import abort, request

from simulator import learner
from simulator.sites.common import pop_notices, render_page
from simulator.sites.ind import (
    HOME,
    KOSTEN,
    KWIJT,
    ONBEPAALD,
    PAGE,
    SEARCH,
    SEARCHED,
    bp,
)
from simulator.sites.ind.content import PAGES
from simulator.sites.ind.search import MAX_QUERY, search


def fees() -> dict:
    """The IND fees of this scenario (cents) with the year they belong to."""
    return learner.state()["ind_fees"]


@bp.get("/")
def home():
    return render_page(HOME, "ind/home.html", notices=pop_notices("ind"))


@bp.get("/zoeken")
def search_page():
    """Search results; ?q= is what the learner typed (kept short, never trusted)."""
    raw = request.args.get("q", "")
    printable = "".join(ch if ch.isprintable() else " " for ch in raw[: MAX_QUERY * 4])
    query = " ".join(printable.split())[:MAX_QUERY]
    hits = search(query) if query else []
    if query:
        learner.record_action(SEARCHED, query=query)
    return render_page(
        SEARCH,
        "ind/search.html",
        event={"query": query},
        query=query,
        hits=hits,
        too_long=len(raw.strip()) > MAX_QUERY,
    )


@bp.get("/verblijfsdocument-kwijt-of-gestolen")
def kwijt():
    return render_page(KWIJT, "ind/kwijt.html", fees=fees())


@bp.get("/verblijfsvergunning-onbepaalde-tijd")
def onbepaalde_tijd():
    return render_page(ONBEPAALD, "ind/onbepaalde_tijd.html", fees=fees())


@bp.get("/kosten")
def kosten():
    return render_page(KOSTEN, "ind/kosten.html", fees=fees())


@bp.get("/<slug>")
def page(slug: str):
    """A simple content page (topics, contact, opening hours, ...); unknown slugs are a 404."""
    content = PAGES.get(slug)
    if content is None:
        abort(404)
    return render_page(PAGE, "ind/page.html", event={"slug": slug}, slug=slug, content=content)
