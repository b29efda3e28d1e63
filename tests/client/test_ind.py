"""ind.nl through the test client: every page in nl and en, search, practice forms, Mijn IND."""

from __future__ import annotations

import html
import re

import pytest

IND = "/sites/ind.nl"


def text_of(response) -> str:
    """The page as a learner reads it: tags removed, entities decoded, spaces collapsed."""
    raw = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(html.unescape(raw).split())


def to_english(client, path: str = "/") -> None:
    client.get(IND + "/")
    client.get(f"{IND}/taal/en", query_string={"next": IND + path})


def set_fees(app, learner, **fees) -> None:
    """Change the scenario's IND fees for this learner (as a trainer's scenario would)."""
    learner_id = learner.start()
    app.extensions["store"].mutate_state(learner_id, lambda data: data["ind_fees"].update(fees))


PAGES = [
    # path, page id, Dutch text, English text
    ("/", "ind.home", "Welkom bij de IND", "Welcome to the IND"),
    ("/zoeken", "ind.search", "U heeft nog geen zoekwoord ingevuld", "You have not typed a search"),
    (
        "/verblijfsdocument-kwijt-of-gestolen",
        "ind.kwijt",
        "U krijgt van de politie een proces-verbaal",
        "The police give you an official report (proces-verbaal)",
    ),
    (
        "/verblijfsvergunning-onbepaalde-tijd",
        "ind.onbepaalde_tijd",
        "U woont 5 jaar of langer onafgebroken in Nederland",
        "You have lived in the Netherlands without a break for 5 years",
    ),
    ("/kosten", "ind.kosten", "Kosten in 2026", "Costs in 2026"),
    (
        "/formulieren/vervangend-verblijfsdocument",
        "ind.vervangen.formulier",
        "Aanvraag vervangend verblijfsdocument",
        "Application for a replacement residence document",
    ),
    (
        "/verblijfsvergunning-onbepaalde-tijd/formulier",
        "ind.onbepaalde_tijd.formulier",
        "Aanvraagformulier verblijfsvergunning voor onbepaalde tijd",
        "Application form permanent residence permit",
    ),
    ("/wonen", "ind.page", "Welke verblijfsvergunning u nodig heeft", "Which residence permit"),
    ("/werken", "ind.page", "Arbeid vrij toegestaan", "you may do any work"),
    ("/studeren", "ind.page", "onderwijsinstelling", "educational institution"),
    ("/familie-en-partner", "ind.page", "Nareis", "Family reunification for refugees"),
    ("/asiel", "ind.page", "Ter Apel", "Ter Apel"),
    ("/nederlander-worden", "ind.page", "naturalisatie", "naturalisation"),
    ("/verblijfsdocument", "ind.page", "Verblijfsdocument kwijt of verlengen", "lost or extending"),
    ("/verlengen", "ind.page", "3 maanden voor de einddatum", "3 months before the end date"),
    ("/contact", "ind.page", "Bel 088 043 0430", "Call 088 043 0430"),
    ("/openingstijden", "ind.page", "van 09.00 tot 17.00 uur", "from 9:00 to 17:00"),
    ("/afspraak-maken", "ind.page", "Wat neemt u mee?", "What do you bring?"),
    ("/formulieren", "ind.page", "aanvraagformulieren", "application forms"),
]


@pytest.mark.parametrize(("path", "page_id", "dutch", "_english"), PAGES)
def test_every_page_in_dutch(client, path, page_id, dutch, _english):
    response = client.get(IND + path)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert f'data-page="{page_id}"' in body
    assert 'tabindex="-1" lang="nl" dir="ltr">'  # the site's <main> in body
    assert dutch in text_of(response)
    assert 'data-target="ind.taal"' in body and "English" in text_of(response)


@pytest.mark.parametrize(("path", "page_id", "_dutch", "english"), PAGES)
def test_every_page_in_english(client, path, page_id, _dutch, english):
    to_english(client)
    response = client.get(IND + path)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert f'data-page="{page_id}"' in body
    assert 'tabindex="-1" lang="en" dir="ltr">'  # the site's <main> in body
    assert english in text_of(response)
    assert "Nederlands" in text_of(response)


