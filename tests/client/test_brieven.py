"""Mijn Inburgering > Brieven: the list (unread marked) and each letter as a printable page."""

from __future__ import annotations

import re

from tests.conftest import text

M = "/sites/mijn.inburgeren.nl"


def test_list_newest_first_with_unread_marked(logged_in, client):
    page = text(client.get(M + "/brieven"))
    assert 'data-page="mijn.brieven"' in page and 'aria-current="page">Brieven' in page
    assert page.index("Uw lening is toegekend") < page.index("U moet inburgeren")
    assert page.count("mf-letter--new") == 2 and "nog niet gelezen" in page
    assert "20-02-2022" in page and 'data-target="mijn.brief.BRF2022014"' in page


def test_letter_looks_like_a_letter(logged_in, client, app):
    page = text(client.get(M + "/brieven/BRF2022001"))
    assert 'data-page="mijn.brief"' in page
    assert 'class="brief__logo"' in page and "Dienst Uitvoering Onderwijs" in page
    assert "De heer Y. Tesfay<br>" in page and "Kastanjelaan 12<br>" in page
    assert "7511 AB Enschede" in page and "14-02-2022" in page
    assert "Onderwerp:</span> U moet inburgeren" in page
    assert "Die tijd begint op 1 februari 2022." in page
    assert "Print deze brief" in page
    script = re.search(r'<script src="([^"]+)"', page).group(1)
    assert "[data-print]" in text(client.get(script))  # the print button's script (the bundle)
    assert "onclick" not in page
    events = logged_in.events(app)
    assert events[-1]["name"] == "mijn.brief" and events[-1]["params"] == {"letter": "BRF2022001"}
    assert ("letter.opened", {"letter": "BRF2022001"}) in [
        (e["name"], e["params"]) for e in events if e["kind"] == "action"
    ]
    assert logged_in.state(app)["letters"][0]["gelezen"] is True
    assert text(client.get(M + "/brieven")).count("mf-letter--new") == 1


def test_letter_goes_to_the_postal_address(logged_in, client):
    logged_in.post(
        M + "/gegevens/persoon/postadres",
        {
            "zelfde": "nee",
            "straat": "Postweg",
            "huisnummer": "1",
            "postcode": "1000 AA",
            "plaats": "Amsterdam",
        },
    )
    page = text(client.get(M + "/brieven/BRF2022001"))
    assert "Postweg 1<br>" in page and "1000 AA Amsterdam" in page


def test_unknown_letter_is_not_found(logged_in, client):
    assert client.get(M + "/brieven/BRF0000").status_code == 404


def test_print_css_hides_the_frame(client):
    css = text(client.get("/static/css/mijn-forms.css"))
    assert "@media print" in css and ".mijn-menu" in css.split("@media print")[1]


def test_exam_registration_adds_a_letter(logged_in, client, app):
    from tests.client.test_examens import choose, confirm

    choose(logged_in)
    confirm(logged_in)
    letter = logged_in.state(app)["letters"][-1]
    page = text(client.get(M + "/brieven"))
    assert "Bevestiging aanmelding examen" in page
    assert page.index("Bevestiging aanmelding examen") < page.index("Uw lening is toegekend")
    assert "Examen: Luisteren" in text(client.get(f"{M}/brieven/{letter['id']}"))
