"""Benchmark (f): loading and validating all lessons and scenarios.

Run by hand: python bench/bench_content.py [--repeat 20] [--write]
What start-up (and `flask lessons check`, `flask scenarios check`) does with the content
folders: every scenarios/*.yaml loaded and checked, the names the sites declare, every
lessons/*.yaml loaded and checked against them. Timed in this process after the app's
imports: the first time (cold) and the median of --repeat times, beside a bare baseline in the
same run: only parsing the same files (PyYAML's Python and libyaml safe loaders). With
--before REF the same is measured for a git commit (in a process of its own). Target
(issue 9): < 200 ms. --profile prints the 15 most expensive functions; --write appends to
docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import cProfile
import json
import pstats
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml
from _chromium import append_report, describe, machine, stamp, tree

TARGET_MS = 200


def load_content(lesson_dir: str, scenario_dir: str, default: str):
    """Everything start-up does with the content folders; (lessons, scenarios, problems)."""
    from simulator.lessons import names as lesson_names
    from simulator.lessons.loader import load_all as load_lessons
    from simulator.sandbox.scenario import load_all as load_scenarios

    scenarios, broken = load_scenarios(scenario_dir)
    sample = scenarios[default].initial_state() if default in scenarios else None
    names = lesson_names.from_registry(sample_state=sample, scenarios=set(scenarios))
    catalog = load_lessons(lesson_dir, names)
    return catalog, scenarios, {**broken, **catalog.broken}


def bare_parse(paths: list[Path], loader) -> None:
    """The baseline: only parse the same files."""
    for path in paths:
        yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _ms(func, *args) -> float:
    start = time.perf_counter()
    func(*args)
    return (time.perf_counter() - start) * 1000


def measure(source: Path, repeat: int, profile: bool = False) -> dict:
    """Time the content loading of the code in `source` (imported from there)."""
    sys.path.insert(0, str(source))
    from simulator import create_app

    app = create_app({"INSTANCE_PATH": tempfile.mkdtemp(prefix="oefen-bench-"), "SECRET_KEY": "b"})
    folders = (app.config["LESSON_DIR"], app.config["SCENARIO_DIR"], app.config["DEFAULT_SCENARIO"])
    paths = sorted(Path(folders[0]).glob("*.yaml")) + sorted(Path(folders[1]).glob("*.yaml"))
    first = _ms(load_content, *folders)
    catalog, scenarios, problems = load_content(*folders)
    assert not problems, problems
    runs = sorted(_ms(load_content, *folders) for _ in range(repeat))
    python = sorted(_ms(bare_parse, paths, yaml.SafeLoader) for _ in range(repeat))
    libyaml = sorted(
        _ms(bare_parse, paths, getattr(yaml, "CSafeLoader", yaml.SafeLoader)) for _ in range(repeat)
    )
    if profile:
        stats = cProfile.Profile()
        stats.runcall(load_content, *folders)
        pstats.Stats(stats).sort_stats("cumulative").print_stats(15)
    return {
        "lessons": len(catalog.lessons),
        "scenarios": len(scenarios),
        "files": len(paths),
        "kb": sum(p.stat().st_size for p in paths) / 1024,
        "first": first,
        "median": statistics.median(runs),
        "slowest": runs[-1],
        "python": statistics.median(python),
        "libyaml": statistics.median(libyaml),
    }


def _line(label: str, m: dict, repeat: int) -> str:
    return (
        f"| {label} | {m['lessons']} + {m['scenarios']} ({m['files']} files, {m['kb']:.0f} KB) | "
        f"{m['first']:.0f} | **{m['median']:.0f}** | {m['slowest']:.0f} | {m['python']:.0f} | "
        f"{m['libyaml']:.0f} | {m['median'] / m['libyaml']:.1f} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--before", help="a git commit to measure side by side (e.g. main)")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--json-from", help=argparse.SUPPRESS)  # a source tree, for --before
    parser.add_argument("--write", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args()
    if args.json_from:
        print(json.dumps(measure(Path(args.json_from), args.repeat)))
        return
    rows = []
    if args.before:
        command = [
            sys.executable,
            __file__,
            "--repeat",
            str(args.repeat),
            "--json-from",
            str(tree(args.before)),
        ]
        result = json.loads(
            subprocess.run(command, check=True, capture_output=True, text=True).stdout
        )
        rows.append(_line(f"before: {describe(args.before)}", result, args.repeat))
    after = measure(Path(__file__).resolve().parent.parent, args.repeat, args.profile)
    rows.append(_line(f"after: {describe(None)}", after, args.repeat))
    met = max(after["first"], after["median"]) < TARGET_MS
    report = "\n".join(
        [
            f"### Lessons and scenarios (f), {stamp()}",
            "",
            "Every lesson and scenario loaded and validated as at start-up (and by `flask lessons "
            "check`), timed in one process after the imports: the first time, then the median and "
            f"slowest of {args.repeat}; beside the bare parse of the same files with PyYAML's "
            f"Python and libyaml safe loaders. Machine: {machine()}.",
            "",
            "| code | lessons + scenarios | first ms | median ms | slowest ms | bare Python parse ms "
            "| bare libyaml parse ms | ratio to libyaml |",
            "|---|---|---|---|---|---|---|---|",
            *rows,
            "",
            f"Target < {TARGET_MS} ms: {'met' if met else 'NOT met'}.",
            "",
        ]
    )
    print(report)
    if args.write:
        append_report(report)


if __name__ == "__main__":
    main()
