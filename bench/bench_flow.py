"""Benchmark: the request flow against a bare Flask baseline, side by side on one server.

Run by hand: python bench/bench_flow.py [--learners 20] [--rounds 5] [--seconds 5] [--write]

One gunicorn (-k gthread) serves the simulator and, under /bare, a bare Flask app in the same
process, so both get the same server, workers and machine. Every learner acts once (a real
first act: Begin opnieuw), is logged in to Mijn Inburgering and begins a lesson, and then
keeps one keep-alive connection. Each round measures the pairs interleaved (the order
alternates), because other work on the machine comes and goes:
  (a) Mijn Inburgering > Mijn facturen, logged in, against a bare Flask + Jinja page of the
      same byte size: requests per second, target ratio >= 0.25;
  (b) /les/status as lesson.js polls it (If-None-Match from the last answer: 304 while
      nothing changed) against a bare JSON endpoint: target ratio >= 0.5, and the writes the
      polls made, counted in the database (rows and versions) and the session folder.
The ratios' min and median over the rounds are reported; --write appends to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import platform
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FACTUREN = "/sites/mijn.inburgeren.nl/facturen"
LESSON = "mijn-inburgering"
STATUS = "/les/status?page=mijn.facturen&next=" + FACTUREN


def application():
    """The WSGI app gunicorn serves: the simulator, and the bare baseline under /bare."""
    from flask import Flask, jsonify, render_template_string, request
    from werkzeug.middleware.dispatcher import DispatcherMiddleware

    from simulator import create_app

    bare = Flask("bare")
    row = "<p>Regel {{ i }}: een gewone zin op een gewone pagina, zonder iets bijzonders.</p>\n"
    page = (
        "<!doctype html><html><body>{% for i in rows %}"
        + row
        + "{% endfor %}{{ pad }}</body></html>"
    )

    sizes: dict[int, tuple[range, str]] = {}

    @bare.get("/page")
    def bare_page():
        """A page of the asked size, rendered by Jinja on every request (once)."""
        wanted = int(request.args.get("bytes", "1000"))
        if wanted not in sizes:
            rows = range(wanted // 90)
            body = render_template_string(page, rows=rows, pad="")
            sizes[wanted] = (rows, "x" * max(0, wanted - len(body.encode())))
        rows, pad = sizes[wanted]
        return render_template_string(page, rows=rows, pad=pad)

    @bare.get("/json")
    def bare_json():
        """A small JSON answer, like the status poll's."""
        return jsonify(version="mijn-inburgering:0:False:0:False:0:0", html="")

    return DispatcherMiddleware(create_app(), {"/bare": bare})


class Browser:
    """One learner: a keep-alive connection and its cookies."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}

    def request(self, method: str, path: str, body=None, headers=None):
        """(status, body, headers) of one request; reconnects once like a browser would."""
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers)
                response = self.conn.getresponse()
                data = response.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt == 2:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]
        return response.status, data, dict(response.getheaders())

    def post_form(self, path: str, form_page: str, data: dict | None = None) -> int:
        """POST a form like the browser: the token from the form's page first."""
        html = self.request("GET", form_page)[1].decode()
        token = re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)
        body = urlencode({"csrf_token": token, **(data or {})})
        kind = {"Content-Type": "application/x-www-form-urlencoded"}
        return self.request("POST", path, body=body, headers=kind)[0]


