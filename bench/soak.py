"""Soak: many learners for minutes against gunicorn while a worker is killed -9 now and then.

Run by hand: python bench/soak.py [--learners 300] [--minutes 10] [--kill-every 120]
             [--workers 2] [--threads 8] [--think 2 5] [--no-write]
Starts gunicorn (-k gthread, SQLite, a fresh instance folder). Every learner logs in through
DigiD (sms code read from the practice phone) and then, with think time between, saves a
phone number of their own (and checks Persoonlijke gegevens shows it), walks a lesson's
reading parts with Volgende/Vorige (and checks the lesson page shows the part), or views a
page and polls the lesson status. Every --kill-every seconds one worker gets SIGKILL.
Counts lost saves and lost lesson progress (answered 302, then not there), errors (5xx or a
broken connection after one reconnect) and whether they fall at a kill instant; appends the
figures to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_classroom import free_port, rss_kib  # noqa: E402

M = "/sites/mijn.inburgeren.nl"
PERSOON = M + "/gegevens/persoon"
LESSON = "inburgeren"
READING_PARTS = 6  # parts 0-5 of the first lesson are reading parts: Volgende/Vorige only
PAGES = [M + "/", PERSOON, M + "/facturen", M + "/lening", "/sites/www.inburgeren.nl/",
         "/sites/ind.nl/", "/les/status"]  # fmt: skip
KILL_WINDOW = 5.0  # seconds after a kill in which an error counts as "at the kill"
TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')
SMS_CODE = re.compile(r'phone-sms__code">(\d{6})<')
PART = re.compile(r'lesson-page__count">Stap (\d+) van')
BROKEN = (http.client.HTTPException, ConnectionError, TimeoutError, OSError)


@dataclass
class Tally:
    """What all learners saw (appended under one lock)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    counts: Counter = field(default_factory=Counter)
    latencies: list[float] = field(default_factory=list)
    errors: list[tuple[float, str]] = field(default_factory=list)
    #: connections found closed and opened again (a closed keep-alive, or a killed worker)
    reconnects: list[tuple[float, str]] = field(default_factory=list)

    def add(self, **counts: int) -> None:
        with self.lock:
            self.counts.update(counts)


class Browser:
    """One learner's browser: a keep-alive connection, the session cookie, the CSRF token."""

    def __init__(self, port: int, tally: Tally):
        self.port, self.tally = port, tally
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        self.cookie, self.token = "", ""

    def request(self, method: str, path: str, form: dict | None = None, headers=None):
        """(status, headers, text); None after a broken connection (recorded as an error)."""
        body = urlencode({"csrf_token": self.token, **form}) if form is not None else None
        sent = {"Cookie": self.cookie, **(headers or {})}
        if body is not None:
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        start = time.perf_counter()
        for attempt in (1, 2):  # like a browser: once more on a closed keep-alive connection
            try:
                self.conn.request(method, path, body=body, headers=sent)
                response = self.conn.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except BROKEN as exc:
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                what = f"{method} {path}: {type(exc).__name__}"
                if attempt == 2:
                    self._error(what)
                    return None
                with self.tally.lock:
                    self.tally.reconnects.append((time.time(), what))
        with self.tally.lock:
            self.tally.latencies.append(time.perf_counter() - start)
            self.tally.counts["requests"] += 1
        if response.getheader("Set-Cookie"):
            self.cookie = response.getheader("Set-Cookie").split(";", 1)[0]
        if match := TOKEN.search(text):
            self.token = match.group(1)
        if response.status >= 500:
            self._error(f"{method} {path}: {response.status}")
        return response.status, response, text

    def _error(self, what: str) -> None:
        with self.tally.lock:
            self.tally.errors.append((time.time(), what))


