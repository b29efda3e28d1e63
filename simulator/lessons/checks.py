"""Server-side checks in a registry of small types (page, action, state, answer, all_of, any_of).

Each check is built from lesson YAML, validated against the names the sites declare, and
evaluated against a Context (events since the step started, the learner's state, the answers
typed). evaluate() changes nothing and returns a Result with a message (translated when shown).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import ClassVar

from simulator.lessons import answers, values
from simulator.lessons.messages import msg
from simulator.lessons.names import Names
from simulator.lessons.texts import parse_text
from simulator.yamlsource import Problems


@dataclass(frozen=True)
class Context:
    """What a check may look at: events since the step began, state and typed answers."""

    events: Sequence[dict] = ()
    state: Mapping = field(default_factory=dict)
    answers: Mapping[str, str] = field(default_factory=dict)

    def pages(self) -> list[dict]:
        return [e for e in self.events if e["kind"] == "page"]


@dataclass(frozen=True)
class Result:
    """Whether the check holds, and why (a lesson text or a messages.msg)."""

    passed: bool
    message: dict


def _params_match(wanted: Mapping, got: Mapping) -> bool:
    return all(str(got.get(k)) == str(v) for k, v in wanted.items())


class Check:
    """Base of every check type; subclasses set TYPE, REQUIRED and OPTIONAL keys."""

    TYPE: ClassVar[str] = ""
    REQUIRED: ClassVar[tuple[str, ...]] = ()
    OPTIONAL: ClassVar[tuple[str, ...]] = ()

    def evaluate(self, ctx: Context) -> Result:  # pragma: no cover - abstract
        raise NotImplementedError

    def answer_checks(self) -> list[AnswerCheck]:
        """The answer fields this check asks for (for the answer form)."""
        return []

    def page_ids(self) -> list[str]:
        """Page ids this check mentions (for "Laat zien" and feedback)."""
        return []

    def event_names(self) -> set[str]:
        """The page ids and action names whose events this check looks at."""
        return set()


class PageCheck(Check):
    """A page was viewed since the step began (latest: it is the page the learner is on)."""

    TYPE = "page"
    REQUIRED = ("page",)
    OPTIONAL = ("params", "latest")

    def __init__(self, page: str, params: Mapping | None = None, latest: bool = False):
        self.page, self.params, self.latest = page, dict(params or {}), latest

    @classmethod
    def parse(cls, data: dict, path: tuple, problems: Problems, names: Names) -> PageCheck:
        page = _string(data, "page", path, problems)
        if page and not names.has_page(page):
            problems.add(
                path + ("page",), f"onbekende pagina-id {page!r}{names.suggest_page(page)}."
            )
        params = _mapping(data, "params", path, problems)
        latest = _bool(data, "latest", path, problems)
        return cls(page or "", params, latest)

    def evaluate(self, ctx: Context) -> Result:
        pages = ctx.pages()
        if self.latest:
            pages = pages[-1:]
        hit = any(e["name"] == self.page and _params_match(self.params, e["params"]) for e in pages)
        if hit:
            return Result(True, msg("U heeft de pagina %(page)s bekeken.", page=self.page))
        return Result(False, msg("U heeft de pagina %(page)s nog niet bekeken.", page=self.page))

    def page_ids(self) -> list[str]:
        return [self.page]

    def event_names(self) -> set[str]:
        return {self.page}


class ActionCheck(Check):
    """An action was done since the step began (e.g. invoice.accepted for one invoice)."""

    TYPE = "action"
    REQUIRED = ("action",)
    OPTIONAL = ("params",)

    def __init__(self, action: str, params: Mapping | None = None):
        self.action, self.params = action, dict(params or {})

    @classmethod
    def parse(cls, data: dict, path: tuple, problems: Problems, names: Names) -> ActionCheck:
        action = _string(data, "action", path, problems)
        if action and not names.has_action(action):
            problems.add(path + ("action",), f"onbekende actie {action!r}.")
        params = _mapping(data, "params", path, problems)
        known = names.action_params(action) if action else None
        for key in params:
            if known is not None and key not in known:
                expected = ", ".join(known) or "geen"
                problems.add(
                    path + ("params", key),
                    f"actie {action!r} heeft geen parameter {key!r} (wel: {expected}).",
                )
        return cls(action or "", params)

    def evaluate(self, ctx: Context) -> Result:
        hit = any(
            e["kind"] == "action"
            and e["name"] == self.action
            and _params_match(self.params, e["params"])
            for e in ctx.events
        )
        if hit:
            return Result(True, msg("U heeft %(action)s gedaan.", action=self.action))
        return Result(False, msg("U heeft %(action)s nog niet gedaan.", action=self.action))

    def event_names(self) -> set[str]:
        return {self.action}


_PATH_PART = re.compile(r"^([a-z_]+)(?:\[([a-z_]+)=([^\]]+)\])?$")


def read_path(state: Mapping, path: str) -> object:
    """Read "persona.email" or "invoices[nummer=FAC1].status" from a state; KeyError if absent."""
    current: object = state
    for part in path.split("."):
        match = _PATH_PART.match(part)
        if not match or not isinstance(current, Mapping) or match.group(1) not in current:
            raise KeyError(path)
        current = current[match.group(1)]
        if match.group(2):
            items = [i for i in current or [] if str(i.get(match.group(2))) == match.group(3)]
            if not items:
                raise KeyError(path)
            current = items[0]
    return current


class StateCheck(Check):
    """A value in the learner's state holds: filled in, empty, or equal to a text."""

    TYPE = "state"
    REQUIRED = ("path",)
    OPTIONAL = ("filled", "equals")

    def __init__(self, path: str, filled: bool | None = None, equals: object = None):
        self.path, self.filled, self.equals = path, filled, equals

    @classmethod
    def parse(cls, data: dict, path: tuple, problems: Problems, names: Names) -> StateCheck:
        where = _string(data, "path", path, problems)
        if where and names.sample_state is not None:
            try:
                read_path(names.sample_state, where)
            except KeyError:
                problems.add(path + ("path",), f"{where!r} staat niet in de oefenwereld.")
        filled = _bool(data, "filled", path, problems) if "filled" in data else None
        if filled is None and "equals" not in data:
            problems.add(path, "geef 'filled' (true/false) of 'equals' op.")
        return cls(where or "", filled, data.get("equals"))

    def evaluate(self, ctx: Context) -> Result:
        try:
            found = read_path(ctx.state, self.path)
        except KeyError:
            found = None
        ok = True
        if self.filled is not None:
            ok = bool(found not in (None, "", [], {})) == self.filled
        if self.equals is not None:
            ok = ok and str(found) == str(self.equals)
        if ok:
            return Result(True, msg("%(path)s klopt.", path=self.path))
        return Result(False, msg("%(path)s klopt nog niet.", path=self.path))


