"""The gettext catalogs on disk: compile .po to .mo, the Dutch identity catalog, a report.

Needs Babel only (not Flask), so that setup.py can compile the catalogs at package build:
    python -m simulator.catalogs compile simulator/translations [--force]
    python -m simulator.catalogs identity simulator/translations/nl/LC_MESSAGES/messages.po
    python -m simulator.catalogs report simulator/translations
scripts/i18n.sh runs these; simulator/i18n.py compiles stale catalogs at start-up.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def stale(directory: Path, force: bool = False) -> list[Path]:
    """The .po files under directory whose .mo is missing or older (all of them with force)."""
    found = []
    for po in sorted(Path(directory).glob("*/LC_MESSAGES/*.po")):
        mo = po.with_suffix(".mo")
        if force or not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            found.append(po)
    return found


def read(po: Path):
    """A .po file as a Babel catalog."""
    from babel.messages.pofile import read_po

    with Path(po).open("rb") as handle:
        return read_po(handle, locale=Path(po).parent.parent.name)


def compile_po(po: Path, mo: Path) -> None:
    """Compile one catalog, atomically (several workers may start at once). A plural with a
    form left empty is left out whole, so the Dutch shows instead of an empty text."""
    from babel.messages.mofile import write_mo

    catalog = read(po)
    for message in list(catalog)[1:]:
        if isinstance(message.string, tuple) and not all(message.string):
            catalog.delete(message.id, message.context)
    mo.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=mo.parent, suffix=".mo.tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)
        os.replace(tmp, mo)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def compile_dir(directory: Path, force: bool = False) -> list[Path]:
    """Compile every stale catalog under directory beside its .po; returns the .po files."""
    done = stale(Path(directory), force)
    for po in done:
        compile_po(po, po.with_suffix(".mo"))
    return done


def identity(po: Path) -> None:
    """The Dutch catalog: every msgstr is its msgid (the msgids are the Dutch texts)."""
    from babel.messages.pofile import write_po

    catalog = read(po)
    for message in list(catalog)[1:]:
        message.string = message.id
        if message.fuzzy:
            message.flags.discard("fuzzy")
    with Path(po).open("wb") as handle:
        write_po(handle, catalog, width=0, include_previous=False)


def report(directory: Path) -> list[str]:
    """One line per language: how many texts are translated."""
    lines = []
    for po in sorted(Path(directory).glob("*/LC_MESSAGES/messages.po")):
        catalog = read(po)
        messages = [m for m in list(catalog)[1:] if m.id]
        done = sum(
            1
            for m in messages
            if (all(m.string) if isinstance(m.string, tuple) else m.string) and not m.fuzzy
        )
        note = ", nog niet nagekeken door een moedertaalspreker" if unreviewed(po) else ""
        lines.append(f"{po.parent.parent.name}: {done} van {len(messages)} teksten vertaald{note}")
    return lines


def unreviewed(po: Path) -> bool:
    """A catalog says in its header comment that no native speaker has reviewed it yet."""
    head = Path(po).read_text(encoding="utf-8").split('msgid ""', 1)[0]
    return "NOT YET REVIEWED" in head


def main(argv: list[str]) -> int:
    if len(argv) < 2 or argv[0] not in ("compile", "identity", "report"):
        print(__doc__, file=sys.stderr)
        return 2
    command, target = argv[0], Path(argv[1])
    if command == "compile":
        for po in compile_dir(target, force="--force" in argv):
            print(f"compiled {po.with_suffix('.mo')}")
    elif command == "identity":
        identity(target)
    else:
        print("\n".join(report(target)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
