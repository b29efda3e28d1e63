"""Loaded content (scenarios, lessons, the glossary) kept per process, keyed by what the
files hold.

Parsing and validating the YAML is most of what building an app costs; a second app in the
same process (each test builds one, gunicorn preloads none) reuses the loaded objects when
the folder's files are byte for byte the same. The objects are read-only: a scenario's
initial_state() is a fresh copy, lessons and the glossary are never changed after loading.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")

_loaded: dict[tuple, object] = {}


def fingerprint(directory: str | Path) -> str:
    """A digest of every *.yaml in a folder: names and contents."""
    digest = hashlib.sha256()
    for path in sorted(Path(directory).glob("*.yaml")):
        digest.update(path.name.encode() + b"\0")
        try:
            digest.update(path.read_bytes())
        except OSError:
            digest.update(b"<unreadable>")
        digest.update(b"\0")
    return digest.hexdigest()


def listing(directory: str | Path) -> tuple[str, ...]:
    """The names of the files in a folder (for a loader that checks which files exist)."""
    try:
        with os.scandir(directory) as entries:
            return tuple(sorted(entry.name for entry in entries if entry.is_file()))
    except OSError:
        return ()


def cached(key: tuple[Hashable, ...], load: Callable[[], T]) -> T:
    """load(), or what it returned before for the same key."""
    if key not in _loaded:
        _loaded[key] = load()
    return _loaded[key]  # type: ignore[return-value]
