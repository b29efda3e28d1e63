"""Commands: `flask --app simulator trainer create NAME` and `flask --app simulator classes purge`."""

from __future__ import annotations

import sys

import click
from flask import Flask, current_app
from flask.cli import AppGroup

from simulator.classroom import accounts
from simulator.cli import needs_database
from simulator.store import Conflict

trainer_group = AppGroup("trainer", help="Begeleider accounts.")
classes_group = AppGroup("classes", help="Classes of the classroom.")


@trainer_group.command("create")
@click.argument("name")
def trainer_create(name: str) -> None:
    """Make a begeleider account. The password is asked twice (or read from standard input,
    one line, then the same line again); it is never a command-line argument."""
    needs_database()
    normal = accounts.normal_name(name)
    problem = accounts.name_problem(normal)
    if problem:
        click.echo(problem, err=True)
        sys.exit(1)
    password = click.prompt("Wachtwoord", hide_input=True, err=True)
    again = click.prompt("Hetzelfde wachtwoord nog een keer", hide_input=True, err=True)
    problem = accounts.password_problem(password, again)
    if problem:
        click.echo(problem, err=True)
        sys.exit(1)
    try:
        accounts.create_trainer(current_app.extensions["store"], normal, password)
    except accounts.AccountError as error:
        click.echo(str(error), err=True)
        sys.exit(1)
    except Conflict:
        click.echo("Er is al een begeleider met deze naam.", err=True)
        sys.exit(1)
    click.echo(f"Begeleider {normal!r} is gemaakt. Inloggen: /begeleider")


@classes_group.command("purge")
def classes_purge() -> None:
    """Delete classes whose days after the end have passed, with their learners."""
    from simulator.classroom import purge

    needs_database()
    removed = purge.purge(current_app._get_current_object())
    click.echo(f"{removed} class(es) removed.")


def init_app(app: Flask) -> None:
    app.cli.add_command(trainer_group)
    app.cli.add_command(classes_group)
