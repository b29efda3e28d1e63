"""The current learner's lessons: which one is active, its progress, and the panel's view model.

The glue between the request's unit of work (learner.py) and the Flask-free runner. Views
change progress with begin/save/set_active; the step is evaluated once per commit, against the
state change and the events that caused it: by `prepare` just before the transaction (so a
SQLite database's one write lock is not held while it runs); `evaluate`, a commit hook inside
the transaction that writes them, fills in the ids the events got. When another request of
the learner wrote an event in between, the commit's first write finds it and the request runs
again on a fresh read. The panel and the status poll only read.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import UTC, datetime

from flask import current_app, g

from simulator import clock, learner
from simulator.i18n import interface_lang
from simulator.lessons import runner
from simulator.lessons.loader import Catalog
from simulator.lessons.runner import Progress
from simulator.lessons.schema import Lesson, Part
from simulator.redirects import safe_next
from simulator.store import event_as_stored

CURRENT = "_current"  # progress row that names the active lesson
#: `since` of a part entered in this request: the id of the last event the commit writes
AT_COMMIT = -1
#: progress fields that change with time alone: written only together with a real change
TIME_FIELDS = ("seconds", "last_seen")


def catalog() -> Catalog:
    """The loaded lessons."""
    return current_app.extensions["lessons"]


def lang() -> str:
    """The language the learner reads lessons in: the interface language (i18n)."""
    return interface_lang()


def all_progress() -> dict[str, dict]:
    """The learner's progress per lesson (read once per request)."""
    return {lesson_id: row.data for lesson_id, row in learner.progress_rows().items()}


def load(lesson: Lesson) -> Progress:
    """One lesson's progress as the runner's object."""
    return Progress.from_dict(all_progress().get(lesson.id))


def save(lesson: Lesson, progress: Progress) -> None:
    """Change the lesson's progress in this request's unit of work."""
    learner.put_progress(lesson.id, progress.to_dict())


def active() -> Lesson | None:
    """The lesson the learner is doing now, if any."""
    lesson_id = (all_progress().get(CURRENT) or {}).get("lesson")
    return catalog().get(lesson_id) if lesson_id else None


def set_active(lesson: Lesson | None) -> None:
    """Make a lesson the active one (None: close the panel)."""
    learner.put_progress(CURRENT, {"lesson": lesson.id if lesson else None})


def last_event_id() -> int:
    """Where a part entered now begins: after every event this request records."""
    return AT_COMMIT


def events_since(progress: Progress, lesson: Lesson | None = None) -> list[dict]:
    """The events since the step began (only those its checks look at, given the lesson)."""
    learner_id = learner.current_id()
    if learner_id is None:
        return []
    part = progress.current(lesson) if lesson is not None else None
    names = part.watched_events() if part is not None else None
    return learner.store().list_events(learner_id, max(progress.since, 0), names=names)


def begin(lesson: Lesson, again: bool = False) -> Progress:
    """Make lesson active; start it fresh when new, finished or asked to start again."""
    progress = load(lesson)
    if again or progress.done or lesson.id not in all_progress():
        _enter_world(lesson)
        progress = runner.start(progress, last_event_id(), clock.timestamp())
    set_active(lesson)
    save(lesson, progress)
    return progress


def _enter_world(lesson: Lesson) -> None:
    """A lesson played in another practice world (scenario) starts by switching to it.

    Staying in the current world keeps the learner's earlier work when the lesson uses the
    same one; switching resets that world (and so logs the learner out), as "Begin opnieuw".
    """
    if lesson.scenario not in learner.scenarios():
        return
    if learner.state().get("scenario") == lesson.scenario:
        return
    fresh = learner.reset(lesson.scenario)
    learner.record_action("sandbox.reset", scenario=fresh["scenario"])


def _moved_on(before: dict, after: dict) -> bool:
    """True when progress changed in more than the time it counts."""
    strip = lambda data: {k: v for k, v in data.items() if k not in TIME_FIELDS}  # noqa: E731
    return strip(before) != strip(after)


#: the ids this request's events stand in with before the commit gives them theirs: above
#: every real id, in the order the events are written
PROVISIONAL = 2**62
PLAN = "lesson_plan"


@dataclass
class _Plan:
    """The step evaluated before the write lock (`prepare`), its ids filled in (`evaluate`)."""

    new_events: list[dict]  # this request's events, with provisional ids until the commit


