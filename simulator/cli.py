"""Flask commands for trainers and volunteers (flask --app simulator ...)."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app


@click.group("scenarios")
def scenarios_group() -> None:
    """Check scenario files."""


@scenarios_group.command("check")
def scenarios_check() -> None:
    """Report every problem in scenarios/*.yaml; exit 1 when there are any."""
    broken = current_app.extensions["broken_scenarios"]
    for name in current_app.extensions["scenarios"]:
        click.echo(f"OK   {name}")
    for name, problems in broken.items():
        click.echo(f"FOUT {name}\n{problems}")
    sys.exit(1 if broken else 0)


def init_app(app: Flask) -> None:
    app.cli.add_command(scenarios_group)
    try:
        from simulator.lessons.cli import lessons_group
    except ModuleNotFoundError:
        return
    app.cli.add_command(lessons_group)
