"""The fuzzer: every route x method and every form field gets bad values, as a logged-in
learner and as an anonymous visitor, with and without a valid CSRF token.

For each response it asserts: no 5xx (and no exception), no traceback text, no payload
markup echoed raw, a redirect only to this host, and that a refused request (4xx, or a POST
without a valid token) changed nothing of the learner's state or lesson progress.
Used bounded by tests/fuzz/test_fuzz.py and unbounded by bench/fuzz_big.py.
"""

from __future__ import annotations

import html
import json
import random
import re
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus, urlsplit

from simulator.sandbox import auth
from tests.fuzz import payloads
from tests.fuzz.crawl import Crawler, Form, query_args

#: Query arguments views read (request.args.get in simulator/), plus a few strangers.
ARG_NAMES = ("dienst", "klaar", "next", "page", "q", "url", "lang", "x")
#: Form fields views read when no crawled form names its own.
FIELD_NAMES = ("next", "scherm", "scenario", "taal", "dienst", "methode", "code", "reden")
OTHER_METHODS = ("PUT", "DELETE", "PATCH")
TRACEBACK = re.compile(r"Traceback \(most recent call last\)|File \"[^\"]+\.py\", line \d+")
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
#: What a refused DigiD or phone request may still change: DigiD counts failed tries and the
#: app shows its error, as the real ones do. Nothing else, and never without a valid token.
COUNTED = ("/sites/digid.nl/", "/telefoon/")
PROGRESS_KEYS = ("part", "done", "attempts", "hints", "hints_total", "shown", "answers")


@dataclass
class Case:
    """One request to send."""

    target: str
    method: str
    path: str
    pairs: list[tuple[str, str]] | None = None  # a form body (names may repeat)
    body: bytes | None = None  # or a raw body with its type
    content_type: str | None = None
    csrf: str = "valid"  # valid | none | wrong | as-field (the token field itself fuzzed)
    persona: str = "learner"  # learner | visitor
    payload: str = ""


@dataclass
class Report:
    """Counts by status and every distinct failure (with how often it happened)."""

    requests: int = 0
    seconds: float = 0.0
    by_status: Counter = field(default_factory=Counter)
    failures: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def fail(self, signature: str, example: str) -> None:
        self.failures[signature] += 1
        self.examples.setdefault(signature, example)

    def summary(self, most: int = 25) -> str:
        lines = [f"{count}x {sig}\n    {self.examples[sig]}" for sig, count in
                 self.failures.most_common(most)]  # fmt: skip
        return "\n".join(lines)


def encode(value: str) -> str:
    """%-encode like a browser; lone surrogates go out as the bytes Python would make."""
    return quote_plus(value.encode("utf-8", "surrogatepass"))


def form_body(pairs: list[tuple[str, str]]) -> bytes:
    return "&".join(f"{encode(k)}={encode(v)}" for k, v in pairs).encode("ascii")


