"""www.inburgeren.nl through the test client: every page in nl and en, search, login, 404."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from simulator.assets import static_url
from simulator.sites.inburgeren import content
from simulator.sites.inburgeren import sitesearch as searching

BASE = "/sites/www.inburgeren.nl"
SLUGS = sorted(content.site().pages)


class Links(HTMLParser):
    """Collects every href on a page."""

    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        href = dict(attrs).get("href")
        if tag == "a" and href:
            self.hrefs.append(href)


def links(html: str) -> list[str]:
    parser = Links()
    parser.feed(html)
    return parser.hrefs


def english(client) -> None:
    client.get(f"{BASE}/taal/en?next={BASE}/")


def test_home_shows_the_chapter(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    html = client.get(f"{BASE}/").get_data(as_text=True)
    for text in [
        "Dienst Uitvoering Onderwijs",
        "Ministerie van Onderwijs, Cultuur en Wetenschap",
        "Inburgeren",
        "Zoek op inburgeren.nl",
        "Snel naar",
        "Aanmelden examens",
        "Lenen bij DUO",
        "Oefenen voor examens",
        "Diploma",
        "Lening terugbetalen",
        "Informatie in andere talen",
        "Onderwerpen",
        "Maak uw eigen stappenplan",
        "Inburgeren stap voor stap",
        "School en cursus kiezen, boete, naturalisatie",
        "Hoeveel kost inburgeren, lenen en terugbetalen",
        "Aanmelden, examens ONA doen, oefenen, uitslag en diploma",
        "Handicap, diploma gehaald, 600 uur cursus gedaan",
        "Ziekte, kind gekregen, 300 uur cursus gedaan",
        "Rechter stelt vragen over Wi2013",
        "DUO past het systeem tijdelijk aan.",
        "Geen plastic bekertjes meer bij examens",
        "Rente op lening verandert",
        "Vanaf 1 januari 2024 verandert de rente voor veel leningen.",
        "Lees meer nieuws in het",
        "nieuwsarchief",
        "Samen maken we onderwijs en ontwikkeling mogelijk",
        "Contact over inburgeren",
        "Niet tevreden over DUO",
        "Iemand machtigen",
        "Bezwaarschrift",
        "DUO is te laat",
        "Wet open overheid",
        "Over deze site",
        "Inloggen Mijn Inburgering",
    ]:
        assert text in html, text
    assert 'data-page="inburgeren.home"' in html
    assert html.count('data-target="inburgeren.snelnaar.') == 6
    assert html.count('data-target="inburgeren.onderwerp.') == 6
    assert html.count('data-target="inburgeren.nieuws.') == 3
    assert 'data-target="inburgeren.zoek"' in html
    assert 'data-target="inburgeren.taal"' in html
    assert "https://www.inburgeren.nl/" in html
    assert learner.events(app)[-1]["name"] == "inburgeren.home"


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_link_of_every_page_works(client, lang):
    """Crawl the site from home: each internal link answers, no page is missing."""
    if lang == "en":
        english(client)
    seen, todo, outside = set(), [f"{BASE}/"], set()
    while todo:
        url = todo.pop()
        if url in seen:
            continue
        seen.add(url)
        response = client.get(url)
        assert response.status_code == 200, url
        for href in links(response.get_data(as_text=True)):
            if href.startswith("/verlaten?"):
                outside.add(href)
            elif href.startswith(BASE) and "/taal/" not in href:
                todo.append(href.split("#")[0])
    visited = {u.removeprefix(BASE + "/") for u in seen}
    assert set(SLUGS) <= visited
    assert {"inloggen", "zoeken"} <= visited
    for href in outside:
        assert client.get(href).status_code == 200, href


@pytest.mark.parametrize("slug", SLUGS)
def test_content_page_in_dutch_and_english(client, learner, app, slug):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    page = content.site().pages[slug]
    response = client.get(f"{BASE}/{slug}")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert f"<h1>{page.title['nl']}</h1>" in html.replace("&#39;", "'")
    assert 'aria-label="Kruimelpad"' in html and "Naar Home" in html
    assert 'data-target="inburgeren.menu.inloggen"' in html
    assert 'data-page="inburgeren.page"' in html
    assert learner.events(app)[-1]["params"] == {"slug": slug}
    assert "binnenkort" not in html.lower() and "coming soon" not in html.lower()

    english(client)
    html = client.get(f"{BASE}/{slug}").get_data(as_text=True)
    assert f"<h1>{page.title['en']}</h1>" in html.replace("&#39;", "'")
    assert 'tabindex="-1" lang="en" dir="ltr">'  # the site's <main> in html
    assert "To Home" in html and "Log in to Mijn Inburgering" in html


def test_content_pages_say_the_key_facts(client):
    def text(slug):
        return client.get(f"{BASE}/{slug}").get_data(as_text=True)

    assert "€ 10.000" in text("lenen-bij-duo") and "€ 2.000 per kwartaal" in text("lenen-bij-duo")
    exams = text("examen-doen")
    for part in ["Lezen", "Luisteren", "Schrijven", "Spreken", "KNM", "ONA"]:
        assert part in exams
    assert "Wet inburgering 2021" in text("u-gaat-inburgeren")
    assert "6 weken" in text("bezwaarschrift")


def test_breadcrumb_shows_the_parent_page(client):
    html = client.get(f"{BASE}/aanmelden-examens").get_data(as_text=True)
    crumbs = html.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert "Home" in crumbs and "Examen doen" in crumbs and "Aanmelden examens" in crumbs


def test_switch_to_english_and_back(client):
    response = client.get(f"{BASE}/taal/en?next={BASE}/diploma")
    assert response.status_code == 302 and response.location.endswith(f"{BASE}/diploma")
    html = client.get(f"{BASE}/").get_data(as_text=True)
    assert "Topics" in html and "Go straight to" in html and "News" in html
    assert "Search inburgeren.nl" in html and "EN" in html and ">NL</a>" in html
    assert "Together we make education and development possible" in html
    back = re.search(r'href="([^"]*/taal/nl[^"]*)"[^>]*data-target="inburgeren.taal"', html)
    assert back, "no NL link"
    client.get(back.group(1).replace("&amp;", "&"))
    html = client.get(f"{BASE}/").get_data(as_text=True)
    assert (
        "Onderwerpen" in html and "English" in html and 'tabindex="-1" lang="nl" dir="ltr">'
    )  # the site's <main> in html


def test_language_switch_keeps_the_search(client):
    html = client.get(f"{BASE}/zoeken?q=lening").get_data(as_text=True)
    flag = re.search(r'href="([^"]*/taal/en[^"]*)"', html).group(1).replace("&amp;", "&")
    response = client.get(flag)
    assert response.location.endswith(f"{BASE}/zoeken?q=lening")
    assert "results for" in client.get(response.location).get_data(as_text=True)


def test_login_page(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    html = client.get(f"{BASE}/inloggen").get_data(as_text=True)
    assert 'data-page="inburgeren.login"' in html
    crumbs = html.split('aria-label="Kruimelpad"')[1].split("</nav>")[0]
    assert "Home" in crumbs and "Inloggen op Mijn Inburgering" in crumbs
    assert "Naar Home" in html
    assert "<h1>Inloggen op Mijn Inburgering</h1>" in html
    button = re.search(
        r'<a class="ib-digid-button" href="([^"]+)" data-target="inburgeren.login.knop">', html
    )
    assert button and button.group(1) == "/sites/digid.nl/inloggen?dienst=duo"
    with app.test_request_context():
        logo = static_url("img/digid-logo.svg")  # small: the image itself, as a data: URI
    assert f'<img src="{logo}" alt="DigiD"' in html
    for target, label in [
        ("wat-is", "Wat is Mijn Inburgering?"),
        ("hoe-werkt", "Hoe werkt inloggen?"),
        ("filmpje", "Filmpje over DigiD"),
    ]:
        assert f'<summary data-target="inburgeren.login.{target}">{label}</summary>' in html
    assert html.count("ib-film__panel") == 5
    assert "Kies één van de verschillende manieren om in te loggen met DigiD." in html
    assert "/verlaten?url=https://www.digid.nl/stappenplan/video-digid-app-activeren" in html
    assert "/verlaten?url=https://www.oefenenmetdigid.nl/app" in html
    assert 'href="https://' not in html
    assert learner.events(app)[-1]["name"] == "inburgeren.login"


def test_login_page_in_english(client):
    english(client)
    html = client.get(f"{BASE}/inloggen").get_data(as_text=True)
    assert "<h1>Log in to Mijn Inburgering</h1>" in html
    assert "What is Mijn Inburgering?" in html and "How does logging in work?" in html
    assert "Video about DigiD" in html


def test_header_login_link_on_every_page(client):
    for url in [f"{BASE}/", f"{BASE}/inloggen", f"{BASE}/zoeken?q=examen", f"{BASE}/klacht"]:
        html = client.get(url).get_data(as_text=True)
        assert re.search(
            r'href="/sites/www.inburgeren.nl/inloggen" data-target="inburgeren.menu.inloggen"', html
        ), url


def test_search_finds_pages(client, learner, app):
    learner.start()  # a visitor who has done nothing yet has no learner: act once
    response = client.get(f"{BASE}/zoeken?q=lening")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "resultaten voor" in html and "<mark>" in html
    assert f'href="{BASE}/lenen-bij-duo"' in html
    assert learner.events(app)[-1] == {**learner.events(app)[-1], "name": "inburgeren.search"}
    assert learner.events(app)[-1]["params"] == {"q": "lening"}


def test_search_finds_the_login_page(client):
    html = client.get(f"{BASE}/zoeken?q=inloggen+DigiD").get_data(as_text=True)
    first = re.search(r'class="ib-results__list">\s*<li>\s*<h2><a href="([^"]+)"', html)
    assert first and first.group(1) == f"{BASE}/inloggen"


def test_search_in_english(client):
    english(client)
    html = client.get(f"{BASE}/zoeken?q=loan").get_data(as_text=True)
    assert "results for" in html and "Borrowing from DUO" in html


def test_search_without_results(client):
    response = client.get(f"{BASE}/zoeken?q=xyzzyqq")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Er zijn geen resultaten voor “xyzzyqq”." in html
    assert 'value="xyzzyqq"' in html


def test_search_page_without_query_shows_the_form(client):
    response = client.get(f"{BASE}/zoeken")
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (
        "Zoek op inburgeren.nl" in html and "field-error" not in html and "resultaten" not in html
    )


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("", "Typ eerst een zoekwoord. Bijvoorbeeld: examen."),
        ("   ", "Typ eerst een zoekwoord. Bijvoorbeeld: examen."),
        ("a" * 300, "Uw zoekwoord is te lang. Gebruik maximaal 200 tekens."),
    ],
)
def test_search_bad_input_gets_a_message_beside_the_field(client, query, message):
    response = client.get(f"{BASE}/zoeken", query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert f'<p class="field-error" id="zoek-fout">{message}</p>' in html
    assert 'aria-invalid="true" aria-describedby="zoek-fout"' in html
    assert f'value="{query.strip()}"' in html


@pytest.mark.parametrize(
    "query",
    [
        "<script>alert(1)</script>",
        "%",
        "100%",
        "😀",
        "examen 😀",
        "\"'&<>",
        "%00",
        "a\x00b",
        "ü" * 50,
    ],
)
def test_search_odd_characters_are_safe(client, query):
    response = client.get(f"{BASE}/zoeken", query_string={"q": query})
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "<script>alert" not in html
    assert "Zoek op inburgeren.nl" in html
    assert "\x00" not in html


def test_search_module_ranks_and_highlights():
    entries = [
        searching.Entry("a", "Examen doen", "Over examens.", "Examen doen\nOver examens."),
        searching.Entry("b", "Lening", "Over lenen en examen.", "Lening\nOver lenen en examen."),
        searching.Entry("c", "Privacy", "Uw gegevens.", "Privacy\nUw gegevens."),
    ]
    hits = searching.search(entries, "Examen")
    assert [h.key for h in hits] == ["a", "b"]
    assert ("examens", True) in hits[0].snippet
    assert searching.search(entries, "de het een") == []
    assert searching.search(entries, "Oriëntatie") == []
    assert searching.terms("Oriëntatie op de ARBEIDSMARKT") == ["orientatie", "arbeidsmarkt"]
    assert searching.clean("  a\x00b\n c ") == "ab c"


def test_unknown_page_shows_the_sites_own_404(client):
    response = client.get(f"{BASE}/bestaat-niet")
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html and "Deze pagina bestaat niet op inburgeren.nl" in html
    assert 'data-target="inburgeren.menu.inloggen"' in html
    assert "https://www.inburgeren.nl/bestaat-niet" in html
    assert "Samen maken we onderwijs en ontwikkeling mogelijk" in html


def test_unknown_page_in_english(client):
    english(client)
    html = client.get(f"{BASE}/nope/deeper").get_data(as_text=True)
    assert (
        "Page not found" in html and 'tabindex="-1" lang="en" dir="ltr">'
    )  # the site's <main> in html


def test_notice_is_shown_once(client, app, learner):
    from simulator.sites.common import add_notice

    learner_id = learner.start()
    app.extensions["store"].mutate_state(
        learner_id, lambda data: add_notice(data, "inburgeren", "U bent uitgelogd.")
    )
    html = client.get(f"{BASE}/inloggen").get_data(as_text=True)
    assert (
        '<p class="ib-melding" role="status" data-target="inburgeren.melding">U bent uitgelogd.</p>'
        in html
    )
    assert "U bent uitgelogd." not in client.get(f"{BASE}/inloggen").get_data(as_text=True)


def test_notice_in_two_languages_follows_the_page(client, app):
    from simulator.sites.common import add_notice

    english(client)
    client.get(f"{BASE}/")
    with client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    notice = {"nl": "U bent uitgelogd.", "en": "You are logged out."}
    app.extensions["store"].mutate_state(
        learner_id, lambda data: add_notice(data, "inburgeren", notice)
    )
    html = client.get(f"{BASE}/").get_data(as_text=True)
    assert 'data-target="inburgeren.melding">You are logged out.</p>' in html


def test_no_inline_script_or_style(client):
    for url in [f"{BASE}/", f"{BASE}/inloggen", f"{BASE}/zoeken?q=examen", f"{BASE}/nieuwsarchief"]:
        html = client.get(url).get_data(as_text=True)
        assert not re.search(r"<script(?![^>]*\ssrc=)", html), url
        assert " style=" not in html and not re.search(r"\son[a-z]+=", html), url


def test_contract_targets_exist():
    from simulator import registry

    for name in [
        "inburgeren.taal",
        "inburgeren.zoek",
        "inburgeren.menu.inloggen",
        "inburgeren.snelnaar.diploma",
        "inburgeren.onderwerp.examen-doen",
        "inburgeren.login.knop",
        "inburgeren.login.wat-is",
        "inburgeren.login.hoe-werkt",
        "inburgeren.login.filmpje",
        "inburgeren.melding",
    ]:
        assert registry.is_known_target(name), name
    for page_id in ["inburgeren.home", "inburgeren.login", "inburgeren.search", "inburgeren.page"]:
        assert page_id in registry.PAGES


def test_broken_content_names_every_problem(tmp_path):
    (tmp_path / "home.yaml").write_text("snelnaar: [bestaat-niet]\n", encoding="utf-8")
    (tmp_path / "x.yaml").write_text(
        "een:\n  title: {nl: Een}\n  summary: {nl: a, en: b}\n"
        "  blocks:\n    - page: weg\n    - video: x\n",
        encoding="utf-8",
    )
    with pytest.raises(content.ContentError) as error:
        content.load(tmp_path)
    message = str(error.value)
    assert "x.yaml een.title: needs a text for nl and en" in message
    assert "x.yaml een.blocks[0].page: unknown page 'weg'" in message
    assert "x.yaml een.blocks[1]: expected one of" in message
    assert "home.yaml snelnaar: unknown page 'bestaat-niet'" in message
    assert message.count("\n") >= 4


@pytest.mark.parametrize("path", ["/%3Cscript%3Ealert(1)%3C/script%3E", "/%F0%9F%98%80", "/a%25b"])
def test_unknown_odd_addresses_are_a_safe_404(client, path):
    response = client.get(BASE + path)
    html = response.get_data(as_text=True)
    assert response.status_code == 404
    assert "Pagina niet gevonden" in html and "<script>alert" not in html
