"""`flask --app simulator lessons check [FILE...]`: every problem of the lesson files, numbered."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask import current_app
from flask.cli import AppGroup

from simulator.lessons import names as lesson_names
from simulator.lessons.loader import load_files

lessons_group = AppGroup("lessons", help="Check lesson files (lessons/*.yaml).")


@lessons_group.command("check")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def check(files: tuple[Path, ...]) -> None:
    """Check lesson files (all of lessons/ when none are given); exit 1 on any problem."""
    app = current_app
    scenarios = app.extensions["scenarios"]
    default = scenarios.get(app.config["DEFAULT_SCENARIO"])
    names = lesson_names.from_registry(
        sample_state=default.initial_state() if default else None, scenarios=set(scenarios)
    )
    paths = list(files) or sorted(Path(app.config["LESSON_DIR"]).glob("*.yaml"))
    if files:  # lessons named in `requires` may live in the lesson folder
        names.lessons = {lesson.id for lesson in app.extensions["lessons"].ordered()}
    if not paths:
        click.echo("Geen lesbestanden gevonden.")
        sys.exit(1)
    catalog = load_files(paths, names)
    for lesson in catalog.ordered():
        click.echo(f"OK   {lesson.filename} ({lesson.id}, {len(lesson.parts)} delen)")
    for filename, problems in catalog.broken.items():
        click.echo(f"FOUT {filename}\n{problems}")
    total = len(catalog.broken)
    if total:
        click.echo(f"\n{total} lesbestand(en) met problemen.")
    sys.exit(1 if total else 0)
