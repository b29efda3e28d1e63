"""ind.nl: the Immigratie- en Naturalisatiedienst's public site (exercises 3 and 4).

The blueprint and its page ids live here; the views are in pages.py, forms.py and mijn.py.
"""

from __future__ import annotations

from flask import Blueprint, url_for

from simulator import registry
from simulator.sites.ind.content import FOOTER, TOPICS
from simulator.sites.ind.texts import NOTICES_EN

bp = Blueprint("ind", __name__, url_prefix="/sites/ind.nl")

HOME = registry.page("ind.home", "ind", "IND")
SEARCH = registry.page("ind.search", "ind", "Zoeken")
PAGE = registry.page("ind.page", "ind", "Pagina van ind.nl")
KWIJT = registry.page("ind.kwijt", "ind", "Verblijfsdocument kwijt of gestolen")
VERVANGEN_FORM = registry.page(
    "ind.vervangen.formulier", "ind", "Aanvraag vervangend verblijfsdocument"
)
ONBEPAALD = registry.page("ind.onbepaalde_tijd", "ind", "Verblijfsvergunning voor onbepaalde tijd")
ONBEPAALD_FORM = registry.page(
    "ind.onbepaalde_tijd.formulier", "ind", "Aanvraagformulier verblijfsvergunning onbepaalde tijd"
)
KOSTEN = registry.page("ind.kosten", "ind", "Kosten")
MIJN_IND = registry.page("ind.mijn_ind", "ind", "Mijn IND")
CHECKED = registry.page("ind.formulier.gecontroleerd", "ind", "Formulier gecontroleerd (oefening)")

SEARCHED = registry.action("ind.searched", "query", description="searched on ind.nl")
FORM_CHECKED = registry.action(
    "ind.form_checked", "form", description="filled in an IND practice form without mistakes"
)
LOGGED_OUT = registry.action("ind.logged_out", description="Uitloggen in Mijn IND")


@bp.app_template_global("ind_url")
def target_url(target: str) -> str:
    """The address of a content link: "@endpoint" or the slug of a simple page."""
    if target.startswith("@"):
        return url_for(target[1:])
    return url_for("ind.page", slug=target)


bp.add_app_template_global(TOPICS, "ind_topics")  # also for the 404 page (no blueprint there)
bp.add_app_template_global(FOOTER, "ind_footer")
bp.add_app_template_global(NOTICES_EN, "ind_notices_en")


from simulator.sites.ind import forms, mijn, pages  # noqa: E402,F401  (register the views)
