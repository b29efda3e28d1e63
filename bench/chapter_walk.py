"""One simulated learner walking the whole chapter over HTTP, as a browser would.

The learner starts every lesson of lessons/*.yaml in order from the start page (or with
"Volgende les" on the lesson it just finished) and does what the lesson panel asks:
- a reading part (and the summary): Volgende (Afronden) on the lesson page;
- a guided step without a check: Volgende in the panel;
- a guided step with a check: a click on the element the panel points at (its targets, those
  without a letter first), filling in what the form needs (the practice account, the sms code
  read from the practice phone, an e-mail address, a reason); when the element is not on the
  page, the form the step led to is filled in, or the panel's "Ga naar ..." link is followed;
- "Oefen nu zelf": the exercises, each by its own recipe (EXERCISES): the loan amounts read
  off the page and typed in, registering for an exam, ind.nl's pages and its search.
Whenever a page is DigiD's "Hoe wilt u inloggen?" without the lesson asking for it (a lesson
in another practice world logs the learner out), the learner logs in with sms first.

Between two actions the learner thinks (2-5 s) while the page's panel polls /les/status
every 2 s with the tag of the panel it shows (first the page's, then the last answer's); a
panel whose targets are not on the page reports them (POST /les/doel-ontbreekt): both as
lesson.js does. A page that is not what the lesson should
lead to, a step that does not move on after a few tries, or an answer other than 2xx/3xx is
`Stuck` (an unexpected page): the learner stops and the run counts it.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlencode

from chapter_html import Panel, click, element, form_at, forms, lesson_count, page_id, panel_of
from chapter_http import Browser, Response

ROOT = Path(__file__).resolve().parent.parent
FILLS = {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123", "reden": "bedrag"}
NEWEST_CODE = re.compile(r'phone-sms--newest.*?phone-sms__code">\s*(\d{6})\s*<', re.S)
ANY_CODE = re.compile(r'phone-sms__code">\s*(\d{6})\s*<')
CSRF = re.compile(r'data-csrf="([^"]+)"')
MONEY = re.compile(r"€\s*[\d.]+,\d\d")
MAX_TRIES = 6  # actions on one part before the learner is stuck


class Stuck(Exception):
    """The walk cannot go on: an unexpected page, or an answer >= 400 (`status`)."""

    def __init__(self, what: str, status: int | None = None):
        super().__init__(what)
        self.status = status


@dataclass
class LessonPlan:
    id: str
    parts: list[dict]


def chapter(lesson_dir: Path | None = None) -> list[LessonPlan]:
    """The chapter's lessons in order (read with the project's YAML loader)."""
    import sys

    sys.path.insert(0, str(ROOT))
    from simulator import yamlsource

    plans = []
    for path in sorted((lesson_dir or ROOT / "lessons").glob("*.yaml")):
        data = yamlsource.load(path).data
        plans.append((data.get("order", 0), path.name, LessonPlan(data["id"], data["parts"])))
    return [plan for *_, plan in sorted(plans, key=lambda p: (p[0], p[1]))]


def exam_day() -> str:
    """A weekday seven weeks from now, as a date field sends it."""
    day = date.today() + timedelta(weeks=7)
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day.isoformat()


class Walker:
    """One learner: a browser, the chapter, think time and the panel's polls."""

    def __init__(
        self,
        browser: Browser,
        lessons: list[LessonPlan],
        number: int,
        think: tuple[float, float] = (2.0, 5.0),
        poll_every: float = 2.0,
        seed: int = 0,
        trace=None,
    ):
        self.b, self.lessons, self.number = browser, lessons, number
        self.think_range, self.poll_every = think, poll_every
        self.rng = random.Random(seed * 7919 + number)
        self.trace = trace  # a function that prints each page (debugging), or None
        self.page: Response | None = None
        self.panel: Panel | None = None
        self.loaded = 0.0
        self.actions = 0

    # -- the browser's side: pages, forms, think time with the panel's polls ------------
    @property
    def html(self) -> str:
        return self.page.text if self.page else ""

    async def _arrived(self, response: Response) -> None:
        if response.status >= 400:
            what = f"{response.status} on {response.url} (page {page_id(response.text)})"
            raise Stuck(what, response.status)
        self.page, self.loaded = response, time.monotonic()
        self.panel = panel_of(response.text, response.url)
        self.actions += 1
        if self.trace:
            step = f"{self.panel.lesson}:{self.panel.part}" if self.panel else "-"
            self.trace(f"{self.number}: {response.url} [{page_id(response.text)}] panel {step}")
        await self._report_missing()
        await self.think()

    async def open(self, path: str) -> None:
        await self._arrived(await self.b.get(path))

    async def send(self, form, fills: dict | None = None, button=None, headers=None) -> None:
        if form is None:
            raise Stuck(f"no form to send on {self.page.url}")
        data = form.data(fills, button)
        if self.trace:
            self.trace(f"{self.number}:   {form.method} {form.action} {data}")
        if form.method == "GET":
            await self.open(f"{form.action}?{urlencode(data)}")
        else:
            await self._arrived(await self.b.post(form.action, data, headers))

    async def press(self, target: str, fills: dict | None = None) -> None:
        """Click the element with data-target=target on the current page."""
        what = click(self.html, target)
        if what is None:
            raise Stuck(f"nothing to click at {target} on {self.page.url}")
        if what.href is not None:
            await self.open(what.href)
        else:
            await self.send(what.form, fills, what.button)

    async def think(self) -> None:
        """Read and think (2-5 s); the panel on the page polls every 2 s meanwhile."""
        end = time.monotonic() + self.rng.uniform(*self.think_range)
        if self.panel is not None and self.poll_every > 0:
            due, tag = self.loaded + self.poll_every, self.panel.tag
            while due < end:
                await asyncio.sleep(max(0.0, due - time.monotonic()))
                answer = await self.b.poll(self.panel.poll, tag)
                tag = answer.header("etag") if answer.status == 200 else tag
                due += self.poll_every
        await asyncio.sleep(max(0.0, end - time.monotonic()))

    async def _report_missing(self) -> None:
        """lesson.js: targets the panel wants that are not on this page are reported once."""
        if self.panel is None or not self.panel.targets:
            return
        names = [t["target"] for t in self.panel.targets]
        if any(element(self.html, name) for name in names):
            return
        token = CSRF.search(self.html[self.html.find('id="lesson-panel"') :])
        for name in dict.fromkeys(names):
            body = json.dumps({"target": name, "page": page_id(self.html)})
            await self.b.request(
                "action",
                "POST",
                "/les/doel-ontbreekt",
                headers={
                    "Content-Type": "application/json",
                    "X-CSRF-Token": token.group(1) if token else "",
                },
                raw=body.encode(),
            )

    # -- the chapter ---------------------------------------------------------------------
    async def walk(self) -> None:
        """Every lesson in order; raises Stuck when the walk cannot go on."""
        await self.open("/")
        for lesson in self.lessons:
            await self.lesson(lesson)

    async def lesson(self, lesson: LessonPlan) -> None:
        begin = f"/les/{lesson.id}/begin"
        if not forms(self.html, begin):
            await self.open("/")
        await self.send(next(iter(forms(self.html, begin)), None))
        last, tries = None, 0
        while True:
            where = self.where(lesson)
            if where == "done":
                return
            tries = tries + 1 if where == last else 0
            if tries >= MAX_TRIES:
                raise Stuck(f"{lesson.id} part {where} does not move on ({self.page.url})")
            last = where
            await self.do_part(lesson, where)

    def where(self, lesson: LessonPlan) -> int | str:
        """The part the current page shows (an index), or "done" (the lesson page says so)."""
        if self.page.url.split("?")[0] == f"/les/{lesson.id}":
            count = lesson_count(self.html)
            if count is None:
                if "lesson-msg--ok" not in self.html:
                    raise Stuck(f"{lesson.id}: lesson page without a step and not finished")
                return "done"
            return count[0] - 1
        if self.panel is None:
            raise Stuck(f"{lesson.id}: no lesson panel on {self.page.url}")
        if self.panel.lesson != lesson.id:
            raise Stuck(f"{lesson.id}: the panel shows lesson {self.panel.lesson}")
        return self.panel.part

    async def do_part(self, lesson: LessonPlan, index: int) -> None:
        on_lesson_page = self.page.url.split("?")[0] == f"/les/{lesson.id}"
        if index >= len(lesson.parts):  # the panel says "afgerond": Verder to the lesson page
            await self.open(f"/les/{lesson.id}")
            return
        part = lesson.parts[index]
        kind = part["type"]
        if on_lesson_page:
            if kind in ("read", "summary"):
                await self.send(next(iter(forms(self.html, f"/les/{lesson.id}/volgende")), None))
            else:  # the step happens on a website: "Ga naar de website"
                await self.open(self._link(r"button button--big"))
        elif kind in ("read", "summary"):
            await self.open(f"/les/{lesson.id}")  # the panel's "Lees verder"
        elif self._needs_login(part):
            await self.log_in()
        elif kind == "guide" and "check" not in part:
            await self.send(next(iter(forms(self.html, f"/les/{lesson.id}/volgende")), None))
        elif kind == "guide":
            await self.guided(part)
        else:
            recipe = EXERCISES.get(part["id"])
            if recipe is None:
                raise Stuck(f"no recipe for the exercise {part['id']!r} of {lesson.id}")
            await recipe(self, lesson, part)

    def _link(self, css_class: str) -> str:
        found = re.search(rf'<a class="{css_class}" href="([^"]+)"', self.html)
        if not found:
            raise Stuck(f"no link {css_class!r} on {self.page.url}")
        return found.group(1)

    def _needs_login(self, part: dict) -> bool:
        """On DigiD's choice page while the step is not about DigiD: log in first."""
        wanted = " ".join(t.get("target", "") for t in part.get("targets", []))
        return page_id(self.html) == "digid.kies" and "digid." not in wanted

    async def guided(self, part: dict) -> None:
        """A step with a check: click what the panel points at (the arrow before the letters)."""
        targets = sorted(self.panel.targets, key=lambda t: t.get("mark") not in (None, "arrow"))
        for target in targets:
            what = click(self.html, target["target"])
            if what is None or (what.href or "").startswith("#"):  # "#telefoon": the phone
                continue
            if what.href is not None:
                await self.open(what.href)
            else:
                await self.send(what.form, await self.fills(what.form.names()), what.button)
            return
        form = next((f for f in forms(self.html) if "email" in f.names()), None)
        if form is not None:  # the step's link led to this form ("Voeg toe"): fill it in
            address = f"leerling{self.number}@oefenpost.nl"
            await self.send(form, {n: address for n in form.names() if n.startswith("email")})
            return
        goto = re.search(r'lesson-panel__goto"><a [^>]*href="([^"]+)"', self.html)
        await self.open(goto.group(1) if goto else part.get("url") or "/")

    async def fills(self, names: set[str]) -> dict:
        """What the learner types into a form with these fields."""
        fills = {k: v for k, v in FILLS.items() if k in names}
        if "code" in names:
            fills["code"] = await self.sms_code()
        return fills

    async def sms_code(self) -> str:
        """The newest sms code on the practice phone (opening its messages when needed)."""
        found = NEWEST_CODE.search(self.html)
        if found:  # the phone already shows the messages
            return found.group(1)
        what = click(self.html, "phone.sms")
        if what is None or what.form is None:
            raise Stuck(f"no Berichten on the phone on {self.page.url}")
        token = CSRF.search(self.html[self.html.find("data-phone ") :])
        answer = await self.b.request(
            "phone",
            "POST",
            what.form.action,
            what.form.data(),
            {"X-Phone": "1", "X-CSRF-Token": token.group(1) if token else ""},
        )
        screen = json.loads(answer.text).get("html", "") if answer.status == 200 else ""
        found = NEWEST_CODE.search(screen) or ANY_CODE.search(screen)
        if not found:
            raise Stuck(f"no sms code on the phone ({answer.status})")
        return found.group(1)

    async def log_in(self) -> None:
        """DigiD with sms: choose sms, the practice account, the code from the phone."""
        await self.press("digid.methode.sms")
        await self.press("digid.inloggen", FILLS)
        await self.press("digid.sms.volgende", {"code": await self.sms_code()})
        if not page_id(self.html).startswith("mijn."):
            raise Stuck(f"not logged in: {self.page.url}")

    async def to_page(self, wanted: str, via: str, start: str) -> None:
        """Go to a page through its menu link (from the site's start page when needed)."""
        if page_id(self.html) == wanted:
            return
        if click(self.html, via) is None:
            await self.open(start)
            if page_id(self.html) == "digid.kies":
                await self.log_in()
        await self.press(via)

    async def answer(self, lesson: LessonPlan, values: dict) -> None:
        form = next(iter(forms(self.html, f"/les/{lesson.id}/antwoord")), None)
        await self.send(form, values)

    def amount(self, target: str) -> str:
        found = element(self.html, target)
        chunk = self.html[found[2] : found[2] + 2000] if found else ""
        money = MONEY.search(chunk)
        if not money:
            raise Stuck(f"no amount at {target} on {self.page.url}")
        return money.group(0)