def prepare(work: learner.Unit) -> None:
    """Prepare hook: evaluate the active lesson's step against what this request did, before
    the commit takes the write lock (reads on a connection of their own, Python outside it).

    This request's events are not written yet: they take part with provisional ids above
    every real one, which the commit hook replaces with the ids they get. What was read is
    only right while no other request of the learner writes an event first: the commit's
    first write checks that (`learner.Unit.read_event_id`), else the request runs again.
    """
    if work.learner_id is None:
        return
    rows = learner.progress_rows()
    lesson = active()
    at_commit = [
        lesson_id
        for lesson_id in work.progress_dirty
        if AT_COMMIT in (rows[lesson_id].data.get("since"), rows[lesson_id].data.get("begun"))
    ]
    if not at_commit and (lesson is None or lesson.id not in rows):
        return
    plan = _Plan(
        new_events=[
            event_as_stored(PROVISIONAL + number, kind, name, params, url, work.events_at)
            for number, (kind, name, params, url) in enumerate(work.events)
        ],
    )
    db = learner.store()
    with db.read_when_needed() as conn:  # most steps need no stored events: no connection
        if work.is_new:
            work.read_event_id = 0
        elif work.last_event_read is not None:  # read with the rows at the request's start
            work.read_event_id = work.last_event_read
        else:
            work.read_event_id = db.last_event_id(work.learner_id, conn)
        last_id = plan.new_events[-1]["id"] if plan.new_events else work.read_event_id
        for lesson_id in at_commit:
            _begin_after(rows, lesson_id, last_id)
        work.cache[PLAN] = plan
        if lesson is None or lesson.id not in rows:
            return
        _run_step(
            conn,
            work,
            lesson,
            lambda part, since: _step_events_before(conn, work, part, since, plan.new_events),
            plan.new_events,
        )


def _run_step(conn, work: learner.Unit, lesson: Lesson, step_events, new_events=()) -> None:
    """Move the active lesson on while the current step's check holds, against the events
    `step_events(part, since)` gives; save its progress when the place, a message or an
    answer changed, with the time counted over the learner's requests (the stored events',
    and `new_events` not yet stored)."""
    rows = learner.progress_rows()
    progress = Progress.from_dict(rows[lesson.id].data)
    events = step_events(progress.current(lesson), progress.since)
    now = clock.timestamp()
    for _ in range(len(lesson.parts) + 1):
        if not runner.refresh(lesson, progress, events, learner.state(), now):
            break
    work.cache["lesson_events"] = (lesson.id, progress.since, events)
    stored = rows[lesson.id].data
    if lesson.id in work.progress_dirty or _moved_on(stored, progress.to_dict()):
        times = _event_times(conn, work, Progress.from_dict(stored))
        times += [e["created_at"] for e in new_events if _after(e, stored)]
        _count_time(times, Progress.from_dict(stored), progress, now)
        save(lesson, progress)


def _step_events_before(
    conn, work: learner.Unit, part: Part | None, since: int, new_events: list[dict]
) -> list[dict]:
    """The events a step's checks look at, as `Store.list_events` gives them once this
    request's events are written (with `names`, and `from_id` the first of them): those
    stored, then this request's."""
    if part is None or not part.is_step:
        return []
    names = part.watched_events()
    stored = []
    # only events after `since` and up to the latest one read (`read_event_id`) can be
    # stored: when the step began at that event or later, there is nothing to ask the store
    # for (a newer event of another request makes the commit's first write refuse: Conflict)
    if since < min(PROVISIONAL, work.read_event_id):
        stored = learner.store().list_events(work.learner_id, since, conn, names=names)
    mine = [e for e in new_events if e["id"] > since]
    if names is None or not new_events:
        return stored + mine
    # the store also gives the learner's latest page view and latest event: after this
    # request's events are written, those are among them (every one is given, as `from_id`),
    # unless the request viewed no page: then the latest page view stays the stored one
    names = set(names)
    pages = [e["id"] for e in stored if e["kind"] == "page"]
    latest_page = None if any(e["kind"] == "page" for e in new_events) or not pages else max(pages)
    return [e for e in stored if e["name"] in names or e["id"] == latest_page] + mine


def _after(event: dict, stored: dict) -> bool:
    """True when the event happened after the progress's last write (`_count_time`)."""
    if not stored.get("last_seen"):
        return False
    return event["created_at"] > _naive(stored["last_seen"])


def _naive(timestamp: float) -> datetime:
    return datetime.fromtimestamp(timestamp, UTC).replace(tzinfo=None)


def evaluate(conn, work: learner.Unit) -> None:
    """Commit hook: the ids this request's events got, in the step `prepare` evaluated before
    the lock (parts entered in this request begin after its last event, AT_COMMIT).

    The evaluation holds: the commit's first write checked that no other request of the
    learner wrote an event since it read them, else the request runs again on a fresh read
    (learner._write_unit). After a unit's one event was written alone, with that check
    (`learner._write_one_event`), this hook runs without a connection (`conn` None).
    """
    plan = work.cache.pop(PLAN, None)
    if plan is not None:
        _give_ids(work, plan)


def _give_ids(work: learner.Unit, plan: _Plan) -> None:
    """This request's events have their ids now: they replace the provisional ones."""
    ids = work.cache.get("new_event_ids") or []

    def real(value):
        if isinstance(value, int) and value >= PROVISIONAL:
            return ids[value - PROVISIONAL]
        return value

    for lesson_id in work.progress_dirty:
        row = work.progress[lesson_id]
        row.data = {
            **row.data,
            **{k: real(row.data[k]) for k in ("since", "begun") if k in row.data},
        }
    for event in plan.new_events:
        event["id"] = real(event["id"])
    cached = work.cache.get("lesson_events")
    if cached:
        work.cache["lesson_events"] = (cached[0], real(cached[1]), cached[2])