class Learner(threading.Thread):
    """One simulated learner: log in, then save, walk the lesson or browse until the end."""

    def __init__(self, index: int, port: int, tally: Tally, until: float, think: tuple):
        super().__init__(daemon=True)
        self.index, self.tally, self.until, self.think = index, tally, until, think
        self.browser = Browser(port, tally)
        self.rng = random.Random(index)
        self.saves = 0
        self.last_saved = ""
        self.part: int | None = None  # the lesson part we know the server has

    def run(self) -> None:
        while time.time() < self.until and not self.log_in():
            time.sleep(1)
        if self.browser.request("POST", f"/les/{LESSON}/begin", {}):
            self.part = self.part_shown()
        while time.time() < self.until:
            roll = self.rng.random()
            if roll < 0.3:
                self.save()
            elif roll < 0.6:
                self.step()
            else:
                self.browser.request("GET", self.rng.choice(PAGES))
            time.sleep(self.rng.uniform(*self.think))
        self.final_check()

    def final_check(self) -> None:
        """At the end: the last number answered with 302 and the lesson part are still there."""
        if self.last_saved:
            page = self.browser.request("GET", PERSOON)
            kept = page is not None and f"06 {self.last_saved[2:]}" in page[2]
            self.tally.add(**{"final_saves_kept" if kept else "final_saves_lost": 1})
        if self.part is not None:
            kept = self.part_shown() == self.part
            self.tally.add(**{"final_steps_kept" if kept else "final_steps_lost": 1})

    def log_in(self) -> bool:
        """Through DigiD with an sms code read from the practice phone; True when in."""
        b = self.browser
        b.request("GET", "/opnieuw")
        b.request("POST", "/sites/digid.nl/inloggen", {"dienst": "duo", "methode": "sms"})
        b.request("POST", "/sites/digid.nl/sms",
                  {"gebruikersnaam": "oefenaccount", "wachtwoord": "Oefenen123"})  # fmt: skip
        screen = b.request("POST", "/telefoon/scherm", {"scherm": "berichten"}, {"X-Phone": "1"})
        try:
            html = json.loads(screen[2]).get("html", "") if screen else ""
        except ValueError:  # an error page instead of the phone's JSON
            html = ""
        code = SMS_CODE.search(html)
        done = code and b.request("POST", "/sites/digid.nl/sms/code", {"code": code.group(1)})
        if done and done[0] == 302:
            b.request("GET", M + "/")
            return True
        return False

    def save(self) -> None:
        """Save a number no other learner uses; Persoonlijke gegevens must show it after."""
        self.saves += 1
        number = f"06{self.index:04d}{self.saves:04d}"
        answer = self.browser.request("POST", PERSOON + "/telefoon", {"telefoon": number})
        if answer is None:
            self.tally.add(saves_unknown=1)
            return
        if answer[0] != 302:
            self.tally.add(saves_refused=1)
            return
        self.last_saved = number
        page = self.browser.request("GET", PERSOON)
        if page is None:
            self.tally.add(saves_unchecked=1)
        elif f"06 {number[2:]}" in page[2]:
            self.tally.add(saves_ok=1)
        elif page[0] == 302:  # logged out meanwhile: not a lost save, log in again
            self.tally.add(saves_unchecked=1)
            self.log_in()
        else:
            self.tally.add(saves_lost=1)

    def step(self) -> None:
        """Volgende or Vorige on a reading part; the lesson page must show where we are."""
        if self.part is None:
            self.part = self.part_shown()
            return
        forward = self.part == 0 or (self.part < READING_PARTS - 1 and self.rng.random() < 0.5)
        answer = self.browser.request(
            "POST", f"/les/{LESSON}/{'volgende' if forward else 'vorige'}", {}
        )
        expected = self.part + (1 if forward else -1)
        shown = self.part_shown()
        if answer is None or answer[0] != 302:
            self.tally.add(steps_unknown=1)
        elif shown is None:
            self.tally.add(steps_unchecked=1)
        elif shown == expected:
            self.tally.add(steps_ok=1)
        else:
            self.tally.add(steps_lost=1)
        self.part = shown

    def part_shown(self) -> int | None:
        page = self.browser.request("GET", f"/les/{LESSON}")
        match = PART.search(page[2]) if page else None
        return int(match.group(1)) - 1 if match else None


def start_server(args, instance: str, port: int) -> subprocess.Popen:
    """gunicorn gthread on SQLite; the schema made first, so workers never race to make it."""
    from simulator.store import Store

    store = Store(f"sqlite:///{Path(instance) / 'oefenomgeving.sqlite3'}")
    store.create_schema()
    store.engine.dispose()
    env = {**os.environ, "SIMULATOR_INSTANCE_PATH": instance, "SIMULATOR_SECRET_KEY": "soak"}
    command = [sys.executable, "-m", "gunicorn", "-k", "gthread", "-w", str(args.workers),
               "--threads", str(args.threads), "-b", f"127.0.0.1:{port}",
               "simulator:create_app()"]  # fmt: skip
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=open(Path(instance) / "gunicorn.log", "w"))  # fmt: skip
    for _ in range(300):
        try:
            http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/static/x")
            return server
        except OSError:
            time.sleep(0.1)
    raise SystemExit("gunicorn did not start")


