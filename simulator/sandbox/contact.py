"""Contact details in Mijn Inburgering: check and tidy a postal address, e-mail and phone number.

Every check returns (clean values, errors by field); errors are plain Dutch sentences (B1).
"""

from __future__ import annotations

import re

from simulator.sandbox import fields

FIELDS = ("postadres", "email", "telefoon")
FIELD_LABELS = {"postadres": "Postadres", "email": "E-mailadres", "telefoon": "Telefoon"}
ADDRESS_FIELDS = ("straat", "huisnummer", "postcode", "plaats")

#: the rules are sandbox/fields.py; these are Mijn Inburgering's words for what is wrong
READERS = {
    "straat": fields.read_street,
    "huisnummer": fields.read_house_number,
    "postcode": fields.read_postcode,
    "plaats": fields.read_place,
}
ADDRESS_MESSAGES = {
    "straat": {
        "empty": "Vul de straat in.",
        "format": "Vul een straatnaam in met letters, zoals Kastanjelaan.",
    },
    "huisnummer": {
        "empty": "Vul het huisnummer in.",
        "format": "Vul een huisnummer in met cijfers, zoals 12 of 12a.",
    },
    "postcode": {
        "empty": "Vul de postcode in.",
        "format": "Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB.",
    },
    "plaats": {
        "empty": "Vul de plaats in.",
        "format": "Vul een plaatsnaam in met letters, zoals Enschede.",
    },
}
EMAIL_MESSAGES = {
    "empty": "Vul uw e-mailadres in.",
    "format": "Dit is geen goed e-mailadres. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl.",
}
_PHONE_ALLOWED = re.compile(r"^\+?[\d\s\-().]+$")
#: Area codes with two digits after the 0 (all others have three): 010, 020, 053, ...
_SHORT_AREAS = frozenset(
    "010 013 015 020 023 024 026 030 033 035 036 038 040 043 045 046 050 053 055 058 "
    "070 071 072 073 074 075 076 077 078 079 085 088 091".split()
)


def check_address(form: dict, woonadres: dict | None = None) -> tuple[dict | None, dict]:
    """Check the postal address form; (None, {}) means "Zelfde als woonadres: Ja"."""
    same = (form.get("zelfde") or "").strip()
    if same == "ja":
        return None, {}
    if same != "nee":
        return None, {"zelfde": "Kies Ja of Nee."}
    values = {key: fields.squeeze(form.get(key)) for key in ADDRESS_FIELDS}
    errors: dict[str, str] = {}
    for key in ADDRESS_FIELDS:
        try:
            values[key] = READERS[key](values[key])
        except fields.Invalid as problem:
            errors[key] = ADDRESS_MESSAGES[key].get(problem.code, ADDRESS_MESSAGES[key]["format"])
    if not errors and woonadres and same_address(values, woonadres):
        errors["zelfde"] = (
            "Dit adres is hetzelfde als uw woonadres. Kies dan bij Zelfde als woonadres: Ja."
        )
    return (None if errors else values), errors


def same_address(one: dict, other: dict) -> bool:
    """True when two addresses are the same (ignoring case and spaces)."""

    def key(address: dict) -> tuple:
        return tuple("".join(str(address.get(k, "")).split()).lower() for k in ADDRESS_FIELDS)

    return key(one) == key(other)


def check_email(form: dict) -> tuple[str | None, dict]:
    """Check the e-mail address typed twice; returns the address (domain in lower case)."""
    first = (form.get("email") or "").strip()
    second = (form.get("email_herhaal") or "").strip()
    errors: dict[str, str] = {}
    address = None
    try:
        address = fields.read_email(first)
    except fields.Invalid as problem:
        errors["email"] = EMAIL_MESSAGES[problem.code]
    if not second:
        errors["email_herhaal"] = "Vul uw e-mailadres nog een keer in."
    elif not errors and first.lower() != second.lower():
        errors["email_herhaal"] = (
            "De twee e-mailadressen zijn niet hetzelfde. Kijk of u een typfout maakte."
        )
    return (None, errors) if errors else (address, {})


def normalize_phone(text: str) -> tuple[str | None, str | None]:
    """Turn a typed Dutch phone number into 10 digits ("0612345678"), or give the error."""
    value = (text or "").strip()
    if not value:
        return None, "Vul uw telefoonnummer in."
    if not _PHONE_ALLOWED.match(value) or "+" in value[1:]:
        return (
            None,
            "Een telefoonnummer heeft alleen cijfers. U mag spaties of streepjes gebruiken.",
        )
    digits = re.sub(r"\D", "", value)
    if value.startswith("+"):
        if not digits.startswith("31"):
            return None, "Vul een Nederlands telefoonnummer in. Dat begint met 0 of met +31."
        digits = "0" + digits[2:].removeprefix("0")
    elif digits.startswith("0031"):
        digits = "0" + digits[4:].removeprefix("0")
    if not digits.startswith("0"):
        return None, "Een Nederlands telefoonnummer begint met 0 of met +31, zoals 06 12345678."
    if digits.startswith(("0800", "0900", "0906", "0909")):
        return (
            None,
            "Vul een mobiel nummer (06) of een vast nummer in. Een 0800- of 0900-nummer kan niet.",
        )
    if len(digits) != 10 or digits[1] == "0":
        return None, (
            "Een Nederlands telefoonnummer heeft 10 cijfers, zoals 06 12345678 of 053 1234567."
        )
    return digits, None


def check_phone(form: dict) -> tuple[str | None, dict]:
    """Check the phone form; returns the number as 10 digits."""
    number, error = normalize_phone(form.get("telefoon") or "")
    return (None, {"telefoon": error}) if error else (number, {})


def phone_kind(number: str) -> str:
    """ "mobiel" for 06 numbers, otherwise "vast"."""
    return "mobiel" if number.startswith("06") else "vast"


def format_phone(number: str | None) -> str:
    """Show 10 digits the Dutch way: 06 12345678, 053 1234567, 0513 123456."""
    if not number:
        return ""
    if not (len(number) == 10 and number.isdigit()):
        return number
    if number.startswith("06"):
        return f"06 {number[2:]}"
    split = 3 if number[:3] in _SHORT_AREAS else 4
    return f"{number[:split]} {number[split:]}"


def format_address(address: dict | None) -> list[str]:
    """An address as lines: "Kastanjelaan 12", "7511 AB Enschede"."""
    if not address:
        return []
    return [
        f"{address['straat']} {address['huisnummer']}",
        f"{address['postcode']} {address['plaats']}",
    ]
