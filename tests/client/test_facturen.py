"""Contracten en facturen: lists, details, Accepteren (Akkoord), Weigeren (Reden), quarter rule."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from tests.client.test_mijn_home import use_scenario
from tests.conftest import change_state, text

M = "/sites/mijn.inburgeren.nl"
FAC = "FAC229230568"
CHAPTER_TABLE = [
    ("Contractnummer", "CNT229230568"),
    ("Soort cursus", "Inburgering"),
    ("School", "Onderhands Nederlands"),
    ("Factuurnummer", "FAC229230568"),
    ("Omschrijving", "kwartaalcheck"),
    ("Factuurdatum", "01-06-2022"),
    ("Status", "Factuur is openstaand"),
    ("Periode", "01-04-2022 t/m 01-05-2022"),
    ("Aantal cursussen", "25"),
    ("Bedrag cursuskosten", "€ 250,00"),
    ("Bedrag lesmateriaal", "€ 0,00"),
    ("Bedrag examenkosten", "€ 0,00"),
    ("Totaalbedrag", "€ 250,00"),
]


class _TargetText(HTMLParser):
    def __init__(self, target: str):
        super().__init__()
        self.target, self.depth, self.parts = target, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += tag not in ("br", "img", "input", "meta", "link")
        elif dict(attrs).get("data-target") == self.target:
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


def text_of(html: str, target: str) -> str:
    """The visible text inside the element with data-target=target (spaces collapsed)."""
    parser = _TargetText(target)
    parser.feed(html)
    return " ".join(" ".join(parser.parts).split())


def rows_of(html: str) -> list[tuple[str, str]]:
    """(th, td) pairs of the details table."""
    table = html[html.index('data-target="mijn.factuur.gegevens"') :]
    table = table[: table.index("</table>")]
    pairs = re.findall(r"<th scope=\"row\">(.*?)</th><td[^>]*>(.*?)</td>", table, re.S)
    return [(th, re.sub(r"<br>.*", "", td, flags=re.S).strip()) for th, td in pairs]


def borrowed(state) -> int:
    return sum(p["bedrag"] for p in state["loan"]["paid"])


def invoice(state, nummer):
    return next(i for i in state["invoices"] if i["nummer"] == nummer)


def action_events(learner, app, name):
    return [e for e in learner.events(app) if e["kind"] == "action" and e["name"] == name]


# -- pages ------------------------------------------------------------------------------


def test_section_page(logged_in, client):
    page = text(client.get(M + "/contracten-en-facturen"))
    assert 'data-page="mijn.contracten_facturen"' in page
    assert 'data-target="mijn.submenu.contracten"' in page
    assert 'data-target="mijn.submenu.facturen"' in page
    assert "Er is 1 openstaande factuur." in page
    assert 'aria-current="page">Contracten en facturen' in page


def test_contracts_list_and_details(logged_in, client, app):
    page = text(client.get(M + "/contracten"))
    assert 'data-page="mijn.contracten"' in page
    assert f'href="{M}/contracten/CNT229230568"' in page
    assert "01-02-2022 t/m 01-02-2025" in page and "Lopend" in page
    page = text(client.get(M + "/contracten/CNT229230568"))
    assert "Details contract" in page and "Onderhands Nederlands" in page
    assert f'href="{M}/facturen/{FAC}"' in page
    assert logged_in.events(app)[-1]["params"] == {"contract": "CNT229230568"}


def test_new_learner_has_no_contracts_or_invoices(app, learner, client):
    use_scenario(app, learner, "nieuw")
    assert "U heeft nog geen contract met een taalschool." in text(client.get(M + "/contracten"))
    page = text(client.get(M + "/facturen"))
    assert text_of(page, "mijn.facturen.open") == "Er zijn geen openstaande facturen."
    assert text_of(page, "mijn.facturen.afgehandeld") == "Er zijn geen afgehandelde facturen."


def test_facturen_lists_open_and_handled(logged_in, client):
    page = text(client.get(M + "/facturen"))
    assert "<h1>Mijn facturen</h1>" in page
    assert "Hieronder staan uw facturen. Klik op een factuur om de details te bekijken." in page
    open_table = text_of(page, "mijn.facturen.open")
    for header in ("Factuurnummer", "Omschrijving", "Datum", "Bedrag", "Status"):
        assert header in open_table
    assert f"{FAC} kwartaalcheck 01-06-2022 € 250,00 Factuur is openstaand" in open_table
    handled = text_of(page, "mijn.facturen.afgehandeld")
    assert "FAC229230702 kwartaalcheck 01-12-2022 € 1.750,00 Factuur is vrijgegeven" in handled
    assert "FAC229230411" in handled and FAC not in handled
    assert f'data-target="mijn.factuur.{FAC}"' in page


def test_details_has_every_field_of_the_chapter(logged_in, client, app):
    page = text(client.get(f"{M}/facturen/{FAC}"))
    assert "<h1>Details factuur</h1>" in page
    assert rows_of(page) == CHAPTER_TABLE
    assert 'data-target="mijn.factuur.accepteren"' in page
    assert 'data-target="mijn.factuur.weigeren"' in page
    assert logged_in.events(app)[-1] == {
        **logged_in.events(app)[-1],
        "name": "mijn.factuur",
        "params": {"invoice": FAC},
    }


def test_accept_page_as_in_the_chapter(logged_in, client):
    page = text(client.get(f"{M}/facturen/{FAC}/accepteren"))
    assert "← Terug naar Details factuur" in page.replace("&larr;", "←")
    assert "<h1>Accepteren factuur</h1>" in page
    assert "LET OP" in page and "Als u op 'Akkoord' klikt, accepteert u de factuur." in page
    assert rows_of(page) == CHAPTER_TABLE
    assert 'data-target="mijn.factuur.akkoord">Akkoord</button>' in page
    assert f'of ga <a href="{M}/facturen/{FAC}">terug</a>' in page
    assert 'name="csrf_token"' in page


@pytest.mark.parametrize(
    "path",
    [
        "/facturen/FAC000",
        "/facturen/FAC000/accepteren",
        "/facturen/FAC000/weigeren",
        "/contracten/CNT000",
    ],
)
def test_unknown_numbers_get_not_found(logged_in, client, path):
    response = client.get(M + path)
    assert response.status_code == 404
    assert "Deze pagina bestaat niet" in text(response)


@pytest.mark.parametrize("path", ["/facturen/FAC000/accepteren", "/facturen/FAC000/weigeren"])
def test_unknown_numbers_on_post_get_not_found(logged_in, path):
    response = logged_in.post(M + path, {"reden": "bedrag"}, form_url=f"{M}/facturen")
    assert response.status_code == 404


def test_pages_need_a_login(client):
    for path in ("/contracten", "/facturen", f"/facturen/{FAC}", f"/facturen/{FAC}/weigeren"):
        assert client.get(M + path).status_code == 302


# -- Accepteren -------------------------------------------------------------------------


def test_akkoord_pays_from_the_loan(logged_in, client, app):
    before = borrowed(logged_in.state(app))
    response = logged_in.post(f"{M}/facturen/{FAC}/accepteren")
    assert response.status_code == 302
    assert response.headers["Location"] == M + "/facturen"
    page = text(client.get(M + "/facturen"))
    assert text_of(page, "mijn.melding") == "U hebt uw factuur geaccepteerd."
    assert text_of(page, "mijn.facturen.open") == "Er zijn geen openstaande facturen."
    assert f"{FAC} kwartaalcheck 01-06-2022 € 250,00 Factuur is vrijgegeven" in text_of(
        page, "mijn.facturen.afgehandeld"
    )
    state = logged_in.state(app)
    assert borrowed(state) == before + 25_000
    assert invoice(state, FAC)["status"] == "vrijgegeven"
    assert [e["params"] for e in action_events(logged_in, app, "invoice.accepted")] == [
        {"invoice": FAC}
    ]
    # The message is shown once.
    assert 'data-target="mijn.melding"' not in text(client.get(M + "/facturen"))


def test_second_akkoord_never_pays_twice(logged_in, client, app):
    token = logged_in.csrf(f"{M}/facturen/{FAC}/accepteren")
    client.post(f"{M}/facturen/{FAC}/accepteren", data={"csrf_token": token})
    client.get(M + "/facturen")  # show and clear the first message
    response = client.post(f"{M}/facturen/{FAC}/accepteren", data={"csrf_token": token})
    assert response.status_code == 302
    page = text(client.get(response.headers["Location"]))
    assert "Deze factuur is al afgehandeld." in text_of(page, "mijn.melding")
    state = logged_in.state(app)
    assert borrowed(state) == 330_000 + 25_000
    assert len(action_events(logged_in, app, "invoice.accepted")) == 1


def test_back_button_to_accept_page_after_akkoord(logged_in, client):
    logged_in.post(f"{M}/facturen/{FAC}/accepteren")
    client.get(M + "/facturen")
    response = client.get(f"{M}/facturen/{FAC}/accepteren")
    assert response.headers["Location"] == f"{M}/facturen/{FAC}"
    page = text(client.get(f"{M}/facturen/{FAC}"))
    assert "Deze factuur is al afgehandeld." in page
    assert 'data-target="mijn.factuur.accepteren"' not in page
    assert ("Status", "Factuur is vrijgegeven") in rows_of(page)


def test_akkoord_needs_the_csrf_token(logged_in, client, app):
    assert client.post(f"{M}/facturen/{FAC}/accepteren").status_code == 400
    assert invoice(logged_in.state(app), FAC)["status"] == "open"


def test_loan_too_low_says_so_and_keeps_the_invoice_open(logged_in, client, app):
    client.get(M + "/")
    change_state(app, client, lambda data: data["loan"].update(maximum=340_000))
    page = text(client.get(f"{M}/facturen/{FAC}/accepteren"))
    assert "Uw lening is niet hoog genoeg voor dit bedrag. U kunt nog € 100,00 lenen." in page
    response = logged_in.post(f"{M}/facturen/{FAC}/accepteren")
    assert response.headers["Location"] == f"{M}/facturen/{FAC}"
    page = text(client.get(response.headers["Location"]))
    assert "De factuur blijft openstaan." in text_of(page, "mijn.melding")
    state = logged_in.state(app)
    assert invoice(state, FAC)["status"] == "open"
    assert borrowed(state) == 330_000
    assert action_events(logged_in, app, "invoice.accepted") == []


# -- Weigeren ---------------------------------------------------------------------------


def test_refuse_page_as_in_the_chapter(logged_in, client):
    page = text(client.get(f"{M}/facturen/{FAC}/weigeren"))
    assert "<h1>Weigeren factuur</h1>" in page
    assert rows_of(page) == CHAPTER_TABLE
    assert "Waarom wilt u de factuur weigeren?" in page
    assert '<label for="reden">Reden</label>' in page
    for label in (
        "Factuurbedrag is niet goed",
        "Factuurnummer is niet goed",
        "Factuur is niet compleet",
        "Andere reden",
    ):
        assert f">{label}</option>" in page
    assert 'data-target="mijn.factuur.reden"' in page
    assert 'data-target="mijn.factuur.verder">Verder</button>' in page
    assert text_of(page, "mijn.factuur.letop") == (
        "Let op! Als u de factuur weigert, dan worden de lessen van de taalschool niet betaald. "
        "De taalschool kan dan het contract met u beëindigen. Weigert u de factuur? "
        "Vertel dan aan uw taalschool waarom u niet wilt betalen."
    )


@pytest.mark.parametrize(
    ("form", "field", "message"),
    [
        ({}, "reden", "Reden is verplicht"),
        ({"reden": ""}, "reden", "Reden is verplicht"),
        ({"reden": "geen-reden"}, "reden", "Reden is verplicht"),
        ({"reden": "anders"}, "toelichting", "Vul de reden in."),
        ({"reden": "anders", "toelichting": "   "}, "toelichting", "Vul de reden in."),
        ({"reden": "anders", "toelichting": "x" * 501}, "toelichting", "maximaal 500 tekens"),
    ],
)
def test_refuse_bad_input(logged_in, app, form, field, message):
    response = logged_in.post(f"{M}/facturen/{FAC}/weigeren", form)
    page = text(response)
    assert response.status_code == 400
    assert f'<p class="field-error" id="{field}-fout">' in page and message in page
    assert 'aria-invalid="true"' in page
    if form.get("reden") == "anders":
        assert '<option value="anders" selected>' in page
        assert form.get("toelichting", "") in page
    assert invoice(logged_in.state(app), FAC)["status"] == "open"
    assert action_events(logged_in, app, "invoice.refused") == []


@pytest.mark.parametrize(
    ("reden", "toelichting", "shown"),
    [
        ("bedrag", "", "Factuurbedrag is niet goed"),
        ("nummer", "", "Factuurnummer is niet goed"),
        ("niet_compleet", "", "Factuur is niet compleet"),
        ("anders", "Ik heb in april geen les gehad.", "Ik heb in april geen les gehad."),
    ],
)
def test_refuse_with_each_reason(logged_in, client, app, reden, toelichting, shown):
    response = logged_in.post(
        f"{M}/facturen/{FAC}/weigeren", {"reden": reden, "toelichting": toelichting}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == M + "/facturen"
    page = text(client.get(M + "/facturen"))
    assert "U hebt uw factuur geweigerd." in text_of(page, "mijn.melding")
    handled = text_of(page, "mijn.facturen.afgehandeld")
    assert f"{FAC} kwartaalcheck 01-06-2022 € 250,00 Factuur is geweigerd Reden: {shown}" in handled
    state = logged_in.state(app)
    assert borrowed(state) == 330_000
    assert [e["params"] for e in action_events(logged_in, app, "invoice.refused")] == [
        {"invoice": FAC, "reason": reden}
    ]
    page = text(client.get(f"{M}/facturen/{FAC}"))
    assert "De taalschool kan dan het contract met u beëindigen." in page
    assert 'data-target="mijn.factuur.weigeren"' not in page


def test_refuse_after_accept_changes_nothing(logged_in, client, app):
    logged_in.post(f"{M}/facturen/{FAC}/accepteren")
    response = logged_in.post(
        f"{M}/facturen/{FAC}/weigeren", {"reden": "bedrag"}, form_url=M + "/facturen"
    )
    assert response.status_code == 302
    assert invoice(logged_in.state(app), FAC)["status"] == "vrijgegeven"
    assert "Deze factuur is al afgehandeld." in text(client.get(response.headers["Location"]))
    assert client.get(f"{M}/facturen/{FAC}/weigeren").status_code == 302


def test_accept_after_refuse_pays_nothing(logged_in, app):
    logged_in.post(f"{M}/facturen/{FAC}/weigeren", {"reden": "nummer"})
    logged_in.post(f"{M}/facturen/{FAC}/accepteren", form_url=M + "/facturen")
    state = logged_in.state(app)
    assert invoice(state, FAC)["status"] == "geweigerd"
    assert borrowed(state) == 330_000


# -- the quarter rule in twee-scholen ---------------------------------------------------


def test_two_schools_over_the_quarter_limit(app, learner, client):
    use_scenario(app, learner, "twee-scholen")
    page = text(client.get(M + "/facturen"))
    assert "FAC229231177" in text_of(page, "mijn.facturen.open")
    learner.post(f"{M}/facturen/{FAC}/accepteren")
    client.get(M + "/facturen")
    preview = text(client.get(f"{M}/facturen/FAC229231177/accepteren"))
    assert "Maximaal € 2.000,00 per kwartaal." in preview
    assert "In het 2e kwartaal 2022 (april t/m juni) betaalde DUO al € 1.500,00" in preview
    learner.post(f"{M}/facturen/FAC229231177/accepteren")
    page = text(client.get(M + "/facturen"))
    message = text_of(page, "mijn.melding")
    assert "U hebt uw factuur geaccepteerd." in message
    assert "DUO betaalt nu € 500,00. De rest (€ 600,00) komt later als nieuwe factuur" in message
    assert (
        "FAC229231177-2 rest van factuur FAC229231177 01-07-2022 € 600,00 Factuur is uitgesteld"
    ) in text_of(page, "mijn.facturen.open")
    assert "€ 500,00 nu betaald, € 600,00 later" in text_of(page, "mijn.facturen.afgehandeld")
    state = learner.state(app)
    assert borrowed(state) == 180_000 + 125_000 + 25_000 + 50_000
    detail = text(client.get(f"{M}/facturen/FAC229231177-2"))
    assert "boven de grens van € 2.000,00 per kwartaal" in detail
    assert 'data-target="mijn.factuur.accepteren"' in detail
    learner.post(f"{M}/facturen/FAC229231177-2/accepteren")
    assert borrowed(learner.state(app)) == 180_000 + 125_000 + 25_000 + 50_000 + 60_000
