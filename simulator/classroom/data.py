"""The classroom's rows: classes, who joined them, and the one query the dashboard needs.

Flask-free: every function takes the connection of the caller's transaction (or opens a
read), so a begeleider's action, the learner's event and the notice commit together.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime

import sqlalchemy as sa

from simulator import clock
from simulator.classroom import codes
from simulator.store import Conflict, Store
from simulator.tables import class_members, classes, events, learners, progress

NICKNAME_MAX = 30


@dataclass
class Klass:
    """One class as stored (named Klass: `class` is taken)."""

    code: str
    trainer_id: int
    name: str
    lessons: list[str]
    scenario: str
    created_at: datetime
    ended_at: datetime | None
    purge_after_days: int
    present_lesson: str | None
    present_part: int | None
    follow: bool
    presenter_learner: str | None

    @property
    def ended(self) -> bool:
        return self.ended_at is not None

    @classmethod
    def from_row(cls, row) -> Klass:
        data = {k: v for k, v in row._mapping.items() if k in cls.__dataclass_fields__}
        data["lessons"] = json.loads(data["lessons"] or "[]")
        data["follow"] = bool(data["follow"])
        return cls(**data)


@dataclass
class Member:
    """A learner's place in a class."""

    learner_id: str
    class_code: str
    nickname: str
    joined_at: datetime
    resume_code: str
    hand_raised_at: datetime | None
    following: bool
    notice: str | None
    notice_params: dict
    removed_at: datetime | None

    @classmethod
    def from_row(cls, row) -> Member:
        data = {k: v for k, v in row._mapping.items() if k in cls.__dataclass_fields__}
        data["following"] = bool(data["following"])
        data["notice_params"] = json.loads(data.get("notice_params") or "{}")
        return cls(**data)


# -- classes ------------------------------------------------------------------------------
def insert_class(
    conn: sa.Connection, trainer_id: int, name: str, lessons: list[str], scenario: str, days: int
) -> str:
    """A new class with a fresh code (the code is the key: a clash is tried again)."""
    for _ in range(20):
        code = codes.new_code()
        taken = conn.execute(sa.select(classes.c.code).where(classes.c.code == code)).first()
        if taken is None:
            break
    else:  # pragma: no cover - 31**6 codes
        raise Conflict("no free class code")
    conn.execute(
        classes.insert().values(
            code=code,
            trainer_id=trainer_id,
            name=name,
            lessons=json.dumps(lessons),
            scenario=scenario,
            created_at=clock.utcnow(),
            ended_at=None,
            purge_after_days=days,
            follow=False,
        )
    )
    return code


def get_class(conn: sa.Connection, code: str) -> Klass | None:
    """The class with this code, or None."""
    row = conn.execute(sa.select(classes).where(classes.c.code == code)).first()
    return None if row is None else Klass.from_row(row)


def classes_of(store: Store, trainer_id: int) -> list[tuple[Klass, int]]:
    """A begeleider's classes, newest first, each with its number of learners."""
    joined = (
        sa.select(sa.func.count())
        .where(class_members.c.class_code == classes.c.code)
        .where(class_members.c.removed_at.is_(None))
        .scalar_subquery()
    )
    query = (
        sa.select(classes, joined.label("members"))
        .where(classes.c.trainer_id == trainer_id)
        .order_by(classes.c.created_at.desc())
    )
    with store.read() as conn:
        return [(Klass.from_row(r), int(r.members)) for r in conn.execute(query)]


def update_class(conn: sa.Connection, code: str, **values) -> None:
    """Change columns of a class."""
    conn.execute(classes.update().where(classes.c.code == code).values(**values))


# -- members -------------------------------------------------------------------------------
def member_of(conn: sa.Connection, learner_id: str) -> tuple[Member, Klass] | None:
    """The learner's class membership with its class (one query), or None."""
    query = (
        sa.select(class_members, classes)
        .join(classes, classes.c.code == class_members.c.class_code)
        .where(class_members.c.learner_id == learner_id)
    )
    row = conn.execute(query).first()
    if row is None:
        return None
    return Member.from_row(row), Klass.from_row(row)  # no column name is in both tables


def member_by_resume_code(conn: sa.Connection, resume_code: str) -> Member | None:
    """The membership a verder-code belongs to, or None."""
    row = conn.execute(
        sa.select(class_members).where(class_members.c.resume_code == resume_code)
    ).first()
    return None if row is None else Member.from_row(row)


