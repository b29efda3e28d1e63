"""Scenario files: the standard world loads; every problem names file, line and key path."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.sandbox import money
from simulator.sandbox.scenario import ScenarioError, load_all, load_scenario

ROOT = Path(__file__).resolve().parents[2]
STANDAARD = ROOT / "scenarios" / "standaard.yaml"


def test_standard_scenario_matches_the_chapter():
    scenario = load_scenario(STANDAARD)
    state = scenario.initial_state()
    invoice = next(i for i in state["invoices"] if i["nummer"] == "FAC229230568")
    assert invoice["contract"] == "CNT229230568"
    assert invoice["omschrijving"] == "kwartaalcheck"
    assert invoice["factuurdatum"] == "01-06-2022"
    assert (invoice["periode_van"], invoice["periode_tot"]) == ("01-04-2022", "01-05-2022")
    assert invoice["aantal_cursussen"] == 25
    assert invoice["cursuskosten"] == 25000 and invoice["status"] == "open"
    contract = state["contracts"][0]
    assert contract["school"] == "Onderhands Nederlands" and contract["soort"] == "Inburgering"
    assert state["persona"]["email"] is None and state["persona"]["telefoon"] is None
    assert state["loan"]["maximum"] == 1_000_000
    assert state["auth"] == {"sessions": {}}


def test_every_shipped_scenario_loads():
    good, broken = load_all(ROOT / "scenarios")
    assert "standaard" in good
    assert broken == {}


def _write(tmp_path, text: str, name: str = "kapot.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _broken_copy(tmp_path, old: str, new: str) -> Path:
    text = STANDAARD.read_text(encoding="utf-8").replace("id: standaard", "id: kapot", 1)
    assert old in text
    return _write(tmp_path, text.replace(old, new, 1))


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        (
            'cursuskosten: "250,00"',
            'cursuskosten: "twee"',
            '"twee"',
            "invoices[0].cursuskosten: 'twee' is geen bedrag",
        ),
        (
            'factuurdatum: "01-06-2022"',
            'factuurdatum: "2022-06-01"',
            '"2022-06-01"',
            "invoices[0].factuurdatum: '2022-06-01' is geen datum",
        ),
        (
            "    status: open",
            "    status: betaald",
            "status: betaald",
            "invoices[0].status: onbekende waarde 'betaald'",
        ),
        (
            "  geboorteland: Eritrea",
            "  geboorteland: Eritrea\n  lievelingskleur: blauw",
            "lievelingskleur",
            "persona.lievelingskleur: onbekende sleutel",
        ),
        (
            '    contract: CNT229230568\n    omschrijving: kwartaalcheck\n    factuurdatum: "01-06-2022"',
            '    contract: CNT000\n    omschrijving: kwartaalcheck\n    factuurdatum: "01-06-2022"',
            "contract: CNT000",
            "invoices[0].contract: contract 'CNT000' bestaat niet",
        ),
    ],
)
def test_a_broken_scenario_names_file_line_and_key(tmp_path, old, new, needle, message):
    path = _broken_copy(tmp_path, old, new)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    text = str(info.value)
    assert f"kapot.yaml:{_line_of(path, needle)} {message}" in text
    assert text.startswith("1. ")


def test_all_problems_are_reported_together_and_numbered(tmp_path):
    text = STANDAARD.read_text(encoding="utf-8").replace("id: standaard", "id: kapot", 1)
    text = text.replace('  bsn: "999993653"\n', "", 1).replace(
        'exam_fee: "50,00"', 'exam_fee: "gratis"'
    )
    path = _write(tmp_path, text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    lines = str(info.value).splitlines()
    assert len(lines) == 2
    assert lines[0].startswith("1. kapot.yaml:") and "persona.bsn: ontbreekt." in lines[0]
    assert lines[1].startswith("2. kapot.yaml:") and "exam_fee: 'gratis' is geen bedrag" in lines[1]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("id: x\n", "kapot.yaml:1 schema_version: onbekende versie None"),
        ("schema_version: 7\nid: kapot\n", "kapot.yaml:1 schema_version: onbekende versie 7"),
        ("- een\n- lijst\n", "kapot.yaml:1: het bestand moet beginnen met sleutels"),
        ("schema_version: 1\nid: [kapot\n", "kapot.yaml:3: geen geldige YAML"),
        ("schema_version: 1\nevil: !!python/object/apply:os.system ['ls']\n", "geen geldige YAML"),
    ],
)
def test_unreadable_scenarios(tmp_path, text, message):
    with pytest.raises(ScenarioError, match=None) as info:
        load_scenario(_write(tmp_path, text))
    assert message in str(info.value)


def test_id_must_match_file_name(tmp_path):
    text = STANDAARD.read_text(encoding="utf-8")
    with pytest.raises(ScenarioError, match="id: moet gelijk zijn aan de bestandsnaam: 'anders'"):
        load_scenario(_write(tmp_path, text, "anders.yaml"))


def test_a_broken_file_does_not_stop_the_others(tmp_path):
    (tmp_path / "standaard.yaml").write_text(
        STANDAARD.read_text(encoding="utf-8"), encoding="utf-8"
    )
    _write(tmp_path, "schema_version: 1\n")
    good, broken = load_all(tmp_path)
    assert list(good) == ["standaard"]
    assert "kapot.yaml" in broken


@pytest.mark.parametrize(
    ("text", "cents"),
    [
        ("250,00", 25000),
        ("€ 1.250,00", 125000),
        ("10.000,00", 1000000),
        ("3300", 330000),
        (50, 5000),
    ],
)
def test_money_parses_dutch_amounts(text, cents):
    assert money.parse(text) == cents


@pytest.mark.parametrize("text", ["", "abc", "1,2", "12.34", "1.2345,00", True])
def test_money_refuses_what_is_not_an_amount(text):
    with pytest.raises(ValueError):
        money.parse(text)


def test_money_formats_the_dutch_way():
    assert money.fmt(25000) == "€ 250,00"
    assert money.fmt(1000000) == "€ 10.000,00"
    assert money.fmt_en(1000000) == "€ 10,000.00"


def test_a_key_written_twice_is_reported_with_both_lines(tmp_path):
    text = STANDAARD.read_text(encoding="utf-8").replace("id: standaard", "id: kapot", 1)
    text = text.replace(
        "settings:\n  idle_minutes: 15\n",
        "settings:\n  idle_minutes: 15\nsettings:\n  idle_minutes: 5\n",
        1,
    )
    path = _write(tmp_path, text)
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    first = _line_of(path, "settings:")
    assert (
        f"1. kapot.yaml:{first + 2} settings: staat twee keer in het bestand (ook op regel {first})."
        == str(info.value)
    )