def free_port() -> int:
    """A free loopback port."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(instance: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    """gunicorn -k gthread with this file's application() on a fresh instance folder."""
    env = {
        **os.environ,
        "SIMULATOR_INSTANCE_PATH": instance,
        "SIMULATOR_SECRET_KEY": "bench",
        "PYTHONPATH": str(ROOT),
    }
    # The database first, in one process (the code before schema version 2 raced here).
    subprocess.run(
        [sys.executable, "-c", "from simulator import create_app; create_app()"],
        env=env,
        cwd=ROOT,
        check=True,
    )
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "-k",
            "gthread",
            "-w",
            str(workers),
            "--threads",
            str(threads),
            "--keep-alive",
            "30",
            "-b",
            f"127.0.0.1:{port}",
            "--chdir",
            str(ROOT / "bench"),
            "bench_flow:application()",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(300):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return server
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def prepare(browsers: list[Browser], instance: str) -> None:
    """Each learner acts once, is logged in (straight in the store) and begins a lesson."""
    from simulator.sandbox import auth
    from simulator.store import Store

    for browser in browsers:
        assert browser.post_form("/opnieuw", "/opnieuw", {"scenario": "standaard"}) == 302
    store = Store(f"sqlite:///{Path(instance) / 'oefenomgeving.sqlite3'}")
    with store.engine.connect() as conn:
        ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM learners")]
    for learner_id in ids:
        store.mutate_state(learner_id, lambda d: auth.log_in(d, "duo", "sms", "2026-01-01T00:00"))
    store.engine.dispose()
    for browser in browsers:
        assert browser.post_form(f"/les/{LESSON}/begin", "/") == 302
        assert browser.request("GET", FACTUREN)[0] == 200


def counters(instance: str) -> tuple:
    """What a write would change: rows, versions and the session files."""
    import sqlite3

    db = sqlite3.connect(Path(instance) / "oefenomgeving.sqlite3")
    try:
        row = db.execute(
            "SELECT (SELECT COUNT(*) FROM events), (SELECT COUNT(*) FROM learners),"
            " (SELECT SUM(version) FROM sandbox_states), (SELECT SUM(version) FROM progress)"
        ).fetchone()
    except sqlite3.OperationalError:  # schema 1 (the code before this benchmark): not counted
        row = None
    db.close()
    sessions = sorted(
        (p.name, p.stat().st_mtime_ns) for p in (Path(instance) / "sessions").iterdir()
    )
    return row, sessions


def writes_between(before: tuple, after: tuple) -> int | None:
    """How many rows, versions and session files changed between two counters()."""
    if before[0] is None or after[0] is None:
        return None
    rows = sum(abs((b or 0) - (a or 0)) for a, b in zip(before[0], after[0], strict=True))
    files = len(set(after[1]) ^ set(before[1])) // 2 + abs(len(after[1]) - len(before[1]))
    return rows + files


def hammer(browsers: list[Browser], path_for, seconds: float, headers_for=None) -> tuple:
    """Every browser requests as fast as it can for `seconds`: (requests/s, statuses)."""
    stop = time.perf_counter() + seconds
    counts = [0] * len(browsers)
    statuses: set[int] = set()
    barrier = threading.Barrier(len(browsers) + 1)

    def run(i: int, browser: Browser) -> None:
        barrier.wait()
        while time.perf_counter() < stop:
            headers = headers_for(browser) if headers_for else None
            status = browser.request("GET", path_for(browser), headers=headers)[0]
            statuses.add(status)
            counts[i] += 1

    threads = [threading.Thread(target=run, args=(i, b)) for i, b in enumerate(browsers)]
    for t in threads:
        t.start()
    started = time.perf_counter()
    barrier.wait()
    for t in threads:
        t.join()
    return sum(counts) / (time.perf_counter() - started), statuses


def compare(browsers, rounds, seconds, ours, bare) -> dict:
    """Interleaved pairs: ours then bare, bare then ours, ...; rates and ratios per round."""
    rates: dict[str, list[float]] = {"ours": [], "bare": []}
    statuses: dict[str, set[int]] = {"ours": set(), "bare": set()}
    for n in range(rounds):
        order = (("ours", ours), ("bare", bare)) if n % 2 == 0 else (("bare", bare), ("ours", ours))
        for name, (path_for, headers_for) in order:
            rate, seen = hammer(browsers, path_for, seconds, headers_for)
            rates[name].append(rate)
            statuses[name] |= seen
    ratios = [o / b for o, b in zip(rates["ours"], rates["bare"], strict=True)]
    return {"rates": rates, "ratios": ratios, "statuses": statuses}