def test_page_views_are_logged_with_their_params(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    client.get(IND + "/verblijfsdocument-kwijt-of-gestolen")
    client.get(IND + "/contact")
    pages = [(e["name"], e["params"]) for e in learner.events(app) if e["kind"] == "page"]
    assert ("ind.kwijt", {}) in pages
    assert ("ind.page", {"slug": "contact"}) in pages


def test_home_has_search_topics_flag_and_mijn_ind(client):
    body = client.get(IND + "/").get_data(as_text=True)
    for slug in (
        "wonen",
        "werken",
        "studeren",
        "familie-en-partner",
        "asiel",
        "nederlander-worden",
        "verblijfsdocument",
    ):
        assert f'data-target="ind.onderwerp.{slug}"' in body
        assert f'href="{IND}/{slug}"' in body
    assert body.count('data-target="ind.zoek"') == 1
    assert f'href="{IND}/mijn-ind"' in body


def test_flag_switches_to_english_and_back_on_the_same_page(client):
    body = client.get(IND + "/kosten").get_data(as_text=True)
    flag = re.search(r'href="([^"]+)"[^>]*data-target="ind.taal"', body).group(1)
    response = client.get(html.unescape(flag))
    assert response.status_code == 302 and response.headers["Location"].endswith(IND + "/kosten")
    assert "Costs in 2026" in text_of(client.get(IND + "/kosten"))
    back = re.search(
        r'href="([^"]+)"[^>]*data-target="ind.taal"',
        client.get(IND + "/kosten").get_data(as_text=True),
    ).group(1)
    client.get(html.unescape(back))
    assert "Kosten in 2026" in text_of(client.get(IND + "/kosten"))


def test_unknown_page_is_the_sites_own_404_in_the_chosen_language(client):
    response = client.get(IND + "/bestaat-niet")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in text_of(response)
    assert "Immigratie- en Naturalisatiedienst" in text_of(response)
    to_english(client)
    response = client.get(IND + "/a/b/c")
    assert response.status_code == 404
    assert "Page not found" in text_of(response)
    assert (
        'tabindex="-1" lang="en" dir="ltr">'
    )  # the site's <main> in response.get_data(as_text=True)


# --- fees come from the scenario -------------------------------------------------------------


def test_fees_and_year_come_from_the_scenario(client):
    kwijt = text_of(client.get(IND + "/verblijfsdocument-kwijt-of-gestolen"))
    assert "€ 171,00" in kwijt and "2026" in kwijt
    onbepaald = text_of(client.get(IND + "/verblijfsvergunning-onbepaalde-tijd"))
    assert "€ 228,00" in onbepaald and "Deze bedragen gelden voor 2026" in onbepaald


def test_changed_fees_show_everywhere(app, client, learner):
    set_fees(
        app,
        learner,
        year=2027,
        vervangend_verblijfsdocument=18_500,
        onbepaalde_tijd_regulier=24_000,
        onbepaalde_tijd_eu_langdurig=24_150,
    )
    kosten = text_of(client.get(IND + "/kosten"))
    assert "Kosten in 2027" in kosten
    assert "€ 185,00" in kosten and "€ 240,00" in kosten and "€ 241,50" in kosten
    assert "€ 171,00" not in kosten and "2026" not in kosten
    onbepaald = client.get(IND + "/verblijfsvergunning-onbepaalde-tijd").get_data(as_text=True)
    assert "€ 240,00" in onbepaald and 'data-target="ind.onbepaalde_tijd.kosten"' in onbepaald
    to_english(client)
    assert "€ 241.50" in text_of(client.get(IND + "/kosten"))


# --- search ------------------------------------------------------------------------------------

KWIJT_TITLE = {
    "nl": "Verblijfsdocument kwijt of gestolen",
    "en": "Residence document lost or stolen",
}
ONBEPAALD_TITLE = {
    "nl": "Verblijfsvergunning voor onbepaalde tijd",
    "en": "Permanent residence permit",
}
KOSTEN_TITLE = {"nl": "Kosten", "en": "Costs"}
FORM_TITLE = {
    "nl": "Aanvraagformulier verblijfsvergunning voor onbepaalde tijd",
    "en": "Application form permanent residence permit",
}


def first_hits(client, query: str, n: int = 3) -> list[str]:
    body = client.get(IND + "/zoeken", query_string={"q": query}).get_data(as_text=True)
    ol = re.search(r'<ol class="ind-hits">(.*?)</ol>', body, re.S)
    assert ol, f"no results for {query!r}"
    return [html.unescape(t) for t in re.findall(r"<a [^>]*>([^<]+)</a>", ol.group(1))][:n]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kwijt", KWIJT_TITLE),
        ("gestolen", KWIJT_TITLE),
        ("vervangen", KWIJT_TITLE),
        ("verloren", KWIJT_TITLE),
        ("verblijfsdocument", KWIJT_TITLE),
        ("  KWIJT   ", KWIJT_TITLE),
        ("pasje kwijtgeraakt", KWIJT_TITLE),
        ("onbepaalde tijd", ONBEPAALD_TITLE),
        ("Onbepaalde   Tijd", ONBEPAALD_TITLE),
        ("permanent", ONBEPAALD_TITLE),
        ("kosten", KOSTEN_TITLE),
        ("formulier", FORM_TITLE),
        ("wat kost een verblijfsvergunning voor onbepaalde tijd?", ONBEPAALD_TITLE),
        ("lost", KWIJT_TITLE),
        ("stolen", KWIJT_TITLE),
        ("permanent residence", ONBEPAALD_TITLE),
        ("costs", KOSTEN_TITLE),
        ("form", FORM_TITLE),
    ],
)
def test_search_finds_the_page_a_learner_means(client, query, expected):
    assert expected["nl"] in first_hits(client, query)
    to_english(client)
    assert expected["en"] in first_hits(client, query)


