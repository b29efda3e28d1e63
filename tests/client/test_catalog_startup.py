"""A fresh checkout or install without .mo files works: the app compiles its catalogs."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from simulator import create_app, i18n

ROOT = Path(__file__).resolve().parents[2]


def only_po(tmp_path: Path) -> Path:
    folder = tmp_path / "translations"
    shutil.copytree(
        ROOT / "simulator" / "translations", folder, ignore=shutil.ignore_patterns("*.mo")
    )
    assert not list(folder.glob("*/LC_MESSAGES/*.mo"))
    return folder


def english_start_page(app) -> str:
    return app.test_client().get("/", headers={"Accept-Language": "en"}).get_data(as_text=True)


@pytest.fixture
def make_app(tmp_path):
    apps = []

    def make(folder: Path):
        app = create_app(
            {
                "TESTING": True,
                "INSTANCE_PATH": str(tmp_path / "instance"),
                "BABEL_TRANSLATION_DIRECTORIES": str(folder),
            }
        )
        apps.append(app)
        return app

    yield make
    for app in apps:
        app.extensions["store"].engine.dispose()


def test_missing_mo_files_are_compiled_at_start_up(tmp_path, make_app):
    folder = only_po(tmp_path)
    app = make_app(folder)
    assert sorted(p.parent.parent.name for p in folder.glob("*/LC_MESSAGES/messages.mo")) == sorted(
        ["nl", "en", "ar", "ti", "uk", "fa", "tr"]
    )
    assert "Practise with inburgeren.nl, DigiD and Mijn Inburgering" in english_start_page(app)


def test_a_po_edited_after_compiling_is_compiled_again(tmp_path, make_app):
    folder = only_po(tmp_path)
    make_app(folder)
    po = folder / "en" / "LC_MESSAGES" / "messages.po"
    po.write_text(
        po.read_text(encoding="utf-8").replace('msgstr "Welcome"', 'msgstr "Hello there"'),
        encoding="utf-8",
    )
    mo = po.with_suffix(".mo")
    mo.touch()
    os.utime(po, (mo.stat().st_mtime + 5, mo.stat().st_mtime + 5))
    assert "<title>Hello there | Oefenomgeving</title>" in english_start_page(make_app(folder))


def test_a_read_only_package_folder_compiles_into_the_instance(tmp_path, make_app, monkeypatch):
    folder = only_po(tmp_path)
    real_access = i18n.os.access
    monkeypatch.setattr(
        i18n.os,
        "access",
        lambda path, mode: False if str(path) == str(folder) else real_access(path, mode),
    )
    app = make_app(folder)
    assert not list(folder.glob("*/LC_MESSAGES/*.mo"))  # the package folder was left alone
    compiled = Path(app.instance_path) / "translations" / "en" / "LC_MESSAGES" / "messages.mo"
    assert compiled.is_file()
    assert "Practise with inburgeren.nl, DigiD and Mijn Inburgering" in english_start_page(app)
