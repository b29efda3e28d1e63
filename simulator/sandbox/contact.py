"""Contact details in Mijn Inburgering: check and tidy a postal address, e-mail and phone number.

Every check returns (clean values, errors by field); errors are plain Dutch sentences (B1).
"""

from __future__ import annotations

import re

FIELDS = ("postadres", "email", "telefoon")
FIELD_LABELS = {"postadres": "Postadres", "email": "E-mailadres", "telefoon": "Telefoon"}
ADDRESS_FIELDS = ("straat", "huisnummer", "postcode", "plaats")

_POSTCODE = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})$")
_HOUSE_NUMBER = re.compile(r"^(\d{1,5})(?:\s*[-/]?\s*([A-Za-z0-9]{1,4}))?$")
_NAME = re.compile(r"^[^\W\d_][\w .'\-()/]*$", re.UNICODE)
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)
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
    values = {key: " ".join(str(form.get(key) or "").split()) for key in ADDRESS_FIELDS}
    errors: dict[str, str] = {}
    checks = (
        ("straat", _check_street),
        ("huisnummer", _check_house_number),
        ("postcode", _check_postcode),
        ("plaats", _check_place),
    )
    for key, check in checks:
        clean, error = check(values[key])
        if error:
            errors[key] = error
        else:
            values[key] = clean
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


def _check_street(value: str) -> tuple[str, str | None]:
    if not value:
        return value, "Vul de straat in."
    if len(value) > 60 or not _NAME.match(value):
        return value, "Vul een straatnaam in met letters, zoals Kastanjelaan."
    return value, None


def _check_house_number(value: str) -> tuple[str, str | None]:
    if not value:
        return value, "Vul het huisnummer in."
    match = _HOUSE_NUMBER.match(value)
    if not match or int(match.group(1)) == 0:
        return value, "Vul een huisnummer in met cijfers, zoals 12 of 12a."
    number, addition = match.group(1), match.group(2) or ""
    return (f"{number}-{addition}" if addition.isdigit() else number + addition), None


def _check_postcode(value: str) -> tuple[str, str | None]:
    if not value:
        return value, "Vul de postcode in."
    match = _POSTCODE.match(value)
    if not match:
        return value, "Vul een postcode in met 4 cijfers en 2 letters, zoals 1234 AB."
    return f"{match.group(1)} {match.group(2).upper()}", None


def _check_place(value: str) -> tuple[str, str | None]:
    if not value:
        return value, "Vul de plaats in."
    if len(value) > 40 or not re.match(r"^['’]?[^\W\d_][\w .'’\-]*$", value):
        return value, "Vul een plaatsnaam in met letters, zoals Enschede."
    return value, None


def check_email(form: dict) -> tuple[str | None, dict]:
    """Check the e-mail address typed twice; returns the address (domain in lower case)."""
    first = (form.get("email") or "").strip()
    second = (form.get("email_herhaal") or "").strip()
    errors: dict[str, str] = {}
    if not first:
        errors["email"] = "Vul uw e-mailadres in."
    elif len(first) > 254 or ".." in first or not _EMAIL.match(first):
        errors["email"] = (
            "Dit is geen goed e-mailadres. Een e-mailadres ziet er zo uit: naam@voorbeeld.nl."
        )
    if not second:
        errors["email_herhaal"] = "Vul uw e-mailadres nog een keer in."
    elif not errors and first.lower() != second.lower():
        errors["email_herhaal"] = (
            "De twee e-mailadressen zijn niet hetzelfde. Kijk of u een typfout maakte."
        )
    if errors:
        return None, errors
    local, _, domain = first.rpartition("@")
    return f"{local}@{domain.lower()}", {}


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
