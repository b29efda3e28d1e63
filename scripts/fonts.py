"""Make the simulator's own fonts: Debian's Noto fonts subset to woff2, plus fonts.css.

    .venv/bin/python scripts/fonts.py          # needs fonts-noto-core and pip fonttools, brotli

Writes static/fonts/*.woff2, static/fonts/OFL.txt and static/css/fonts.css. The output is
committed, so nothing is built when the simulator runs and a volunteer on Windows needs no apt.
Run it again only when a language with another script is added (or to change a range below).

One family, "Oefen Sans", in four pieces that share nothing: a browser downloads a piece only
when text set in the family has a character in its unicode-range. Texts in Arabic, Persian,
Tigrinya, Ukrainian and Turkish are set in it (SERVED_LANGUAGES); a Dutch page loads no font.
Every piece comes in regular (400) and bold (700): the lessons set the words on the screen and
the Oefenomgeving's own labels in bold, in every script.
"""

from __future__ import annotations

import argparse
import hashlib
import io
import sys
from dataclasses import dataclass
from pathlib import Path

from fontTools import subset
from fontTools.merge import Merger
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
NOTO = Path("/usr/share/fonts/truetype/noto")
COPYRIGHT = Path("/usr/share/doc/fonts-noto-core/copyright")
FAMILY = "Oefen Sans"
WEIGHTS = {400: "Regular", 700: "Bold"}

Ranges = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Piece:
    """One woff2 file per weight: a Noto font cut down to the characters of one script."""

    name: str
    font: str  # Noto file name with {weight} for Regular/Bold
    ranges: Ranges
    #: (Noto file, ranges) merged in from fonts that have only a regular weight
    extras: tuple[tuple[str, Ranges], ...] = ()
    #: CSS size-adjust: Naskh's and Ethiopic's letters look smaller than Latin ones at the
    #: same font-size; a reader who struggles needs them as big as the Dutch words beside them
    size_adjust: int = 100


#: Dutch, English and Turkish letters, punctuation, the euro, and the arrows and ▼ the sites
#: and lessons show (those come from Noto Sans Symbols, which Noto Sans lacks).
LATIN = Piece(
    "latin",
    "NotoSans-{weight}.ttf",
    (
        (0x0020, 0x007E),
        (0x00A0, 0x017F),  # Latin-1 and Latin Extended-A: é ë ï ç ö ü ğ ı İ ş ĳ
        (0x0192, 0x0192),
        (0x02C6, 0x02C7),
        (0x02DA, 0x02DC),
        (0x2010, 0x2027),  # dashes, quotes, bullet, ellipsis
        (0x2030, 0x203A),
        (0x20AC, 0x20AC),  # €
        (0x2122, 0x2122),
        (0x2212, 0x2212),
    ),
    extras=(
        ("NotoSansSymbols-Regular.ttf", ((0x2190, 0x2193),)),  # ← ↑ → ↓
        ("NotoSansSymbols2-Regular.ttf", ((0x25B2, 0x25B2), (0x25BC, 0x25BC))),  # ▲ ▼
    ),
)
#: Ukrainian (and Russian) letters, the Ukrainian apostrophe ʼ and №.
CYRILLIC = Piece(
    "cyrillic",
    "NotoSans-{weight}.ttf",
    ((0x0400, 0x045F), (0x0490, 0x0491), (0x02BC, 0x02BC), (0x2116, 0x2116)),
)
#: Arabic and Persian (Farsi, Dari): the whole Arabic block, with پ چ ژ گ ک ی, the Persian
#: digits ۰-۹, the Arabic comma and question mark; the zero-width (non-)joiner Persian needs
#: and the direction marks. Naskh, the style of schoolbooks and of Android's own Arabic font.
ARABIC = Piece(
    "arabic",
    "NotoNaskhArabic-{weight}.ttf",
    ((0x0600, 0x06FF), (0x200C, 0x200F), (0xFD3E, 0xFD3F)),
    size_adjust=125,
)
#: Tigrinya: the Ethiopic syllables, punctuation (። ፣ ፧) and numerals.
ETHIOPIC = Piece("ethiopic", "NotoSansEthiopic-{weight}.ttf", ((0x1200, 0x137F),), size_adjust=110)
PIECES = (LATIN, CYRILLIC, ARABIC, ETHIOPIC)
#: Texts in these languages are set in our fonts (with the Dutch words inside them); Dutch
#: and English keep the system's font, so the Dutch sites download no font at all.
SERVED_LANGUAGES = ("ar", "fa", "ti", "uk", "tr")


def codepoints(ranges: Ranges) -> list[int]:
    """Every code point in the ranges."""
    return [c for start, end in ranges for c in range(start, end + 1)]


def unicode_range(ranges: Ranges) -> str:
    """CSS unicode-range for the ranges: U+0400-045F, U+2116."""
    return ", ".join(
        f"U+{start:04X}" if start == end else f"U+{start:04X}-{end:04X}" for start, end in ranges
    )


def _cut(path: Path, ranges: Ranges) -> TTFont:
    options = subset.Options()
    options.hinting = False  # phones ignore hinting; it is a third of a TrueType font
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.name_languages = [0x0409]
    options.drop_tables += ["FFTM", "DSIG"]
    font = TTFont(path, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=codepoints(ranges))
    subsetter.subset(font)
    return font


