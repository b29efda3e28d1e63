"""A lesson that says "tap __X__" names a button the learner really sees, in the same words.

`__label__` in a lesson text is a label of the Oefenomgeving itself (frame, panel, phone) in
the text's language. The interface gets its words from the gettext catalogs, so each such
label must be the translation of some interface text in that language's catalog.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from simulator.lessons import report
from simulator.lessons.fields import lesson_fields
from simulator.lessons.texts import LANGUAGES

CATALOGS = Path(__file__).resolve().parents[2] / "simulator" / "translations"
LABEL = re.compile(r"__(.+?)__")


def interface_words(lang: str) -> set[str]:
    """Every interface text shown in `lang` (msgstr; for Dutch, the msgid)."""
    with (CATALOGS / lang / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        catalog = read_po(handle)
    words = set()
    for message in catalog:
        if not message.id:
            continue
        shown = message.id if lang == "nl" else message.string
        for text in shown if isinstance(shown, tuple) else (shown,):
            if text:
                words.add(text.strip())
    return words


def labels_in(app, lang: str) -> list[tuple[str, str]]:
    lessons = app.extensions["lessons"]
    fields = [f for lesson in lessons.ordered() for f in lesson_fields(lesson)]
    fields += list(report.glossary_fields(app.extensions["glossary"]))
    found = []
    for field in fields:
        text = field.text.get(lang)
        if isinstance(text, str):
            found += [(field.name, label) for label in LABEL.findall(text)]
    return found


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_label_a_lesson_names_is_on_the_interface_in_that_language(app, lang):
    words = interface_words(lang)
    unknown = sorted({label for _, label in labels_in(app, lang) if label.strip() not in words})
    assert unknown == [], f"{lang}: labels not in the {lang} catalog: {unknown}"


def test_the_label_check_can_fail(app):
    """A made-up label is not an interface text in any language."""
    assert "Vliegende schotel" not in interface_words("nl")
    assert labels_in(app, "ar"), "the Arabic lessons name interface labels"
