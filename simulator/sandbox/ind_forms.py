"""The IND's practice forms, Flask-free: clean what was typed and say what is wrong, in nl and en.

Nothing is ever sent: a form that checks out only ends on a page that says it was practice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date

from simulator import clock
from simulator.sandbox import fields

#: form id -> title (shown on the "checked" page and used as the ind.form_checked param)
FORMS: dict[str, dict[str, str]] = {
    "vervangend-verblijfsdocument": {
        "nl": "Aanvraag vervangend verblijfsdocument",
        "en": "Application for a replacement residence document",
    },
    "onbepaalde-tijd": {
        "nl": "Aanvraag verblijfsvergunning voor onbepaalde tijd",
        "en": "Application for a permanent residence permit",
    },
}

#: How each field is called on the "checked" page.
LABELS: dict[str, dict[str, str]] = {
    "soort": {"nl": "Soort vergunning", "en": "Kind of permit"},
    "v_nummer": {"nl": "V-nummer", "en": "V-number"},
    "achternaam": {"nl": "Achternaam", "en": "Surname"},
    "voornamen": {"nl": "Voornamen", "en": "First names"},
    "geboortedatum": {"nl": "Geboortedatum", "en": "Date of birth"},
    "nationaliteit": {"nl": "Nationaliteit", "en": "Nationality"},
    "reden": {"nl": "Wat is er gebeurd?", "en": "What happened?"},
    "pv_nummer": {"nl": "Nummer proces-verbaal", "en": "Police report number"},
    "pv_datum": {"nl": "Datum proces-verbaal", "en": "Police report date"},
    "straat": {"nl": "Straat", "en": "Street"},
    "huisnummer": {"nl": "Huisnummer", "en": "House number"},
    "postcode": {"nl": "Postcode", "en": "Postcode"},
    "plaats": {"nl": "Woonplaats", "en": "Town or city"},
    "email": {"nl": "E-mailadres", "en": "E-mail address"},
    "vijf_jaar": {"nl": "5 jaar in Nederland", "en": "5 years in the Netherlands"},
    "inburgering": {"nl": "Inburgeringsdiploma", "en": "Civic integration diploma"},
    "inkomen": {"nl": "Genoeg inkomen", "en": "Enough income"},
    "verklaring": {"nl": "Alles eerlijk ingevuld", "en": "Everything filled in honestly"},
}

#: How chosen values are shown on the "checked" page.
ANSWERS: dict[str, dict[str, str]] = {
    "ja": {"nl": "Ja", "en": "Yes"},
    "kwijt": {"nl": "Kwijt (verloren)", "en": "Lost"},
    "gestolen": {"nl": "Gestolen", "en": "Stolen"},
    "regulier": {"nl": "Regulier voor onbepaalde tijd", "en": "Regular permanent"},
    "eu": {"nl": "EU-langdurig ingezetene", "en": "EU long-term resident"},
}

#: Fields whose stored value is a choice shown through ANSWERS.
CHOICE_FIELDS = ("soort", "reden", "vijf_jaar", "inburgering", "inkomen", "verklaring")

MAX_LEN = 100
REDENEN = ("kwijt", "gestolen")
SOORTEN = ("regulier", "eu")

_NAME = re.compile(r"^[^\W\d_]+(?:[ '\-.][^\W\d_]+)*\.?$")
_PV = re.compile(r"^[A-Za-z0-9][A-Za-z0-9/.\-]{3,29}$")

Message = dict[str, str]


def _msg(nl: str, en: str) -> Message:
    return {"nl": nl, "en": en}


class FieldError(ValueError):
    """What is wrong with one field, in Dutch and English."""

    def __init__(self, nl: str, en: str):
        super().__init__(nl)
        self.message = _msg(nl, en)


def _text(value: object) -> str:
    """Typed text with surrounding and double spaces removed."""
    return " ".join(str(value or "").split())


def clean_v_nummer(value: str) -> str:
    """A V-nummer: exactly 10 digits (spaces and dashes are allowed while typing)."""
    digits = re.sub(r"[\s\-.]", "", value)
    if not digits:
        raise FieldError("Vul uw V-nummer in.", "Enter your V-number.")
    if not digits.isdigit() or not digits.isascii():
        raise FieldError(
            "Een V-nummer bestaat alleen uit cijfers.", "A V-number contains only digits."
        )
    if len(digits) != 10:
        raise FieldError(
            f"Een V-nummer heeft 10 cijfers. U typte er {len(digits)}.",
            f"A V-number has 10 digits. You typed {len(digits)}.",
        )
    return digits


def _name(nl_what: str, en_what: str) -> Callable[[str], str]:
    def clean(value: str) -> str:
        if not value:
            raise FieldError(f"Vul uw {nl_what} in.", f"Enter your {en_what}.")
        if len(value) > MAX_LEN:
            raise FieldError(
                f"Uw {nl_what} is te lang. Gebruik hoogstens {MAX_LEN} tekens.",
                f"Your {en_what} is too long. Use at most {MAX_LEN} characters.",
            )
        if not _NAME.match(value):
            raise FieldError(
                f"Gebruik alleen letters in uw {nl_what}.", f"Use only letters in your {en_what}."
            )
        return value

    return clean


def parse_date(value: str, nl_what: str, en_what: str) -> date:
    """A date typed as dd-mm-jjjj (also with / or .), else a clear message."""
    try:
        return fields.read_date(value)
    except fields.Invalid as problem:
        if problem.code == "empty":
            raise FieldError(f"Vul de {nl_what} in.", f"Enter the {en_what}.") from None
        raise FieldError(
            f"Dit is geen goede datum. Schrijf de {nl_what} zo: 14-03-1992.",
            f"This is not a valid date. Write the {en_what} like this: 14-03-1992.",
        ) from None


def clean_birth_date(value: str, today: date) -> str:
    """A date of birth in the past and less than 120 years ago."""
    born = parse_date(value, "geboortedatum", "date of birth")
    if born >= today:
        raise FieldError(
            "Uw geboortedatum moet in het verleden liggen.",
            "Your date of birth must be in the past.",
        )
    if today.year - born.year > 120:
        raise FieldError(
            "Kijk uw geboortedatum na: het jaartal is te vroeg.",
            "Check your date of birth: the year is too early.",
        )
    return born.strftime("%d-%m-%Y")


def clean_pv_date(value: str, today: date) -> str:
    """The date of the proces-verbaal: not in the future, not more than 5 years ago."""
    when = parse_date(value, "datum van het proces-verbaal", "date of the police report")
    if when > today:
        raise FieldError(
            "De datum van het proces-verbaal kan niet in de toekomst liggen.",
            "The date of the police report cannot be in the future.",
        )
    if (today - when).days > 5 * 366:
        raise FieldError(
            "Deze datum is meer dan 5 jaar geleden. Kijk de datum op het proces-verbaal na.",
            "This date is more than 5 years ago. Check the date on the police report.",
        )
    return when.strftime("%d-%m-%Y")


def clean_pv_nummer(value: str) -> str:
    """The number the police wrote on the proces-verbaal (letters, digits, - / .)."""
    if not value:
        raise FieldError(
            "Vul het nummer van het proces-verbaal in. Dit staat op het papier van de politie.",
            "Enter the number of the police report. It is on the paper from the police.",
        )
    if not _PV.match(value):
        raise FieldError(
            "Dit nummer klopt niet. Neem het nummer precies over van het proces-verbaal.",
            "This number is not right. Copy the number exactly from the police report.",
        )
    return value.upper()


def _choice(options: tuple[str, ...], nl: str, en: str) -> Callable[[str], str]:
    def clean(value: str) -> str:
        if value not in options:
            raise FieldError(nl, en)
        return value

    return clean


#: the rules are sandbox/fields.py; these are ind.nl's words (nl, en) for what is wrong
_ADDRESS_MESSAGES = {
    "straat": {
        "empty": ("Vul uw straat in.", "Enter your street."),
        "too_long": ("De straatnaam is te lang.", "The street name is too long."),
        "format": ("Vul een goede straatnaam in.", "Enter a valid street name."),
    },
    "huisnummer": {
        "empty": ("Vul uw huisnummer in.", "Enter your house number."),
        "format": (
            "Vul een huisnummer in, bijvoorbeeld 12 of 12 A.",
            "Enter a house number, for example 12 or 12 A.",
        ),
    },
    "postcode": {
        "empty": ("Vul uw postcode in.", "Enter your postcode."),
        "format": (
            "Een postcode heeft 4 cijfers en 2 letters, bijvoorbeeld 7511 AB.",
            "A postcode has 4 digits and 2 letters, for example 7511 AB.",
        ),
    },
    "plaats": {
        "empty": ("Vul uw woonplaats in.", "Enter your town or city."),
        "format": ("Vul een goede woonplaats in.", "Enter a valid town or city."),
    },
    "email": {
        "empty": ("Vul uw e-mailadres in.", "Enter your e-mail address."),
        "format": (
            "Vul een goed e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.",
            "Enter a valid e-mail address, for example name@example.com.",
        ),
    },
}


def _address_field(name: str, read: Callable[[str], str]) -> Callable[[str], str]:
    """A cleaner for one address or e-mail field: the shared rule, ind.nl's messages."""
    messages = _ADDRESS_MESSAGES[name]

    def clean(value: str) -> str:
        try:
            return read(value)
        except fields.Invalid as problem:
            raise FieldError(*messages.get(problem.code, messages["format"])) from None

    return clean