def _begin_after(rows: dict, lesson_id: str, last_id: int) -> None:
    """A part entered in this request begins after `last_id`, its last event."""
    data = rows[lesson_id].data
    rows[lesson_id].data = {
        **data,
        **{k: last_id for k in ("since", "begun") if data.get(k) == AT_COMMIT},
    }


def _event_times(conn, work: learner.Unit, stored: Progress) -> list[datetime]:
    """When the learner's requests after the progress's last write happened."""
    if not stored.last_seen:
        return []
    return learner.store().event_times(work.learner_id, _naive(stored.last_seen), conn)


def _count_time(times: list[datetime], stored: Progress, progress: Progress, now: float):
    """Progress is written: count the time since the last write over every request the
    learner made meanwhile (all events, not only those the step looks at)."""
    progress.seconds, progress.last_seen = stored.seconds, stored.last_seen
    runner.count_time(progress, times, now)


def where_to_go(lesson: Lesson, progress: Progress) -> str:
    """Where the current part happens: the lesson page, or the site for a step."""
    from flask import url_for

    part = progress.current(lesson)
    if part is None or not part.is_step:
        return url_for("lessons.lesson", lesson_id=lesson.id)
    return part.url or safe_next(_last_page(progress) or progress.last_url, lesson.start_url)


def _last_page(progress: Progress) -> str | None:
    """The sandbox page the learner saw last since the lesson began (from the events)."""
    learner_id = learner.current_id()
    if learner_id is None:
        return None
    url = learner.store().last_page_url(learner_id, max(progress.begun, 0))
    return url if url and url.startswith("/sites/") else None


@dataclass
class Panel:
    """Everything the lesson panel shows on one sandbox page."""

    lesson: Lesson
    progress: Progress
    part: Part | None
    number: int
    total: int
    lang: str
    feedback: dict | None
    targets: list[dict]
    arrows: bool
    hints: list[dict]
    hint_after: int
    fields: list
    extra: str = ""  # what else the panel shows (panel_version_parts), e.g. the classroom's

    @property
    def version(self) -> str:
        """What lesson.js compares to see whether the panel changed."""
        p = self.progress
        fb = (self.feedback or {}).get("nl", "")
        return f"{self.lesson.id}:{p.part}:{p.done}:{p.hints}:{p.shown}:{p.attempts}:{zlib.crc32(fb.encode())}{self.extra}"


def _events_for(lesson: Lesson, progress: Progress) -> list[dict]:
    """Events of the current step: those the commit just read, else one query."""
    cached = learner.unit().cache.get("lesson_events")
    if cached and cached[:2] == (lesson.id, progress.since):
        return cached[2]
    return events_since(progress, lesson)


def panel(page_id: str | None) -> Panel | None:
    """The panel of the active lesson on this page, as it stands (reads only)."""
    key = ("panel", page_id)
    if key in g.get("lesson_panels", {}):
        return g.lesson_panels[key]
    g.setdefault("lesson_panels", {})[key] = found = _build_panel(page_id)
    return found


def _build_panel(page_id: str | None) -> Panel | None:
    lesson = active()
    if lesson is None or lesson.id not in all_progress():
        return None
    progress = load(lesson)
    part = progress.current(lesson)
    feedback = None
    if part is not None and part.is_step:
        events = _events_for(lesson, progress)
        feedback = runner.feedback(lesson, progress, events, learner.state())
    show = part is not None and (
        part.type == "guide" or (part.type == "exercise" and progress.shown)
    )
    targets = [t.to_dict() for t in part.targets] if show else []
    targets = [t for t in targets if t["page"] in (None, page_id)]
    return Panel(
        lesson=lesson,
        progress=progress,
        part=part,
        number=min(progress.part, len(lesson.parts) - 1) + 1,
        total=len(lesson.parts),
        lang=lang(),
        feedback=feedback,
        targets=targets,
        arrows=bool(targets),
        hints=part.hints[: progress.hints] if part else [],
        hint_after=max(
            0, int(runner.HINT_OFFER_SECONDS - (clock.timestamp() - progress.step_started))
        ),
        fields=part.check.answer_checks() if part is not None and part.check else [],
        extra="".join(f() for f in current_app.extensions.get("panel_version_parts", ())),
    )


def overview() -> list[dict]:
    """Each lesson with the learner's progress, for the start page."""
    saved = all_progress()
    current = (saved.get(CURRENT) or {}).get("lesson")
    rows = []
    for lesson in catalog().ordered():
        data = saved.get(lesson.id)
        progress = Progress.from_dict(data)
        status = "nieuw" if data is None else ("klaar" if progress.done else "bezig")
        first = [
            catalog().get(r)
            for r in lesson.requires
            if catalog().get(r) and not (saved.get(r) or {}).get("done")
        ]
        rows.append(
            {
                "lesson": lesson,
                "progress": progress,
                "status": status,
                "current": lesson.id == current,
                "number": min(progress.part, len(lesson.parts) - 1) + 1,
                "total": len(lesson.parts),
                "first": first if status == "nieuw" else [],
            }
        )
    return rows
