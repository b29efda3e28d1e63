"""The simulator's own fonts cover every character the lessons and the glossary use, and the
pieces are cut so that a page only loads the scripts it shows."""

from __future__ import annotations

import importlib.util
import re
import sys
import unicodedata
from pathlib import Path

import pytest
import yaml
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[2]
FONTS = ROOT / "static" / "fonts"
CSS = ROOT / "static" / "css" / "fonts.css"
FACE = re.compile(r"@font-face \{(.*?)\}", re.S)


def _script():
    spec = importlib.util.spec_from_file_location("fonts_script", ROOT / "scripts" / "fonts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def _faces() -> list[tuple[str, int, set[int]]]:
    """(woff2 file, weight, code points of its unicode-range) for every @font-face."""
    faces = []
    for body in FACE.findall(CSS.read_text(encoding="utf-8")):
        file = re.search(r"url\(\.\./fonts/([^)]+)\)", body).group(1)
        weight = int(re.search(r"font-weight: (\d+)", body).group(1))
        points: set[int] = set()
        for part in re.search(r"unicode-range: ([^;]+);", body).group(1).split(","):
            start, _, end = part.strip()[2:].partition("-")
            points.update(range(int(start, 16), int(end or start, 16) + 1))
        faces.append((file, weight, points))
    return faces


def _file(piece: str, weight: int) -> str:
    (found,) = FONTS.glob(f"oefen-{piece}-{weight}-*.woff2")
    return found.name


def test_font_names_carry_their_content_hash():
    import hashlib

    for path in FONTS.glob("*.woff2"):
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        assert path.name.endswith(f"-{digest}.woff2"), path.name


@pytest.fixture(scope="module")
def cmaps() -> dict[str, set[int]]:
    return {f.name: set(TTFont(f).getBestCmap()) for f in FONTS.glob("*.woff2")}


def _covered(char: str, weight: int, cmaps) -> bool:
    """Some face of this weight claims the character in its range and has a glyph for it."""
    return any(
        ord(char) in points and ord(char) in cmaps[file]
        for file, face_weight, points in _faces()
        if face_weight == weight
    )


def _texts() -> list[str]:
    """Every string in every lesson file and in the glossary, in all languages."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            node = list(node.values())
        if isinstance(node, list):
            for value in node:
                walk(value)
        elif isinstance(node, str):
            found.append(node)

    for path in sorted((ROOT / "lessons").rglob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return found


def test_every_character_of_the_lessons_and_glossary_has_a_glyph_in_both_weights(cmaps):
    chars = {c for text in _texts() for c in text if c.isprintable() and not c.isspace()}
    chars |= {"\u00a0", "\u200c"}  # no-break space; Persian's zero-width non-joiner
    # the lessons really are in several scripts
    assert {"ا", "ї", "ğ", "ë"} <= chars
    for weight in (400, 700):
        missing = sorted(c for c in chars if not _covered(c, weight, cmaps))
        assert not missing, [f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in missing]


@pytest.mark.parametrize(
    "letters",
    [
        "پچژگکی۰۱۲۳۴۵۶۷۸۹",  # Persian letters and digits
        "ابتثجحخدذرزسشصضطظعغفقكلمنهوي؟،٠١٢٣",  # Arabic letters, punctuation, digits
        "ІіЇїЄєҐґʼ№абвгдежзийклмнопрстуфхцчшщьюя",  # Ukrainian
        "ğĞıİşŞçÇöÖüÜ",  # Turkish
        "éëïóüĳ€–—‘’“”…",  # Dutch and punctuation
        "ሀለሐመሠረሰሸቀቐበቨተቸኀነኘአከኸወዐዘዠየደጀገጠጨጰጸፀፈፐ።፣፤፥፦፧፡",  # Tigrinya (Ethiopic)
        "←→↑↓▲▼",  # arrows on the sites, ▼ in lesson 4
    ],
)
def test_each_script_needed_is_covered(letters, cmaps):
    for weight in (400, 700):
        assert [c for c in letters if not _covered(c, weight, cmaps)] == []


def test_pieces_do_not_overlap_so_latin_words_in_a_translation_load_only_latin():
    by_piece: dict[str, set[int]] = {}
    for file, weight, points in _faces():
        if weight == 400:
            by_piece[file] = points
    latin = by_piece.pop(_file("latin", 400))
    dutch = {ord(c) for c in "Klik op **Inloggen Mijn Inburgering**: één, ‘ë’ – € 2.000,00 ←"}
    assert dutch <= latin
    for file, points in by_piece.items():
        assert not points & latin, file
        assert not points & dutch, file
    arabic, ethiopic = by_piece[_file("arabic", 400)], by_piece[_file("ethiopic", 400)]
    assert not arabic & ethiopic


def test_only_translations_are_set_in_our_fonts_dutch_and_english_keep_the_systems():
    css = CSS.read_text(encoding="utf-8")
    rule = re.search(
        r"^(:lang\(.*) \{ font-family: \"Oefen Sans\", var\(--font-text\); \}$", css, re.M
    )
    assert rule, css[-300:]
    languages = set(re.findall(r":lang\((\w+)\)", rule.group(1)))
    assert languages == {"ar", "fa", "ti", "uk", "tr"}
    base = (ROOT / "static" / "css" / "base.css").read_text(encoding="utf-8")
    assert "font-family: var(--font-text);" in base and "Oefen Sans" not in base


def test_fonts_css_is_what_the_script_writes_and_every_file_exists():
    script = _script()
    assert CSS.read_text(encoding="utf-8") == script.css(FONTS)
    for file, _weight, _points in _faces():
        assert (FONTS / file).is_file(), file
    assert len(_faces()) == 8


def test_fonts_stay_small():
    sizes = {f.name: f.stat().st_size for f in FONTS.glob("*.woff2")}
    assert len(sizes) == 8
    assert max(sizes.values()) < 60 * 1024, sizes
    assert sizes[_file("latin", 400)] < 20 * 1024


def test_the_open_font_licence_is_beside_the_fonts():
    text = (FONTS / "OFL.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Google" in text and "PERMISSION & CONDITIONS" in text