clean_street = _address_field("straat", lambda v: fields.read_street(v, MAX_LEN))
clean_house_number = _address_field("huisnummer", fields.read_house_number)
clean_postcode = _address_field("postcode", fields.read_postcode)
clean_place = _address_field("plaats", lambda v: fields.read_place(v, MAX_LEN))
clean_email = _address_field("email", fields.read_email)


def _checked(nl: str, en: str) -> Callable[[str], str]:
    def clean(value: str) -> str:
        if value != "ja":
            raise FieldError(nl, en)
        return "ja"

    return clean


_VERKLARING = _checked(
    "Zet een vinkje als u alles eerlijk en goed heeft ingevuld.",
    "Tick the box if you filled in everything honestly and correctly.",
)
_DATED = (clean_birth_date, clean_pv_date)
_PERSON = {
    "v_nummer": clean_v_nummer,
    "achternaam": _name("achternaam", "surname"),
    "voornamen": _name("voornamen", "first names"),
    "geboortedatum": clean_birth_date,
}
_ADDRESS = {
    "straat": clean_street,
    "huisnummer": clean_house_number,
    "postcode": clean_postcode,
    "plaats": clean_place,
    "email": clean_email,
}

FIELDS: dict[str, dict] = {
    "vervangend-verblijfsdocument": {
        **_PERSON,
        "reden": _choice(
            REDENEN,
            "Kies of uw verblijfsdocument kwijt is of gestolen.",
            "Choose whether your residence document is lost or stolen.",
        ),
        "pv_nummer": clean_pv_nummer,
        "pv_datum": clean_pv_date,
        **_ADDRESS,
        "verklaring": _VERKLARING,
    },
    "onbepaalde-tijd": {
        "soort": _choice(
            SOORTEN,
            "Kies welke verblijfsvergunning u wilt aanvragen.",
            "Choose which residence permit you want to apply for.",
        ),
        **_PERSON,
        "nationaliteit": _name("nationaliteit", "nationality"),
        **_ADDRESS,
        "vijf_jaar": _checked(
            "U kunt alleen aanvragen als u 5 jaar of langer in Nederland woont."
            " Vraag uw begeleider om advies.",
            "You can only apply if you have lived in the Netherlands for 5 years or more."
            " Ask your supervisor for advice.",
        ),
        "inburgering": _checked(
            "U heeft het inburgeringsdiploma (of een ontheffing) nodig."
            " Vraag uw begeleider om advies.",
            "You need the civic integration diploma (or an exemption)."
            " Ask your supervisor for advice.",
        ),
        "inkomen": _checked(
            "U heeft genoeg inkomen nodig, ook in de toekomst. Vraag uw begeleider om advies.",
            "You need enough income, also in the future. Ask your supervisor for advice.",
        ),
        "verklaring": _VERKLARING,
    },
}


def check(form: str, data: Mapping[str, object], today: date | None = None):
    """Check one form: (values as typed, cleaned, errors by field as {nl, en} messages).

    `values` keeps what the learner typed (trimmed) so the form can show it again.
    """
    if form not in FIELDS:
        raise KeyError(form)
    today = today or clock.today()
    values: dict[str, str] = {}
    cleaned: dict[str, str] = {}
    errors: dict[str, Message] = {}
    for name, rule in FIELDS[form].items():
        raw = data.get(name, "")
        value = _text(raw if isinstance(raw, str) else "")[: MAX_LEN * 3]
        values[name] = value
        try:
            cleaned[name] = rule(value, today) if rule in _DATED else rule(value)
        except FieldError as exc:
            errors[name] = exc.message
    return values, cleaned, errors
