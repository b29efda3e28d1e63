"""Lesson validation: every deliberately broken file gives exactly the expected problems."""

from __future__ import annotations

from pathlib import Path

import pytest

from simulator.lessons.loader import load_all, load_file
from simulator.lessons.names import Names

FIXTURES = Path(__file__).parent / "lesson_fixtures"

NAMES = Names(
    pages={p: None for p in ("mijn.home", "mijn.lening", "mijn.brieven", "mijn.facturen")},
    actions={"invoice.accepted": ("invoice",)},
    is_target=lambda name: name in {"mijn.menu.lening", "mijn.menu.brieven"},
    sample_state={"persona": {"email": None}, "loan": {"maximum": 1, "paid": []}},
)

EXPECTED = {
    "bad_schema_version.yaml": [
        "bad_schema_version.yaml:1 schema_version: onbekende schema_version 2; deze versie van"
        " de oefenomgeving kent 1.",
    ],
    "unknown_keys.yaml": [
        "unknown_keys.yaml:4 titel: onbekende sleutel (bekend: schema_version, id, title,"
        " start_url, parts, order, intro, goals, scenario, requires, translations).",
        "unknown_keys.yaml:10 parts[0].tekst: onbekende sleutel (bekend: id, type, title, next,"
        " tips, text, image, alt).",
    ],
    "missing_texts.yaml": [
        "missing_texts.yaml:4 title: tekst in taal 'en' ontbreekt.",
        "missing_texts.yaml:6 parts[0]: 'text' ontbreekt.",
        "missing_texts.yaml:8 parts[0].title.en: tekst is leeg.",
        "missing_texts.yaml:11 parts[1].instruction.xx: onbekende taal 'xx' (bekend: nl, en, ar,"
        " ti, uk, fa, tr).",
        "missing_texts.yaml:11 parts[1].instruction: tekst in taal 'nl' ontbreekt.",
    ],
    "unknown_names.yaml": [
        "unknown_names.yaml:10 parts[0].targets[0].target: onbekend data-target"
        " 'mijn.menu.bestaatniet': geen template heeft dit doel.",
        "unknown_names.yaml:12 parts[0].targets[1].mark: onbekend teken 'F' (bekend: arrow, A, B,"
        " C, D, E).",
        "unknown_names.yaml:13 parts[0].targets[1].page: onbekende pagina-id 'mijn.leening'"
        " (bedoelt u 'mijn.lening'?).",
        "unknown_names.yaml:18 parts[0].check.checks[0].page: onbekende pagina-id 'mijn.leningen'"
        " (bedoelt u 'mijn.lening'?).",
        "unknown_names.yaml:19 parts[0].check.checks[1].action: onbekende actie 'invoice.betaald'.",
        "unknown_names.yaml:20 parts[0].check.checks[2].params.factuur: actie 'invoice.accepted'"
        " heeft geen parameter 'factuur' (wel: invoice).",
    ],
    "unreachable.yaml": [
        "unreachable.yaml:11 parts[1]: deel 'twee' is onbereikbaar: geen deel leidt ernaartoe.",
    ],
    "dead_end.yaml": [
        "dead_end.yaml:14 parts[1].next: doodlopend: vanaf deel 'twee' komt de les nooit aan het"
        " eind.",
    ],
    "bad_next.yaml": [
        "bad_next.yaml:11 parts[1].id: id 'een' komt al voor bij parts[0].",
        "bad_next.yaml:10 parts[0].next: 'next' wijst naar 'vier', maar dat deel bestaat niet.",
    ],
    "bad_checks.yaml": [
        "bad_checks.yaml:3 start_url: verwacht een adres in de oefenomgeving dat met / begint,"
        " gevonden 'sites/mijn'.",
        "bad_checks.yaml:9 parts[0].check.type: onbekend check-type 'klik' (bekend: page, action,"
        " state, answer, all_of, any_of).",
        "bad_checks.yaml:14 parts[1].hints: een oefening heeft minstens één hint nodig (de"
        " hulpladder).",
        "bad_checks.yaml:18 parts[1].check.checks[0].field: veldnaam 'Bedrag': gebruik kleine"
        " letters, cijfers en _.",
        "bad_checks.yaml:18 parts[1].check.checks[0].value: onbekende waarde 'loan.geleend'"
        " (bekend: exam_fee, loan.available, loan.borrowed, loan.maximum, persona.bsn,"
        " persona.email, ind_fees.*).",
        "bad_checks.yaml:19 parts[1].check.checks[1].path: 'persona.telefoonnummer' staat niet in"
        " de oefenwereld.",
        "bad_checks.yaml:19 parts[1].check.checks[1]: geef 'filled' (true/false) of 'equals' op.",
        "bad_checks.yaml:20 parts[1].check.checks[2].checks: verwacht een lijst met minstens één"
        " check.",
        "bad_checks.yaml:21 parts[1].check.checks[3].latest: verwacht true of false, gevonden"
        " 'ja'.",
    ],
    "not_yaml.yaml": [
        "not_yaml.yaml:4: geen geldige YAML: did not find expected ',' or '}'",  # libyaml's words
    ],
    "answer_in_guide.yaml": [
        "answer_in_guide.yaml:9 parts[0].check: een antwoord-check kan alleen in een oefening"
        " (type: exercise).",
        "answer_in_guide.yaml:19 parts[1].check: het antwoordveld 'geleend' komt meer dan één"
        " keer voor.",
    ],
    "not_a_mapping.yaml": [
        "not_a_mapping.yaml:1: een les begint met sleutels (schema_version:, id:, title:, ...).",
    ],
}