# -- "Oefen nu zelf": one recipe per exercise ---------------------------------------------
async def loan_amounts(w: Walker, lesson: LessonPlan, part: dict) -> None:
    """Oefening 1: read Geleend and Nog te lenen on Mijn lening and type them in."""
    await w.to_page("mijn.lening", "mijn.menu.lening", part["url"])
    values = {
        "geleend": w.amount("mijn.lening.geleend"),
        "nog_te_lenen": w.amount("mijn.lening.beschikbaar"),
    }
    await w.answer(lesson, values)


async def register_for_exam(w: Walker, lesson: LessonPlan, part: dict) -> None:
    """Oefening 2: Aanmelden (the learner goes on and registers for Luisteren, paid from
    the loan), then the page of the exam Lezen."""
    await w.to_page("mijn.examens", "mijn.menu.examens", part["url"])
    await w.press("mijn.examens.aanmelden")
    await w.press("mijn.aanmelden.volgende", {"onderdelen": "*"})
    await w.press("mijn.aanmelden.volgende", {"locatie": "*", "datum": exam_day(), "tijd": "*"})
    await w.press("mijn.aanmelden.bevestigen", {"geheimhouding": "ja", "betaalwijze": "lening"})
    if element(w.html, "mijn.aanmelden.klaar") is None:
        raise Stuck(f"not registered for an exam: {w.page.url}")
    await w.press("mijn.menu.examens")
    await w.press("mijn.examen.lezen")


