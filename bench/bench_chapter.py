"""Benchmark (c) of issue 9: many simulated learners walk the whole chapter at once.

Run by hand (the full run takes about 8 minutes per configuration):

    python bench/bench_chapter.py                      # 300 learners, all three configurations
    python bench/bench_chapter.py --config waitress    # one of: waitress gunicorn scaled
    python bench/bench_chapter.py --quick              # 20 learners, everything 4x faster, no write
    python bench/bench_chapter.py --learners 30 --no-write
    python bench/bench_chapter.py --config scaled --busy 2  # with 2 cores' worth of other work

Configurations, each on a fresh instance folder and free loopback ports:
  waitress  SQLite + waitress, as `python run.py` serves (simulator/serve.py);
  gunicorn  SQLite + gunicorn -k gthread with simulator/gunicorn_conf.py (2 workers x 4 threads);
  scaled    PostgreSQL (database `bench_chapter`, made afresh) + Redis sessions (db 9, flushed)
            + two gunicorn instances (1 worker x 4 threads each, so the same processes and
            threads as `gunicorn`); every learner's browser sends its requests round-robin to
            the two ports with one cookie jar (no proxy: a proxy would take CPU from the two
            cores), so consecutive requests of one learner land on different instances.

Each learner (bench/chapter_walk.py) walks every lesson of lessons/*.yaml in order as a
browser: pages, forms with their CSRF tokens, redirects, DigiD with the sms code read from the
practice phone, the exercises; think time 2-5 s between actions, and meanwhile the panel's
status poll every 2 s with the ETag of its last answer. Starts are spread over --ramp seconds.
At the end every learner's start page must show every lesson as Klaar, and the database must
hold every lesson as done. Reported per request kind (page, action, poll, phone, static):
p50/p95/p99; errors: any 5xx or 4xx, a broken connection or a timeout, a page the walk did not
expect; CPU of the server and of this load generator, the event loop's lag, server memory.
Target: page, action and poll p95 < 100 ms, 0 errors. The result is appended to
docs/benchmarks.md (unless --no-write or --quick).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_classroom import free_port, rss_kib  # noqa: E402
from chapter_http import KINDS, Browser, HttpError, Tally  # noqa: E402
from chapter_walk import Stuck, Walker, chapter, lessons_done  # noqa: E402
from machine_speed import BusyLoops, SpeedProbe  # noqa: E402
from machine_speed import summary as speed_summary  # noqa: E402
from profile_server import table as profile_table  # noqa: E402

from simulator import gunicorn_conf, serve  # noqa: E402

TARGET_MS = 100.0
TARGET_KINDS = ("page", "action", "poll")
PG_ADMIN = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
PG_DB = "bench_chapter"
REDIS_URL = "redis://127.0.0.1:6379/9"
CONFIGS = {  # the threads as the configurations set them, read from their own settings
    "waitress": f"SQLite + waitress (`python run.py`, {serve.THREADS} threads)",
    "gunicorn": "SQLite + gunicorn gthread (simulator/gunicorn_conf.py: "
    f"{gunicorn_conf.workers} workers x {gunicorn_conf.threads} threads)",
    "scaled": "PostgreSQL + Redis sessions + two gunicorn gthread instances (1 worker x "
    f"{gunicorn_conf.threads} threads each), requests round-robin over the two ports from the "
    "client, cookies shared; the server CPU and memory below leave out PostgreSQL's and "
    "Redis's own processes",
}


# -- the servers ------------------------------------------------------------------------
@dataclass
class Servers:
    config: str
    ports: list[int]
    processes: list[subprocess.Popen]
    instance: Path
    database_url: str
    logs: list[Path] = field(default_factory=list)

    def stop(self) -> None:
        for process in self.processes:
            process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait_listening(port: int, process: subprocess.Popen, log: Path) -> None:
    for _ in range(600):
        if process.poll() is not None:
            raise SystemExit(f"the server stopped at start:\n{log.read_text()[-3000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"the server on port {port} did not start")


def _fresh_postgres() -> str:
    import sqlalchemy as sa

    admin = sa.create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {PG_DB} WITH (FORCE)")
        conn.exec_driver_sql(f"CREATE DATABASE {PG_DB}")
    admin.dispose()
    import redis

    redis.Redis.from_url(REDIS_URL).flushdb()
    return f"postgresql+psycopg://postgres@127.0.0.1:5432/{PG_DB}"


def start(
    config: str, profile: bool = False, workers: int | None = None, threads: int | None = None
) -> Servers:
    """Start the configuration's server(s) on free ports with a fresh instance folder
    (waitress with `profile`: bench/profile_server.py, which measures every request);
    `threads` in place of the server's own number of threads."""
    instance = Path(tempfile.mkdtemp(prefix=f"oefen-chapter-{config}-"))
    env = {**os.environ, "SIMULATOR_INSTANCE_PATH": str(instance)}
    env["SIMULATOR_SECRET_KEY"] = "bench-chapter"
    database = f"sqlite:///{instance / 'oefenomgeving.sqlite3'}"
    gunicorn = [sys.executable, "-m", "gunicorn", "-c", "python:simulator.gunicorn_conf"]
    if config == "waitress" and profile:
        out = str(instance / "profile.json")
        commands = [[sys.executable, "bench/profile_server.py", "--port", "{port}", "--out", out]]
    elif config == "waitress":
        commands = [[sys.executable, "run.py", "--port", "{port}"]]
    elif config == "gunicorn":
        commands = [gunicorn + ["-b", "127.0.0.1:{port}"]]
    else:
        database = _fresh_postgres()
        env.update(
            SIMULATOR_DATABASE_URL=database,
            SIMULATOR_SESSION_TYPE="redis",
            SIMULATOR_SESSION_REDIS_URL=REDIS_URL,
        )
        commands = [gunicorn + ["-w", str(workers or 1), "-b", "127.0.0.1:{port}"]] * 2
        if profile:  # two measuring waitress servers in place of the two gunicorn instances
            out = str(instance / "i{number}" / "profile.json")
            commands = [
                [sys.executable, "bench/profile_server.py", "--port", "{port}", "--out", out]
            ] * 2
    if threads and not profile:  # (profile_server.py has waitress's own number)
        commands = [command + ["--threads", str(threads)] for command in commands]
    servers = Servers(config, [], [], instance, database)
    for number, command in enumerate(commands):
        port = free_port()
        folder = instance / f"i{number}" if config == "scaled" else instance
        folder.mkdir(exist_ok=True)
        log = instance / f"server-{number}.log"
        process = subprocess.Popen(
            [part.format(port=port, number=number) for part in command],
            cwd=ROOT,
            env={**env, "SIMULATOR_INSTANCE_PATH": str(folder)},
            stdout=log.open("w"),
            stderr=subprocess.STDOUT,
        )
        servers.ports.append(port)
        servers.processes.append(process)
        servers.logs.append(log)
        _wait_listening(port, process, log)
    return servers