class AnswerCheck(Check):
    """The learner typed a value equal to one from their own state (never a constant)."""

    TYPE = "answer"
    REQUIRED = ("field", "label", "value")
    OPTIONAL = ("wrong", "case_insensitive")

    def __init__(
        self,
        field_: str,
        label: dict,
        value: str,
        wrong: dict | None = None,
        case_insensitive: bool = True,
    ):
        self.field, self.label, self.value = field_, label, value
        self.wrong, self.case_insensitive = wrong, case_insensitive

    @classmethod
    def parse(cls, data: dict, path: tuple, problems: Problems, names: Names) -> AnswerCheck:
        name = _string(data, "field", path, problems)
        if name and not re.fullmatch(r"[a-z][a-z0-9_]*", name):
            problems.add(
                path + ("field",), f"veldnaam {name!r}: gebruik kleine letters, cijfers en _."
            )
        label = parse_text(data.get("label"), path + ("label",), problems)
        value = _string(data, "value", path, problems)
        if value and values.lookup(value) is None:
            known = ", ".join(sorted(values.VALUES))
            problems.add(
                path + ("value",), f"onbekende waarde {value!r} (bekend: {known}, ind_fees.*)."
            )
        wrong = parse_text(data["wrong"], path + ("wrong",), problems) if "wrong" in data else None
        insensitive = _bool(data, "case_insensitive", path, problems, default=True)
        return cls(name or "", label, value or "", wrong, insensitive)

    def kind(self) -> str:
        found = values.lookup(self.value)
        return found.kind if found else "text"

    def evaluate(self, ctx: Context) -> Result:
        typed = ctx.answers.get(self.field)
        if typed is None or not str(typed).strip():
            return Result(False, msg("U heeft nog geen antwoord gegeven."))
        try:
            expected = values.read(self.value, ctx.state)
        except KeyError:
            return Result(False, msg("Dit antwoord kan niet worden nagekeken."))
        if answers.same(self.kind(), typed, expected, self.case_insensitive):
            return Result(True, msg("Dat klopt!"))
        return Result(False, self.wrong or msg("Dat klopt nog niet."))

    def answer_checks(self) -> list[AnswerCheck]:
        return [self]