async def lost_document(w: Walker, lesson: LessonPlan, part: dict) -> None:
    """Oefening 3: ind.nl, the topic Verblijfsdocument, then the page about a lost one."""
    await w.to_page("ind.home", "ind.onderwerp.verblijfsdocument", part["url"])
    if page_id(w.html) == "ind.home":
        await w.press("ind.onderwerp.verblijfsdocument")
    link = re.search(r'<a [^>]*href="(/sites/ind\.nl/[^"]*kwijt[^"]*)"', w.html)
    if not link:
        raise Stuck(f"no link about a lost document on {w.page.url}")
    await w.open(link.group(1))


async def permanent_permit_fee(w: Walker, lesson: LessonPlan, part: dict) -> None:
    """Oefening 4: search ind.nl for "onbepaalde tijd", open the page, type in the fee."""
    if click(w.html, "ind.zoek") is None:
        await w.open(part["url"])
    form = form_at(w.html, element(w.html, "ind.zoek")[2] + 5)
    field = next(c.name for c in form.controls if c.kind in ("search", "text") and c.name)
    await w.send(form, {field: "onbepaalde tijd"})
    link = re.search(r'<a [^>]*href="(/sites/ind\.nl/[^"]*onbepaalde-tijd[^"]*)"', w.html)
    if not link:
        raise Stuck(f"no search result about onbepaalde tijd on {w.page.url}")
    await w.open(link.group(1))
    await w.answer(lesson, {"kosten": w.amount("ind.onbepaalde_tijd.kosten")})


EXERCISES = {
    "oefening-1": loan_amounts,
    "oefening-2": register_for_exam,
    "oefening-3": lost_document,
    "oefening-4": permanent_permit_fee,
}


async def lessons_done(browser: Browser, lessons: list[LessonPlan]) -> int:
    """Read back on the start page: how many lessons it shows as finished (Klaar)."""
    page = await browser.get("/")
    return page.text.count("lesson-card--klaar") if page.status == 200 else 0
