"""Flask commands for trainers and volunteers (flask --app simulator ...)."""

from __future__ import annotations

import os
import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup, ScriptInfo


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


@click.group("db")
def db_group() -> None:
    """The database schema (also installed as a Flask plugin command, so it works while the
    app refuses to start on an older database)."""


@db_group.command("upgrade")
@click.pass_context
def db_upgrade(ctx: click.Context) -> None:
    """Bring the database to this code's schema version (a fresh one is created)."""
    os.environ["SIMULATOR_UPGRADE_SCHEMA"] = "1"  # create_app upgrades instead of refusing
    app = ctx.ensure_object(ScriptInfo).load_app()
    found, now = app.extensions["schema_upgrade"]
    if found == now:
        click.echo(f"The database is already at schema version {now}.")
    elif found == 0:
        click.echo(f"Created a new database at schema version {now}.")
    else:
        click.echo(f"Upgraded the database from schema version {found} to {now}.")


learners_group = AppGroup("learners", help="Learners in the database.")


@learners_group.command("purge")
@click.option("--days", type=float, default=None, help="Idle days (default: the config's).")
def learners_purge(days: float | None) -> None:
    """Delete anonymous learners without lesson progress who did nothing for a while,
    with their practice world, events and session."""
    from simulator import learner

    needs_database()
    removed = learner.purge_anonymous(current_app, days)
    click.echo(f"{removed} learner(s) removed.")


def needs_database() -> None:
    """Stop a command that reads or writes the database when its schema is too old."""
    problem = current_app.extensions.get("schema_problem")
    if problem:
        click.echo(problem, err=True)
        sys.exit(1)


def init_app(app: Flask) -> None:
    """Add the command groups to `flask --app simulator`."""
    app.cli.add_command(scenarios_group)
    app.cli.add_command(db_group)
    app.cli.add_command(learners_group)
    try:
        from simulator.lessons.cli import lessons_group
    except ModuleNotFoundError:
        return
    app.cli.add_command(lessons_group)
