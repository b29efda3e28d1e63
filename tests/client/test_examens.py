"""Mijn Inburgering > Examens: overview, details, Aanmelden with paying, changing and cancelling."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from simulator.sandbox import loan, money
from tests.conftest import change_state, text

M = "/sites/mijn.inburgeren.nl"
A = M + "/examens/aanmelden"


def weekday(weeks: int = 7, offset: int = 0) -> date:
    """A Monday-to-Friday date some weeks from today."""
    day = date.today() + timedelta(weeks=weeks, days=offset)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def actions(learner, app) -> list[tuple[str, dict]]:
    return [(e["name"], e["params"]) for e in learner.events(app) if e["kind"] == "action"]


def choose(learner, parts=("luisteren",), day: date | None = None, place="zwolle", time="11:00"):
    """Steps 1 and 2 of Aanmelden."""
    assert (
        learner.post(A + "/onderdeel", {"onderdelen": list(parts)}, form_url=A).status_code == 302
    )
    response = learner.post(
        A + "/datum",
        {"locatie": place, "datum": (day or weekday()).isoformat(), "tijd": time},
        form_url=A + "/datum",
    )
    assert response.status_code == 302, text(response)


def confirm(learner, how="lening"):
    return learner.post(
        A + "/controleren", {"geheimhouding": "ja", "betaalwijze": how}, form_url=A + "/controleren"
    )


def test_overview_shows_every_part(logged_in, client):
    page = text(client.get(M + "/examens"))
    assert 'data-page="mijn.examens"' in page
    for part in ("Lezen", "Luisteren", "Schrijven", "Spreken", "KNM", "ONA"):
        assert f">{part}" in page
    for part in ("lezen", "luisteren", "schrijven", "spreken", "knm", "ona"):
        assert f'data-target="mijn.examen.{part}"' in page
    assert "Gehaald (cijfer 3,5 van de 5)" in page and "Nog niet gedaan" in page
    assert 'data-target="mijn.examens.aanmelden"' in page and "Aanmelden voor een examen" in page


def test_details_of_a_passed_exam(logged_in, client, app):
    page = text(client.get(M + "/examens/lezen"))
    for words in (
        "Details examen Lezen",
        "15-03-2023",
        "DUO Examenlocatie Enschede",
        "Hengelosestraat 212",
        "Gehaald (cijfer 3,5 van de 5)",
    ):
        assert words in page
    assert logged_in.events(app)[-1]["params"] == {"onderdeel": "lezen"}


def test_unknown_part_is_not_found(logged_in, client):
    assert client.get(M + "/examens/zwemmen").status_code == 404
    assert client.get(M + "/examens/zwemmen/wijzigen").status_code == 404
    assert client.get(A + "/vijf").status_code == 404


def test_register_from_the_loan(logged_in, client, app):
    before = loan.available(logged_in.state(app))
    step1 = text(client.get(A))
    assert "Lezen" not in step1.split("<form")[1]  # passed: not offered
    choose(logged_in, ("luisteren", "knm"), day=weekday(8), place="utrecht", time="13:30")
    page = text(client.get(A + "/controleren"))
    assert "Luisteren en KNM" in page and "DUO Examenlocatie Utrecht" in page
    assert "€ 50,00" in page and '<td data-value="totaal">€ 100,00</td>' in page
    assert f"U kunt nog {money.fmt(before)} lenen." in page
    response = confirm(logged_in)
    assert response.headers["Location"].endswith("/examens/aanmelden/klaar")
    done = text(client.get(A + "/klaar"))
    assert "U bent aangemeld voor Luisteren en KNM." in done and "13:30 uur" in done
    state = logged_in.state(app)
    assert loan.available(state) == before - 10000
    assert "exam_draft" not in state
    assert state["letters"][-1]["onderwerp"] == "Bevestiging aanmelding examen"
    assert state["mails"][-1]["onderwerp"] == "Bevestiging aanmelding examen"
    day = weekday(8).strftime("%d-%m-%Y")
    assert (
        "exam.registered",
        {"part": "luisteren", "location": "utrecht", "date": day},
    ) in actions(logged_in, app)
    assert ("exam.registered", {"part": "knm", "location": "utrecht", "date": day}) in actions(
        logged_in, app
    )
    overview = text(client.get(M + "/examens"))
    assert overview.count(">Aangemeld<") == 2 and f"{day}, 13:30 uur" in overview


def test_register_twice_does_not_pay_twice(logged_in, client, app):
    choose(logged_in)
    confirm(logged_in)
    before = loan.available(logged_in.state(app))
    response = logged_in.post(
        A + "/controleren",
        {"geheimhouding": "ja", "betaalwijze": "lening"},
        form_url=M + "/examens",
    )
    assert response.status_code == 302
    assert loan.available(logged_in.state(app)) == before


def test_choices_are_kept_on_reload(logged_in, client):
    choose(logged_in, ("spreken",), place="enschede", time="15:00")
    step1 = text(client.get(A))
    assert 'value="spreken" checked' in step1
    step2 = text(client.get(A + "/datum"))
    assert 'value="enschede" checked' in step2 and 'value="15:00" checked' in step2
    assert f'value="{weekday().isoformat()}"' in step2


def test_steps_cannot_be_skipped(logged_in, client):
    assert client.get(A + "/datum").headers["Location"].endswith("/examens/aanmelden")
    assert client.get(A + "/controleren").headers["Location"].endswith("/examens/aanmelden")
    assert client.get(A + "/klaar").headers["Location"].endswith("/examens")
    assert client.get(M + "/examens/betalen").headers["Location"].endswith("/aanmelden/controleren")


def test_step1_errors(logged_in, client):
    response = logged_in.post(A + "/onderdeel", {}, form_url=A)
    assert response.status_code == 400 and "Kies minstens één examen." in text(response)
    response = logged_in.post(A + "/onderdeel", {"onderdelen": "lezen"}, form_url=A)
    assert response.status_code == 400
    assert "U kunt zich alleen aanmelden voor examens die u nog niet heeft gehaald." in text(
        response
    )


def _date_cases():
    today = date.today()
    saturday = weekday(8)
    while saturday.weekday() != 5:
        saturday += timedelta(days=1)
    return [
        ("", "Kies een datum voor uw examen."),
        (
            "31-02-2027",
            "Dit is geen datum. Kies een datum in de kalender of schrijf hem zo: 15-03-2027.",
        ),
        ("volgende week", "Dit is geen datum."),
        ((today - timedelta(days=3)).isoformat(), "Deze datum is al voorbij."),
        ((today + timedelta(days=20)).isoformat(), "Deze datum is te vroeg."),
        ((today + timedelta(days=400)).isoformat(), "Deze datum is te ver weg."),
        (saturday.isoformat(), "Op zaterdag en zondag zijn er geen examens."),
    ]


@pytest.mark.parametrize(("typed", "message"), _date_cases())
def test_date_errors(logged_in, client, typed, message):
    logged_in.post(A + "/onderdeel", {"onderdelen": "luisteren"}, form_url=A)
    response = logged_in.post(
        A + "/datum", {"locatie": "zwolle", "datum": typed, "tijd": "09:30"}, form_url=A + "/datum"
    )
    assert response.status_code == 400
    page = text(response)
    assert message in page
    assert 'id="fout-datum"' in page and 'aria-invalid="true"' in page
    assert f'name="datum" value="{typed}"' in page
    assert 'value="zwolle" checked' in page and 'value="09:30" checked' in page


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"locatie": "", "tijd": "09:30"}, "Kies een examenlocatie."),
        ({"locatie": "zwolle", "tijd": "07:00"}, "Kies een tijd."),
    ],
)
def test_place_and_time_errors(logged_in, form, message):
    logged_in.post(A + "/onderdeel", {"onderdelen": "luisteren"}, form_url=A)
    response = logged_in.post(
        A + "/datum", dict(form, datum=weekday().isoformat()), form_url=A + "/datum"
    )
    assert response.status_code == 400 and message in text(response)


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (
            {"betaalwijze": "lening"},
            "U moet de geheimhoudingsverklaring accepteren. Anders kunt u zich niet aanmelden.",
        ),
        ({"geheimhouding": "ja"}, "Kies hoe u wilt betalen."),
    ],
)
def test_confirm_errors(logged_in, app, form, message):
    choose(logged_in)
    response = logged_in.post(A + "/controleren", form, form_url=A + "/controleren")
    assert response.status_code == 400 and message in text(response)
    assert logged_in.state(app)["exams"][1]["status"] == "niet_gedaan"


def test_loan_too_low_pays_through_the_bank(logged_in, client, app):
    change_state(app, client, lambda data: data["loan"].update(maximum=loan.borrowed(data) + 1000))
    choose(logged_in)
    page = text(client.get(A + "/controleren"))
    assert "Uw lening is niet hoog genoeg" in page and 'value="lening"' not in page
    response = confirm(logged_in, "lening")
    assert response.status_code == 400 and "Betalen via mijn bank" in text(response)
    assert confirm(logged_in, "bank").headers["Location"].endswith("/examens/betalen")
    bank = text(client.get(M + "/examens/betalen"))
    assert (
        "Kies uw bank" in bank
        and "€ 50,00" in bank
        and ">Betalen<" in bank
        and ">Annuleren<" in bank
    )
    response = logged_in.post(
        M + "/examens/betalen", {"knop": "betalen"}, form_url=M + "/examens/betalen"
    )
    assert response.status_code == 400 and "Kies uw bank." in text(response)
    response = logged_in.post(
        M + "/examens/betalen",
        {"knop": "betalen", "bank": "Tulpbank"},
        form_url=M + "/examens/betalen",
    )
    assert response.headers["Location"].endswith("/aanmelden/klaar")
    assert "betaald via uw bank" in text(client.get(A + "/klaar"))
    state = logged_in.state(app)
    assert state["exams"][1]["status"] == "aangemeld" and loan.available(state) == 1000


def test_bank_annuleren_does_not_register(logged_in, client, app):
    choose(logged_in)
    confirm(logged_in, "bank")
    response = logged_in.post(
        M + "/examens/betalen", {"knop": "annuleren"}, form_url=M + "/examens/betalen"
    )
    assert response.headers["Location"].endswith("/aanmelden/controleren")
    page = text(client.get(A + "/controleren"))
    assert "U heeft het betalen geannuleerd. U bent nog niet aangemeld voor het examen." in page
    assert logged_in.state(app)["exams"][1]["status"] == "niet_gedaan"
    assert not [a for a in actions(logged_in, app) if a[0] == "exam.registered"]


def register(learner, part="luisteren"):
    choose(learner, (part,))
    assert confirm(learner).status_code == 302


def test_change_a_registration(logged_in, client, app):
    register(logged_in)
    page = text(client.get(M + "/examens/luisteren"))
    assert ">Aangemeld<" in page and "Wijzigen" in page and "Afmelden" in page
    form = text(client.get(M + "/examens/luisteren/wijzigen"))
    assert 'value="zwolle" checked' in form
    new_day = weekday(10)
    response = logged_in.post(
        M + "/examens/luisteren/wijzigen",
        {"locatie": "enschede", "datum": new_day.isoformat(), "tijd": "15:00"},
    )
    assert response.headers["Location"].endswith("/examens/luisteren")
    page = text(client.get(M + "/examens/luisteren"))
    assert "Uw examen Luisteren is gewijzigd." in page
    assert new_day.strftime("%d-%m-%Y") in page and "15:00 uur" in page and "Enschede" in page
    assert ("exam.changed", {"part": "luisteren"}) in actions(logged_in, app)
    assert logged_in.state(app)["letters"][-1]["onderwerp"] == "Wijziging examen"


def test_change_errors_keep_the_typed_values(logged_in, app):
    register(logged_in)
    response = logged_in.post(
        M + "/examens/luisteren/wijzigen",
        {"locatie": "enschede", "datum": "2020-01-01", "tijd": "15:00"},
    )
    assert response.status_code == 400
    assert "Deze datum is al voorbij." in text(response) and 'value="2020-01-01"' in text(response)
    assert logged_in.state(app)["exams"][1]["locatie"] == "zwolle"


def test_change_or_cancel_without_registration_goes_to_details(logged_in, client):
    assert (
        client.get(M + "/examens/spreken/wijzigen").headers["Location"].endswith("/examens/spreken")
    )
    assert (
        client.get(M + "/examens/spreken/afmelden").headers["Location"].endswith("/examens/spreken")
    )
    response = logged_in.post(M + "/examens/spreken/afmelden", {}, form_url=M + "/examens")
    assert response.headers["Location"].endswith("/examens/spreken")
    assert "U bent niet (meer) aangemeld" in text(client.get(M + "/examens/spreken"))


def test_cancel_refunds_the_loan(logged_in, client, app):
    before = loan.available(logged_in.state(app))
    register(logged_in)
    ask = text(client.get(M + "/examens/luisteren/afmelden"))
    assert "Weet u zeker dat u zich wilt afmelden voor dit examen?" in ask
    assert "Dit geld komt terug in uw lening." in ask
    response = logged_in.post(M + "/examens/luisteren/afmelden", {})
    assert response.headers["Location"].endswith("/examens")
    page = text(client.get(M + "/examens"))
    assert (
        "U bent afgemeld voor het examen Luisteren. Het geld staat weer in uw lening: € 50,00."
        in page
    )
    state = logged_in.state(app)
    assert loan.available(state) == before
    assert state["exams"][1] == {"onderdeel": "luisteren", "status": "niet_gedaan"}
    assert ("exam.cancelled", {"part": "luisteren"}) in actions(logged_in, app)
    assert state["mails"][-1]["onderwerp"] == "Afmelding examen"


def test_no_register_button_when_everything_is_done(logged_in, client, app):
    def all_passed(data):
        for exam in data["exams"]:
            exam["status"] = "gehaald"

    change_state(app, client, all_passed)
    page = text(client.get(M + "/examens"))
    assert 'data-target="mijn.examens.aanmelden"' not in page
    assert "U kunt zich nu niet aanmelden" in text(client.get(A))


def test_cancel_a_registration_from_the_scenario(logged_in, client, app):
    """A registration that came with the scenario has no payment record: nothing to refund."""

    def registered(data):
        data["exams"][3].update(
            status="aangemeld", datum="12-01-2027", tijd="09:30", locatie="zwolle"
        )

    change_state(app, client, registered)
    before = loan.available(logged_in.state(app))
    ask = text(client.get(M + "/examens/spreken/afmelden"))
    assert "Heeft u al betaald voor dit examen? Dan krijgt u het geld terug." in ask
    logged_in.post(M + "/examens/spreken/afmelden", {})
    state = logged_in.state(app)
    assert state["exams"][3] == {"onderdeel": "spreken", "status": "niet_gedaan"}
    assert loan.available(state) == before
    assert "U bent afgemeld voor het examen Spreken." in text(client.get(M + "/examens"))
