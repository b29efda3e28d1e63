"""Lesson text markup: paragraphs, lists, bold button names; everything else escaped."""

from __future__ import annotations

from simulator.lessons.texts import inline, pick, render


def test_paragraphs_lists_and_bold():
    html = render(
        "In de gele menubalk:\n- Gegevens. Zie bij de letter A.\n- Examens.\n\nKlik op **Akkoord**."
    )
    assert html == (
        "<p>In de gele menubalk:</p><ul><li>Gegevens. Zie bij de letter A.</li><li>Examens.</li></ul>"
        "<p>Klik op <strong>Akkoord</strong>.</p>"
    )


def test_markup_in_lessons_is_escaped():
    assert render('<script>alert("x")</script>') == (
        "<p>&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;</p>"
    )


def test_italic_names_but_not_stars_inside_words():
    assert inline("*Mijn Inburgering* en 2*3*4") == "<em>Mijn Inburgering</em> en 2*3*4"


def test_pick_falls_back_to_dutch():
    assert pick({"nl": "Hallo", "en": "Hello"}, "en") == "Hello"
    assert pick({"nl": "Hallo"}, "ar") == "Hallo"
    assert pick(None, "nl") == ""