class Fuzzer:
    """Builds the targets from the app's url_map and a crawl, then sends cases."""

    def __init__(self, app, seed: int = 20260, crawl_limit: int = 120):
        self.app = app
        self.store = app.extensions["store"]
        self.rng = random.Random(seed)
        self.client = app.test_client()
        self.client.get("/opnieuw")
        self.learner_id = self._session()[0]
        self._log_in()
        crawler = Crawler(app, self.client)
        crawler.walk(["/", "/sites/www.inburgeren.nl/", "/sites/mijn.inburgeren.nl/",
                      "/sites/ind.nl/", "/sites/mail.oefenpost.nl/", KIES_URL], crawl_limit)  # fmt: skip
        crawler.situations()
        crawler.lessons()
        crawler.submit_all(self._log_in)
        self.found = crawler.found
        self.client.post("/opnieuw", data={"csrf_token": self._session()[1]})
        self._log_in()
        self.client.post("/les/inburgeren/begin", data={"csrf_token": self._session()[1]})
        self.targets = self._route_targets() + self._form_targets()
        self._unsettled = True

    # -- the learner ------------------------------------------------------------------------
    def _session(self) -> tuple[str, str]:
        with self.client.session_transaction() as sess:
            return sess.get("learner_id", ""), sess.get("csrf_token", "")

    def _log_in(self) -> None:
        loaded = self.store.load_state(self.learner_id)
        if loaded is None:
            self.client.get("/opnieuw")
            self.learner_id = self._session()[0]
            loaded = self.store.load_state(self.learner_id)
        if loaded and not auth.logged_in(loaded[1], "duo"):
            self.store.mutate_state(
                self.learner_id, lambda data: auth.log_in(data, "duo", "sms", _now())
            )

    def snapshot(self) -> tuple:
        """The learner's state and lesson progress, without the activity clock."""
        loaded = self.store.load_state(self.learner_id)
        state = json.loads(json.dumps(loaded[1])) if loaded else None
        for session in ((state or {}).get("auth") or {}).get("sessions", {}).values():
            session.pop("last_activity", None)
        progress = {
            lesson: {k: v for k, v in data.items() if k in PROGRESS_KEYS or lesson == "_current"}
            for lesson, data in self.store.load_progress(self.learner_id).items()
        }
        return state, progress

    # -- targets: each is a function rng -> Case --------------------------------------------
    def _route_targets(self) -> list[Callable[[random.Random], Case]]:
        targets = []
        for rule in self.app.url_map.iter_rules():
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                targets.append(lambda rng, r=rule, m=method: self._route_case(rng, r, m))
        return targets

    def _form_targets(self) -> list[Callable[[random.Random], Case]]:
        targets = []
        for form in self.found.forms.values():
            for name in {n for n, _ in form.fields if n != "csrf_token"} | {"csrf_token"}:
                targets.append(lambda rng, f=form, n=name: self._form_case(rng, f, n))
        return targets

    def _fill(self, rng: random.Random, rule) -> tuple[str, str]:
        """The rule's path with each variable good (found while crawling) or bad."""
        path, payload = rule.rule, ""
        for name in rule.arguments:
            good = sorted(self.found.values.get(f"{rule.rule}:{name}", ())) or ["x"]
            if rng.random() < 0.5:
                value = quote(rng.choice(good), safe="")
            else:
                payload = rng.choice(payloads.SEGMENTS)
                value = quote(payload, safe="%" if name != "filename" else "%/")
            path = re.sub(rf"<(?:[a-z]+:)?{name}>", lambda _m, v=value: v, path)
        return path, payload

    def _route_case(self, rng: random.Random, rule, method: str) -> Case:
        path, payload = self._fill(rng, rule)
        if rng.random() < 0.05:
            method = rng.choice(OTHER_METHODS)
        case = Case(f"{method} {rule.rule}", method, path, payload=payload)
        if rng.random() < 0.5:
            name, value = rng.choice(ARG_NAMES), rng.choice(payloads.VALUES)
            case.path += f"?{encode(name)}={encode(value)}"
            case.payload = value
        if method != "GET":
            self._body(rng, case, [(n, "") for n in rng.sample(FIELD_NAMES, 3)])
        return case

    def _body(self, rng: random.Random, case: Case, fields: list[tuple[str, str]]) -> None:
        roll = rng.random()
        if roll < 0.15:
            case.body, case.content_type = rng.choice(payloads.JSON_BODIES), "application/json"
            case.payload = case.body[:60].decode("utf-8", "replace")
        elif roll < 0.25:
            case.body, case.content_type = rng.choice(payloads.RAW_BODIES)
            case.payload = case.body[:60].decode("utf-8", "replace")
        else:
            value = rng.choice(payloads.VALUES)
            case.pairs = [(name, value) for name, _ in fields]
            case.payload = value

    def _form_case(self, rng: random.Random, form: Form, name: str) -> Case:
        pairs = [(n, v) for n, v in form.fields if n not in (name, "csrf_token")]
        roll, value = rng.random(), rng.choice(payloads.VALUES)
        if roll < 0.1:
            pass  # the field is missing
        elif roll < 0.25:  # a list where one value belongs: the field twice
            pairs += [(name, value), (name, rng.choice(payloads.VALUES))]
        elif roll < 0.35 and form.choices.get(name):  # a right choice (moves the world on)
            pairs.append((name, rng.choice(form.choices[name])))
        else:
            pairs.append((name, value))
        path = urlsplit(form.action).path
        if query_args(form.action):
            path += "?" + urlsplit(form.action).query
        case = Case(f"form {urlsplit(form.action).path} [{name}]", "POST", path, payload=value)
        case.pairs = pairs
        if name == "csrf_token":
            case.csrf = "as-field"  # the token itself is the bad value (send adds no other)
        return case

    def cases(self, count: int) -> Iterator[Case]:
        """count cases: the targets in turn (each at least once when count allows)."""
        order = list(range(len(self.targets)))
        for n in range(count):
            if n % len(order) == 0:
                self.rng.shuffle(order)
            case = self.targets[order[n % len(order)]](self.rng)
            if case.csrf == "valid" and case.method != "GET":
                case.csrf = self.rng.choices(("valid", "none", "wrong"), (70, 15, 15))[0]
            case.persona = "visitor" if self.rng.random() < 0.2 else "learner"
            yield case

    # -- sending and checking ---------------------------------------------------------------
    def send(self, case: Case, client, token: str):
        headers = {}
        pairs = list(case.pairs or [])
        if case.csrf == "valid" and case.body is not None:
            headers["X-CSRF-Token"] = token
        elif case.csrf == "valid":
            pairs.insert(0, ("csrf_token", token))
        elif case.csrf == "wrong":
            pairs.insert(0, ("csrf_token", "x" * 43))
        body, content_type = case.body, case.content_type
        if body is None and case.method != "GET":
            body, content_type = form_body(pairs), "application/x-www-form-urlencoded"
        return client.open(
            case.path, method=case.method, data=body, content_type=content_type, headers=headers
        )

    def run(self, count: int, report: Report | None = None) -> Report:
        report = report or Report()
        started = time.perf_counter()
        for case in self.cases(count):
            self.one(case, report)
        report.seconds += time.perf_counter() - started
        return report

    def one(self, case: Case, report: Report) -> None:
        if case.persona == "visitor":
            client = self.app.test_client()
            with client.session_transaction() as sess:
                sess["csrf_token"] = token = "visitor-token"
            before = None
        else:
            client = self.client
            self._log_in()
            self.learner_id, token = self._session()
            before = self.snapshot()
        example = f"{case.method} {case.path[:160]} csrf={case.csrf} as {case.persona} " + (
            f"payload={case.payload[:60]!r}"
        )
        report.requests += 1
        try:
            response = self.send(case, client, token)
        except Exception as exc:  # TESTING propagates what would have been a 500
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            where = f"{frame.filename.rsplit('/', 2)[-2:]}:{frame.lineno}"
            report.by_status["exception"] += 1
            report.fail(f"{case.target}: {type(exc).__name__} at {where}: {exc}"[:300], example)
            return
        report.by_status[response.status_code] += 1
        for problem in self.problems(case, response, before):
            report.fail(f"{case.target}: {problem}", example)

    def problems(self, case: Case, response, before) -> Iterator[str]:
        status = response.status_code
        if status >= 500:
            yield f"status {status}"
        text = response.get_data(as_text=True)
        if TRACEBACK.search(text):
            yield "traceback text in the body"
        for piece in _texts(response, text):
            if any(marker in piece for marker in payloads.MARKERS):
                yield "payload markup echoed raw"
        if 300 <= status < 400:
            yield from _location_problems(response.headers.get("Location", ""))
        no_token = case.method != "GET" and case.csrf != "valid"
        refused = 400 <= status < 500 or no_token
        if no_token and status < 400:
            yield f"a POST without a valid token was answered {status}"
        if before is not None and refused and case.persona == "learner":
            after = self.snapshot()
            lenient = case.csrf == "valid" and case.path.startswith(COUNTED)
            if lenient:
                before, after = _without_counted(before), _without_counted(after)
            before, after = _shown_notices(before, after, text)
            if status == 400 and case.csrf == "valid":
                # A form shown again with its errors is still a page the learner saw (the
                # contract: 4xx pages are logged so lessons can see them): a lesson step may
                # move on, the sandbox state may not change.
                before, after = (before[0], None), (after[0], None)
            if before != after:
                yield f"refused ({status}) but changed {_diff(before, after)}"


