"""Typed form fields, Flask-free: one rule per kind of field, each site its own words.

A reader returns the clean value or raises `Invalid` with a short code that says what is
wrong ("empty", "format", "too_long", "zero"); each site turns the code into its own
sentence: Mijn Inburgering's B1 Dutch (contact.py), ind.nl's Dutch and English
(ind_forms.py), the exam date (exams.py). Dates are written dd-mm-jjjj everywhere (dates.py
formats them); a typed date may also use / or . and, from <input type="date">, jjjj-mm-dd.
"""

from __future__ import annotations

import re
from datetime import date, datetime

_POSTCODE = re.compile(r"^([1-9]\d{3})\s*([A-Za-z]{2})$")
_HOUSE_NUMBER = re.compile(r"^(\d{1,5})(?:\s*[-/]?\s*([A-Za-z0-9]{1,4}))?$")
_STREET = re.compile(r"^[^\W\d_][\w .'’\-()/]*$", re.UNICODE)
_PLACE = re.compile(r"^['’]?[^\W\d_][\w .'’\-]*$", re.UNICODE)
_EMAIL = re.compile(
    r"^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$"
)
_DAY_FIRST = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")


class Invalid(ValueError):
    """A typed value that does not fit its field; `code` says why."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code


def squeeze(value: object) -> str:
    """Typed text with surrounding and double spaces removed."""
    return " ".join(str(value or "").split())


def read_date(text: object, iso: bool = False) -> date:
    """dd-mm-jjjj (also with / or .); with iso=True also jjjj-mm-dd (a date input)."""
    value = squeeze(text)
    if not value:
        raise Invalid("empty")
    found = _DAY_FIRST.match(value)
    if found:
        day, month, year = (int(part) for part in found.groups())
    elif iso and (found := _ISO.match(value)):
        year, month, day = (int(part) for part in found.groups())
    else:
        raise Invalid("format")
    try:
        return datetime(year, month, day).date()
    except ValueError:
        raise Invalid("format") from None


def read_postcode(text: object) -> str:
    """A Dutch postcode: 4 digits (not starting with 0) and 2 letters, as "7511 AB"."""
    value = squeeze(text)
    if not value:
        raise Invalid("empty")
    found = _POSTCODE.match(value)
    if not found:
        raise Invalid("format")
    return f"{found.group(1)} {found.group(2).upper()}"


def read_house_number(text: object) -> str:
    """A house number with an optional addition: "12", "12a", "12A" ("12 A"), "12-3"."""
    value = squeeze(text)
    if not value:
        raise Invalid("empty")
    found = _HOUSE_NUMBER.match(value)
    if not found:
        raise Invalid("format")
    if int(found.group(1)) == 0:
        raise Invalid("zero")
    number, addition = found.group(1), found.group(2) or ""
    return f"{number}-{addition}" if addition.isdigit() else number + addition


def read_street(text: object, max_length: int = 60) -> str:
    """A street name: a letter first, then letters, digits, spaces and . ' - ( ) /."""
    value = squeeze(text)
    if not value:
        raise Invalid("empty")
    if len(value) > max_length:
        raise Invalid("too_long")
    if not _STREET.match(value):
        raise Invalid("format")
    return value


def read_place(text: object, max_length: int = 40) -> str:
    """A place name: letters, spaces, hyphens and quotes ('s-Hertogenbosch), no digits."""
    value = squeeze(text)
    if not value:
        raise Invalid("empty")
    if len(value) > max_length:
        raise Invalid("too_long")
    if not _PLACE.match(value) or any(ch.isdigit() for ch in value):
        raise Invalid("format")
    return value


def read_email(text: object) -> str:
    """An e-mail address (name@voorbeeld.nl); the domain is written in lower case."""
    value = squeeze(text)
    if not value:
        raise Invalid("empty")
    if len(value) > 254 or ".." in value or not _EMAIL.match(value):
        raise Invalid("format")
    local, _, domain = value.rpartition("@")
    return f"{local}@{domain.lower()}"