def join(conn: sa.Connection, learner_id: str, code: str, nickname: str) -> Member:
    """Put the learner in the class (again): a new or renewed membership, hand down.

    The join page checked the nickname before this transaction; two learners who typed the
    same name at the same moment both passed that check. So the check is made again here,
    with the class's row locked (PostgreSQL: joins of one class wait on each other; SQLite
    has one writer anyway): when another learner has the name now, Conflict runs the request
    again (flow.py), and its check shows "Iemand in deze klas heeft deze naam al."
    """
    now = clock.utcnow()
    conn.execute(sa.select(classes.c.code).where(classes.c.code == code).with_for_update())
    if nickname.lower() in nicknames(conn, code, but=learner_id):
        raise Conflict(f"nickname taken in class {code}")
    found = conn.execute(
        sa.select(class_members).where(class_members.c.learner_id == learner_id)
    ).first()
    values = {
        "class_code": code,
        "nickname": nickname,
        "hand_raised_at": None,
        "following": True,
        "notice": None,
        "notice_params": None,
        "removed_at": None,
    }
    if found is None or found.class_code != code:
        values["joined_at"] = now
    if found is None:
        values["resume_code"] = _free_resume_code(conn)
        conn.execute(class_members.insert().values(learner_id=learner_id, **values))
    else:
        conn.execute(
            class_members.update().where(class_members.c.learner_id == learner_id).values(**values)
        )
    # a learner in a class is no longer anonymous: the class purge deletes them, not the idle one
    conn.execute(learners.update().where(learners.c.id == learner_id).values(display_name=nickname))
    return Member.from_row(
        conn.execute(
            sa.select(class_members).where(class_members.c.learner_id == learner_id)
        ).first()
    )


def _free_resume_code(conn: sa.Connection) -> str:
    for _ in range(20):
        code = codes.new_code(codes.RESUME_CODE_LENGTH)
        taken = conn.execute(
            sa.select(class_members.c.learner_id).where(class_members.c.resume_code == code)
        ).first()
        if taken is None:
            return code
    raise Conflict("no free verder-code")  # pragma: no cover


def update_member(conn: sa.Connection, learner_id: str, **values) -> int:
    """Change columns of a membership; returns the number of rows changed (0 or 1)."""
    if "notice_params" in values and values["notice_params"] is not None:
        values["notice_params"] = json.dumps(values["notice_params"], ensure_ascii=False)
    result = conn.execute(
        class_members.update().where(class_members.c.learner_id == learner_id).values(**values)
    )
    return result.rowcount


def notify(conn: sa.Connection, learner_id: str, notice: str, **params) -> None:
    """Leave a short notice for the learner (what the begeleider did), shown in their frame."""
    update_member(conn, learner_id, notice=notice, notice_params=params)


def nicknames(conn: sa.Connection, code: str, but: str | None = None) -> set[str]:
    """The nicknames in the class (lower case), to keep them apart; `but` leaves out one
    learner's own."""
    query = (
        sa.select(class_members.c.nickname)
        .where(class_members.c.class_code == code)
        .where(class_members.c.removed_at.is_(None))
    )
    if but is not None:
        query = query.where(class_members.c.learner_id != but)
    return {name.lower() for name in conn.execute(query).scalars()}


def followers(conn: sa.Connection, code: str) -> list[str]:
    """Learners of the class who follow the presenter."""
    query = (
        sa.select(class_members.c.learner_id)
        .where(class_members.c.class_code == code)
        .where(class_members.c.removed_at.is_(None))
        .where(class_members.c.following == sa.true())
    )
    return list(conn.execute(query).scalars())


# -- what the dashboard reads: one query for the whole class -----------------------------
_LATEST_EVENT = (
    sa.select(sa.func.max(events.c.id))
    .where(events.c.learner_id == class_members.c.learner_id)
    .correlate(class_members)
    .scalar_subquery()
)
BOARD = (
    sa.select(
        class_members.c.learner_id,
        class_members.c.nickname,
        class_members.c.joined_at,
        class_members.c.hand_raised_at,
        class_members.c.following,
        sa.select(events.c.created_at)
        .where(events.c.id == _LATEST_EVENT)
        .scalar_subquery()
        .label("last_at"),
        progress.c.lesson_id,
        progress.c.data,
    )
    .select_from(
        class_members.outerjoin(progress, progress.c.learner_id == class_members.c.learner_id)
    )
    .where(class_members.c.class_code == sa.bindparam("code"))
    .where(class_members.c.removed_at.is_(None))
)


def board_rows(conn: sa.Connection, code: str) -> list[dict]:
    """Every learner of the class with their lesson progress: [{learner_id, nickname,
    joined_at, hand_raised_at, following, last_at, progress: {lesson_id: data}}]."""
    found: dict[str, dict] = {}
    for row in conn.execute(BOARD, {"code": code}):
        entry = found.setdefault(
            row.learner_id,
            {
                "learner_id": row.learner_id,
                "nickname": row.nickname,
                "joined_at": row.joined_at,
                "hand_raised_at": row.hand_raised_at,
                "following": bool(row.following),
                "last_at": _as_datetime(row.last_at),
                "progress": {},
            },
        )
        if row.lesson_id is not None:
            entry["progress"][row.lesson_id] = json.loads(row.data)
    return list(found.values())


def _as_datetime(value) -> datetime | None:
    """A scalar subquery's time comes back as text from SQLite."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(str(value))


def last_page(conn: sa.Connection, learner_id: str) -> tuple[str, str] | None:
    """(page id, address) of the learner's latest page view, or None."""
    row = conn.execute(
        sa.select(events.c.name, events.c.url)
        .where(events.c.learner_id == learner_id)
        .where(events.c.kind == "page")
        .order_by(events.c.id.desc())
        .limit(1)
    ).first()
    return None if row is None else (row.name, row.url or "")
