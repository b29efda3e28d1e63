"""The one set of field rules (sandbox/fields.py) and each site's own words for a problem."""

from __future__ import annotations

from datetime import date

import pytest

from simulator.sandbox import contact, dates, exams, fields, ind_forms

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize(
    ("typed", "iso", "expected"),
    [
        ("14-03-1992", False, date(1992, 3, 14)),
        ("14/03/1992", False, date(1992, 3, 14)),
        (" 1.3.1992 ", False, date(1992, 3, 1)),
        ("1992-03-14", True, date(1992, 3, 14)),
    ],
)
def test_one_date_reader_for_every_form(typed, iso, expected):
    assert fields.read_date(typed, iso=iso) == expected


@pytest.mark.parametrize(
    ("typed", "iso", "code"),
    [("", False, "empty"), ("1992-03-14", False, "format"), ("30-02-2027", True, "format")],
)
def test_date_problems_have_a_code(typed, iso, code):
    with pytest.raises(fields.Invalid) as problem:
        fields.read_date(typed, iso=iso)
    assert problem.value.code == code


def test_the_three_date_users_share_the_reader_and_keep_their_words():
    assert dates.parse("01/06/2022") == date(2022, 6, 1)
    with pytest.raises(ValueError, match="is geen datum"):
        dates.parse("2022-06-01")
    assert exams.check_date("", TODAY) == (None, "Kies een datum voor uw examen.")
    assert "Dit is geen datum" in exams.check_date("30-02-2027", TODAY)[1]
    with pytest.raises(ind_forms.FieldError) as problem:
        ind_forms.clean_birth_date("30-02-1992", TODAY)
    assert problem.value.message["en"].startswith("This is not a valid date.")


@pytest.mark.parametrize(
    ("reader", "typed", "clean"),
    [
        (fields.read_postcode, "7511ab", "7511 AB"),
        (fields.read_house_number, "12 A", "12A"),
        (fields.read_house_number, "12 3", "12-3"),
        (fields.read_place, "'s-Hertogenbosch", "'s-Hertogenbosch"),
        (fields.read_email, "Yonas@Voorbeeld.NL", "Yonas@voorbeeld.nl"),
    ],
)
def test_address_and_email_are_tidied_the_same_way_on_every_site(reader, typed, clean):
    assert reader(typed) == clean


@pytest.mark.parametrize(
    ("field", "typed", "mijn", "ind"),
    [
        (
            "postcode",
            "0123 AB",
            "Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB.",
            "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 7511 AB.",
        ),
        (
            "plaats",
            "Enschede 2",
            "Vul een plaatsnaam in met letters, zoals Enschede.",
            "Vul een goede woonplaats in.",
        ),
        (
            "huisnummer",
            "0",
            "Vul een huisnummer in met cijfers, zoals 12 of 12a.",
            "Vul een huisnummer in, bijvoorbeeld 12 of 12 A.",
        ),
    ],
)
def test_one_rule_each_site_its_own_message(field, typed, mijn, ind):
    form = {"zelfde": "nee", "straat": "Hoofdstraat", "huisnummer": "5", "postcode": "1234 AB"}
    form = {**form, "plaats": "Utrecht", field: typed}
    assert contact.check_address(form)[1] == {field: mijn}
    cleaner = {
        "postcode": ind_forms.clean_postcode,
        "plaats": ind_forms.clean_place,
        "huisnummer": ind_forms.clean_house_number,
    }[field]
    with pytest.raises(ind_forms.FieldError) as problem:
        cleaner(typed)
    assert problem.value.message["nl"] == ind and problem.value.message["en"]


def test_email_rule_is_shared():
    assert contact.check_email({"email": "a..b@x.nl", "email_herhaal": "a..b@x.nl"})[1]["email"]
    with pytest.raises(ind_forms.FieldError):
        ind_forms.clean_email("a..b@x.nl")
    assert ind_forms.clean_email("Yonas@Voorbeeld.NL") == "Yonas@voorbeeld.nl"