def _texts(response, text: str) -> list[str]:
    """The body, or every string inside a JSON body (the phone sends its HTML that way)."""
    if response.mimetype != "application/json":
        return [text]
    try:
        data = json.loads(text)
    except ValueError:
        return [text]
    found: list[str] = []
    stack = [data]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            found.append(item)
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return found


def _location_problems(location: str) -> Iterator[str]:
    parts = urlsplit(location)
    if CONTROL.search(location) or "\\" in location:
        yield f"redirect with a control character: {location[:80]!r}"
    if parts.netloc not in ("", "localhost") or location.startswith("//"):
        yield f"redirect out of the simulator: {location[:80]!r}"


def _without_counted(snapshot: tuple) -> tuple:
    state, progress = snapshot
    if state is None:
        return snapshot
    return {k: v for k, v in state.items() if k not in ("digid_runtime", "phone")}, progress


def _shown_notices(before: tuple, after: tuple, body: str) -> tuple[tuple, tuple]:
    """A form shown again with its errors shows the site's queued notices (and so takes them):
    a notice that left the queue is no change only when the answer really showed it."""
    (state_a, prog_a), (state_b, prog_b) = before, after
    if state_a is None or state_b is None:
        return before, after
    queued, left = state_a.get("notices") or [], state_b.get("notices") or []
    taken = [n for n in queued if n not in left]
    if all(n in queued for n in left) and all(_notice_shown(n, body) for n in taken):
        state_b = dict(state_b, notices=state_a.get("notices"))
    return (state_a, prog_a), (state_b, prog_b)


def _notice_shown(notice: dict, body: str) -> bool:
    """The notice's text (or ind.nl's English for it) is in the page."""
    from simulator.sites.ind import NOTICES_EN

    text = notice.get("text")
    texts = list(text.values()) if isinstance(text, dict) else [text, NOTICES_EN.get(text)]
    return any(t and html.escape(str(t), quote=False) in body for t in texts)


def _diff(before: tuple, after: tuple) -> str:
    (state_a, prog_a), (state_b, prog_b) = before, after
    if prog_a != prog_b:
        return "the lesson progress"
    keys = sorted({*(state_a or {}), *(state_b or {})})
    changed = [k for k in keys if (state_a or {}).get(k) != (state_b or {}).get(k)]
    return "state " + ", ".join(changed)


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="seconds")


KIES_URL = "/sites/digid.nl/inloggen?dienst=duo"
