"""What there is to fuzz: every form (fields and defaults) and good URL values, found by
walking the simulator as a learner through the situations that show different forms."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlsplit

from werkzeug.exceptions import HTTPException

KIES = "/sites/digid.nl/inloggen?dienst=duo"
RIGHT = {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"}


@dataclass
class Form:
    """One <form method="post">: where it goes and its fields with a default value each."""

    action: str
    fields: list[tuple[str, str]]
    choices: dict[str, list[str]] = field(default_factory=dict)

    @property
    def key(self) -> tuple:
        return (urlsplit(self.action).path, tuple(sorted({n for n, _ in self.fields})))


class _Page(HTMLParser):
    """Collects links and POST forms of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.forms: list[Form] = []
        self._form: Form | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "option":
            if self._form is not None and self._select:
                self._form.choices[self._select].append(a.get("value") or "")
        elif tag == "a" and (a.get("href") or "").startswith("/"):
            self.links.append(a["href"])
        elif tag == "form":
            method = (a.get("method") or "get").lower()
            action = a.get("action") or ""
            if method == "post" and action.startswith("/"):
                self._form = Form(action, [])
            elif method == "get" and action.startswith("/"):
                self.links.append(action)
        elif self._form is None or not a.get("name"):
            return
        elif tag == "input":
            self._input(a)
        elif tag == "select":
            self._select = a["name"]
            self._form.choices[a["name"]] = []
        elif tag == "textarea":
            self._textarea = a["name"]
        elif tag == "button" and a.get("value") is not None:
            self._form.choices.setdefault(a["name"], []).append(a["value"])

    def _input(self, a: dict) -> None:
        kind, name, value = a.get("type", "text"), a["name"], a.get("value") or ""
        if kind == "date":
            value = value or a.get("min") or ""
        if kind in ("radio", "checkbox"):
            self._form.choices.setdefault(name, []).append(value or "on")
        elif kind != "submit":
            self._form.fields.append((name, value))

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            for name, options in self._form.choices.items():
                if options and name not in {n for n, _ in self._form.fields}:
                    self._form.fields.append((name, options[0]))
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea" and self._form is not None and self._textarea:
            self._form.fields.append((self._textarea, ""))
            self._textarea = None


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


@dataclass
class Found:
    """Forms by (path, field names), and good values of each URL variable by rule."""

    forms: dict[tuple, Form] = field(default_factory=dict)
    values: dict[str, set[str]] = field(default_factory=dict)
    seen: set[str] = field(default_factory=set)
    per_rule: dict[str, int] = field(default_factory=dict)


