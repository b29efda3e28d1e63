"""Mijn Inburgering > Lening: maximum, geleend, nog te lenen, payments and the quarter rule."""

from __future__ import annotations

from tests.client.test_facturen import text_of
from tests.client.test_mijn_home import use_scenario
from tests.conftest import text

M = "/sites/mijn.inburgeren.nl"


def test_lening_standaard(logged_in, client, app):
    page = text(client.get(M + "/lening"))
    assert 'data-page="mijn.lening"' in page
    assert "<h1>Mijn lening</h1>" in page
    assert text_of(page, "mijn.lening.maximum") == "Maximaal te lenen € 10.000,00"
    assert text_of(page, "mijn.lening.geleend") == "Geleend € 3.300,00"
    assert text_of(page, "mijn.lening.beschikbaar") == "Nog te lenen € 6.700,00"
    paid = text_of(page, "mijn.lening.betaald")
    assert "01-03-2022 Factuur FAC229230411 Onderhands Nederlands € 1.500,00" in paid
    assert "15-02-2023 Examen Lezen € 50,00" in paid
    assert "Totaal geleend € 3.300,00" in paid
    rule = text_of(page, "mijn.lening.kwartaal")
    assert "DUO betaalt maximaal € 2.000,00 per kwartaal (drie maanden)" in rule
    assert "1 of 2 kwartalen later gefactureerd" in rule
    assert "telt DUO alle facturen van de scholen op" in rule
    assert "1e kwartaal 2022 (januari t/m maart)" in page
    assert 'aria-current="page">Lening' in page
    assert logged_in.events(app)[-1]["name"] == "mijn.lening"


def test_lening_goes_down_after_akkoord(logged_in, client):
    logged_in.post(M + "/facturen/FAC229230568/accepteren")
    page = text(client.get(M + "/lening"))
    assert text_of(page, "mijn.lening.geleend") == "Geleend € 3.550,00"
    assert text_of(page, "mijn.lening.beschikbaar") == "Nog te lenen € 6.450,00"
    assert "01-06-2022 Factuur FAC229230568 Onderhands Nederlands € 250,00" in text_of(
        page, "mijn.lening.betaald"
    )


def test_lening_of_a_new_learner(app, learner, client):
    use_scenario(app, learner, "nieuw")
    page = text(client.get(M + "/lening"))
    assert text_of(page, "mijn.lening.geleend") == "Geleend € 0,00"
    assert text_of(page, "mijn.lening.beschikbaar") == "Nog te lenen € 10.000,00"
    assert "U heeft nog niets geleend." in page
    assert "Er zijn nog geen facturen van een taalschool." in page


def test_lening_shows_the_quarter_rule_per_quarter(app, learner, client):
    use_scenario(app, learner, "twee-scholen")
    learner.post(M + "/facturen/FAC229230568/accepteren")
    learner.post(M + "/facturen/FAC229231177/accepteren", form_url=M + "/facturen")
    page = " ".join(text(client.get(M + "/lening")).split())
    assert (
        '<td data-label="Kwartaal">2e kwartaal 2022 (april t/m juni)</td> '
        '<td data-label="Betaald" class="mijn-num">€ 2.000,00</td> '
        '<td data-label="Later te betalen" class="mijn-num">€ 0,00</td> '
        '<td data-label="Nog ruimte" class="mijn-num">€ 0,00</td>'
    ) in page
    assert (
        '<td data-label="Kwartaal">3e kwartaal 2022 (juli t/m september)</td> '
        '<td data-label="Betaald" class="mijn-num">€ 0,00</td> '
        '<td data-label="Later te betalen" class="mijn-num">€ 600,00</td> '
        '<td data-label="Nog ruimte" class="mijn-num">€ 1.400,00</td>'
    ) in page
