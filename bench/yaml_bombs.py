"""How fast and small the YAML bombs of tests/unit/yaml_bombs/ (and a 50 MB lesson) are refused.

Run by hand: python bench/yaml_bombs.py [--no-write]
For each file, in a fresh process: the time yamlsource.load takes to refuse it and the peak
memory (RSS) of that process against the same process loading a good chapter lesson; then
`flask --app simulator lessons check FILE` as a whole (start-up included) against the same
command on the good lesson, side by side. Appends the table to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BOMBS = ROOT / "tests" / "unit" / "yaml_bombs"
GOOD = ROOT / "lessons" / "04-facturen.yaml"
PROBE = """
import resource, sys, time
from simulator import yamlsource
start = time.perf_counter()
try:
    yamlsource.load(sys.argv[1])
    outcome = "loaded"
except yamlsource.YamlSourceError:
    outcome = "refused"
print(outcome, time.perf_counter() - start, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def probe(path: Path) -> tuple[str, float, int]:
    """(outcome, seconds to load or refuse, peak RSS KiB) in a fresh process."""
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True,
                         text=True, cwd=ROOT, timeout=600, check=True).stdout.split()  # fmt: skip
    return out[0], float(out[1]), int(out[2])


def check_seconds(path: Path, env: dict) -> float:
    flask = Path(sys.executable).with_name("flask")
    start = time.perf_counter()
    subprocess.run([str(flask), "--app", "simulator", "lessons", "check", str(path)],
                   capture_output=True, cwd=ROOT, env=env, timeout=600)  # fmt: skip
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "vijftig_mb.yaml"
        with big.open("w") as out:
            out.write("id: vijftig\nparts:\n" + "  - {id: a, type: read}\n" * 2_100_000)
        env = dict(os.environ, SIMULATOR_INSTANCE_PATH=str(Path(tmp) / "instance"))
        files = sorted(BOMBS.glob("*.yaml")) + [big]
        _, good_load, good_rss = probe(GOOD)
        good_check = check_seconds(GOOD, env)
        rows = [f"| {GOOD.name} (good, {GOOD.stat().st_size // 1024} KB) | loaded | "
                f"{good_load * 1000:.1f} | +0 | {good_check:.2f} |"]  # fmt: skip
        for path in files:
            outcome, seconds, rss = probe(path)
            check = check_seconds(path, env)
            size = path.stat().st_size
            shown = f"{size / 1_048_576:.0f} MB" if size > 1_048_576 else f"{size} B"
            rows.append(f"| {path.name} ({shown}) | {outcome} | {seconds * 1000:.1f} | "
                        f"{(rss - good_rss) / 1024:+.1f} | {check:.2f} |")  # fmt: skip
    when = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    text = "\n".join([
        f"### YAML bombs {when}",
        "",
        "`python bench/yaml_bombs.py`: each file in a fresh process; refusal time of "
        "yamlsource.load, its peak RSS against loading a good lesson, and the whole "
        f"`flask lessons check FILE` (start-up included); machine: {os.cpu_count()} cores.",
        "",
        "| file | outcome | load ms | peak RSS MiB vs good | lessons check s |",
        "|---|---|---|---|---|",
        *rows,
    ]) + "\n"  # fmt: skip
    print(text)
    if not args.no_write:
        with (ROOT / "docs" / "benchmarks.md").open("a", encoding="utf-8") as out:
            out.write("\n" + text)


if __name__ == "__main__":
    main()