def test_search_records_what_was_searched(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    client.get(IND + "/zoeken", query_string={"q": "  vervangen   document "})
    actions = [e for e in learner.events(app) if e["kind"] == "action"]
    assert actions[-1]["name"] == "ind.searched"
    assert actions[-1]["params"] == {"query": "vervangen document"}


def test_search_result_links_lead_to_the_pages(client):
    body = client.get(IND + "/zoeken", query_string={"q": "kwijt"}).get_data(as_text=True)
    assert f'href="{IND}/verblijfsdocument-kwijt-of-gestolen"' in body
    assert client.get(IND + "/verblijfsdocument-kwijt-of-gestolen").status_code == 200


def test_search_without_results_says_so_and_helps(client):
    response = client.get(IND + "/zoeken", query_string={"q": "fietsenstalling"})
    assert response.status_code == 200
    page = text_of(response)
    assert 'Geen resultaten gevonden voor "fietsenstalling".' in page
    assert "Controleer de spelling." in page
    assert 'class="ind-hits"' not in response.get_data(as_text=True)
    to_english(client)
    assert 'No results found for "fietsenstalling".' in text_of(
        client.get(IND + "/zoeken", query_string={"q": "fietsenstalling"})
    )


@pytest.mark.parametrize("query", ["", "   ", "\t\n"])
def test_empty_search_asks_for_a_word(client, learner, app, query):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    response = client.get(IND + "/zoeken", query_string={"q": query})
    assert response.status_code == 200
    assert "U heeft nog geen zoekwoord ingevuld." in text_of(response)
    assert not [e for e in learner.events(app) if e["name"] == "ind.searched"]


def test_very_long_search_is_shortened_not_broken(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    response = client.get(IND + "/zoeken", query_string={"q": "kwijt " + "x" * 10_000})
    assert response.status_code == 200
    assert "uw zoekvraag was te lang en is ingekort" in text_of(response)
    assert KWIJT_TITLE["nl"] in text_of(response)
    searched = [e for e in learner.events(app) if e["name"] == "ind.searched"][-1]
    assert len(searched["params"]["query"]) == 200


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "{{ 7*7 }}",
        "' OR 1=1 --",
        "\x00\x01",
        "😀🇳🇱",
        "%00%2F..",
        "كيف أستبدل",
        "ﬁ𝔨𝔴𝔦𝔧𝔱",
        "\\",
        "&amp;&lt;",
    ],
)
def test_odd_characters_never_break_search(client, query):
    response = client.get(IND + "/zoeken", query_string={"q": query})
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "<script>alert" not in body and "\x00" not in body
    page = text_of(response)
    assert any(
        text in page
        for text in (
            "Geen resultaten gevonden voor",
            "nog geen zoekwoord",
            "resultaten voor",
            "resultaat voor",
        )
    )
    if "{{" in query:
        assert 'Geen resultaten gevonden voor "{{ 7*7 }}"' in page  # shown, not run


# --- practice forms ----------------------------------------------------------------------------

VERVANGEN = IND + "/formulieren/vervangend-verblijfsdocument"
ONBEPAALD = IND + "/verblijfsvergunning-onbepaalde-tijd/formulier"
GOOD_VERVANGEN = {
    "v_nummer": "1234567890",
    "achternaam": "Tesfay",
    "voornamen": "Yonas",
    "geboortedatum": "14-03-1992",
    "reden": "gestolen",
    "pv_nummer": "PL0900-2026123456",
    "pv_datum": "02-11-2026",
    "straat": "Kastanjelaan",
    "huisnummer": "12",
    "postcode": "7511ab",
    "plaats": "Enschede",
    "email": "yonas@voorbeeld.nl",
    "verklaring": "ja",
}
GOOD_ONBEPAALD = {
    "soort": "eu",
    "v_nummer": "1234567890",
    "achternaam": "Tesfay",
    "voornamen": "Yonas",
    "geboortedatum": "14-03-1992",
    "nationaliteit": "Eritrese",
    "straat": "Kastanjelaan",
    "huisnummer": "12",
    "postcode": "7511 AB",
    "plaats": "Enschede",
    "email": "yonas@voorbeeld.nl",
    "vijf_jaar": "ja",
    "inburgering": "ja",
    "inkomen": "ja",
    "verklaring": "ja",
}


