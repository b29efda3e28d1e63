"""The IND practice forms' rules: what is accepted, and the Dutch message for what is not."""

from __future__ import annotations

from datetime import date

import pytest

from simulator.sandbox import ind_forms

TODAY = date(2026, 11, 28)

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
    "postcode": "7511 AB",
    "plaats": "Enschede",
    "email": "yonas@voorbeeld.nl",
    "verklaring": "ja",
}

GOOD_ONBEPAALD = {
    **{k: v for k, v in GOOD_VERVANGEN.items() if not k.startswith(("pv_", "reden"))},
    "soort": "regulier",
    "nationaliteit": "Eritrese",
    "vijf_jaar": "ja",
    "inburgering": "ja",
    "inkomen": "ja",
}


def test_good_replacement_form_has_no_errors_and_is_cleaned():
    data = {**GOOD_VERVANGEN, "v_nummer": " 12345 67890 ", "postcode": "7511ab"}
    values, cleaned, errors = ind_forms.check("vervangend-verblijfsdocument", data, TODAY)
    assert errors == {}
    assert cleaned["v_nummer"] == "1234567890"
    assert cleaned["postcode"] == "7511 AB"
    assert values["v_nummer"] == "12345 67890"  # what was typed, trimmed


def test_good_permanent_form_has_no_errors():
    _values, cleaned, errors = ind_forms.check("onbepaalde-tijd", GOOD_ONBEPAALD, TODAY)
    assert errors == {}
    assert cleaned["soort"] == "regulier"


def test_empty_form_names_every_field_in_dutch_and_english():
    _values, _cleaned, errors = ind_forms.check("onbepaalde-tijd", {}, TODAY)
    assert set(errors) == set(ind_forms.FIELDS["onbepaalde-tijd"])
    assert errors["v_nummer"] == {"nl": "Vul uw V-nummer in.", "en": "Enter your V-number."}


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("v_nummer", "12345", "Een V-nummer heeft 10 cijfers. U typte er 5."),
        ("v_nummer", "12345678901", "Een V-nummer heeft 10 cijfers. U typte er 11."),
        ("v_nummer", "V123456789", "Een V-nummer bestaat alleen uit cijfers."),
        ("v_nummer", "١٢٣٤٥٦٧٨٩٠", "Een V-nummer bestaat alleen uit cijfers."),
        ("achternaam", "", "Vul uw achternaam in."),
        ("achternaam", "T3sfay", "Gebruik alleen letters in uw achternaam."),
        ("achternaam", "x" * 101, "Uw achternaam is te lang. Gebruik hoogstens 100 tekens."),
        (
            "geboortedatum",
            "1992-03-14",
            "Dit is geen goede datum. Schrijf de geboortedatum zo: 14-03-1992.",
        ),
        (
            "geboortedatum",
            "31-02-1992",
            "Dit is geen goede datum. Schrijf de geboortedatum zo: 14-03-1992.",
        ),
        ("geboortedatum", "01-01-2030", "Uw geboortedatum moet in het verleden liggen."),
        ("geboortedatum", "01-01-1890", "Kijk uw geboortedatum na: het jaartal is te vroeg."),
        ("reden", "", "Kies of uw verblijfsdocument kwijt is of gestolen."),
        ("reden", "verkocht", "Kies of uw verblijfsdocument kwijt is of gestolen."),
        (
            "pv_nummer",
            "",
            "Vul het nummer van het proces-verbaal in. Dit staat op het papier van de politie.",
        ),
        (
            "pv_nummer",
            "<b>",
            "Dit nummer klopt niet. Neem het nummer precies over van het proces-verbaal.",
        ),
        (
            "pv_datum",
            "01-12-2026",
            "De datum van het proces-verbaal kan niet in de toekomst liggen.",
        ),
        (
            "pv_datum",
            "01-01-2019",
            "Deze datum is meer dan 5 jaar geleden. Kijk de datum op het proces-verbaal na.",
        ),
        ("huisnummer", "twaalf", "Vul een huisnummer in, bijvoorbeeld 12 of 12 A."),
        ("postcode", "0511 AB", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 7511 AB."),
        ("postcode", "75111", "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 7511 AB."),
        ("plaats", "Enschede 2", "Vul een goede woonplaats in."),
        ("email", "yonas@", "Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl."),
        (
            "email",
            "yonas voorbeeld.nl",
            "Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
        ),
        ("verklaring", "", "Zet een vinkje als u alles eerlijk en goed heeft ingevuld."),
    ],
)
def test_bad_replacement_input_gets_a_clear_dutch_message(field, value, message):
    values, _cleaned, errors = ind_forms.check(
        "vervangend-verblijfsdocument", {**GOOD_VERVANGEN, field: value}, TODAY
    )
    assert list(errors) == [field]
    assert errors[field]["nl"] == message
    assert errors[field]["en"]
    assert values[field] == " ".join(value.split())[:300]


@pytest.mark.parametrize(
    ("field", "message"),
    [
        ("vijf_jaar", "U kunt alleen aanvragen als u 5 jaar of langer in Nederland woont."),
        ("inburgering", "U heeft het inburgeringsdiploma (of een ontheffing) nodig."),
        ("inkomen", "U heeft genoeg inkomen nodig, ook in de toekomst."),
        ("soort", "Kies welke verblijfsvergunning u wilt aanvragen."),
    ],
)
def test_permanent_form_conditions_must_be_met(field, message):
    _values, _cleaned, errors = ind_forms.check(
        "onbepaalde-tijd", {**GOOD_ONBEPAALD, field: ""}, TODAY
    )
    assert list(errors) == [field]
    assert errors[field]["nl"].startswith(message)


@pytest.mark.parametrize("value", ["14/03/1992", "14.03.1992", " 14-03-1992 "])
def test_dates_may_be_typed_with_slashes_or_dots(value):
    assert ind_forms.clean_birth_date(value.strip(), TODAY) == "14-03-1992"


def test_names_with_accents_hyphens_and_apostrophes_are_fine():
    _values, cleaned, errors = ind_forms.check(
        "vervangend-verblijfsdocument",
        {**GOOD_VERVANGEN, "achternaam": "O'Brien-Müller", "voornamen": "Anaïs  Zoë"},
        TODAY,
    )
    assert errors == {}
    assert cleaned["voornamen"] == "Anaïs Zoë"


def test_non_text_values_and_huge_input_never_crash():
    data = {name: ["lijst"] for name in GOOD_VERVANGEN} | {"email": "a" * 100_000}
    values, _cleaned, errors = ind_forms.check("vervangend-verblijfsdocument", data, TODAY)
    assert len(values["email"]) <= 300
    assert set(errors) == set(GOOD_VERVANGEN)


def test_unknown_form_is_a_key_error():
    with pytest.raises(KeyError):
        ind_forms.check("paspoort", {}, TODAY)
