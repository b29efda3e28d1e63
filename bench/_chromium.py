"""Shared by the browser benchmarks: a server per source tree, Chromium settings, reports.

`tree(ref)` unpacks a git commit into a temporary folder (for a before/after run side by
side), `serve(tree)` starts `python run.py --port N` there with a fresh instance folder, and
Chromium's path and flags and the network meter (requests on the wire and their bytes,
through the DevTools protocol) live in tests/browser/chromium.py, shared with the tests.
"""

from __future__ import annotations

import contextlib
import os
import platform
import re
import socket
import subprocess
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PHONE = {
    "viewport": {"width": 360, "height": 740},
    "has_touch": True,
    "is_mobile": True,
    "device_scale_factor": 2,
}


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree(ref: str | None) -> Path:
    """The source tree to serve: this checkout (None) or a commit unpacked into a temp folder."""
    if not ref:
        return ROOT
    target = Path(tempfile.mkdtemp(prefix="oefen-tree-"))
    archive = subprocess.run(["git", "archive", ref], cwd=ROOT, check=True, capture_output=True)
    with tarfile.open(fileobj=__import__("io").BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target


def describe(ref: str | None) -> str:
    """A short name for a tree: the commit id (and 'working tree' when it has changes)."""
    rev = subprocess.run(
        ["git", "rev-parse", "--short", ref or "HEAD"], cwd=ROOT, capture_output=True, text=True
    ).stdout.strip()
    if ref:
        return rev
    dirty = subprocess.run(  # results appended to docs/ do not count as changes
        ["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!docs"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return f"{rev}{' + changes' if dirty else ''}"


@contextlib.contextmanager
def serve(source: Path) -> Iterator[str]:
    """`python run.py --port N` in a source tree with a fresh instance folder; yields its URL."""
    instance = tempfile.mkdtemp(prefix="oefen-bench-")
    port = free_port()
    env = {**os.environ, "SIMULATOR_INSTANCE_PATH": instance, "SIMULATOR_SECRET_KEY": "bench"}
    env.pop("PYTHONPATH", None)
    server = subprocess.Popen(
        [sys.executable, "run.py", "--port", str(port)],
        cwd=source,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"the server in {source} did not start") from None
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def machine() -> str:
    """The machine a run was made on, for docs/benchmarks.md."""
    cpu = platform.processor() or platform.machine()
    with contextlib.suppress(OSError):
        found = re.search(r"model name\s*:\s*(.+)", Path("/proc/cpuinfo").read_text())
        if found:
            cpu = found.group(1).strip()
    return (
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}, {platform.system()}"
    )


def stamp() -> str:
    """The date and time of a run, UTC."""
    return f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC"


def append_report(report: str) -> None:
    """Append a section to docs/benchmarks.md."""
    path = ROOT / "docs" / "benchmarks.md"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    path.write_text(text.rstrip("\n") + "\n\n" + report.rstrip("\n") + "\n", encoding="utf-8")
