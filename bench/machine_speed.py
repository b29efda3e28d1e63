"""How fast the machine's cores run Python right now, measured next to a benchmark.

These machines share their cores with others: the CPU time of the same fixed loop moves by
half or more within a minute (12-03: 0.30 to 0.53 s for 3 million additions, on an idle
machine). A benchmark whose figure is an absolute time (bench_chapter.py's p95) is judged
with this beside it.

`SpeedProbe` runs the loop in a process of its own every few seconds (about 20 ms of CPU
each time, so it adds under 1 % of a core) and gives the CPU times it measured: lower is
faster.
"""

from __future__ import annotations

import statistics
import subprocess
import sys

LOOP = """
import sys, time
every = float(sys.argv[1])
while True:
    started = time.process_time()
    total = 0
    for number in range(150_000):
        total += number
    print(f"{time.monotonic():.3f} {1000 * (time.process_time() - started):.2f}", flush=True)
    time.sleep(every)
"""


class SpeedProbe:
    """The fixed loop every `every` seconds in a process of its own, until stop()."""

    def __init__(self, every: float = 2.0):
        self.process = subprocess.Popen(
            [sys.executable, "-c", LOOP, str(every)], stdout=subprocess.PIPE, text=True
        )

    def stop(self) -> list[tuple[float, float]]:
        """(monotonic time, CPU ms of the loop) of every run so far."""
        self.process.terminate()
        out, _ = self.process.communicate(timeout=10)
        return [(float(a), float(b)) for a, b in (line.split() for line in out.splitlines())]


def summary(samples: list[tuple[float, float]]) -> str:
    """One sentence for a benchmark's report."""
    if not samples:
        return "machine speed: not measured"
    times = sorted(ms for _, ms in samples)
    median = statistics.median(times)
    return (
        f"machine speed: a fixed loop (150 000 additions) took {median:.1f} ms of CPU at the "
        f"median of {len(times)} runs during the measurement, {times[0]:.1f} at the fastest "
        f"and {times[-1]:.1f} at the slowest (the same work: lower is a faster machine)"
    )


class BusyLoops:
    """`count` processes that keep a core busy each, until stop(): the neighbours of a shared
    machine, made on purpose, to see a benchmark with less of the machine left to it."""

    def __init__(self, count: int):
        self.processes = [
            subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(count)
        ]

    def stop(self) -> None:
        """End the loops."""
        for process in self.processes:
            process.terminate()
        for process in self.processes:
            process.wait(timeout=10)