@pytest.mark.parametrize(("filename", "expected"), sorted(EXPECTED.items()))
def test_broken_file_reports_every_problem_numbered(filename, expected):
    lesson, problems = load_file(FIXTURES / filename, NAMES)
    assert lesson is None
    assert problems == "\n".join(f"{i}. {text}" for i, text in enumerate(expected, 1))


def test_good_fixture_loads():
    lesson, problems = load_file(FIXTURES / "good.yaml", NAMES)
    assert problems == ""
    assert [p.id for p in lesson.parts] == ["lees", "klik", "oefen", "klaar"]
    assert lesson.parts[1].targets[0].mark == "C"


def test_broken_files_do_not_stop_the_good_one():
    catalog = load_all(FIXTURES, NAMES)
    assert list(catalog.lessons) == ["goed"]
    assert set(catalog.broken) == set(EXPECTED)


def test_requires_and_duplicate_ids_across_files(tmp_path):
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(
        text.replace("start_url:", "requires: [bestaat-niet]\nstart_url:"), encoding="utf-8"
    )
    catalog = load_all(tmp_path, NAMES)
    assert list(catalog.lessons) == ["goed"]
    assert catalog.broken["b.yaml"] == (
        "1. b.yaml:3 id: id 'goed' is al gebruikt in a.yaml.\n"
        "2. b.yaml:4 requires[0]: les 'bestaat-niet' bestaat niet."
    )


def test_unknown_scenario_is_reported(tmp_path):
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(text.replace("id: goed", "id: goed\nscenario: ander"), "utf-8")
    names = Names(
        NAMES.pages, NAMES.actions, NAMES.is_target, NAMES.sample_state, scenarios={"standaard"}
    )
    catalog = load_all(tmp_path, names)
    assert catalog.broken["a.yaml"] == "1. a.yaml:4 scenario: oefenwereld 'ander' bestaat niet."


def test_a_lesson_that_requires_a_broken_one_still_loads(tmp_path):
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    (tmp_path / "a.yaml").write_text(
        text.replace("id: goed", "id: eerst").replace("schema_version: 1", "schema_version: 9"),
        encoding="utf-8",
    )
    (tmp_path / "b.yaml").write_text(
        text.replace("start_url:", "requires: [eerst]\nstart_url:"), encoding="utf-8"
    )
    catalog = load_all(tmp_path, NAMES)
    assert list(catalog.lessons) == ["goed"]
    assert list(catalog.broken) == ["a.yaml"]


def test_a_key_written_twice_is_a_problem(tmp_path):
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    path = tmp_path / "dubbel.yaml"
    path.write_text(text.replace("id: goed\n", "id: goed\nid: ander\n", 1), encoding="utf-8")
    lesson, problems = load_file(path, NAMES)
    assert lesson is None
    assert "dubbel.yaml:4 id: staat twee keer in het bestand (ook op regel 3)." in problems


def test_translations_say_per_language_whether_a_native_speaker_checked_them(tmp_path):
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(
        text.replace("id: goed\n", "id: goed\ntranslations:\n  ar: {reviewed: false}\n", 1),
        encoding="utf-8",
    )
    lesson, problems = load_file(path, NAMES)
    assert not problems
    assert lesson.translations == {"ar": {"reviewed": False}}


@pytest.mark.parametrize(
    ("block", "message"),
    [
        ("  xx: {reviewed: false}", "a.yaml:5 translations.xx: onbekende vertaaltaal 'xx'"),
        ("  nl: {reviewed: true}", "a.yaml:5 translations.nl: onbekende vertaaltaal 'nl'"),
        ("  ar: {reviewed: nee}", "a.yaml:5 translations.ar: verwacht reviewed: true of"),
        ("  ar: ja", "a.yaml:5 translations.ar: verwacht reviewed: true of"),
    ],
)
def test_a_wrong_translations_block_is_reported(tmp_path, block, message):
    text = (FIXTURES / "good.yaml").read_text(encoding="utf-8")
    path = tmp_path / "a.yaml"
    path.write_text(
        text.replace("id: goed\n", f"id: goed\ntranslations:\n{block}\n", 1), encoding="utf-8"
    )
    lesson, problems = load_file(path, NAMES)
    assert lesson is None
    assert message in str(problems)
