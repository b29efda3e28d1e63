"""Contact details: postal address, e-mail typed twice, Dutch mobile and landline numbers."""

from __future__ import annotations

import pytest

from simulator.sandbox import contact

HOME = {"straat": "Kastanjelaan", "huisnummer": "12", "postcode": "7511 AB", "plaats": "Enschede"}
GOOD = {
    "zelfde": "nee",
    "straat": "Hoofdstraat",
    "huisnummer": "5a",
    "postcode": "1234ab",
    "plaats": "Utrecht",
}


def test_same_as_home_address_clears_the_postal_address():
    assert contact.check_address({"zelfde": "ja", "straat": "x"}, HOME) == (None, {})


def test_other_address_is_tidied():
    address, errors = contact.check_address(GOOD, HOME)
    assert errors == {}
    assert address == {
        "straat": "Hoofdstraat",
        "huisnummer": "5a",
        "postcode": "1234 AB",
        "plaats": "Utrecht",
    }


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("zelfde", "", "Kies Ja of Nee."),
        ("zelfde", "misschien", "Kies Ja of Nee."),
        ("straat", "", "Vul de straat in."),
        ("straat", "12345", "Vul een straatnaam in met letters"),
        ("huisnummer", "", "Vul het huisnummer in."),
        ("huisnummer", "twaalf", "Vul een huisnummer in met cijfers"),
        ("huisnummer", "0", "Vul een huisnummer in met cijfers"),
        ("postcode", "", "Vul de postcode in."),
        ("postcode", "123 AB", "4 cijfers en 2 letters, zoals 1234 AB"),
        ("postcode", "0123 AB", "4 cijfers en 2 letters"),
        ("postcode", "1234 A1", "4 cijfers en 2 letters"),
        ("plaats", "", "Vul de plaats in."),
        ("plaats", "1234", "Vul een plaatsnaam in met letters"),
    ],
)
def test_address_errors(field, value, message):
    _, errors = contact.check_address(dict(GOOD, **{field: value}), HOME)
    assert message in errors[field]


def test_postal_address_equal_to_home_address_says_choose_ja():
    form = {
        "zelfde": "nee",
        "straat": "kastanjelaan",
        "huisnummer": "12",
        "postcode": "7511ab",
        "plaats": "Enschede",
    }
    address, errors = contact.check_address(form, HOME)
    assert address is None
    assert "Kies dan bij Zelfde als woonadres: Ja" in errors["zelfde"]


@pytest.mark.parametrize(
    ("typed", "clean"),
    [
        ("12", "12"),
        ("12a", "12a"),
        ("12 A", "12A"),
        ("12-3", "12-3"),
        ("12 3", "12-3"),
        ("101bis", "101bis"),
    ],
)
def test_house_numbers(typed, clean):
    address, errors = contact.check_address(dict(GOOD, huisnummer=typed), HOME)
    assert errors == {} and address["huisnummer"] == clean


@pytest.mark.parametrize("place", ["'s-Hertogenbosch", "Den Haag", "Alphen aan den Rijn", "Ede"])
def test_place_names_with_quotes_spaces_and_hyphens(place):
    address, errors = contact.check_address(dict(GOOD, plaats=place), HOME)
    assert errors == {} and address["plaats"] == place


def test_email_typed_twice():
    assert contact.check_email(
        {"email": " Yonas@Voorbeeld.NL ", "email_herhaal": "yonas@voorbeeld.nl"}
    ) == (
        "Yonas@voorbeeld.nl",
        {},
    )


@pytest.mark.parametrize(
    ("first", "second", "field", "message"),
    [
        ("", "a@b.nl", "email", "Vul uw e-mailadres in."),
        ("yonas", "yonas", "email", "Dit is geen goed e-mailadres"),
        ("yonas@voorbeeld", "yonas@voorbeeld", "email", "naam@voorbeeld.nl"),
        ("yo nas@voorbeeld.nl", "yo nas@voorbeeld.nl", "email", "Dit is geen goed e-mailadres"),
        ("yonas..t@voorbeeld.nl", "yonas..t@voorbeeld.nl", "email", "Dit is geen goed e-mailadres"),
        ("yonas@voorbeeld.nl", "", "email_herhaal", "Vul uw e-mailadres nog een keer in."),
        ("yonas@voorbeeld.nl", "yonas@voorbeeld.com", "email_herhaal", "niet hetzelfde"),
    ],
)
def test_email_errors(first, second, field, message):
    value, errors = contact.check_email({"email": first, "email_herhaal": second})
    assert value is None
    assert message in errors[field]


@pytest.mark.parametrize(
    ("typed", "digits"),
    [
        ("0612345678", "0612345678"),
        ("06 12345678", "0612345678"),
        ("06-12 34 56 78", "0612345678"),
        ("+31 6 12345678", "0612345678"),
        ("+31 (0)6 12345678", "0612345678"),
        ("0031612345678", "0612345678"),
        ("053 1234567", "0531234567"),
        ("053-1234567", "0531234567"),
        ("020 123 45 67", "0201234567"),
        ("0513 123456", "0513123456"),
        ("+31 20 1234567", "0201234567"),
    ],
)
def test_dutch_phone_numbers(typed, digits):
    assert contact.normalize_phone(typed) == (digits, None)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Vul uw telefoonnummer in."),
        ("06-abc", "alleen cijfers"),
        ("06 1234567", "10 cijfers"),
        ("06 123456789", "10 cijfers"),
        ("612345678", "begint met 0 of met +31"),
        ("+32 470 12 34 56", "Nederlands telefoonnummer"),
        ("0800 1234", "0800- of 0900-nummer"),
        ("0900-1234567", "0800- of 0900-nummer"),
    ],
)
def test_phone_errors(typed, message):
    number, error = contact.normalize_phone(typed)
    assert number is None and message in error


@pytest.mark.parametrize(
    ("digits", "shown", "kind"),
    [
        ("0612345678", "06 12345678", "mobiel"),
        ("0531234567", "053 1234567", "vast"),
        ("0201234567", "020 1234567", "vast"),
        ("0513123456", "0513 123456", "vast"),
    ],
)
def test_phone_display(digits, shown, kind):
    assert contact.format_phone(digits) == shown
    assert contact.phone_kind(digits) == kind


def test_address_lines():
    assert contact.format_address(HOME) == ["Kastanjelaan 12", "7511 AB Enschede"]
    assert contact.format_address(None) == []