class Crawler:
    """Walks pages as one learner (the client), noting forms, links and URL values."""

    def __init__(self, app, client, found: Found | None = None):
        self.app, self.client = app, client
        self.found = found or Found()
        self.adapter = app.url_map.bind("localhost")

    def token(self) -> str:
        with self.client.session_transaction() as sess:
            return sess.get("csrf_token", "")

    def note(self, html: str) -> list[str]:
        page = _parse(html)
        for form in page.forms:
            self.found.forms.setdefault(form.key, form)
            self._values(form.action, "POST")
        for link in page.links:
            self._values(link, "GET")
        return page.links

    def _values(self, url: str, method: str) -> None:
        try:
            rule, args = self.adapter.match(urlsplit(url).path, method, return_rule=True)
        except HTTPException:
            return
        for name, value in args.items():
            self.found.values.setdefault(f"{rule.rule}:{name}", set()).add(str(value))

    def get(self, url: str) -> str:
        response = self.client.get(url)
        text = response.get_data(as_text=True)
        if response.mimetype == "application/json":
            text = str(json.loads(text).get("html", ""))
        return text

    def post(self, url: str, data: dict | None = None) -> None:
        self.client.post(url, data={"csrf_token": self.token(), **(data or {})})

    def _rule(self, url: str) -> str:
        try:
            rule, _ = self.adapter.match(urlsplit(url).path, "GET", return_rule=True)
        except HTTPException:
            return url
        return rule.rule

    def walk(self, seeds: list[str], limit: int = 150, per_rule: int = 3) -> None:
        """Breadth first from the seeds, each page once, at most per_rule pages of one route
        (the content pages would eat the budget), at most limit pages."""
        queue, per = list(seeds), dict(self.found.per_rule)
        while queue and limit > 0:
            url = queue.pop(0)
            rule = self._rule(url)
            if url in self.found.seen or url.startswith("/static/") or per.get(rule, 0) >= per_rule:
                continue
            self.found.seen.add(url)
            per[rule] = per.get(rule, 0) + 1
            limit -= 1
            queue += [link for link in self.note(self.get(url)) if link not in self.found.seen]
        self.found.per_rule = per

    def submit_all(self, after: Callable[[], None], rounds: int = 6) -> None:
        """Send every form found with its defaults (the first choice of each), follow where it
        leads and note the forms there: the exam steps, the change forms, the IND forms."""
        done: set[tuple] = set()
        for _ in range(rounds):
            for key, form in list(self.found.forms.items()):
                if key in done or key[0] == "/opnieuw" or key[0].startswith("/les/"):
                    continue  # another world or lesson would hide the forms of this one
                done.add(key)
                data = dict(form.fields) | {"csrf_token": self.token()}
                response = self.client.post(form.action, data=data, follow_redirects=True)
                text = response.get_data(as_text=True)
                if response.mimetype != "application/json":
                    self.walk(self.note(text), limit=10)
                after()
            self.revisit("/sites/mijn.inburgeren.nl/examens")

    def revisit(self, url: str, depth: int = 3) -> None:
        """A page and the pages below it again, depth links deep (a form changed them)."""
        level, done = [url], set()
        for _ in range(depth):
            done.update(level)
            links = {link for page in level for link in self.note(self.get(page))}
            level = sorted(link for link in links if link.startswith(url) and link not in done)

    def situations(self) -> None:
        """DigiD and the phone show other forms while a login is under way."""
        for method in ("sms", "app", "rijbewijs"):
            self.post("/sites/digid.nl/inloggen", {"dienst": "duo", "methode": method})
            self.post("/telefoon/scherm", {"scherm": "app"})
            self.note(self.get("/telefoon/scherm"))
            if method == "sms":
                self.note(self.get("/sites/digid.nl/sms"))
                self.post("/sites/digid.nl/sms", RIGHT)
                self.note(self.get("/sites/digid.nl/sms/code"))
                self.post("/sites/digid.nl/sms/voorlezen")
            else:
                self.note(self.get("/sites/digid.nl/app"))
                self.post("/telefoon/app/scan")
                login = self._login()
                code = ((login or {}).get("koppel") or {}).get("code", "")
                self.note(self.get("/telefoon/scherm"))
                self.post("/telefoon/app/koppelcode", {"koppelcode": code})
                self.note(self.get("/telefoon/scherm"))
                self.post("/telefoon/app/document")
            self.note(self.get("/telefoon/scherm"))
        self.note(self.get("/sites/digid.nl/app/deze-telefoon"))

    def _login(self) -> dict | None:
        with self.client.session_transaction() as sess:
            learner_id = sess.get("learner_id")
        loaded = self.app.extensions["store"].load_state(learner_id) if learner_id else None
        return ((loaded or (None, {}))[1].get("digid_runtime") or {}).get("login")

    def lessons(self) -> None:
        """Every part of every lesson, for the panel's and the exercises' forms."""
        for lesson in self.app.extensions["lessons"].ordered():
            self.post(f"/les/{lesson.id}/begin")
            for _ in lesson.parts:
                self.note(self.get(f"/les/{lesson.id}"))
                self.note(self.get("/"))
                self.post(f"/les/{lesson.id}/volgende")
        self.post("/les/stoppen")


def query_args(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query, keep_blank_values=True)
