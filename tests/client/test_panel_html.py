"""The lesson panel's kept HTML (simulator/lessons/panel_html.py): each thing the panel shows
changes it, for this learner and never for another one.

Every panel these tests get is also compared with a fresh render (tests/panel_check.py, for
every test). Here each test changes one thing the panel shows while all else stays the same
(the same page, step and language), so a key that forgot it would send the panel kept from
before, or another learner's, and fail.
"""

from __future__ import annotations

import re

from simulator.sandbox import phone_state
from tests.client.test_lessons import MIJN, exercise_one, post, skip_to
from tests.conftest import Learner, text

LENING = MIJN + "lening"
FACTUREN = MIJN + "facturen"
WRONG = {"geleend": "3.300,00", "nog_te_lenen": "10.000,00", "next": LENING}


def kept_count(check) -> int:
    return sum(1 for _template, kept in check.shown if kept)


def test_each_wrong_answer_shows_its_own_count(learner, client, app, kept_panels_checked):
    exercise_one(learner, app)
    versions = []
    for _ in range(3):
        post(learner, "/les/oefen-nu-zelf/antwoord", WRONG)
        versions.append(re.search(r'data-version="([^"]+)"', text(client.get(LENING))).group(1))
        text(client.get(LENING))  # the same panel again: kept
    assert len(set(versions)) == 3  # the number of tries is part of what the panel shows
    assert kept_count(kept_panels_checked) >= 3


def test_hints_and_laat_zien_show_at_once(learner, client, app):
    exercise_one(learner, app)
    assert "(letter C)" not in text(client.get(MIJN))
    post(learner, "/les/oefen-nu-zelf/hulp", {"next": MIJN})
    assert "(letter C)" in text(client.get(MIJN))
    before = text(client.get(MIJN))
    post(learner, "/les/oefen-nu-zelf/hulp", {"next": MIJN})
    assert text(client.get(MIJN)) != before  # the second hint
    post(learner, "/les/oefen-nu-zelf/laat-zien", {"next": MIJN})
    assert '"target": "mijn.menu.lening"' in text(client.get(MIJN))


def test_typed_answers_are_each_learners_own(app):
    first, second = Learner(app.test_client()), Learner(app.test_client())
    for one, typed in ((first, "11.111,00"), (second, "12.345,00")):
        exercise_one(one, app)
        post(one, "/les/oefen-nu-zelf/antwoord", {**WRONG, "nog_te_lenen": typed})
    first_page, second_page = text(first.client.get(LENING)), text(second.client.get(LENING))
    assert 'value="11.111,00"' in first_page and "12.345,00" not in first_page
    assert 'value="12.345,00"' in second_page and "11.111,00" not in second_page


def test_a_wrong_turn_shows_its_feedback_to_that_learner_only(app):
    went_wrong, went_right = Learner(app.test_client()), Learner(app.test_client())
    feedback = "Dit is factuur FAC229230569"
    for one in (went_wrong, went_right):
        skip_to(one, "facturen", "open-factuur", app)  # (its own world: log in after)
        one.login(app)
    went_wrong.client.get(FACTUREN)
    assert feedback in text(went_wrong.client.get(MIJN + "facturen/FAC229230569"))
    assert feedback in text(went_wrong.client.get(FACTUREN))  # still, back on the list
    assert feedback not in text(went_right.client.get(FACTUREN))


def test_a_new_sms_shows_on_the_phone_button_in_the_panel(learner, client, app):
    skip_to(learner, "facturen", "open-factuur", app)
    learner.login(app)
    badge = re.compile(r"phone-toggle--sheet.*?data-phone-badge( hidden)?>(\d+)<", re.S)
    assert badge.search(text(client.get(FACTUREN))).group(1, 2) == (" hidden", "0")
    with client.session_transaction() as sess:
        learner_id = sess["learner_id"]
    app.extensions["store"].mutate_state(
        learner_id,
        lambda state: phone_state.receive_sms(
            state, "DigiD", {"kind": "text", "text": "Hallo"}, "2026-01-01T10:00:00"
        ),
    )
    assert badge.search(text(client.get(FACTUREN))).group(1, 2) == (None, "1")


def test_the_text_size_chosen_shows_in_the_menu(learner, client, app):
    skip_to(learner, "facturen", "open-factuur", app)
    learner.login(app)
    current = re.compile(r'value="(\w+)" class="lesson-menu__choice[^"]*" aria-current="true"')
    assert current.search(text(client.get(FACTUREN))).group(1) == "normaal"
    post(learner, "/les/tekstgrootte", {"grootte": "groter", "next": FACTUREN})
    assert current.search(text(client.get(FACTUREN))).group(1) == "groter"


def test_each_learner_gets_their_own_token_step_and_address(app, kept_panels_checked):
    first, second = Learner(app.test_client()), Learner(app.test_client())
    for one in (first, second):
        skip_to(one, "facturen", "open-factuur", app)  # (its own world: log in after)
        one.login(app)
    first.client.get(FACTUREN)  # first's events: second's step begins after other ids
    pages = [text(first.client.get(FACTUREN)), text(second.client.get(FACTUREN + "?x=1"))]
    assert kept_count(kept_panels_checked) >= 1  # second got the panel first left behind
    for one, page in zip((first, second), pages, strict=True):
        panel = page[page.index('id="lesson-panel"') :]
        assert f'data-csrf="{one.csrf("/opnieuw")}"' in panel
        assert re.findall(r'name="csrf_token" value="([^"]+)"', panel) == [
            one.csrf("/opnieuw")
        ] * len(re.findall(r'name="csrf_token"', panel))
    assert 'name="next" value="/sites/mijn.inburgeren.nl/facturen?x=1"' in pages[1]
    steps = [re.search(r'data-step="([^"]+)"', page).group(1) for page in pages]
    assert steps[0] != steps[1]  # each step began after that learner's own last event
