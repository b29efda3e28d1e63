"""Benchmark: a classroom of learners on one machine (gunicorn gthread + SQLite).

Run by hand: python bench/bench_classroom.py [--learners 8] [--rounds 20] [--write]
Starts gunicorn on a free loopback port with a fresh instance folder, gives every learner
their own session (and a Mijn Inburgering login written straight into the store), then each
learner walks the chapter's pages in a loop over one keep-alive connection. Prints latency
per page (p50/p95), total requests per second and the server's memory (RSS, all processes);
--write appends the result to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

PAGES = [
    "/",
    "/sites/www.inburgeren.nl/",
    "/sites/www.inburgeren.nl/inloggen",
    "/sites/digid.nl/inloggen?dienst=duo",
    "/sites/mijn.inburgeren.nl/",
    "/sites/mijn.inburgeren.nl/gegevens/persoon",
    "/sites/mijn.inburgeren.nl/lening",
    "/sites/mijn.inburgeren.nl/facturen",
    "/sites/mijn.inburgeren.nl/facturen/FAC229230568",
    "/sites/ind.nl/",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_gunicorn(instance: str, port: int, workers: int, threads: int) -> subprocess.Popen:
    """gunicorn gthread on 127.0.0.1:port with the given instance folder, once it listens."""
    env = {**os.environ, "SIMULATOR_INSTANCE_PATH": instance, "SIMULATOR_SECRET_KEY": "bench"}
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-k", "gthread", "-w", str(workers),
         "--threads", str(threads), "-b", f"127.0.0.1:{port}", "simulator:create_app()"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.1)
    return server


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children, in KiB (from /proc)."""
    total = 0
    pids = [pid] + [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    for p in pids:
        for line in Path(f"/proc/{p}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total


class Browser:
    """One learner: a keep-alive connection and a session cookie."""

    def __init__(self, port: int):
        self.port = port
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.cookies: dict[str, str] = {}
        self.reconnects = 0

    @property
    def cookie(self) -> str:
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())

    def keep_cookies(self, response) -> None:
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                key, _, rest = value.partition("=")
                self.cookies[key] = rest.split(";", 1)[0]

    def act(self) -> None:
        """The first act (Begin opnieuw): a visitor who only looked around has no learner."""
        token = self.csrf("/opnieuw")
        status, _ = self.post("/opnieuw", {"csrf_token": token, "scenario": "standaard"})
        assert status == 302, status

    def _send(self, method: str, path: str, body=None, headers=None):
        """Send one request; like a browser, reconnect once when the server closed an idle
        keep-alive connection (gunicorn's --keep-alive, 2 s by default)."""
        for attempt in (1, 2):
            try:
                self.conn.request(method, path, body=body, headers=headers or {})
                return self.conn.getresponse()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                if attempt == 2:
                    raise
                self.conn.close()
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                self.reconnects += 1
        raise AssertionError("unreachable")

    def post(self, path: str, form: dict) -> tuple[int, float]:
        """POST a form the way the browser does (urlencoded, with the session cookie)."""
        from urllib.parse import urlencode

        body = urlencode(form)
        headers = {"Cookie": self.cookie, "Content-Type": "application/x-www-form-urlencoded"}
        start = time.perf_counter()
        response = self._send("POST", path, body=body, headers=headers)
        response.read()
        self.keep_cookies(response)
        return response.status, time.perf_counter() - start

    def csrf(self, path: str) -> str:
        """The CSRF token of the form on a page (read like a browser would)."""
        response = self._send("GET", path, headers={"Cookie": self.cookie})
        html = response.read().decode()
        self.keep_cookies(response)
        return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)

    def get(self, path: str) -> tuple[int, float]:
        start = time.perf_counter()
        headers = {"Cookie": self.cookie} if self.cookie else {}
        response = self._send("GET", path, headers=headers)
        response.read()
        elapsed = time.perf_counter() - start
        self.keep_cookies(response)
        return response.status, elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--learners", type=int, default=8)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    instance = tempfile.mkdtemp(prefix="oefen-bench-")
    port = free_port()
    server = start_gunicorn(instance, port, args.workers, args.threads)
    try:
        from simulator.sandbox import auth
        from simulator.store import Store

        store = Store(f"sqlite:///{Path(instance) / 'oefenomgeving.sqlite3'}")
        browsers = []
        for _ in range(args.learners):
            browser = Browser(port)
            browser.act()  # makes the learner, its state and session
            browsers.append(browser)
        with store.engine.connect() as conn:
            ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM learners")]
        for learner_id in ids:
            store.mutate_state(
                learner_id, lambda d: auth.log_in(d, "duo", "sms", "2026-01-01T00:00:00")
            )

        timings: dict[str, list[float]] = {p: [] for p in PAGES}
        statuses: dict[str, set[int]] = {p: set() for p in PAGES}

        def walk(browser: Browser) -> None:
            for _ in range(args.rounds):
                for path in PAGES:
                    status, elapsed = browser.get(path)
                    timings[path].append(elapsed)
                    statuses[path].add(status)

        writes: list[float] = []
        write_status: set[int] = set()
        phone_form = "/sites/mijn.inburgeren.nl/gegevens/persoon/telefoon"

        def save_phone(browser: Browser) -> None:
            token = browser.csrf(phone_form)
            for n in range(args.rounds):
                status, elapsed = browser.post(
                    phone_form, {"csrf_token": token, "telefoon": f"06 1234 {5600 + n}"}
                )
                writes.append(elapsed)
                write_status.add(status)

        start = time.perf_counter()
        threads = [threading.Thread(target=walk, args=(b,)) for b in browsers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        write_start = time.perf_counter()
        threads = [threading.Thread(target=save_phone, args=(b,)) for b in browsers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        write_wall = time.perf_counter() - write_start
        memory = rss_kib(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)

    total = sum(len(v) for v in timings.values())
    rows = []
    for path in PAGES:
        values = sorted(timings[path])
        p95 = values[int(len(values) * 0.95) - 1]
        rows.append(
            f"| `{path}` | {','.join(map(str, sorted(statuses[path])))} | "
            f"{statistics.median(values) * 1000:.1f} | {p95 * 1000:.1f} |"
        )
    report = "\n".join(
        [
            f"### Classroom run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"{args.learners} learners x {args.rounds} rounds x {len(PAGES)} pages = {total} requests "
            f"in {wall:.1f} s: **{total / wall:.0f} requests/s**; gunicorn gthread "
            f"{args.workers} workers x {args.threads} threads, SQLite; server memory (RSS, all "
            f"processes) **{memory / 1024:.0f} MiB**; machine: {os.cpu_count()} cores.",
            "",
            "| page | status | p50 ms | p95 ms |",
            "|---|---|---|---|",
            *rows,
            "",
            f"Writes: all {len(browsers)} learners save a telephone number {args.rounds} times "
            f"at once (POST, one state transaction each, redirect {sorted(write_status)}): "
            f"{len(writes) / write_wall:.0f} saves/s, p50 "
            f"{statistics.median(writes) * 1000:.1f} ms, p95 "
            f"{sorted(writes)[int(len(writes) * 0.95) - 1] * 1000:.1f} ms. Idle keep-alive "
            f"connections the server closed and the client reopened: "
            f"{sum(b.reconnects for b in browsers)}.",
            "",
        ]
    )
    print(report)
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
        path.write_text(text + "\n" + report, encoding="utf-8")


if __name__ == "__main__":
    main()