def process_tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        children = Path(f"/proc/{current}/task/{current}/children")
        if children.exists():
            todo += [int(p) for p in children.read_text().split()]
    return found


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user + system) of the processes and their children, in seconds."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in {p for root in pids for p in process_tree(root)}:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(fields[i]) for i in (11, 12, 13, 14))  # utime stime cutime cstime
    return total / ticks


def machine_busy() -> tuple[int, int]:
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]
    return sum(values) - idle, sum(values)


# -- the learners -----------------------------------------------------------------------
@dataclass
class Outcome:
    finished: int = 0  # learners whose start page shows every lesson Klaar
    stuck: list[str] = field(default_factory=list)  # walks that could not go on, and why
    unexpected: int = 0  # of those: an unexpected page (not an error answer or no answer)
    lag: list[float] = field(default_factory=list)  # event loop lag samples (s)


async def _lag_probe(outcome: Outcome, stop: asyncio.Event) -> None:
    while not stop.is_set():
        before = time.perf_counter()
        await asyncio.sleep(0.1)
        outcome.lag.append(time.perf_counter() - before - 0.1)


async def run_learners(args, servers: Servers, tally: Tally) -> Outcome:
    lessons = chapter()
    outcome, stop = Outcome(), asyncio.Event()

    async def one(number: int) -> None:
        await asyncio.sleep(args.ramp * number / max(1, args.learners))
        browser = Browser(servers.ports, tally, first=number)
        walker = Walker(
            browser,
            lessons,
            number,
            tuple(args.think),
            args.poll,
            args.seed,
            print if args.trace else None,
        )
        try:
            await walker.walk()
        except Stuck as exc:
            outcome.stuck.append(f"learner {number}: {exc}")
            outcome.unexpected += exc.status is None
        except HttpError as exc:
            outcome.stuck.append(f"learner {number}: no answer for {exc}")
        try:
            if await lessons_done(browser, lessons) == len(lessons):
                outcome.finished += 1
        except HttpError:
            pass
        browser.close()

    probe = asyncio.ensure_future(_lag_probe(outcome, stop))
    await asyncio.gather(*(one(n) for n in range(args.learners)))
    stop.set()
    await probe
    return outcome


