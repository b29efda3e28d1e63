"""The shipped lessons carry every "Let op!" and "Tip" of the workbook chapter, word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHAPTER = ROOT.parent / "shared" / "seeds" / "000_cbc5944700315c5f.txt"


def chapter_boxes() -> list[str]:
    """The paragraph after each "Let op!" and "Tip" heading of the chapter."""
    blocks = [b.strip() for b in re.split(r"\n\s*\n", CHAPTER.read_text(encoding="utf-8"))]
    boxes = []
    for index, block in enumerate(blocks):
        if block in ("Let op!", "Tip") and index + 1 < len(blocks):
            boxes.append(blocks[index + 1])
    return boxes


def lesson_dutch() -> str:
    """All Dutch text in lessons/*.yaml, whitespace normalised, markup removed."""
    found: list[str] = []

    def walk(node):
        if isinstance(node, dict):
            if isinstance(node.get("nl"), str):
                found.append(node["nl"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in sorted((ROOT / "lessons").glob("*.yaml")):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return " ".join(" ".join(text.replace("*", "").split()) for text in found)


@pytest.mark.skipif(not CHAPTER.exists(), reason="the workbook chapter is not beside the project")
def test_every_let_op_and_tip_of_the_chapter_is_in_the_lessons():
    boxes = chapter_boxes()
    assert len(boxes) >= 6
    text = lesson_dutch()
    missing = [box for box in boxes if " ".join(box.replace("*", "").split()) not in text]
    assert not missing, missing


@pytest.mark.skipif(not CHAPTER.exists(), reason="the workbook chapter is not beside the project")
@pytest.mark.parametrize(
    "sentence",
    [
        "heeft u kennis gemaakt met de website inburgeren.nl;",
        "Mijn Inburgering is de mijn-omgeving van DUO.",
        "Klik op Inloggen Mijn Inburgering en log in met DigiD.",
        "Contracten en facturen. Zie bij de letter D.",
        "U ziet nu de 'Openstaande facturen'. Dat zijn facturen die u nog moet betalen.",
        "Zoek op ind.nl hoe u digitaal een vervangend verblijfsdocument kunt aanvragen.",
        "In Mijn Inburgering kunt u onder andere informatie zien over uw lening, examens en facturen.",
        "Als de factuur juist is, kan de factuur betaald worden. Klik hiervoor op Accepteren.",
        "Als u de factuur niet wilt laten betalen uit de lening van DUO, klikt u op Weigeren.",
        "Klik daarna onder 'Reden' op ▼.",
        "Als u kiest voor 'Andere reden' moet u die reden invullen.",
    ],
)
def test_chapter_sentences_are_in_the_lessons(sentence):
    assert sentence in CHAPTER.read_text(encoding="utf-8").replace("*", "")
    assert sentence in lesson_dutch()