@pytest.mark.parametrize(
    ("url", "data", "form"),
    [
        (VERVANGEN, GOOD_VERVANGEN, "vervangend-verblijfsdocument"),
        (ONBEPAALD, GOOD_ONBEPAALD, "onbepaalde-tijd"),
    ],
)
def test_good_form_ends_on_a_practice_page_and_is_never_sent(app, client, learner, url, data, form):
    response = learner.post(url, data)
    assert response.status_code == 302
    assert response.headers["Location"] == f"{IND}/formulieren/{form}/gecontroleerd"
    done = client.get(response.headers["Location"])
    assert done.status_code == 200
    page = text_of(done)
    assert "Dit was een oefening" in page
    assert "Het formulier is niet verstuurd" in page
    assert "Enschede" in page and "7511 AB" in page
    assert 'data-page="ind.formulier.gecontroleerd"' in done.get_data(as_text=True)
    checked = [e for e in learner.events(app) if e["name"] == "ind.form_checked"]
    assert checked[-1]["params"] == {"form": form}


def test_practice_page_in_english(client, learner):
    to_english(client)
    learner.post(VERVANGEN, GOOD_VERVANGEN)
    page = text_of(client.get(IND + "/formulieren/vervangend-verblijfsdocument/gecontroleerd"))
    assert "This was practice" in page and "Stolen" in page


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("v_nummer", "12345", "Een V-nummer heeft 10 cijfers. U typte er 5."),
        ("v_nummer", "", "Vul uw V-nummer in."),
        ("achternaam", "", "Vul uw achternaam in."),
        ("geboortedatum", "1992-03-14", "Schrijf de geboortedatum zo: 14-03-1992."),
        ("pv_nummer", "", "Vul het nummer van het proces-verbaal in."),
        (
            "pv_datum",
            "01-01-2099",
            "De datum van het proces-verbaal kan niet in de toekomst liggen.",
        ),
        ("reden", "", "Kies of uw verblijfsdocument kwijt is of gestolen."),
        ("postcode", "ABCD 12", "Een postcode heeft 4 cijfers en 2 letters"),
        ("email", "yonas.voorbeeld.nl", "Vul een goed e-mailadres in"),
        ("verklaring", "", "Zet een vinkje"),
    ],
)
def test_bad_input_is_shown_beside_the_field_and_kept(client, learner, field, value, message):
    response = learner.post(VERVANGEN, {**GOOD_VERVANGEN, field: value})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert message in text_of(response)
    first = re.search(rf'id="{field}"[^>]*>', body).group(0)
    assert 'aria-invalid="true"' in first
    assert f'aria-describedby="{field}-fout' in body
    assert f'id="{field}-fout"' in body
    assert 'value="Kastanjelaan"' in body  # what was typed is kept
    if value and field not in ("reden", "verklaring"):
        assert f'value="{html.escape(value)}"' in body


def test_bad_input_message_in_english(client, learner):
    to_english(client)
    response = learner.post(VERVANGEN, {**GOOD_VERVANGEN, "v_nummer": "12"})
    assert response.status_code == 400
    assert "A V-number has 10 digits. You typed 2." in text_of(response)


def test_permanent_form_explains_missing_conditions(client, learner):
    response = learner.post(ONBEPAALD, {**GOOD_ONBEPAALD, "vijf_jaar": "", "inkomen": ""})
    assert response.status_code == 400
    page = text_of(response)
    assert "U kunt alleen aanvragen als u 5 jaar of langer in Nederland woont." in page
    assert "U heeft genoeg inkomen nodig" in page
    assert "Controleer het formulier" in page


def test_empty_post_gives_messages_not_an_error(learner):
    response = learner.post(ONBEPAALD, {})
    assert response.status_code == 400
    assert text_of(response).count("Vul uw") >= 5


def test_junk_and_huge_values_never_give_a_500(learner):
    data = {name: "<script>" + "x" * 3_000 for name in GOOD_VERVANGEN}
    data["extra"] = "onbekend veld"
    response = learner.post(VERVANGEN, data)
    assert response.status_code == 400
    assert "<script>xxx" not in response.get_data(as_text=True)