def build_piece(piece: Piece, weight: int, noto: Path = NOTO) -> TTFont:
    """The piece in one weight, with its extra symbols merged in."""
    font = _cut(noto / piece.font.format(weight=WEIGHTS[weight]), piece.ranges)
    if not piece.extras:
        return font
    parts = [font] + [_cut(noto / name, ranges) for name, ranges in piece.extras]
    buffers = []
    for part in parts:  # the merger reads files, not TTFont objects
        buffer = io.BytesIO()
        part.save(buffer)
        buffer.seek(0)
        buffers.append(buffer)
    merged = Merger().merge(buffers)
    merged.recalcTimestamp = False
    for stamp in ("created", "modified"):  # the merger stamps today: keep Noto's, for a stable file
        setattr(merged["head"], stamp, getattr(font["head"], stamp))
    return merged


def write_woff2(font: TTFont, fonts_dir: Path, stem: str) -> Path:
    """Save as woff2 (brotli) named <stem>-<content hash>.woff2, so a browser may keep it a
    year (simulator/fonts.py); an older version of the same stem is removed."""
    font.flavor = "woff2"
    font.recalcTimestamp = False
    buffer = io.BytesIO()
    font.save(buffer)
    data = buffer.getvalue()
    for old in fonts_dir.glob(f"{stem}-*.woff2"):
        old.unlink()
    path = fonts_dir / f"{stem}-{hashlib.sha256(data).hexdigest()[:10]}.woff2"
    path.write_bytes(data)
    return path


def file_name(fonts_dir: Path, piece: Piece, weight: int) -> str:
    """The woff2 file of a piece and weight in fonts_dir (its name carries a hash)."""
    found = sorted(fonts_dir.glob(f"oefen-{piece.name}-{weight}-*.woff2"))
    if len(found) != 1:
        raise FileNotFoundError(f"expected one oefen-{piece.name}-{weight}-*.woff2, found {found}")
    return found[0].name


def css(fonts_dir: Path = ROOT / "static" / "fonts", pieces: tuple[Piece, ...] = PIECES) -> str:
    """static/css/fonts.css: one @font-face per piece and weight."""
    lines = [
        "/* The simulator's own fonts (made by scripts/fonts.py; do not edit by hand).",
        "   Noto, SIL Open Font License 1.1: static/fonts/OFL.txt. The browser downloads a",
        "   file only when the page has a character in its unicode-range. */",
    ]
    for piece in pieces:
        for weight in WEIGHTS:
            lines += [
                "@font-face {",
                f'  font-family: "{FAMILY}";',
                f'  src: url(../fonts/{file_name(fonts_dir, piece, weight)}) format("woff2");',
                f"  font-weight: {weight};",
                "  font-style: normal;",
                "  font-display: swap;",
                *([f"  size-adjust: {piece.size_adjust}%;"] if piece.size_adjust != 100 else []),
                f"  unicode-range: {unicode_range(piece.ranges + _extra_ranges(piece))};",
                "}",
            ]
    selector = ", ".join(f":lang({lang})" for lang in SERVED_LANGUAGES)
    lines += [f'{selector} {{ font-family: "{FAMILY}", var(--font-text); }}']
    return "\n".join(lines) + "\n"


def _extra_ranges(piece: Piece) -> Ranges:
    return tuple(r for _, ranges in piece.extras for r in ranges)


def licence_text(copyright_file: Path = COPYRIGHT) -> str:
    """The OFL 1.1 text as Debian ships it with fonts-noto-core, with Noto's copyright."""
    lines = copyright_file.read_text(encoding="utf-8").splitlines()
    start = next(
        i
        for i, line in enumerate(lines)
        if line == "License: OFL-1.1" and i + 1 < len(lines) and lines[i + 1].startswith(" ")
    )
    body = []
    for line in lines[start + 1 :]:
        if not line.startswith(" "):
            break
        body.append("" if line.strip() == "." else line[1:])
    head = [
        "Noto fonts: Copyright 2010, 2012-2020 Google Inc.; 2015-2020 Google LLC.",
        "The files in this folder are subsets of Noto Sans, Noto Sans Symbols, Noto Sans",
        "Symbols 2, Noto Naskh Arabic and Noto Sans Ethiopic (Debian package fonts-noto-core),",
        "made by scripts/fonts.py. This Font Software is licensed under the SIL Open Font",
        "License, Version 1.1:",
        "",
        "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007",
        "",
    ]
    return "\n".join(head + body).rstrip() + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the woff2 files, OFL.txt and fonts.css; print each file's size."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "static")
    args = parser.parse_args(argv)
    fonts_dir = args.out / "fonts"
    fonts_dir.mkdir(parents=True, exist_ok=True)
    total = 0
    for piece in PIECES:
        for weight in WEIGHTS:
            path = write_woff2(
                build_piece(piece, weight), fonts_dir, f"oefen-{piece.name}-{weight}"
            )
            size = path.stat().st_size
            total += size
            print(f"{path.relative_to(args.out)}: {size / 1024:.1f} KB")
    print(f"together: {total / 1024:.1f} KB")
    (fonts_dir / "OFL.txt").write_text(licence_text(), encoding="utf-8")
    (args.out / "css" / "fonts.css").write_text(css(fonts_dir), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
