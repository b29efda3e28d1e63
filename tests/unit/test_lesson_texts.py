"""Lesson text markup: paragraphs, lists, bold button names; everything else escaped."""

from __future__ import annotations

from simulator.lessons.texts import (
    inline,
    markup_problems,
    pick,
    pick_lang,
    render,
    render_in,
    spoken,
    word_ids,
)


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


# --- The markup in the learner's language: Dutch words marked, glossary links, labels. ---

WORDS = {"adresbalk": "/woorden/adresbalk", "knop": "/woorden/knop"}


def test_dutch_words_and_names_are_marked_dutch_inside_a_translation():
    html = inline("اضغط على **Inloggen Mijn Inburgering** في *Mijn Inburgering*.", "ar")
    assert html == (
        'اضغط على <strong lang="nl">Inloggen Mijn Inburgering</strong> في '
        '<em lang="nl">Mijn Inburgering</em>.'
    )


def test_dutch_texts_carry_no_lang_attribute():
    assert inline("Klik op **Volgende** in *Mijn Inburgering*.", "nl") == (
        "Klik op <strong>Volgende</strong> in <em>Mijn Inburgering</em>."
    )


def test_own_labels_are_bold_in_the_texts_language():
    assert inline("Натисніть __Далі__.", "uk") == "Натисніть <strong>Далі</strong>."


def test_glossary_words_link_to_their_entry():
    html = inline("Дивіться на [[адресний рядок|adresbalk]] угорі.", "uk", WORDS)
    assert (
        html == 'Дивіться на <a class="woord" href="/woorden/adresbalk">адресний рядок</a> угорі.'
    )


def test_unknown_glossary_word_is_plain_text():
    assert inline("Klik op de [[toets|toetsenbord]].", "nl", WORDS) == "Klik op de toets."
    assert inline("Klik op de [[knop|knop]].", "nl") == "Klik op de knop."  # no glossary at all


def test_no_html_gets_through_any_mark():
    text = (
        '**<b>x</b>** *<i onmouseover="a()">y</i>* __<script>z</script>__ '
        '[[<img src=x onerror=alert(1)>|knop]] [["><a href="javascript:x">|adresbalk]]'
    )
    html = str(render(text, "ar", {**WORDS, "knop": '"><script>alert(1)</script>'}))
    assert "<b>" not in html and "<i " not in html and "<script" not in html
    assert "<img" not in html and '<a href="javascript' not in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "&lt;script&gt;z&lt;/script&gt;" in html
    assert 'href="&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in html


def test_marks_do_not_nest():
    assert markup_problems("Klik op **[[knop|knop]]**.")
    assert markup_problems("Lees [[**Volgende**|knop]].")
    assert markup_problems("__*Start*__")
    # the nested mark is shown as it was typed, never as markup
    assert inline("Klik op **[[knop|knop]]**.", "ar", WORDS) == (
        'Klik op <strong lang="nl">[[knop|knop]]</strong>.'
    )


def test_unclosed_marks_and_bad_ids_are_reported():
    assert markup_problems("Klik op **Volgende.")
    assert markup_problems("Klik op __Volgende.")
    assert markup_problems("Zie de [[adresbalk]].")
    assert markup_problems("Zie de [[adresbalk|Adres Balk]].")
    assert markup_problems("Zie de [[adresbalk|]].")


def test_good_texts_have_no_markup_problems():
    text = (
        "- gebruikersnaam: **oefenaccount**\n"
        "Ga naar *Mijn Inburgering*'e, klik op __İleri__ en kijk naar het [[slotje|hangslotje]]. 2*3*4"
    )
    assert markup_problems(text) == []
    assert word_ids(text) == ["hangslotje"]


def test_render_in_marks_dutch_only_when_the_translation_is_shown():
    text = {"nl": "Klik op **Volgende**.", "ar": "اضغط على **Volgende**."}
    assert 'lang="nl"' in render_in(text, "ar")
    assert 'lang="nl"' not in render_in(text, "ti")  # falls back to the Dutch text itself
    assert pick_lang(text, "ti") == ("nl", "Klik op **Volgende**.")


def test_spoken_segments_switch_to_dutch_for_dutch_words():
    said = spoken("اضغط على **Inloggen Mijn Inburgering**. انظر إلى [[السهم|knop]].", "ar")
    assert said == [
        ("ar", "اضغط على"),
        ("nl", "Inloggen Mijn Inburgering"),
        ("ar", ". انظر إلى السهم."),
    ]


def test_spoken_strips_marks_and_ends_list_lines_as_sentences():
    said = spoken("U logt in met:\n- gebruikersnaam: **oefenaccount**\n- __Volgende__", "nl")
    assert said == [("nl", "U logt in met: gebruikersnaam: oefenaccount. Volgende.")]
    assert spoken("Klik op *Mijn Inburgering*", "en") == [
        ("en", "Klik op"),
        ("nl", "Mijn Inburgering."),
    ]