@pytest.mark.parametrize("url", [VERVANGEN, ONBEPAALD, IND + "/mijn-ind/uitloggen"])
def test_post_without_csrf_token_changes_nothing(client, url):
    client.get(IND + "/")
    response = client.post(url, data=GOOD_VERVANGEN)
    assert response.status_code == 400
    assert "Deze pagina is verlopen" in text_of(response)


def test_checked_page_before_filling_in_goes_to_the_form(client):
    response = client.get(IND + "/formulieren/onbepaalde-tijd/gecontroleerd")
    assert response.status_code == 302 and response.headers["Location"] == ONBEPAALD
    assert client.get(IND + "/formulieren/paspoort/gecontroleerd").status_code == 404


def test_printable_form_has_a_print_button_and_the_let_op(client):
    body = client.get(ONBEPAALD).get_data(as_text=True)
    assert 'class="ind-button ind-button--secondary ind-print" hidden' in body
    assert "Vul nooit een aanvraag in zonder advies te vragen bij uw begeleider van" in body
    assert 'data-target="ind.onbepaalde_tijd.formulier"' in client.get(
        IND + "/verblijfsvergunning-onbepaalde-tijd"
    ).get_data(as_text=True)


# --- the answer page's parts ---------------------------------------------------------------


def test_kwijt_page_has_every_part_of_the_answer(client):
    response = client.get(IND + "/verblijfsdocument-kwijt-of-gestolen")
    body, page = response.get_data(as_text=True), text_of(response)
    for text in (
        "Doe aangifte bij de politie",
        "een kopie van het proces-verbaal",
        "V-nummer",
        "pasfoto",
        "Vindt u uw oude document terug?",
        "binnen 6 maanden",
        "Verleng uw verblijfsvergunning",
        "Klik dan op het vlag-symbool",
        "Vul nooit een aanvraag in zonder advies te vragen bij uw begeleider van "
        "vluchtelingenwerk.",
    ):
        assert text in page
    assert f'href="{IND}/mijn-ind" data-target="ind.kwijt.aanvragen"' in body
    assert f'href="{VERVANGEN}"' in body
    assert 'href="/verlaten?url=https' in body  # politie.nl through the leave page


# --- Mijn IND --------------------------------------------------------------------------------


def test_mijn_ind_needs_digid(client):
    response = client.get(IND + "/mijn-ind")
    assert response.status_code == 302
    assert response.headers["Location"] == "/sites/digid.nl/inloggen?dienst=ind"


def test_mijn_ind_shows_the_practice_person_and_the_application(app, client, learner):
    learner.login(app, "ind")
    response = client.get(IND + "/mijn-ind")
    assert response.status_code == 200
    page = text_of(response)
    assert "Welkom, Yonas Tesfay." in page
    assert re.search(r"V-nummer \d{10}\b", page)
    assert f'href="{VERVANGEN}"' in response.get_data(as_text=True)
    form = client.get(VERVANGEN).get_data(as_text=True)
    assert 'value="Tesfay"' in form and 'value="14-03-1992"' in form  # Mijn IND fills in


def test_a_duo_login_is_not_an_ind_login(app, client, learner):
    learner.login(app, "duo")
    assert client.get(IND + "/mijn-ind").status_code == 302


def test_uitloggen_logs_out_of_ind_only_and_says_so(app, client, learner):
    learner.login(app, "ind")
    learner.login(app, "duo")
    response = learner.post(IND + "/mijn-ind/uitloggen", form_url=IND + "/mijn-ind")
    assert response.status_code == 302 and response.headers["Location"] == IND + "/"
    assert set(learner.state(app)["auth"]["sessions"]) == {"duo"}
    assert "U bent uitgelogd uit Mijn IND." in text_of(client.get(IND + "/"))
    assert "U bent uitgelogd" not in text_of(client.get(IND + "/"))  # shown once
    assert client.get(IND + "/mijn-ind").status_code == 302
    assert any(e["name"] == "ind.logged_out" for e in learner.events(app))


def test_digid_cancel_notice_is_shown_once_in_the_chosen_language(app, client, learner):
    to_english(client)
    with client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    app.extensions["store"].mutate_state(
        learner_id,
        lambda data: data["notices"].append(
            {"site": "ind", "text": "U heeft het inloggen geannuleerd."}
        ),
    )
    body = client.get(IND + "/").get_data(as_text=True)
    assert 'data-target="ind.melding">You cancelled logging in.</p>' in body
    assert "You cancelled logging in." not in text_of(client.get(IND + "/"))