def lessons_in_database(url: str, count: int) -> tuple[int, int]:
    """(learners with every lesson done, learners with lesson progress) in the database."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    done: Counter = Counter()
    seen = set()
    with engine.connect() as conn:
        for learner_id, lesson_id, data in conn.exec_driver_sql(
            "SELECT learner_id, lesson_id, data FROM progress"
        ):
            if lesson_id.startswith("_"):
                continue
            seen.add(learner_id)
            if json.loads(data).get("done"):
                done[learner_id] += 1
    engine.dispose()
    return sum(1 for n in done.values() if n == count), len(seen)


# -- the report -------------------------------------------------------------------------
def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))] * 1000 if ordered else 0.0


def cpu_model() -> str:
    for line in Path("/proc/cpuinfo").read_text().splitlines():
        if line.startswith("model name"):
            return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown CPU"


def commit() -> str:
    found = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
    )
    return found.stdout.strip() or "?"


def report(args, config: str, figures: dict) -> tuple[str, bool]:
    tally, outcome = figures["tally"], figures["outcome"]
    lessons = len(chapter())
    statuses = {k: tally.statuses.get(k, Counter()) for k in KINDS}
    bad = sum(n for c in statuses.values() for s, n in c.items() if s >= 400)
    no_answer, tracebacks = tally.counts["no_answer"], figures["tracebacks"]
    errors = bad + no_answer + outcome.unexpected + tracebacks
    requests = sum(len(tally.latencies.get(k, [])) for k in KINDS)
    seconds = figures["seconds"]
    missed = [
        f"{k} p95 {pct(tally.latencies[k], 0.95):.0f} ms"
        for k in TARGET_KINDS
        if pct(tally.latencies.get(k, []), 0.95) >= TARGET_MS
    ]
    complete = outcome.finished == args.learners and figures["db_done"] == args.learners
    met = not missed and errors == 0 and complete
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    command = f"python bench/bench_chapter.py --config {config} --learners {args.learners}"
    if tuple(args.think) != (2.0, 5.0):
        command += f" --think {args.think[0]:g} {args.think[1]:g}"
    if args.poll != 2.0:
        command += f" --poll {args.poll:g}"
    if args.busy:
        command += f" --busy {args.busy}"
    if args.threads:
        command += f" --threads {args.threads}"
    lines = [
        f"### Whole chapter (c): {CONFIGS[config].split(' (')[0]}, {when}",
        "",
        f"`{command}` (commit {figures['commit']}); {CONFIGS[config]}. Machine: "
        f"{os.cpu_count()} cores ({figures['cpu']}), Python {platform.python_version()}; load "
        f"average at the start {figures['load_start']:.1f}, at the end {figures['load_end']:.1f}"
        " (other work on the machine shows here). "
        f"{args.learners} learners, starts spread over {args.ramp:g} s, think time "
        f"{args.think[0]:g}-{args.think[1]:g} s, status poll every {args.poll:g} s."
        + (
            f" Threads per server process: {args.threads} (--threads), in place of the"
            " configuration's own."
            if args.threads
            else ""
        )
        + (
            f" During the measurement {args.busy} busy loops (one process each, always"
            " runnable) took cores from the server, as neighbours on a shared machine do."
            if args.busy
            else ""
        ),
        "",
        f"- learners who finished all {lessons} lessons: **{outcome.finished} of "
        f"{args.learners}** (their start page shows every lesson Klaar); in the database "
        f"{figures['db_done']} learners with all {lessons} lessons done (of "
        f"{figures['db_seen']} with progress)",
        f"- requests: {requests} in {seconds:.0f} s ({requests / seconds:.0f}/s); "
        f"keep-alive connections reopened after the server closed them: "
        f"{tally.counts['reconnects']}",
        f"- errors: **{errors}** (answers 4xx/5xx: {bad}, no answer: {no_answer}, "
        f"unexpected pages: {outcome.unexpected}, tracebacks in the server log: {tracebacks})",
        f"- CPU: server {figures['server_cpu'] / seconds:.2f} cores "
        f"({figures['server_cpu'] / max(1, args.learners):.2f} s per learner's walk through "
        f"the chapter, {1000 * figures['server_cpu'] / max(1, requests):.1f} ms per request), "
        "load generator "
        f"{figures['client_cpu'] / seconds:.2f} cores "
        f"({100 * figures['client_cpu'] / seconds / os.cpu_count():.0f} % of the machine), "
        f"whole machine {100 * figures['busy']:.0f} % busy; load generator's event loop lag "
        f"p99 {pct(outcome.lag, 0.99):.0f} ms, max {max(outcome.lag or [0]) * 1000:.0f} ms",
        f"- server memory at the end (RSS, all processes): {figures['rss'] // 1024} MiB",
        f"- {speed_summary(figures['speed'])}",
        "",
        "| kind | requests | statuses | p50 ms | p95 ms | p99 ms | max ms |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind in KINDS:
        values = tally.latencies.get(kind, [])
        if not values:
            continue
        shown = ", ".join(f"{s}: {n}" for s, n in sorted(statuses[kind].items()))
        lines.append(
            f"| {kind} | {len(values)} | {shown} | {pct(values, 0.5):.1f} | "
            f"**{pct(values, 0.95):.1f}** | {pct(values, 0.99):.1f} | {max(values) * 1000:.0f} |"
        )
    verdict = (
        "met"
        if met
        else "MISSED ("
        + ", ".join(
            missed
            + ([f"{errors} errors"] if errors else [])
            + ([] if complete else ["not every learner finished"])
        )
        + ")"
    )
    lines += [
        "",
        f"Target (page, action and poll p95 < {TARGET_MS:.0f} ms, 0 errors): **{verdict}**.",
    ]
    for what in outcome.stuck[:8] + [f"{what}" for _, what in tally.errors[:8]]:
        lines.append(f"- {what}")
    lines += ["", *by_minute(tally.timeline, figures["speed"], figures["started"])]
    if figures.get("profile"):
        lines += ["", "Where the server's time went (bench/profile_server.py):", ""]
        lines.append(figures["profile"])
    return "\n".join(lines) + "\n", met


def by_minute(
    timeline: list[tuple[float, str, float]], speed: list[tuple[float, float]], started: float
) -> list[str]:
    """Each minute of the run: requests, the p95 of pages and actions, and how fast the machine
    ran then (machine_speed.py), so that a slow minute can be told from a busy one."""
    minutes: dict[int, list[float]] = {}
    loops: dict[int, list[float]] = {}
    for at, kind, took in timeline:
        if at >= started:
            minutes.setdefault(int((at - started) // 60), []).append(
                took if kind in ("page", "action") else -1
            )
    for at, ms in speed:
        loops.setdefault(int((at - started) // 60), []).append(ms)
    lines = [
        "| minute | requests | page and action p95 ms | fixed loop ms (median) |",
        "|---|---|---|---|",
    ]
    for minute in sorted(minutes):
        pages = [v for v in minutes[minute] if v >= 0]
        loop = sorted(loops.get(minute, []))
        median = f"{loop[len(loop) // 2]:.1f}" if loop else "-"
        lines.append(
            f"| {minute + 1} | {len(minutes[minute])} | {pct(pages, 0.95):.0f} | {median} |"
        )
    return lines


async def measure(args, config: str) -> dict:
    workers = args.workers if config == "scaled" else None
    servers = start(config, args.profile, workers, args.threads)
    try:
        warm = Browser(servers.ports, Tally())
        for _ in servers.ports:
            await warm.get("/")
        warm.close()
        load_start = os.getloadavg()[0]
        tally = Tally()
        pids = [p.pid for p in servers.processes]
        server_before, client_before = cpu_seconds(pids), resource.getrusage(resource.RUSAGE_SELF)
        busy_before, started = machine_busy(), time.monotonic()
        probe, busy = SpeedProbe(), BusyLoops(args.busy)
        try:
            outcome = await run_learners(args, servers, tally)
        finally:
            speed = probe.stop()
            busy.stop()
        seconds = time.monotonic() - started
        busy_after, client_after = machine_busy(), resource.getrusage(resource.RUSAGE_SELF)
        figures = {
            "tally": tally,
            "outcome": outcome,
            "seconds": seconds,
            "server_cpu": cpu_seconds(pids) - server_before,
            "client_cpu": (client_after.ru_utime + client_after.ru_stime)
            - (client_before.ru_utime + client_before.ru_stime),
            "busy": (busy_after[0] - busy_before[0]) / max(1, busy_after[1] - busy_before[1]),
            "rss": sum(rss_kib(pid) for pid in pids),
            "load_start": load_start,
            "load_end": os.getloadavg()[0],
            "speed": speed,
            "started": started,
            "cpu": cpu_model(),
            "commit": commit(),
        }
    finally:
        servers.stop()
    figures["db_done"], figures["db_seen"] = lessons_in_database(
        servers.database_url, len(chapter())
    )
    tracebacks = sum(log.read_text(errors="replace").count("Traceback") for log in servers.logs)
    figures["tracebacks"] = tracebacks
    profiles = [p for p in servers.instance.glob("**/profile.json")]
    figures["profile"] = profile_table(profiles) if profiles else ""
    if tracebacks:
        print(f"tracebacks in the server logs: {servers.instance}", flush=True)
    else:
        shutil.rmtree(servers.instance, ignore_errors=True)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", choices=[*CONFIGS, "all"], default="all")
    parser.add_argument("--learners", type=int, default=None, help="default 300 (--quick: 20)")
    parser.add_argument("--think", type=float, nargs=2, default=None, help="seconds (2 5)")
    parser.add_argument("--poll", type=float, default=None, help="status poll every (2 s)")
    parser.add_argument("--ramp", type=float, default=None, help="spread the starts (s)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--quick", action="store_true", help="20 learners, think 0.5-1.5 s, poll every 0.5 s"
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=1,
        help="scaled: worker processes per instance (1: the two instances have the processes "
        "and threads of the gunicorn configuration; 2 measured worse, 12-03)",
    )
    parser.add_argument(
        "--threads",
        type=int,
        default=None,
        help="threads per server process, in place of the configuration's own",
    )
    parser.add_argument(
        "--busy",
        type=int,
        default=0,
        help="processes that keep a core busy during the measurement (a shared machine)",
    )
    parser.add_argument("--no-write", action="store_true", help="do not touch benchmarks.md")
    parser.add_argument("--trace", action="store_true", help="print every page (debugging)")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="waitress, or scaled served by two waitress: CPU, SQL and lock waits per request",
    )
    args = parser.parse_args()
    args.learners = args.learners or (20 if args.quick else 300)
    args.think = args.think or ([0.5, 1.5] if args.quick else [2.0, 5.0])
    args.poll = args.poll or (0.5 if args.quick else 2.0)
    args.ramp = args.ramp if args.ramp is not None else (5.0 if args.quick else 60.0)
    resource.setrlimit(
        resource.RLIMIT_NOFILE, (4096, resource.getrlimit(resource.RLIMIT_NOFILE)[1])
    )
    everything_met = True
    for config in CONFIGS if args.config == "all" else [args.config]:
        print(f"== {config}: {args.learners} learners ...", flush=True)
        text, met = report(args, config, asyncio.run(measure(args, config)))
        everything_met &= met
        print(text, flush=True)
        if not (args.no_write or args.quick):
            with (ROOT / "docs" / "benchmarks.md").open("a", encoding="utf-8") as out:
                out.write("\n" + text)
    return 0 if everything_met else 1


if __name__ == "__main__":
    sys.exit(main())
