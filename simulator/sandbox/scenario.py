"""Scenario files: load, validate (file, line and key path for every problem) and seed state."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from pathlib import Path

from simulator import yamlsource
from simulator.sandbox import dates, money
from simulator.yamlsource import Problems

SCHEMA_VERSIONS = (1,)
EXAM_PARTS = ("lezen", "luisteren", "schrijven", "spreken", "knm", "ona")
EXAM_STATUSES = ("niet_gedaan", "aangemeld", "gehaald", "niet_gehaald")
INVOICE_STATUSES = ("open", "vrijgegeven", "geweigerd", "uitgesteld")


class ScenarioError(ValueError):
    """A scenario file has problems; str() lists them all, numbered."""


@dataclass(frozen=True)
class F:
    """One field in the scenario spec."""

    kind: str  # str, text, money, date, int, bool, list, map, any
    required: bool = True
    nullable: bool = False
    choices: tuple = ()
    item: object = None  # for list: an F or a dict spec
    fields: dict | None = None  # for map


ADDRESS = {
    "straat": F("str"),
    "huisnummer": F("str"),
    "postcode": F("str"),
    "plaats": F("str"),
}

SPEC: dict[str, F] = {
    "schema_version": F("int"),
    "id": F("str"),
    "title": F("text"),
    "description": F("text", required=False),
    "persona": F(
        "map",
        fields={
            "voornamen": F("str"),
            "achternaam": F("str"),
            "geslacht": F("str", choices=("man", "vrouw", "x")),
            "bsn": F("str"),
            "geboortedatum": F("date"),
            "geboorteplaats": F("str"),
            "geboorteland": F("str"),
            "woonadres": F("map", fields=ADDRESS),
            "postadres": F("map", nullable=True, fields=ADDRESS),
            "email": F("str", nullable=True),
            "telefoon": F("str", nullable=True),
        },
    ),
    "digid": F(
        "map",
        fields={
            "gebruikersnaam": F("str"),
            "wachtwoord": F("str"),
            "mobiel": F("str"),
            "app_pincode": F("str"),
            "rijbewijs_pincode": F("str"),
            "identiteitskaart_pincode": F("str"),
            "max_pogingen": F("int", required=False),
        },
    ),
    "settings": F("map", required=False, fields={"idle_minutes": F("int", required=False)}),
    "inburgering": F(
        "map",
        fields={
            "wet": F("str"),
            "startdatum": F("date"),
            "einddatum": F("date"),
            "verlengd_tot": F("date", required=False, nullable=True),
            "reden_verlenging": F("text", required=False, nullable=True),
            "leerroute": F("str"),
            "uren_cursus": F("int", required=False),
            "ona": F("bool", required=False),
        },
    ),
    "loan": F(
        "map",
        fields={
            "maximum": F("money"),
            "quarter_cap": F("money"),
            "paid": F(
                "list",
                item=F(
                    "map",
                    fields={"datum": F("date"), "omschrijving": F("str"), "bedrag": F("money")},
                ),
            ),
        },
    ),
    "contracts": F(
        "list",
        item=F(
            "map",
            fields={
                "nummer": F("str"),
                "soort": F("str"),
                "school": F("str"),
                "startdatum": F("date"),
                "einddatum": F("date"),
                "status": F("str"),
            },
        ),
    ),
    "invoices": F(
        "list",
        item=F(
            "map",
            fields={
                "nummer": F("str"),
                "contract": F("str"),
                "omschrijving": F("str"),
                "factuurdatum": F("date"),
                "periode_van": F("date"),
                "periode_tot": F("date"),
                "aantal_cursussen": F("int"),
                "cursuskosten": F("money"),
                "lesmateriaal": F("money"),
                "examenkosten": F("money"),
                "status": F("str", choices=INVOICE_STATUSES),
            },
        ),
    ),
    "exam_locations": F(
        "list", item=F("map", fields={"id": F("str"), "naam": F("str"), "adres": F("str")})
    ),
    "exam_fee": F("money"),
    "exam_times": F("list", item=F("str")),
    "exams": F(
        "list",
        item=F(
            "map",
            fields={
                "onderdeel": F("str", choices=EXAM_PARTS),
                "status": F("str", choices=EXAM_STATUSES),
                "datum": F("date", required=False),
                "tijd": F("str", required=False),
                "locatie": F("str", required=False),
                "resultaat": F("str", required=False),
            },
        ),
    ),
    "letters": F(
        "list",
        item=F(
            "map",
            fields={"id": F("str"), "datum": F("date"), "onderwerp": F("str"), "tekst": F("text")},
        ),
    ),
    "mails": F(
        "list",
        required=False,
        item=F(
            "map",
            fields={
                "id": F("str"),
                "datum": F("date"),
                "van": F("str"),
                "onderwerp": F("str"),
                "tekst": F("text"),
            },
        ),
    ),
    "ind_fees": F(
        "map",
        fields={
            "year": F("int"),
            "vervangend_verblijfsdocument": F("money"),
            "onbepaalde_tijd_regulier": F("money"),
            "onbepaalde_tijd_eu_langdurig": F("money"),
        },
    ),
}


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: its id, titles and the normalised data (money in cents)."""

    id: str
    filename: str
    data: dict

    @property
    def title(self) -> dict:
        return self.data["title"]

    def initial_state(self) -> dict:
        """A fresh sandbox state for this scenario: a deep copy plus empty runtime parts."""
        state = copy.deepcopy(self.data)
        state.pop("title", None)
        state.pop("description", None)
        state["scenario"] = self.id
        state["auth"] = {"sessions": {}}
        state["notices"] = []
        return state