def line(title: str, result: dict, target: float) -> str:
    """One table row: medians, the ratio's min and median, and whether the target is met."""
    ours, bare, ratios = result["rates"]["ours"], result["rates"]["bare"], result["ratios"]
    verdict = "met" if statistics.median(ratios) >= target else "MISSED"
    return (
        f"| {title} | {statistics.median(ours):.0f} | {statistics.median(bare):.0f} | "
        f"{min(ratios):.2f} | **{statistics.median(ratios):.2f}** | {target} ({verdict}) | "
        f"{sorted(result['statuses']['ours'])} / {sorted(result['statuses']['bare'])} |"
    )


def measure(args) -> dict:
    """Start the server, prepare the learners and run the interleaved pairs."""
    instance = tempfile.mkdtemp(prefix="oefen-bench-flow-")
    port = free_port()
    server = start_server(instance, port, args.workers, args.threads)
    try:
        browsers = [Browser(port) for _ in range(args.learners)]
        prepare(browsers, instance)
        size = len(browsers[0].request("GET", FACTUREN)[1])
        bare_page = f"/bare/page?bytes={size}"
        assert abs(len(browsers[0].request("GET", bare_page)[1]) - size) < 100
        pages = compare(
            browsers,
            args.rounds,
            args.seconds,
            (lambda b: FACTUREN, None),
            (lambda b: bare_page, None),
        )
        etags = {id(b): b.request("GET", STATUS)[2].get("ETag", "") for b in browsers}
        before = counters(instance)
        polls = compare(
            browsers,
            args.rounds,
            args.seconds,
            (lambda b: STATUS, lambda b: {"If-None-Match": etags[id(b)]}),
            (lambda b: "/bare/json", None),
        )
        after = counters(instance)
        full = compare(
            browsers, 1, args.seconds, (lambda b: STATUS, None), (lambda b: "/bare/json", None)
        )
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)
    return {
        "size": size,
        "pages": pages,
        "polls": polls,
        "full": full,
        "writes": writes_between(before, after),
        "poll_count": sum(polls["rates"]["ours"]) * args.seconds,
    }


def report(found: dict, args, load: float) -> str:
    """The run as a section of docs/benchmarks.md."""
    return "\n".join(
        [
            f"### Request flow run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"Machine: {platform.node()}, {os.cpu_count()} cores, Python "
            f"{platform.python_version()}; load average before the run {load:.1f} (other "
            f"helpers share the cores). gunicorn gthread {args.workers} workers x "
            f"{args.threads} threads, SQLite; {args.learners} learners, one keep-alive "
            f"connection each; {args.rounds} interleaved rounds of {args.seconds:.0f} s per side.",
            "",
            "| pair | ours req/s (median) | bare req/s (median) | ratio min | ratio median "
            "| target | statuses ours / bare |",
            "|---|---|---|---|---|---|---|",
            line(
                f"(a) Mijn facturen ({found['size']} bytes) vs bare Flask + Jinja page",
                found["pages"],
                0.25,
            ),
            line("(b) `/les/status`, If-None-Match (304) vs bare JSON", found["polls"], 0.5),
            line("(b') `/les/status` without ETag (full panel) vs bare JSON", found["full"], 0.5),
            "",
            f"Writes made by the {found['poll_count']:.0f} status polls of (b): "
            f"**{found['writes']}** (database rows and versions, session files). Each facturen "
            f"page view writes one row, its event.",
            "",
        ]
    )


def main() -> None:
    """Measure, print, and with --write append to docs/benchmarks.md."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--workers", type=int, default=2)
    # the threads of simulator/gunicorn_conf.py (its workers on 2 cores: 2)
    from simulator import gunicorn_conf

    parser.add_argument("--threads", type=int, default=gunicorn_conf.threads)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    load = os.getloadavg()[0]
    text = report(measure(args), args, load)
    print(text)
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
        path.write_text(old + "\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