def workers(master: int) -> list[int]:
    path = Path(f"/proc/{master}/task/{master}/children")
    return [int(pid) for pid in path.read_text().split()] if path.exists() else []


def killer(master: int, every: float, until: float, kills: list[float]) -> None:
    """SIGKILL one worker every `every` seconds (gunicorn's master starts a new one)."""
    rng = random.Random(0)
    while time.time() + every < until:
        time.sleep(every)
        alive = workers(master)
        if alive:
            os.kill(rng.choice(alive), signal.SIGKILL)
            kills.append(time.time())


def report(args, tally: Tally, kills: list[float], seconds: float, rss: int) -> str:
    """The run as a docs/benchmarks.md section."""

    def near_kill(moment: float) -> bool:
        return any(0 <= moment - k <= KILL_WINDOW for k in kills)

    at_kill = [e for e in tally.errors if near_kill(e[0])]
    other = [e for e in tally.errors if e not in at_kill]
    retried_at_kill = sum(1 for moment, _ in tally.reconnects if near_kill(moment))
    c, lat = tally.counts, sorted(tally.latencies) or [0.0]
    p95 = lat[min(len(lat) - 1, int(len(lat) * 0.95))]
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### Soak run {when}",
        "",
        f"`python bench/soak.py --learners {args.learners} --minutes {args.minutes:g} "
        f"--kill-every {args.kill_every:g}`: gunicorn gthread {args.workers} workers x "
        f"{args.threads} threads, SQLite; think time {args.think[0]:g}-{args.think[1]:g} s; "
        f"{len(kills)} workers killed with SIGKILL; machine: {os.cpu_count()} cores.",
        "",
        f"- requests: {c['requests']} in {seconds:.0f} s ({c['requests'] / seconds:.1f}/s), "
        f"p50 {statistics.median(lat) * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms; "
        f"server memory at the end (RSS, all processes) {rss // 1024} MiB",
        f"- saves: {c['saves_ok']} checked, **{c['saves_lost']} lost**, "
        f"{c['saves_unknown']} cut off by a kill (no answer), {c['saves_refused']} refused, "
        f"{c['saves_unchecked']} not checked",
        f"- lesson steps: {c['steps_ok']} checked, **{c['steps_lost']} lost**, "
        f"{c['steps_unknown']} cut off or refused, {c['steps_unchecked']} not checked",
        f"- at the end, each learner's last saved number: {c['final_saves_kept']} still there, "
        f"**{c['final_saves_lost']} gone**; lesson part: {c['final_steps_kept']} still there, "
        f"**{c['final_steps_lost']} gone**",
        f"- errors: {len(tally.errors)}, of which {len(at_kill)} within {KILL_WINDOW:g} s "
        f"after a kill and **{len(other)} at other times**; requests sent again on a new "
        f"connection after the old one broke (as a browser does): {len(tally.reconnects)}, "
        f"{retried_at_kill} of them within {KILL_WINDOW:g} s after a kill",
    ]
    for moment, what in other[:10]:
        lines.append(f"  - {datetime.fromtimestamp(moment, UTC):%H:%M:%S} {what}")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=300)
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--kill-every", type=float, default=120, help="seconds")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--think", type=float, nargs=2, default=(2.0, 5.0))
    parser.add_argument("--no-write", action="store_true", help="do not touch benchmarks.md")
    args = parser.parse_args()
    instance, port, tally, kills = tempfile.mkdtemp(prefix="oefen-soak-"), free_port(), Tally(), []
    server = start_server(args, instance, port)
    try:
        started = time.time()
        until = started + args.minutes * 60
        learners = [Learner(i, port, tally, until, tuple(args.think)) for i in range(args.learners)]
        for learner in learners:
            learner.start()
            time.sleep(min(0.05, args.think[0] / max(1, args.learners)))  # not all at once
        threading.Thread(target=killer, args=(server.pid, args.kill_every, until, kills),
                         daemon=True).start()  # fmt: skip
        for learner in learners:
            learner.join(timeout=max(1, until - time.time() + 120))
        seconds, rss = time.time() - started, rss_kib(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=60)
    text = report(args, tally, kills, seconds, rss)
    print(text)
    if not args.no_write:
        with (ROOT / "docs" / "benchmarks.md").open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    lost = sum(tally.counts[k] for k in ("saves_lost", "steps_lost", "final_saves_lost",
                                         "final_steps_lost"))  # fmt: skip
    return 1 if lost else 0


if __name__ == "__main__":
    sys.exit(main())
