"""The runner: reading parts, steps that advance on their check, hints, answers, feedback."""

from __future__ import annotations

from pathlib import Path

from simulator.lessons import runner
from simulator.lessons.loader import load_file
from simulator.lessons.runner import Progress
from tests.unit.test_lesson_validation import NAMES

FIXTURES = Path(__file__).parent / "lesson_fixtures"
STATE = {"loan": {"maximum": 1_000_000, "paid": [{"bedrag": 330_000}]}}


def lesson():
    found, problems = load_file(FIXTURES / "good.yaml", NAMES)
    assert found is not None, problems
    return found


def ev(i, kind, name, **params):
    return {"id": i, "kind": kind, "name": name, "params": params}


def test_reading_then_guided_step_advances_only_on_its_page():
    les = lesson()
    progress = runner.start(Progress(), last_event_id=5, now=100.0)
    assert progress.current(les).id == "lees"
    assert runner.go_next(les, progress, last_event_id=5, now=101.0)
    assert progress.current(les).id == "klik"
    assert not runner.go_next(les, progress, 5, 102.0)  # a step with a check cannot be skipped
    assert not runner.refresh(les, progress, [ev(6, "page", "mijn.brieven")], STATE, 103.0)
    # An old visit (before the step began) does not count.
    assert not runner.refresh(les, progress, [ev(4, "page", "mijn.lening")], STATE, 104.0)
    assert runner.refresh(les, progress, [ev(7, "page", "mijn.lening")], STATE, 105.0)
    assert progress.current(les).id == "oefen"
    assert progress.since == 7


def test_time_spent_counts_gaps_up_to_a_minute():
    les = lesson()
    progress = runner.start(Progress(), 0, now=100.0)
    runner.refresh(les, progress, [], STATE, 110.0)
    runner.refresh(les, progress, [], STATE, 1000.0)  # walked away: only 60 s count
    assert progress.seconds == 70


def exercise_progress():
    les = lesson()
    progress = runner.start(Progress(), 0, 0.0)
    progress.part = les.index_of("oefen")
    return les, progress


def test_hints_ladder_and_no_more_than_there_are():
    les, progress = exercise_progress()
    assert runner.use_hint(les, progress)
    assert not runner.use_hint(les, progress)
    assert progress.hints == 1 and progress.hints_total == 1


def test_wrong_then_right_answer():
    les, progress = exercise_progress()
    assert not runner.answer(les, progress, {"geleend": "1.000,00"}, [], STATE, 10.0)
    assert progress.attempts == 1
    assert progress.message["kind"] == "wrong"
    assert progress.answers == {"geleend": "1.000,00"}  # what was typed is kept
    assert runner.answer(les, progress, {"geleend": "€ 3.300,00"}, [], STATE, 11.0)
    assert progress.current(les).id == "klaar"
    assert progress.message["kind"] == "ok"


def test_answer_that_is_not_an_amount_gets_a_message_and_no_attempt():
    les, progress = exercise_progress()
    assert not runner.answer(les, progress, {"geleend": "veel"}, [], STATE, 10.0)
    assert progress.errors["geleend"]["nl"] == "Dit is geen bedrag. Schrijf het bedrag zo: 3.300,00"
    assert progress.attempts == 0


def test_summary_finishes_the_lesson_and_previous_goes_back():
    les, progress = exercise_progress()
    progress.part = les.index_of("klaar")
    assert runner.go_previous(les, progress, 0, 1.0)
    assert progress.current(les).id == "oefen"
    progress.part = les.index_of("klaar")
    assert runner.go_next(les, progress, 0, 2.0)
    assert progress.done and progress.current(les) is None


def test_hint_offered_after_a_minute():
    progress = runner.start(Progress(), 0, now=100.0)
    assert not runner.hint_offered(progress, 159.0)
    assert runner.hint_offered(progress, 160.0)


def test_progress_round_trips_through_json_and_ignores_unknown_keys():
    progress = runner.start(Progress(), 3, 1.0)
    progress.answers = {"geleend": "3.300"}
    again = Progress.from_dict({**progress.to_dict(), "oud": 1})
    assert again == progress


def feedback_lesson():
    from simulator.lessons.schema import Feedback, Target
    from tests.unit.test_lesson_checks import build

    les = lesson()
    part = les.parts[les.index_of("oefen")]
    part.targets = [Target("mijn.menu.lening")]
    part.feedback = [
        Feedback(build({**_ANSWER, "value": "loan.maximum"}), {"nl": "Dat is het maximum."}),
        Feedback(
            build({"type": "page", "page": "mijn.brieven", "latest": True}),
            {"nl": "Dit is de pagina Brieven."},
        ),
    ]
    return les


_ANSWER = {
    "type": "answer",
    "field": "geleend",
    "label": {"nl": "G", "en": "B"},
    "value": "loan.borrowed",
}


def test_feedback_for_a_wrong_page_only_while_there():
    les = feedback_lesson()
    progress = runner.start(Progress(), 0, 0.0)
    progress.part = les.index_of("oefen")
    on_letters = [ev(1, "page", "mijn.brieven")]
    assert runner.feedback(les, progress, on_letters, STATE) == {"nl": "Dit is de pagina Brieven."}
    moved_on = on_letters + [ev(2, "page", "mijn.home")]
    assert runner.feedback(les, progress, moved_on, STATE) is None


def test_feedback_for_a_likely_wrong_answer():
    les = feedback_lesson()
    progress = runner.start(Progress(), 0, 0.0)
    progress.part = les.index_of("oefen")
    assert not runner.answer(les, progress, {"geleend": "10.000,00"}, [], STATE, 1.0)
    assert progress.message == {"kind": "wrong", "text": {"nl": "Dat is het maximum."}}


def test_show_me_only_in_an_exercise_with_targets():
    les = feedback_lesson()
    progress = runner.start(Progress(), 0, 0.0)
    assert not runner.show_me(les, progress)  # a reading part
    progress.part = les.index_of("oefen")
    assert runner.show_me(les, progress) and progress.shown


def test_time_spent_is_read_from_the_events_times_without_a_write_per_request():
    """The requests between two saves are the step's events: their gaps count, each at most
    a minute, so the time needs no write of its own."""
    from datetime import UTC, datetime

    les = lesson()
    progress = runner.start(Progress(), 0, now=100.0)

    def at(seconds: float) -> datetime:
        return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)

    events = [
        {**ev(1, "page", "mijn.brieven"), "created_at": at(130.0)},
        {**ev(2, "page", "mijn.home"), "created_at": at(400.0)},  # away: 60 s count
    ]
    runner.refresh(les, progress, events, STATE, 410.0)
    assert progress.seconds == 30 + 60 + 10
    runner.refresh(les, progress, events, STATE, 410.0)  # the same again counts nothing twice
    assert progress.seconds == 100
