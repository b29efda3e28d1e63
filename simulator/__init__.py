"""Oefenomgeving: create_app builds the simulator from config, store, sessions and blueprints."""

from __future__ import annotations

import importlib
import logging
import os
import secrets
from pathlib import Path

import click
from flask import Flask

from simulator import assets, content, learner, security
from simulator import config as config_module
from simulator.flow import Simulator
from simulator.migrations import SchemaTooOld
from simulator.sandbox.scenario import load_all
from simulator.store import Store

ROOT = config_module.ROOT  # the checkout, or the installed package's simulator/_data

#: Blueprint modules, each exposing `bp` (and optionally `init_app(app)`).
BLUEPRINTS = (
    "simulator.shell",
    "simulator.sites.inburgeren",
    "simulator.sites.digid",
    "simulator.sites.mijn",
    "simulator.sites.ind",
    "simulator.sites.mail",
    "simulator.phone",
    "simulator.lessons.web",
    "simulator.lessons.glossary_web",
    "simulator.lessons.speech_web",
    "simulator.lessons.panel_web",
    "simulator.fonts",
    "simulator.classroom",
)

log = logging.getLogger(__name__)


def create_app(config: dict | None = None, *, upgrade: bool = False) -> Flask:
    """Build the app: defaults, SIMULATOR_* environment, then the given config dict.

    An older database is refused (run `flask --app simulator db upgrade`) unless `upgrade`
    (or the config's UPGRADE_SCHEMA) is true, as for the embedded start; an empty one is
    created at the newest schema version.
    """
    instance_path = (config or {}).get("INSTANCE_PATH") or os.environ.get(
        "SIMULATOR_INSTANCE_PATH", str(config_module.default_instance())
    )
    app = Simulator(
        __name__,
        instance_path=str(Path(instance_path).resolve()),
        static_folder=str(ROOT / "static"),
        static_url_path="/static",
    )
    app.config.from_mapping(config_module.defaults(app.instance_path))
    app.config.update(config_module.from_environment())
    if config:
        app.config.update(config)
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret(Path(app.instance_path))

    _init_sessions(app)
    security.init_app(app)
    assets.init_app(app)  # after_request hooks run last-registered first: compression after
    learner.init_app(app)  # the commit, which comes before the CSRF cookie and the headers

    store = Store(app.config["DATABASE_URL"])
    if upgrade or app.config["UPGRADE_SCHEMA"]:
        app.extensions["schema_upgrade"] = store.upgrade()
    else:
        try:
            store.create_schema()
        except SchemaTooOld as exc:
            if click.get_current_context(silent=True) is None:
                raise  # a server never starts on a database it does not understand
            # A command (checking lessons, say) may still run; those that need the
            # database refuse with this message (cli.needs_database).
            app.extensions["schema_problem"] = str(exc)
    app.extensions["store"] = store

    scenario_dir = app.config["SCENARIO_DIR"]
    scenarios, broken = content.cached(
        ("scenarios", str(scenario_dir), content.fingerprint(scenario_dir)),
        lambda: load_all(scenario_dir),
    )
    for name, problems in broken.items():
        log.error("Scenario %s is not loaded:\n%s", name, problems)
    if app.config["DEFAULT_SCENARIO"] not in scenarios:
        raise RuntimeError(
            f"The default scenario {app.config['DEFAULT_SCENARIO']!r} could not be loaded:\n"
            + "\n".join(broken.values())
        )
    app.extensions["scenarios"] = scenarios
    app.extensions["broken_scenarios"] = broken

    for name in BLUEPRINTS:
        module = _import_optional(name)
        if module is None or not hasattr(module, "bp"):
            continue
        app.register_blueprint(module.bp)
        if hasattr(module, "init_app"):
            module.init_app(app)

    from simulator import cli, errors, frame, i18n, limits, redirects

    i18n.init_app(app)
    limits.init_app(app)
    redirects.init_app(app)
    frame.init_app(app)
    errors.init_app(app)
    cli.init_app(app)
    if "schema_problem" not in app.extensions:
        learner.purge_anonymous(app)  # also hourly, when new learners come (learner.py)
    return app


def _import_optional(name: str):
    try:
        return importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name == name:
            return None
        raise


def _instance_secret(instance: Path) -> str:
    """The instance's secret key, made once; workers starting at once all read the same one."""
    path = instance / "secret_key"
    if not path.exists():
        draft = instance / f".secret_key.{os.getpid()}.{secrets.token_hex(4)}"
        draft.write_text(secrets.token_hex(32))
        draft.chmod(0o600)
        try:
            os.link(draft, path)  # atomic: the first worker's key wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return path.read_text().strip()


def _init_sessions(app: Flask) -> None:
    from flask_session import Session

    if app.config["SESSION_TYPE"] == "redis":
        import redis

        app.config.setdefault("SESSION_REDIS", redis.from_url(app.config["SESSION_REDIS_URL"]))
    elif app.config["SESSION_TYPE"] == "cachelib":
        from cachelib import FileSystemCache

        app.config.setdefault(
            "SESSION_CACHELIB",
            FileSystemCache(
                app.config["SESSION_CACHE_DIR"],
                threshold=app.config["SESSION_CACHE_THRESHOLD"],
            ),
        )
    Session(app)
