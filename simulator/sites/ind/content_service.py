"""ind.nl's service pages (extend, contact, opening hours, appointment, forms), nl and en.

Same block format as content.py; amounts never stand here.
"""

from __future__ import annotations

from simulator.sites.ind.texts import KOSTEN, MIJN, T

SERVICE_PAGES: dict[str, dict] = {
    "verlengen": {
        "title": T("Verblijfsvergunning verlengen", "Extending a residence permit"),
        "summary": T(
            "Verloopt uw verblijfsvergunning? Vraag op tijd een verlenging aan.",
            "Is your residence permit expiring? Apply for an extension in time.",
        ),
        "body": [
            (
                "p",
                T(
                    "Vraag de verlenging aan voordat uw verblijfsvergunning verloopt. Doe dit het"
                    " liefst 3 maanden voor de einddatum. Dat kan online in Mijn IND.",
                    "Apply for the extension before your residence permit expires. Preferably do"
                    " this 3 months before the end date. You can do it online in My IND.",
                ),
            ),
            (
                "p",
                T(
                    "Is uw verblijfsdocument kwijt en verloopt uw vergunning binnen 6 maanden?"
                    " Vraag dan geen vervangend document aan, maar verleng uw vergunning.",
                    "Is your residence document lost and does your permit expire within 6 months?"
                    " Then do not apply for a replacement document, but extend your permit.",
                ),
            ),
            ("links", [(MIJN, T("Naar Mijn IND", "Go to My IND"))]),
        ],
    },
    "contact": {
        "title": T("Contact", "Contact"),
        "summary": T(
            "Heeft u een vraag? Bel de IND of stuur een bericht via Mijn IND.",
            "Do you have a question? Call the IND or send a message through My IND.",
        ),
        "body": [
            ("h2", T("Bellen", "By phone")),
            (
                "p",
                T(
                    "Bel 088 043 0430. Vanuit het buitenland: +31 88 043 0430. U kunt bellen van"
                    " maandag tot en met vrijdag van 09.00 tot 17.00 uur.",
                    "Call 088 043 0430. From abroad: +31 88 043 0430. You can call Monday to Friday"
                    " from 9:00 to 17:00.",
                ),
            ),
            (
                "p",
                T(
                    "Houd uw V-nummer bij de hand. Dat staat op uw verblijfsdocument en op brieven"
                    " van de IND.",
                    "Have your V-number ready. It is on your residence document and on letters from"
                    " the IND.",
                ),
            ),
            ("h2", T("Langskomen", "Visiting")),
            (
                "p",
                T(
                    "U kunt alleen naar een IND-loket als u een afspraak heeft.",
                    "You can only go to an IND desk if you have an appointment.",
                ),
            ),
            (
                "links",
                [
                    ("openingstijden", T("Openingstijden IND-loketten", "Opening hours IND desks")),
                    ("afspraak-maken", T("Afspraak maken", "Making an appointment")),
                ],
            ),
        ],
    },
    "openingstijden": {
        "title": T("Openingstijden IND-loketten", "Opening hours IND desks"),
        "summary": T(
            "De IND-loketten zijn open van maandag tot en met vrijdag, alleen op afspraak.",
            "The IND desks are open Monday to Friday, by appointment only.",
        ),
        "body": [
            (
                "p",
                T(
                    "De IND-loketten zijn open van maandag tot en met vrijdag van 09.00 tot 17.00"
                    " uur. U kunt alleen langskomen met een afspraak.",
                    "The IND desks are open Monday to Friday from 9:00 to 17:00. You can only come"
                    " with an appointment.",
                ),
            ),
            ("h2", T("IND-loketten", "IND desks")),
            (
                "ul",
                [
                    T("Amsterdam", "Amsterdam"),
                    T("Den Bosch", "Den Bosch"),
                    T("Den Haag", "The Hague"),
                    T("Zwolle", "Zwolle"),
                ],
            ),
            (
                "p",
                T(
                    "Het adres staat in de bevestiging van uw afspraak. Kom op tijd.",
                    "The address is in the confirmation of your appointment. Be on time.",
                ),
            ),
            ("links", [("afspraak-maken", T("Afspraak maken", "Making an appointment"))]),
        ],
    },
    "afspraak-maken": {
        "title": T("Afspraak maken", "Making an appointment"),
        "summary": T(
            "Wilt u naar een IND-loket? Maak eerst een afspraak.",
            "Do you want to go to an IND desk? Make an appointment first.",
        ),
        "body": [
            (
                "p",
                T(
                    "U maakt een afspraak online. Kies waarvoor u komt en bij welk loket. Kies dan"
                    " een datum en een tijd. U krijgt een bevestiging per e-mail.",
                    "You make an appointment online. Choose what you are coming for and which desk."
                    " Then choose a date and a time. You get a confirmation by e-mail.",
                ),
            ),
            ("h2", T("Wat neemt u mee?", "What do you bring?")),
            (
                "ul",
                [
                    T("Uw paspoort of verblijfsdocument", "Your passport or residence document"),
                    T("De bevestiging van uw afspraak", "The confirmation of your appointment"),
                    T("Uw V-nummer", "Your V-number"),
                ],
            ),
            (
                "p",
                T(
                    "Kunt u niet komen? Zeg uw afspraak dan af. Dan kan iemand anders die tijd"
                    " gebruiken.",
                    "Can you not come? Then cancel your appointment. Then someone else can use"
                    " that time.",
                ),
            ),
            (
                "links",
                [
                    ("openingstijden", T("Openingstijden IND-loketten", "Opening hours IND desks")),
                    (MIJN, T("Afspraak maken in Mijn IND", "Make an appointment in My IND")),
                ],
            ),
        ],
    },
    "formulieren": {
        "title": T("Formulieren", "Forms"),
        "summary": T(
            "Hier vindt u de aanvraagformulieren van de IND.",
            "Here you find the application forms of the IND.",
        ),
        "body": [
            (
                "links",
                [
                    (
                        "@ind.vervangen_formulier",
                        T(
                            "Aanvraag vervangend verblijfsdocument",
                            "Application for a replacement residence document",
                        ),
                    ),
                    (
                        "@ind.onbepaalde_tijd_formulier",
                        T(
                            "Aanvraag verblijfsvergunning voor onbepaalde tijd",
                            "Application for a permanent residence permit",
                        ),
                    ),
                ],
            ),
            (
                "p",
                T(
                    "Vul nooit een aanvraag in zonder advies te vragen bij uw begeleider.",
                    "Never fill in an application without asking your supervisor for advice.",
                ),
            ),
        ],
    },
}

#: Links in the footer of every page (target, title).
FOOTER = (
    ("contact", T("Contact", "Contact")),
    ("openingstijden", T("Openingstijden IND-loketten", "Opening hours IND desks")),
    ("afspraak-maken", T("Afspraak maken", "Making an appointment")),
    ("formulieren", T("Formulieren", "Forms")),
    (KOSTEN, T("Kosten", "Costs")),
)
