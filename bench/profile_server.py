"""waitress as `python run.py` serves, measuring what every request costs on the server.

    python bench/profile_server.py --port 5000 --out /tmp/profile.json

Used by `bench/bench_chapter.py --profile` (configuration waitress). Per endpoint (and, for
/les/status, per answer: 304 from the fast path or a full panel) it records the CPU time of
the request's thread, the time in the app, the SQL statements sent through SQLAlchemy and
their time, and the time SQLite took to grant the write lock (BEGIN IMMEDIATE, the lock wait
of a write). The totals are written as JSON to --out when the server stops (SIGTERM).
"""

from __future__ import annotations

import argparse
import atexit
import json
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from sqlalchemy import event  # noqa: E402
from werkzeug.exceptions import HTTPException  # noqa: E402

from simulator import serve  # noqa: E402

local = threading.local()
lock = threading.Lock()
FIELDS = ("cpu", "wall", "sql", "sql_time", "lock_wait")
totals: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))


def watch_sql(engine) -> None:
    @event.listens_for(engine, "before_cursor_execute")
    def before(conn, cursor, statement, parameters, context, executemany):
        local.sql_start = time.perf_counter()

    @event.listens_for(engine, "after_cursor_execute")
    def after(conn, cursor, statement, parameters, context, executemany):
        record = getattr(local, "record", None)
        if record is None:
            return
        spent = time.perf_counter() - local.sql_start
        record["sql"] += 1
        record["sql_time"] += spent
        if statement.startswith("BEGIN"):
            record["lock_wait"] += spent


class Measure:
    """WSGI wrapper: time, CPU and SQL of each request, by endpoint."""

    def __init__(self, app):
        self.app, self.inner = app, app.wsgi_app
        self.urls = app.url_map.bind("127.0.0.1")

    def name(self, environ: dict, status: str) -> str:
        method, path = environ["REQUEST_METHOD"], environ.get("PATH_INFO", "")
        try:
            endpoint = self.urls.match(path, method=method)[0]
        except HTTPException:
            endpoint = "?"
        if endpoint == "lessons.status":
            endpoint += " 304" if status.startswith("304") else " 200"
        return f"{method} {endpoint}"

    def __call__(self, environ, start_response):
        record = dict.fromkeys(FIELDS, 0.0)
        seen = {}

        def start(status, headers, exc_info=None):
            seen["status"] = status
            return start_response(status, headers, exc_info)

        local.record = record
        cpu, wall = time.thread_time(), time.perf_counter()
        try:
            body = b"".join(self.inner(environ, start))
        finally:
            local.record = None
        record["cpu"] = time.thread_time() - cpu
        record["wall"] = time.perf_counter() - wall
        key = self.name(environ, seen.get("status", ""))
        with lock:
            for name in FIELDS:
                totals[key][name].append(record[name])
        return [body]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    app = serve.build_app()
    watch_sql(app.extensions["store"].engine)
    app.wsgi_app = Measure(app)
    atexit.register(lambda: Path(args.out).write_text(json.dumps(totals)))
    server = serve.make_server(app, "127.0.0.1", args.port)
    serve._stop_on_sigterm()
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.close()


def table(paths: list[Path]) -> str:
    """The profiles (one per server) as one markdown table, the endpoints costing the most CPU
    first."""
    data: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
    for path in paths:
        for name, values in json.loads(path.read_text()).items():
            for key, numbers in values.items():
                data[name][key] += numbers
    everything = sum(sum(v["cpu"]) for v in data.values()) or 1.0
    rows = sorted(data.items(), key=lambda kv: -sum(kv[1]["cpu"]))
    lines = [
        "| request | count | CPU ms (mean) | share of server CPU | in the app ms (p50 / p95) "
        "| SQL statements (mean) | SQL ms (mean) | write-lock wait ms (mean / max) |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name, v in rows:
        n = len(v["cpu"])
        wall = sorted(v["wall"])
        lines.append(
            f"| `{name}` | {n} | {1000 * sum(v['cpu']) / n:.1f} | "
            f"{100 * sum(v['cpu']) / everything:.0f} % | {1000 * wall[n // 2]:.1f} / "
            f"{1000 * wall[min(n - 1, int(n * 0.95))]:.1f} | {sum(v['sql']) / n:.1f} | "
            f"{1000 * sum(v['sql_time']) / n:.1f} | {1000 * sum(v['lock_wait']) / n:.2f} / "
            f"{1000 * max(v['lock_wait']):.0f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
