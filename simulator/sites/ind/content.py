"""What the sandbox ind.nl says on its simple pages, in Dutch and English (content as data).

A page is a title, a summary and blocks: ("h2", T), ("p", T), ("ul", [T, ...]) and
("links", [(target, T), ...]) where target is a slug of another page or "@endpoint".
Amounts never stand here: fees come from the scenario (state["ind_fees"]).
"""

from __future__ import annotations

from simulator.sites.ind.content_service import FOOTER, SERVICE_PAGES
from simulator.sites.ind.texts import KOSTEN, KWIJT, ONBEPAALD, T

__all__ = ["FOOTER", "PAGES", "TOPICS", "T"]


#: The main topics on the home page, in this order (slug, title, teaser).
TOPICS = (
    ("wonen", T("Wonen", "Living"), T("Wonen in Nederland", "Living in the Netherlands")),
    ("werken", T("Werken", "Working"), T("Werken in Nederland", "Working in the Netherlands")),
    ("studeren", T("Studeren", "Studying"), T("Studie en onderzoek", "Study and research")),
    (
        "familie-en-partner",
        T("Familie en partner", "Family and partner"),
        T("Samen met uw gezin of partner", "Together with your family or partner"),
    ),
    ("asiel", T("Asiel", "Asylum"), T("Bescherming in Nederland", "Protection in the Netherlands")),
    (
        "nederlander-worden",
        T("Nederlander worden", "Becoming a Dutch citizen"),
        T("Naturalisatie en optie", "Naturalisation and option"),
    ),
    (
        "verblijfsdocument",
        T("Verblijfsdocument kwijt of verlengen", "Residence document lost or extending"),
        T("Kwijt, gestolen, verlopen", "Lost, stolen, expired"),
    ),
)

