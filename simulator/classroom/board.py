"""The dashboard's view of a class: one row per learner with their state, and a chart.

Flask-free. A learner is **vastgelopen** (stuck) when they asked for help ("Ik wil hulp"),
after STUCK_WRONG wrong tries on one exercise, or when their step has not moved for the
class's stuck time while the class runs (also before they began a lesson at all). They are
**klaar** when every lesson of the class is done, else **bezig**. Stuck learners come first.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime

from simulator.lessons.runner import Progress
from simulator.lessons.schema import Lesson

STUCK_WRONG = 3
CURRENT = "_current"  # the progress row naming the active lesson (lessons.tracker)

STATES = {  # state -> (words, icon name)
    "vastgelopen": "Vastgelopen",
    "bezig": "Bezig",
    "klaar": "Klaar",
}


@dataclass
class Row:
    """One learner on the dashboard (everything a begeleider may see: progress only)."""

    learner_id: str
    nickname: str
    lesson_id: str = ""
    lesson_title: str = ""
    number: int = 0
    total: int = 0
    lesson_done: bool = False
    step_title: str = ""
    exercises_done: int = 0
    exercises_total: int = 0
    hints: int = 0
    shown: int = 0
    wrong: int = 0
    last_at: str = ""  # ISO time (UTC) of the latest activity
    idle_minutes: int | None = None
    state: str = "bezig"
    reasons: list[str] = field(default_factory=list)
    hand: bool = False
    following: bool = True

    def to_dict(self) -> dict:
        return asdict(self)


def plain(text: dict | str | None) -> str:
    """A lesson's Dutch text without its light markup (*...*)."""
    value = text.get("nl", "") if isinstance(text, dict) else str(text or "")
    return value.replace("*", "").strip()


def _pick_lesson(saved: dict, lessons: list[Lesson]) -> Lesson | None:
    """The lesson to show: the active one, else the first begun and unfinished, else the
    last begun, of the class's lessons."""
    by_id = {lesson.id: lesson for lesson in lessons}
    active = (saved.get(CURRENT) or {}).get("lesson")
    if active in by_id and active in saved:
        return by_id[active]
    begun = [lesson for lesson in lessons if lesson.id in saved]
    unfinished = [lesson for lesson in begun if not saved[lesson.id].get("done")]
    if unfinished:
        return unfinished[0]
    return begun[-1] if begun else None


def _exercises(lesson: Lesson, progress: Progress) -> tuple[int, int]:
    """(exercises done, exercises in the lesson)."""
    indexes = [i for i, part in enumerate(lesson.parts) if part.type == "exercise"]
    done = len(indexes) if progress.done else sum(1 for i in indexes if i < progress.part)
    return done, len(indexes)


def build_row(entry: dict, lessons: list[Lesson], now: float, stuck_after: int, running: bool):
    """One learner's row from their membership and progress (see data.board_rows)."""
    saved = entry["progress"]
    row = Row(
        learner_id=entry["learner_id"],
        nickname=entry["nickname"],
        hand=entry["hand_raised_at"] is not None,
        following=entry["following"],
    )
    last = entry["last_at"] or entry["joined_at"]
    # shown to the minute: the dashboard's version changes when what it shows changes
    row.last_at = last.replace(tzinfo=UTC, second=0, microsecond=0).isoformat(timespec="minutes")
    row.idle_minutes = max(0, int(now - last.replace(tzinfo=UTC).timestamp()) // 60)
    for lesson in lessons:
        if lesson.id in saved:
            done, total = _exercises(lesson, Progress.from_dict(saved[lesson.id]))
            row.exercises_done += done
            row.exercises_total += total
        else:
            row.exercises_total += _exercises(lesson, Progress())[1]
    lesson = _pick_lesson(saved, lessons)
    since = entry["joined_at"].replace(tzinfo=UTC).timestamp()
    progress = None
    if lesson is not None:
        progress = Progress.from_dict(saved[lesson.id])
        part = progress.current(lesson)
        row.lesson_id, row.lesson_title = lesson.id, plain(lesson.title)
        row.total = len(lesson.parts)
        row.number = row.total if progress.done else min(progress.part, row.total - 1) + 1
        row.lesson_done = part is None
        row.step_title = "Les afgerond" if part is None else plain(part.title) or part.id
        row.hints, row.shown = progress.hints_total, progress.shown_total
        row.wrong = progress.attempts if part is not None and part.type == "exercise" else 0
        since = progress.step_started or since
    all_done = bool(lessons) and all(saved.get(x.id, {}).get("done") for x in lessons)
    if row.hand:
        row.reasons.append("Vraagt om hulp")
    if row.wrong >= STUCK_WRONG:
        row.reasons.append(f"{row.wrong} keer fout bij deze oefening")
    working = progress is None or not progress.done
    if running and working and not all_done and now - since >= stuck_after:
        minutes = max(1, int(now - since) // 60)
        unit = "minuut" if minutes == 1 else "minuten"
        row.reasons.append(
            f"Al {minutes} {unit} op dezelfde stap"
            if lesson is not None
            else f"Nog niet begonnen na {minutes} {unit}"
        )
    if row.reasons:
        row.state = "vastgelopen"
    elif all_done:
        row.state = "klaar"
    return row


def build(entries: list[dict], lessons: list[Lesson], now: float, stuck_after: int, running: bool):
    """All rows, stuck learners first, then by nickname."""
    rows = [build_row(e, lessons, now, stuck_after, running) for e in entries]
    order = {"vastgelopen": 0, "bezig": 1, "klaar": 2}
    rows.sort(key=lambda r: (order[r.state], r.nickname.lower(), r.learner_id))
    return rows


@dataclass
class Bar:
    number: int
    title: str
    count: int
    stuck: int


@dataclass
class Chart:
    """Per lesson: how many learners are at each step and how many of them are stuck."""

    lesson_id: str
    title: str
    bars: list[Bar]
    done: int

    @property
    def top(self) -> int:
        return max([b.count for b in self.bars] + [self.done, 1])


def charts(rows: list[Row], lessons: list[Lesson]) -> list[Chart]:
    """One chart per lesson of the class."""
    found = []
    for lesson in lessons:
        bars = [
            Bar(i + 1, plain(part.title) or part.id, 0, 0) for i, part in enumerate(lesson.parts)
        ]
        done = 0
        for row in rows:
            if row.lesson_id != lesson.id:
                continue
            if row.lesson_done:
                done += 1
                continue
            bar = bars[row.number - 1]
            bar.count += 1
            bar.stuck += row.state == "vastgelopen"
        found.append(Chart(lesson.id, plain(lesson.title), bars, done))
    return found


def version(rows: list[Row], extra: object = None) -> str:
    """A short hash of what the dashboard shows (the poll's ETag; asdict would cost more
    than the query)."""
    data = repr([tuple(vars(r).values()) for r in rows] + [extra])
    return hashlib.blake2s(data.encode(), digest_size=10).hexdigest()


def local_time(iso: str) -> str:
    """An ISO time (UTC) as the machine's local "HH:MM"."""
    if not iso:
        return ""
    return datetime.fromisoformat(iso).astimezone().strftime("%H:%M")
