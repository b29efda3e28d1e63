"""www.inburgeren.nl: DUO's public site about civic integration (home, pages, search, login)."""

from __future__ import annotations

from flask import Blueprint, abort, request

from simulator import registry
from simulator.i18n import site_lang
from simulator.sites.common import pop_notices, render_page
from simulator.sites.inburgeren import content
from simulator.sites.inburgeren import sitesearch as searching

bp = Blueprint("inburgeren", __name__, url_prefix="/sites/www.inburgeren.nl")

SITE = "inburgeren"
HOME = registry.page("inburgeren.home", SITE, "Inburgeren")
LOGIN = registry.page("inburgeren.login", SITE, "Inloggen op Mijn Inburgering")
SEARCH = registry.page("inburgeren.search", SITE, "Zoeken op inburgeren.nl")
PAGE = registry.page("inburgeren.page", SITE, "Informatiepagina (slug)")


def _show(page_id: str, template: str, event: dict | None = None, status: int = 200, **ctx):
    """Render a page of this site with its one-time notices and the content data."""
    return render_page(
        page_id,
        template,
        event=event,
        status=status,
        notices=pop_notices(SITE),
        **ctx,
    )


@bp.get("/")
def home():
    """Home page: search, Snel naar, Onderwerpen, Nieuws."""
    return _show(HOME, "inburgeren/home.html")


@bp.get("/inloggen")
def login():
    """Inloggen op Mijn Inburgering: the DigiD button and three expanders."""
    return _show(LOGIN, "inburgeren/login.html")


@bp.get("/<slug>")
def page(slug: str):
    """One content page from the data in pages/*.yaml."""
    site_content = content.site()
    if slug not in site_content.pages:
        abort(404)
    return _show(
        PAGE,
        "inburgeren/page.html",
        event={"slug": slug},
        page=site_content.pages[slug],
        trail=site_content.trail(slug),
    )


@bp.get("/zoeken")
def search():
    """Search this site's pages in the learner's language (GET, so results can be shared)."""
    raw = request.args.get("q")
    query = searching.clean(raw or "")
    error, hits = None, []
    if raw is not None and not query:
        error = "empty"
    elif len(query) > searching.MAX_QUERY:
        error = "long"
    elif query:
        hits = searching.search(_entries(site_lang(SITE)), query)
    return _show(
        SEARCH,
        "inburgeren/search.html",
        event={"q": query[: searching.MAX_QUERY]},
        status=400 if error else 200,
        query=query,
        searched=raw is not None,
        error=error,
        hits=hits,
        max_query=searching.MAX_QUERY,
    )


def _entries(lang: str) -> list[searching.Entry]:
    site_content = content.site()
    login_text = site_content.home["login"]
    entries = [
        searching.Entry(
            "login",
            login_text["title"][lang],
            login_text["summary"][lang],
            f"{login_text['title'][lang]}\n{login_text['summary'][lang]}\nDigiD",
        )
    ]
    for item in site_content.pages.values():
        entries.append(
            searching.Entry(item.slug, item.title[lang], item.summary[lang], item.words(lang))
        )
    return entries


def init_app(app) -> None:
    """Check the content at start-up and let the templates (also the 404 page) read it."""
    content.site()
    app.jinja_env.globals["inburgeren_content"] = content.site
