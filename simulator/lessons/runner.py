"""Running a lesson for one learner: progress, advancing on checks, hints, answers, feedback.

Flask-free: the caller passes the progress dict (from store.load_progress), the learner's
events since the step began and their state; these functions only change the progress dict.

Time spent (`seconds`) counts the gaps between the learner's requests, each at most
MAX_GAP_SECONDS; the requests are the step's events (their `created_at`) and the moment of
evaluation, so the time needs no write of its own: it is saved with the next real change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from simulator.lessons import answers as answer_rules
from simulator.lessons.checks import Context
from simulator.lessons.messages import msg
from simulator.lessons.schema import Lesson, Part

#: Seconds without progress before "Hulp nodig?" is offered.
HINT_OFFER_SECONDS = 60
#: Longest gap counted as time spent (a learner who walks away is not "spending time").
MAX_GAP_SECONDS = 60


@dataclass
class Progress:
    """One learner's place in one lesson (stored as JSON in the progress table)."""

    part: int = 0
    attempts: int = 0
    hints: int = 0
    hints_total: int = 0
    seconds: int = 0
    done: bool = False
    since: int = 0  # id of the last event before the current step began
    begun: int = 0  # id of the last event before the lesson began
    step_started: float = 0.0
    last_seen: float = 0.0
    shown: bool = False  # "Laat zien" pressed for this exercise
    shown_total: int = 0  # "Laat zien" in the whole lesson (the begeleider's dashboard)
    answers: dict = field(default_factory=dict)
    errors: dict = field(default_factory=dict)
    message: dict | None = None  # {"kind": "ok"|"wrong", "text": a lesson text or messages.msg}
    last_url: str = ""  # schema 1 kept the last page here; now the events tell (tracker)

    @classmethod
    def from_dict(cls, data: Mapping | None) -> Progress:
        known = {k: v for k, v in (data or {}).items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_dict(self) -> dict:
        return asdict(self)

    def current(self, lesson: Lesson) -> Part | None:
        return None if self.done or self.part >= len(lesson.parts) else lesson.parts[self.part]


def start(progress: Progress, last_event_id: int, now: float) -> Progress:
    """A fresh start of the lesson."""
    fresh = Progress(since=last_event_id, begun=last_event_id, step_started=now, last_seen=now)
    fresh.seconds = 0
    return fresh


def _enter(lesson: Lesson, progress: Progress, index: int, last_event_id: int, now: float) -> None:
    progress.part = index
    progress.done = index >= len(lesson.parts)
    progress.since, progress.step_started = last_event_id, now
    progress.hints, progress.attempts, progress.shown = 0, 0, False
    progress.answers, progress.errors = {}, {}


def tick(progress: Progress, now: float) -> None:
    """Count the time since the last request, at most MAX_GAP_SECONDS."""
    if progress.last_seen:
        progress.seconds += int(max(0, min(now - progress.last_seen, MAX_GAP_SECONDS)))
    progress.last_seen = now


def context(progress: Progress, events: Sequence[dict], state: Mapping) -> Context:
    """What the checks of the current step see: only events after the step began."""
    mine = [e for e in events if e["id"] > progress.since]
    return Context(events=mine, state=state, answers=dict(progress.answers))


def stamp(when: datetime) -> float:
    """A stored time (naive UTC) as seconds since the epoch."""
    return when.replace(tzinfo=UTC).timestamp() if when.tzinfo is None else when.timestamp()


def count_time(progress: Progress, times: Sequence[datetime], now: float) -> None:
    """Tick through the learner's request times after `last_seen`, then to `now`."""
    for moment in sorted(stamp(t) for t in times):
        if progress.last_seen < moment <= now:
            tick(progress, moment)
    tick(progress, now)


def refresh(
    lesson: Lesson, progress: Progress, events: Sequence[dict], state: Mapping, now: float
) -> bool:
    """Advance when the current step's check holds; True when the place changed."""
    count_time(progress, [e["created_at"] for e in events if e.get("created_at")], now)
    part = progress.current(lesson)
    if part is None or not part.is_step or part.check is None:
        return False
    result = part.check.evaluate(context(progress, events, state))
    if not result.passed:
        return False
    last = max([e["id"] for e in events] + [progress.since])
    if part.type == "exercise":
        progress.message = {"kind": "ok", "text": _well_done(part)}
    else:
        progress.message = None
    _enter(lesson, progress, lesson.next_index(progress.part), last, now)
    return True


def _well_done(part: Part) -> dict:
    return msg("Goed gedaan! U heeft de opdracht gedaan.")


def go_next(lesson: Lesson, progress: Progress, last_event_id: int, now: float) -> bool:
    """Next for a reading part (steps move on by themselves)."""
    part = progress.current(lesson)
    if part is None or not part.manual:
        return False
    progress.message = None
    _enter(lesson, progress, lesson.next_index(progress.part), last_event_id, now)
    return True


def go_previous(lesson: Lesson, progress: Progress, last_event_id: int, now: float) -> bool:
    """Back to the part before (the one whose `next` leads here, else the one above)."""
    if progress.part <= 0:
        return False
    index = min(progress.part, len(lesson.parts))
    before = [i for i in range(len(lesson.parts)) if lesson.next_index(i) == index]
    progress.message = None
    _enter(lesson, progress, before[0] if before else index - 1, last_event_id, now)
    return True


def use_hint(lesson: Lesson, progress: Progress, now: float | None = None) -> bool:
    """Show one more hint of the exercise's ladder; False when there is none left.

    The next hint is offered again only after another minute without progress.
    """
    part = progress.current(lesson)
    if part is None or progress.hints >= len(part.hints):
        return False
    progress.hints += 1
    progress.hints_total += 1
    if now is not None:
        progress.step_started = now
    return True


def show_me(lesson: Lesson, progress: Progress) -> bool:
    """ "Laat zien": the arrows of this exercise appear."""
    part = progress.current(lesson)
    if part is None or part.type != "exercise" or not part.targets:
        return False
    progress.shown_total += not progress.shown
    progress.shown = True
    return True


def go_to(lesson: Lesson, progress: Progress, index: int, last_event_id: int, now: float) -> bool:
    """Move to part `index` (a begeleider's "Naar stap", the presenter's Vorige/Volgende)."""
    if not 0 <= index < len(lesson.parts):
        return False
    progress.message = None
    _enter(lesson, progress, index, last_event_id, now)
    return True


def answer(
    lesson: Lesson,
    progress: Progress,
    form: Mapping[str, str],
    events: Sequence[dict],
    state: Mapping,
    now: float,
) -> bool:
    """Take the typed answers; True when the exercise is now done."""
    part = progress.current(lesson)
    if part is None or part.check is None:
        return False
    fields = part.check.answer_checks()
    progress.answers = {a.field: str(form.get(a.field, ""))[:200] for a in fields}
    progress.errors = {}
    for check in fields:
        problem = answer_rules.invalid_message(check.kind(), progress.answers[check.field])
        if problem:
            progress.errors[check.field] = problem
    if progress.errors:
        progress.message = None
        return False
    progress.attempts += 1
    if refresh(lesson, progress, events, state, now):
        return True
    ctx = context(progress, events, state)
    result = part.check.evaluate(ctx)
    text = next((f.text for f in part.feedback if f.when.evaluate(ctx).passed), result.message)
    progress.message = {"kind": "wrong", "text": text}
    return False


def feedback(
    lesson: Lesson, progress: Progress, events: Sequence[dict], state: Mapping
) -> dict | None:
    """The feedback for a likely wrong turn (e.g. on the wrong page), if one matches now."""
    part = progress.current(lesson)
    if part is None or not part.feedback:
        return None
    ctx = context(progress, events, state)
    live = [f for f in part.feedback if not f.when.answer_checks()]  # answers: after "Controleer"
    return next((f.text for f in live if f.when.evaluate(ctx).passed), None)


def hint_offered(progress: Progress, now: float) -> bool:
    """True after a minute on one step without progress."""
    return now - progress.step_started >= HINT_OFFER_SECONDS
