"""`flask --app simulator lessons check [FILE...]`: every problem of the lesson files and the
glossary, numbered (exit 1), then per language what is not yet translated or checked (a
warning: exit 0)."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from simulator.lessons import glossary as glossary_module
from simulator.lessons import names as lesson_names
from simulator.lessons import report
from simulator.lessons.fields import lesson_fields
from simulator.lessons.glossary import Glossary
from simulator.lessons.loader import load_files

lessons_group = AppGroup("lessons", help="Check lesson files (lessons/*.yaml).")


@lessons_group.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Check lesson files (all of lessons/ when none are given) and the glossary."""
    app = current_app
    scenarios = app.extensions["scenarios"]
    default = scenarios.get(app.config["DEFAULT_SCENARIO"])
    names = lesson_names.from_registry(
        sample_state=default.initial_state() if default else None, scenarios=set(scenarios)
    )
    lesson_dir = Path(app.config["LESSON_DIR"])
    paths = list(files) or sorted(lesson_dir.glob("*.yaml"))
    if files:  # lessons named in `requires` may live in the lesson folder
        names.lessons = {lesson.id for lesson in app.extensions["lessons"].ordered()}
    if not paths:
        click.echo("Geen lesbestanden gevonden.")
        sys.exit(1)
    catalog = load_files(paths, names)
    glossary, glossary_broken = glossary_module.load(lesson_dir, app.static_folder)
    broken = dict(catalog.broken)
    warnings: dict[str, list[str]] = {}
    for lesson in catalog.ordered():
        problems = report.lesson_problems(lesson, glossary, lesson_dir)
        if problems:
            broken[lesson.filename] = problems.numbered()
            continue
        click.echo(f"OK   {lesson.filename} ({lesson.id}, {len(lesson.parts)} delen)")
        fields = list(lesson_fields(lesson))
        warnings[f"{lesson.filename} ({len(fields)} teksten)"] = report.translation_report(
            fields, lesson.translations
        )
    _check_glossary(glossary, glossary_broken, lesson_dir, broken, warnings)
    for name, lines in warnings.items():
        if lines:
            click.echo(f"LET OP {name}, vertalingen:\n" + "\n".join(f"  {ln}" for ln in lines))
    for filename, problems in broken.items():
        click.echo(f"FOUT {filename}\n{problems}")
    if broken:
        click.echo(f"\n{len(broken)} lesbestand(en) met problemen.")
    sys.exit(1 if broken else 0)


def _check_glossary(
    glossary: Glossary, broken_text: str, lesson_dir: Path, broken: dict, warnings: dict
) -> None:
    """The glossary's own problems and its per-language report, added to broken/warnings."""
    name = glossary.filename
    if not (lesson_dir / glossary_module.GLOSSARY_FILE).exists():
        warnings[name] = ["er is geen woordenlijst: [[woord|id]] in een les kan nergens heen."]
        return
    problems = report.glossary_problems(glossary, lesson_dir)
    text = "\n".join(p for p in (broken_text, problems.numbered() if problems else "") if p)
    if text:
        broken[name] = text
        return
    click.echo(f"OK   {name} ({len(glossary.entries)} woorden)")
    fields = report.glossary_fields(glossary)
    warnings[f"{name} ({len(fields)} teksten)"] = report.translation_report(
        fields, glossary.translations
    )