PAGES: dict[str, dict] = {
    "wonen": {
        "title": T("Wonen", "Living"),
        "summary": T(
            "Wilt u in Nederland wonen? Dan heeft u meestal een verblijfsvergunning nodig.",
            "Do you want to live in the Netherlands? Then you usually need a residence permit.",
        ),
        "body": [
            (
                "p",
                T(
                    "Welke verblijfsvergunning u nodig heeft, hangt af van de reden waarom u in"
                    " Nederland bent. Bijvoorbeeld: werk, studie, uw partner of asiel.",
                    "Which residence permit you need depends on why you are in the Netherlands."
                    " For example: work, study, your partner or asylum.",
                ),
            ),
            (
                "p",
                T(
                    "Woont u al 5 jaar in Nederland? Dan kunt u misschien een verblijfsvergunning"
                    " voor onbepaalde tijd aanvragen. Dan hoeft u niet meer te verlengen.",
                    "Have you lived in the Netherlands for 5 years? Then you may be able to apply"
                    " for a permanent residence permit. Then you no longer need to extend it.",
                ),
            ),
            (
                "links",
                [
                    (
                        ONBEPAALD,
                        T("Verblijfsvergunning voor onbepaalde tijd", "Permanent residence permit"),
                    ),
                    (
                        "verlengen",
                        T("Verblijfsvergunning verlengen", "Extending a residence permit"),
                    ),
                    ("familie-en-partner", T("Familie en partner", "Family and partner")),
                ],
            ),
        ],
    },
    "werken": {
        "title": T("Werken", "Working"),
        "summary": T(
            "Mag u werken in Nederland? Dat ziet u op uw verblijfsdocument.",
            "Are you allowed to work in the Netherlands? You can see it on your residence document.",
        ),
        "body": [
            (
                "p",
                T(
                    "Op de achterkant van uw verblijfsdocument staat of u mag werken. Staat er"
                    " 'Arbeid vrij toegestaan. TWV niet vereist'? Dan mag u elk werk doen.",
                    "The back of your residence document says whether you may work. Does it say"
                    " 'Arbeid vrij toegestaan. TWV niet vereist' (work freely permitted, no work"
                    " permit needed)? Then you may do any work.",
                ),
            ),
            (
                "p",
                T(
                    "Staat er iets anders? Dan heeft uw werkgever soms een tewerkstellingsvergunning"
                    " (TWV) nodig. Die vraagt de werkgever aan bij UWV.",
                    "Does it say something else? Then your employer may need a work permit (TWV)."
                    " The employer applies for it at UWV.",
                ),
            ),
            (
                "p",
                T(
                    "Heeft u een verblijfsvergunning asiel? Dan mag u werken zonder TWV.",
                    "Do you have an asylum residence permit? Then you may work without a TWV.",
                ),
            ),
        ],
    },
    "studeren": {
        "title": T("Studeren", "Studying"),
        "summary": T(
            "Wilt u in Nederland studeren? Uw school of universiteit vraagt de vergunning aan.",
            "Do you want to study in the Netherlands? Your school or university applies for the"
            " permit.",
        ),
        "body": [
            (
                "p",
                T(
                    "Komt u naar Nederland om te studeren? Dan vraagt uw onderwijsinstelling de"
                    " verblijfsvergunning voor u aan. U moet genoeg geld hebben om van te leven.",
                    "Are you coming to the Netherlands to study? Then your educational institution"
                    " applies for the residence permit for you. You must have enough money to live on.",
                ),
            ),
            (
                "p",
                T(
                    "Woont u al in Nederland met een andere verblijfsvergunning? Dan mag u meestal"
                    " gewoon studeren. U heeft dan geen aparte vergunning nodig.",
                    "Do you already live in the Netherlands with another residence permit? Then you"
                    " can usually just study. You do not need a separate permit.",
                ),
            ),
        ],
    },
    "familie-en-partner": {
        "title": T("Familie en partner", "Family and partner"),
        "summary": T(
            "Wilt u samenwonen met uw partner of uw gezin naar Nederland laten komen?",
            "Do you want to live with your partner or bring your family to the Netherlands?",
        ),
        "body": [
            (
                "p",
                T(
                    "Uw partner of kind kan een verblijfsvergunning krijgen om bij u te wonen."
                    " U moet dan aan voorwaarden voldoen, bijvoorbeeld genoeg inkomen.",
                    "Your partner or child can get a residence permit to live with you."
                    " You must meet conditions, for example enough income.",
                ),
            ),
            ("h2", T("Nareis", "Family reunification for refugees")),
            (
                "p",
                T(
                    "Heeft u een verblijfsvergunning asiel? Dan kan uw gezin misschien naar"
                    " Nederland komen. Dit heet nareis. Vraag dit aan binnen 3 maanden nadat u uw"
                    " verblijfsvergunning kreeg. Vraag VluchtelingenWerk om hulp.",
                    "Do you have an asylum residence permit? Then your family may be able to come to"
                    " the Netherlands. Apply within 3 months after you got your residence permit."
                    " Ask VluchtelingenWerk (the Dutch Council for Refugees) for help.",
                ),
            ),
        ],
    },
    "asiel": {
        "title": T("Asiel", "Asylum"),
        "summary": T(
            "Bent u in uw land niet veilig? Dan kunt u in Nederland asiel aanvragen.",
            "Are you not safe in your own country? Then you can apply for asylum in the"
            " Netherlands.",
        ),
        "body": [
            (
                "p",
                T(
                    "U vraagt asiel aan bij het aanmeldcentrum in Ter Apel. De IND onderzoekt of u"
                    " bescherming nodig heeft.",
                    "You apply for asylum at the application centre in Ter Apel. The IND checks"
                    " whether you need protection.",
                ),
            ),
            (
                "p",
                T(
                    "Krijgt u een verblijfsvergunning asiel? Die is 5 jaar geldig. Daarna kunt u een"
                    " verblijfsvergunning voor onbepaalde tijd aanvragen.",
                    "Do you get an asylum residence permit? It is valid for 5 years. After that you"
                    " can apply for a permanent residence permit.",
                ),
            ),
            (
                "links",
                [
                    (
                        ONBEPAALD,
                        T("Verblijfsvergunning voor onbepaalde tijd", "Permanent residence permit"),
                    ),
                    (
                        "familie-en-partner",
                        T("Nareis: uw gezin laten overkomen", "Bringing your family over"),
                    ),
                ],
            ),
        ],
    },
    "nederlander-worden": {
        "title": T("Nederlander worden", "Becoming a Dutch citizen"),
        "summary": T(
            "Woont u 5 jaar in Nederland? Dan kunt u misschien Nederlander worden.",
            "Have you lived in the Netherlands for 5 years? Then you may be able to become a"
            " Dutch citizen.",
        ),
        "body": [
            (
                "p",
                T(
                    "Nederlander worden heet naturalisatie. U vraagt dit aan bij uw gemeente.",
                    "Becoming a Dutch citizen is called naturalisation. You apply at your"
                    " municipality.",
                ),
            ),
            (
                "ul",
                [
                    T(
                        "U woont 5 jaar of langer in Nederland met een verblijfsvergunning.",
                        "You have lived in the Netherlands for 5 years or more with a residence permit.",
                    ),
                    T(
                        "U heeft het inburgeringsdiploma.",
                        "You have the civic integration diploma.",
                    ),
                    T("U heeft geen misdrijven gepleegd.", "You have not committed any crimes."),
                    T(
                        "Meestal moet u uw andere nationaliteit opgeven.",
                        "Usually you must give up your other nationality.",
                    ),
                ],
            ),
            (
                "p",
                T(
                    "Naturalisatie kost geld. Uw gemeente vertelt u hoeveel.",
                    "Naturalisation costs money. Your municipality tells you how much.",
                ),
            ),
        ],
    },
    "verblijfsdocument": {
        "title": T("Verblijfsdocument kwijt of verlengen", "Residence document lost or extending"),
        "summary": T(
            "Is uw verblijfsdocument kwijt of gestolen, of verloopt het bijna?",
            "Is your residence document lost or stolen, or does it expire soon?",
        ),
        "body": [
            (
                "p",
                T(
                    "Uw verblijfsdocument is het pasje dat laat zien dat u in Nederland mag wonen."
                    " Zorg dat het altijd geldig is.",
                    "Your residence document is the card that shows you may live in the"
                    " Netherlands. Make sure it is always valid.",
                ),
            ),
            (
                "links",
                [
                    (
                        KWIJT,
                        T(
                            "Verblijfsdocument kwijt of gestolen",
                            "Residence document lost or stolen",
                        ),
                    ),
                    (
                        "verlengen",
                        T("Verblijfsvergunning verlengen", "Extending a residence permit"),
                    ),
                    (
                        ONBEPAALD,
                        T("Verblijfsvergunning voor onbepaalde tijd", "Permanent residence permit"),
                    ),
                    (KOSTEN, T("Kosten", "Costs")),
                ],
            ),
        ],
    },
}

PAGES.update(SERVICE_PAGES)