class _Group(Check):
    REQUIRED = ("checks",)

    def __init__(self, checks: list[Check]):
        self.checks = checks

    @classmethod
    def parse(cls, data: dict, path: tuple, problems: Problems, names: Names) -> _Group:
        items = data.get("checks")
        if not isinstance(items, list) or not items:
            problems.add(path + ("checks",), "verwacht een lijst met minstens één check.")
            return cls([])
        parsed = [
            parse_check(item, path + ("checks", i), problems, names) for i, item in enumerate(items)
        ]
        return cls([c for c in parsed if c is not None])

    def answer_checks(self) -> list[AnswerCheck]:
        return [a for c in self.checks for a in c.answer_checks()]

    def page_ids(self) -> list[str]:
        return [p for c in self.checks for p in c.page_ids()]

    def event_names(self) -> set[str]:
        return {name for c in self.checks for name in c.event_names()}


class AllOf(_Group):
    """Every check holds; the message is the first one that does not."""

    TYPE = "all_of"

    def evaluate(self, ctx: Context) -> Result:
        for check in self.checks:
            result = check.evaluate(ctx)
            if not result.passed:
                return result
        return Result(True, msg("Alles klopt."))


class AnyOf(_Group):
    """At least one check holds."""

    TYPE = "any_of"

    def evaluate(self, ctx: Context) -> Result:
        results = [check.evaluate(ctx) for check in self.checks]
        for result in results:
            if result.passed:
                return result
        return results[0] if results else Result(False, msg("Er is niets om na te kijken."))


REGISTRY: dict[str, type[Check]] = {
    cls.TYPE: cls for cls in (PageCheck, ActionCheck, StateCheck, AnswerCheck, AllOf, AnyOf)
}


def parse_check(data: object, path: tuple, problems: Problems, names: Names) -> Check | None:
    """Build a check from YAML, adding every problem found; None when it cannot be built."""
    if not isinstance(data, dict):
        problems.add(path, "verwacht een check (met 'type').")
        return None
    kind = data.get("type")
    cls = REGISTRY.get(kind) if isinstance(kind, str) else None
    if cls is None:
        known = ", ".join(REGISTRY)
        problems.add(path + ("type",), f"onbekend check-type {kind!r} (bekend: {known}).")
        return None
    allowed = {"type", *cls.REQUIRED, *cls.OPTIONAL}
    for key in data:
        if key not in allowed:
            problems.add(path + (key,), f"onbekende sleutel voor check {kind!r}.")
    for key in cls.REQUIRED:
        if key not in data:
            problems.add(path, f"check {kind!r} mist '{key}'.")
    return cls.parse(data, path, problems, names)


def _string(data: dict, key: str, path: tuple, problems: Problems) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        problems.add(path + (key,), f"verwacht tekst, gevonden {value!r}.")
        return None
    return value


def _mapping(data: dict, key: str, path: tuple, problems: Problems) -> dict:
    value = data.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        problems.add(path + (key,), f"verwacht sleutels met waarden, gevonden {value!r}.")
        return {}
    return value


def _bool(data: dict, key: str, path: tuple, problems: Problems, default: bool = False) -> bool:
    value = data.get(key, default)
    if not isinstance(value, bool):
        problems.add(path + (key,), f"verwacht true of false, gevonden {value!r}.")
        return default
    return value
