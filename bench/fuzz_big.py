"""The big fuzz run: the fuzzer of tests/fuzz/ without a bound (50,000 requests by default).

Run by hand: python bench/fuzz_big.py [--requests 50000] [--seed 1] [--no-write]
Every route x method and every form field gets bad values, as a logged-in learner and as an
anonymous visitor, with and without a valid CSRF token (see tests/fuzz/engine.py for what is
checked). Prints the counts by status and every distinct failure and appends them to
docs/benchmarks.md. Exits 1 when anything failed.
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from simulator import create_app  # noqa: E402
from tests.fuzz.engine import Fuzzer, Report  # noqa: E402

CHUNK = 5_000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--no-write", action="store_true", help="do not touch benchmarks.md")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "INSTANCE_PATH": tmp, "SECRET_KEY": "fuzz"})
        fuzzer = Fuzzer(app, seed=args.seed)
        report = Report()
        while report.requests < args.requests:
            fuzzer.run(min(CHUNK, args.requests - report.requests), report)
            print(f"{report.requests} requests, {sum(report.failures.values())} failures, "
                  f"{report.seconds:.0f} s", flush=True)  # fmt: skip
        app.extensions["store"].engine.dispose()
    text = result(report, len(fuzzer.targets), args.seed)
    print(text)
    if not args.no_write:
        with (ROOT / "docs" / "benchmarks.md").open("a", encoding="utf-8") as out:
            out.write("\n" + text)
    return 1 if report.failures else 0


def result(report: Report, targets: int, seed: int) -> str:
    """The run as a docs/benchmarks.md section."""
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    statuses = sorted(report.by_status.items(), key=lambda item: str(item[0]))
    rows = "\n".join(f"| {status} | {count} |" for status, count in statuses)
    failures = sum(report.failures.values())
    lines = [
        f"### Fuzz run {when}",
        "",
        f"`python bench/fuzz_big.py --requests {report.requests} --seed {seed}`: "
        f"{report.requests} requests over {targets} targets (every route x method and every "
        f"form field), as a learner (80 %) and an anonymous visitor, 70 % of POSTs with a valid "
        f"CSRF token; {report.seconds:.0f} s in the Flask test client "
        f"({report.requests / max(report.seconds, 0.001):.0f} requests/s); "
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}.",
        "",
        "| status | requests |",
        "|---|---|",
        rows,
        "",
        f"Failures (5xx, exception, traceback, markup echoed raw, redirect out, a refused "
        f"request that changed state or progress): **{failures}**.",
    ]
    if failures:
        lines += ["", "```", report.summary(50), "```"]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
