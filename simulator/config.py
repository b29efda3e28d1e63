"""Default configuration and SIMULATOR_* environment overrides."""

from __future__ import annotations

import os
import sys
from pathlib import Path


def _content_root() -> Path:
    """Where static/, lessons/ and scenarios/ are: simulator/_data/ in an installed package
    (pip install ., see setup.py), else the checkout (also with pip install -e .)."""
    packaged = Path(__file__).resolve().parent / "_data"
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent


ROOT = _content_root()


def default_instance() -> Path:
    """The data folder: instance/ in a checkout; for an installed package a folder of the
    user's own (never inside the installation)."""
    if ROOT.name != "_data":
        return ROOT / "instance"
    if os.name == "nt":
        base = Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local")
        return base / "Oefenomgeving"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / "Oefenomgeving"
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "oefenomgeving"


#: Keys that may be overridden from the environment as SIMULATOR_<KEY>.
ENV_KEYS = (
    "SECRET_KEY",
    "DATABASE_URL",
    "SESSION_TYPE",
    "SESSION_REDIS_URL",
    "SCENARIO_DIR",
    "LESSON_DIR",
    "DEFAULT_SCENARIO",
    "SPEECH_ESPEAK",
    "SPEECH_LAME",
    "UPGRADE_SCHEMA",
    "PURGE_ANONYMOUS_AFTER_DAYS",
    "CLASS_PURGE_AFTER_DAYS",
    "CLASS_STUCK_AFTER_SECONDS",
    "PUBLIC_URL",
)


def defaults(instance_path: str) -> dict:
    """Return the embedded defaults: SQLite and file sessions under the instance folder."""
    return {
        "SECRET_KEY": None,  # filled from instance/secret_key when not given
        "DATABASE_URL": f"sqlite:///{Path(instance_path) / 'oefenomgeving.sqlite3'}",
        "SESSION_TYPE": "cachelib",
        "SESSION_REDIS_URL": "redis://127.0.0.1:6379/0",
        "SESSION_CACHE_DIR": str(Path(instance_path) / "sessions"),
        "SESSION_CACHE_THRESHOLD": 100_000,
        "SCENARIO_DIR": str(ROOT / "scenarios"),
        "LESSON_DIR": str(ROOT / "lessons"),
        "DEFAULT_SCENARIO": "standaard",
        "SPEECH_ESPEAK": "espeak-ng",  # read aloud: a program name or path; missing = not available
        "SPEECH_LAME": "lame",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_PERMANENT": True,
        # a session is written when it changes (and refreshed once a day), not on every request
        "SESSION_REFRESH_EACH_REQUEST": False,
        "PERMANENT_SESSION_LIFETIME": 60 * 60 * 24 * 90,
        "MAX_CONTENT_LENGTH": 64 * 1024,
        # upgrade an older database at start-up instead of refusing it (the embedded start)
        "UPGRADE_SCHEMA": False,
        # anonymous learners without lesson progress, idle this long, are deleted
        "PURGE_ANONYMOUS_AFTER_DAYS": 30,
        # the classroom: a class is deleted with its learners this many days after it ended
        "CLASS_PURGE_AFTER_DAYS": 14,
        # a learner whose step did not move for this long is "vastgelopen"
        "CLASS_STUCK_AFTER_SECONDS": 180,
        # the address learners type to join (http://192.168.1.23:5000); empty: the network
        # address run.py found, else the address the begeleider's browser uses
        "PUBLIC_URL": "",
    }


def from_environment(environ: dict | None = None) -> dict:
    """Collect SIMULATOR_* overrides from the environment."""
    environ = os.environ if environ is None else environ
    found = {key: environ[f"SIMULATOR_{key}"] for key in ENV_KEYS if f"SIMULATOR_{key}" in environ}
    if "UPGRADE_SCHEMA" in found:
        found["UPGRADE_SCHEMA"] = found["UPGRADE_SCHEMA"].strip().lower() in ("1", "true", "yes")
    if "PURGE_ANONYMOUS_AFTER_DAYS" in found:
        found["PURGE_ANONYMOUS_AFTER_DAYS"] = float(found["PURGE_ANONYMOUS_AFTER_DAYS"])
    for key in ("CLASS_PURGE_AFTER_DAYS", "CLASS_STUCK_AFTER_SECONDS"):
        if key in found:
            found[key] = int(found[key])
    return found