def _check(value, spec: F, path: tuple, problems: Problems):
    """Validate value against spec and return the normalised value."""
    if value is None:
        if not spec.nullable:
            problems.add(path, "mag niet leeg zijn.")
        return None
    kind = spec.kind
    if kind == "str":
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            problems.add(path, f"verwacht tekst, gevonden: {type(value).__name__}.")
            return value
        value = str(value)
        if spec.choices and value not in spec.choices:
            problems.add(path, f"onbekende waarde {value!r}; kies uit {', '.join(spec.choices)}.")
        return value
    if kind == "text":
        if isinstance(value, str):
            return {"nl": value}
        if not isinstance(value, dict) or not isinstance(value.get("nl"), str):
            problems.add(path, "verwacht een tekst met minstens 'nl:'.")
            return value
        return {str(k): str(v) for k, v in value.items()}
    if kind == "money":
        try:
            return money.parse(value)
        except ValueError as exc:
            problems.add(path, f"{exc}.")
            return 0
    if kind == "date":
        try:
            return dates.fmt(dates.parse(value))
        except ValueError as exc:
            problems.add(path, f"{exc}.")
            return value
    if kind == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            problems.add(path, f"verwacht een heel getal, gevonden: {value!r}.")
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            problems.add(path, f"verwacht true of false, gevonden: {value!r}.")
        return value
    if kind == "list":
        if not isinstance(value, list):
            problems.add(path, "verwacht een lijst (regels die beginnen met '-').")
            return value
        return [_check(item, spec.item, path + (i,), problems) for i, item in enumerate(value)]
    if kind == "map":
        return _check_map(value, spec.fields or {}, path, problems)
    return value


def _check_map(value, fields: dict, path: tuple, problems: Problems):
    if not isinstance(value, dict):
        problems.add(path, "verwacht sleutels met waarden (sleutel: waarde).")
        return value
    out = {}
    for key in value:
        if key not in fields:
            known = ", ".join(fields)
            problems.add(path + (key,), f"onbekende sleutel; bekend zijn: {known}.")
    for key, spec in fields.items():
        if key not in value:
            if spec.required:
                problems.add(path + (key,), "ontbreekt.")
            continue
        out[key] = _check(value[key], spec, path + (key,), problems)
    return out


def _check_references(data: dict, problems: Problems) -> None:
    """Cross-checks: unique ids, invoices pointing at contracts, exams at locations."""
    contracts = {c.get("nummer") for c in data.get("contracts") or [] if isinstance(c, dict)}
    for key, id_key in (
        ("contracts", "nummer"),
        ("invoices", "nummer"),
        ("letters", "id"),
        ("mails", "id"),
        ("exam_locations", "id"),
        ("exams", "onderdeel"),
    ):
        seen: set = set()
        for i, item in enumerate(data.get(key) or []):
            if isinstance(item, dict) and item.get(id_key) in seen:
                problems.add((key, i, id_key), f"{item.get(id_key)!r} staat er twee keer in.")
            if isinstance(item, dict):
                seen.add(item.get(id_key))
    for i, inv in enumerate(data.get("invoices") or []):
        if isinstance(inv, dict) and inv.get("contract") not in contracts:
            problems.add(
                ("invoices", i, "contract"), f"contract {inv.get('contract')!r} bestaat niet."
            )
    locations = {loc.get("id") for loc in data.get("exam_locations") or [] if isinstance(loc, dict)}
    for i, exam in enumerate(data.get("exams") or []):
        if isinstance(exam, dict) and "locatie" in exam and exam["locatie"] not in locations:
            problems.add(
                ("exams", i, "locatie"), f"examenlocatie {exam['locatie']!r} bestaat niet."
            )


def load_scenario(path: str | Path) -> Scenario:
    """Load and validate one scenario file; raise ScenarioError listing every problem."""
    try:
        source = yamlsource.load(path)
    except yamlsource.YamlSourceError as exc:
        raise ScenarioError(f"1. {exc}") from exc
    problems = Problems(source)
    problems.add_duplicates()
    raw = source.data
    if not isinstance(raw, dict):
        problems.add((), "het bestand moet beginnen met sleutels zoals 'schema_version: 1'.")
        raise ScenarioError(problems.numbered())
    version = raw.get("schema_version")
    if version not in SCHEMA_VERSIONS:
        problems.add(
            ("schema_version",),
            f"onbekende versie {version!r}; deze versie van de oefenomgeving kent: "
            + ", ".join(str(v) for v in SCHEMA_VERSIONS)
            + ".",
        )
        raise ScenarioError(problems.numbered())
    data = _check_map(raw, SPEC, (), problems)
    if not problems:
        _check_references(data, problems)
    expected_id = Path(path).stem
    if not problems and data["id"] != expected_id:
        problems.add(("id",), f"moet gelijk zijn aan de bestandsnaam: {expected_id!r}.")
    if problems:
        raise ScenarioError(problems.numbered())
    return Scenario(id=data["id"], filename=source.filename, data=data)


def load_all(directory: str | Path) -> tuple[dict[str, Scenario], dict[str, str]]:
    """Load every scenarios/*.yaml: (good scenarios by id, problems by file name)."""
    good: dict[str, Scenario] = {}
    broken: dict[str, str] = {}
    for path in sorted(Path(directory).glob("*.yaml")):
        try:
            scenario = load_scenario(path)
        except ScenarioError as exc:
            broken[path.name] = str(exc)
            continue
        good[scenario.id] = scenario
    return good, broken
