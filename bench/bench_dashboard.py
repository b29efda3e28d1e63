"""Benchmark: the begeleider's dashboard while a class of 30 walks the chapter.

Run by hand: python bench/bench_dashboard.py [--learners 30] [--rounds 3] [--seconds 10]
                                             [--poll 0.5] [--think 0.5] [--write]

One gunicorn (gthread, SQLite) serves the simulator. A begeleider logs in and makes a class;
every learner joins it with the code, is logged in to Mijn Inburgering (written straight into
the store, as bench_classroom.py does), begins lesson 3 and then walks the chapter's pages in
a loop, each page followed by the lesson panel's status poll (If-None-Match, as lesson.js),
with a pause between clicks (--think) like a person. The rounds alternate two phases of --seconds each:
  - without the dashboard: only the learners;
  - with the dashboard: the same, while the begeleider's dashboard polls /stand every --poll
    seconds as dashboard.js does (If-None-Match from its last answer), far more often than
    the page's own 3 s, to get enough samples.
Reported side by side from the one run: the dashboard poll's p50/p95 (target p95 < 50 ms) and
the learners' p50/p95 with and without the dashboard (target: unchanged within noise).
--write appends the result to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import signal
import statistics
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_classroom import PAGES, Browser, free_port, start_gunicorn  # noqa: E402

PASSWORD = "een lange zin voor de bench"
LESSON = "mijn-inburgering"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, int(len(ordered) * q) - 1)] * 1000 if ordered else float("nan")


def setup(port: int, store, learners: int) -> tuple[Browser, str, list[Browser]]:
    """A begeleider with a class, and the learners in it (logged in, lesson 3 begun)."""
    from simulator.classroom import accounts
    from simulator.sandbox import auth

    accounts.create_trainer(store, "bench", PASSWORD)
    anna = Browser(port)
    token = anna.csrf("/begeleider")
    status, _ = anna.post(
        "/begeleider", {"csrf_token": token, "naam": "bench", "wachtwoord": PASSWORD}
    )
    assert status == 302, status
    token = anna.csrf("/begeleider/klas/nieuw")
    form = {"csrf_token": token, "naam": "Bench", "oefenwereld": "standaard"}
    body = "&".join(
        [f"{k}={v}" for k, v in form.items()]
        + [f"lessen={x}" for x in ("inburgeren", "inloggen", LESSON, "facturen")]
    )
    anna._send(
        "POST",
        "/begeleider/klas/nieuw",
        body=body,
        headers={"Cookie": anna.cookie, "Content-Type": "application/x-www-form-urlencoded"},
    ).read()
    with store.read() as conn:
        code = conn.exec_driver_sql("SELECT code FROM classes").scalar()
    browsers = []
    for n in range(learners):
        one = Browser(port)
        token = one.csrf("/klas")
        status, _ = one.post("/klas", {"csrf_token": token, "code": code, "naam": f"Leerling {n}"})
        assert status == 302, status
        token = one.csrf("/klas")
        status, _ = one.post(f"/les/{LESSON}/begin", {"csrf_token": token})
        assert status == 302, status
        browsers.append(one)
    with store.read() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT learner_id FROM class_members")]
    for learner_id in ids:
        store.mutate_state(
            learner_id, lambda d: auth.log_in(d, "duo", "sms", "2026-01-01T00:00:00")
        )
    return anna, code, browsers


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--poll", type=float, default=0.5)
    parser.add_argument("--think", type=float, default=0.5)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    instance = tempfile.mkdtemp(prefix="oefen-bench-dash-")
    port = free_port()
    load = os.getloadavg()[0]
    server = start_gunicorn(instance, port, args.workers, args.threads)
    try:
        from simulator.store import Store

        store = Store(f"sqlite:///{Path(instance) / 'oefenomgeving.sqlite3'}")
        anna, code, browsers = setup(port, store, args.learners)
        phase = {"name": "zonder", "stop": False}
        learner_times: dict[str, list[float]] = {"zonder": [], "met": []}
        statuses: set[int] = set()
        polls: list[float] = []
        poll_status: dict[int, int] = {}

        def panel_poll(browser: Browser, tags: dict) -> tuple[int, float]:
            """/les/status as lesson.js sends it: If-None-Match from its last answer."""
            headers = {"Cookie": browser.cookie}
            if tags.get("status"):
                headers["If-None-Match"] = tags["status"]
            start = time.perf_counter()
            response = browser._send("GET", "/les/status?page=x", headers=headers)
            response.read()
            elapsed = time.perf_counter() - start
            tags["status"] = response.getheader("ETag") or tags.get("status")
            return response.status, elapsed

        def walk(browser: Browser, offset: int) -> None:
            step, tags = offset, {}
            while not phase["stop"]:
                path = PAGES[step % len(PAGES)]
                step += 1
                name = phase["name"]
                status, elapsed = browser.get(path)
                statuses.add(status)
                poll, poll_elapsed = panel_poll(browser, tags)
                statuses.add(poll)
                if phase["name"] == name:
                    learner_times[name] += [elapsed, poll_elapsed]
                time.sleep(args.think)

        def dashboard(until: float) -> None:
            tag = ""
            url = f"/begeleider/klas/{code}/stand"
            while time.perf_counter() < until:
                headers = {"Cookie": anna.cookie}
                if tag:
                    headers["If-None-Match"] = tag
                start = time.perf_counter()
                response = anna._send("GET", url, headers=headers)
                response.read()
                polls.append(time.perf_counter() - start)
                poll_status[response.status] = poll_status.get(response.status, 0) + 1
                tag = response.getheader("ETag") or tag
                time.sleep(args.poll)

        threads = [threading.Thread(target=walk, args=(b, n)) for n, b in enumerate(browsers)]
        for t in threads:
            t.start()
        time.sleep(args.think * 2)  # everyone is walking
        for _round in range(args.rounds):
            for name in ("zonder", "met"):
                phase["name"] = name
                end = time.perf_counter() + args.seconds
                if name == "met":
                    dashboard(end)
                else:
                    time.sleep(args.seconds)
        phase["stop"] = True
        for t in threads:
            t.join()
        with store.read() as conn:
            members = conn.exec_driver_sql("SELECT COUNT(*) FROM class_members").scalar()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)

    without, with_dash = learner_times["zonder"], learner_times["met"]
    ratio = pct(with_dash, 0.95) / pct(without, 0.95)
    report = "\n".join(
        [
            f"### Dashboard run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"Machine: {platform.node()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; load average before the run {load:.1f} (other "
            f"helpers share the cores). gunicorn gthread {args.workers} workers x "
            f"{args.threads} threads, SQLite. {members} learners in one class, each walking "
            f"the chapter's {len(PAGES)} pages (lesson 3 begun, logged in), every page followed "
            f"by the panel's status poll (If-None-Match, as lesson.js), {args.think} s between "
            f"clicks ({(len(without) + len(with_dash)) / (2 * args.rounds * args.seconds):.0f} "
            f"learner requests/s); {args.rounds} rounds "
            f"of {args.seconds:.0f} s without, then {args.seconds:.0f} s with the dashboard "
            f"polling `/stand` every {args.poll} s (If-None-Match as dashboard.js).",
            "",
            "| what | requests | p50 ms | p95 ms | target |",
            "|---|---|---|---|---|",
            f"| dashboard poll `/stand` ({', '.join(f'{k}: {v}' for k, v in sorted(poll_status.items()))}) "
            f"| {len(polls)} | {statistics.median(polls) * 1000:.1f} | {pct(polls, 0.95):.1f} "
            f"| p95 < 50 ms ({'met' if pct(polls, 0.95) < 50 else 'MISSED'}) |",
            f"| learners without the dashboard | {len(without)} | "
            f"{statistics.median(without) * 1000:.1f} | {pct(without, 0.95):.1f} | |",
            f"| learners with the dashboard | {len(with_dash)} | "
            f"{statistics.median(with_dash) * 1000:.1f} | {pct(with_dash, 0.95):.1f} | "
            f"p95 ratio {ratio:.2f} ({'not slower' if ratio <= 1.25 else 'SLOWER'}) |",
            "",
            f"Statuses the learners saw: {sorted(statuses)}.",
            "",
        ]
    )
    print(report)
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + report, encoding="utf-8")


if __name__ == "__main__":
    main()
