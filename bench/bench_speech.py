"""Benchmark: read-aloud audio. Making the whole chapter's audio in one language with a cold
cache (a one-off cost), and serving a cached audio file next to a static file of the same
size (same gunicorn, one run, requests interleaved).

Run by hand: python bench/bench_speech.py [--lang ar] [--requests 1000] [--write]
--write appends the result to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import shutil
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

from bench.bench_classroom import Browser, free_port, start_gunicorn  # noqa: E402


def chapter_texts(app, lang: str) -> list[tuple[str, str, str, str]]:
    """(lesson, part, field, text) of every part text the panel can read aloud in lang."""
    from simulator.lessons.fields import part_fields

    found = []
    for lesson in app.extensions["lessons"].ordered():
        for index, part in enumerate(lesson.parts):
            for field in part_fields(part, ("parts", index)):
                if field.name != "alt" and field.text.get(lang):
                    found.append((lesson.id, part.id, field.name, field.text[lang]))
    return found


def make_all(app, texts, lang: str) -> dict:
    """Make normal and slow audio for every text, cold; then once more, warm."""
    from simulator.lessons.texts import spoken

    speech = app.extensions["speech"]
    speech.versions()  # asked once per process; not part of the cost per text
    start = time.perf_counter()
    sizes = []
    for _lesson, _part, _field, text in texts:
        for slow in (False, True):
            path, _key = speech.audio(spoken(text, lang), slow)
            sizes.append(path.stat().st_size)
    cold = time.perf_counter() - start
    start = time.perf_counter()
    for _lesson, _part, _field, text in texts:
        for slow in (False, True):
            speech.audio(spoken(text, lang), slow)
    warm = time.perf_counter() - start
    seconds = sum(sizes) * 8 / 32000  # constant 32 kbit/s
    return {"files": len(sizes), "cold": cold, "warm": warm, "bytes": sum(sizes), "audio": seconds}


def serve(port: int, paths: dict[str, str], requests: int, clients: int) -> dict[str, list]:
    """Each client asks every path in turn, `requests` times; latencies per path."""
    timings: dict[str, list[float]] = {name: [] for name in paths}
    statuses: dict[str, set[int]] = {name: set() for name in paths}

    def run():
        browser = Browser(port)
        browser.get("/")  # a learner with a session cookie, like the panel's audio request
        for _ in range(requests):
            for name, path in paths.items():
                status, elapsed = browser.get(path)
                timings[name].append(elapsed)
                statuses[name].add(status)

    threads = [threading.Thread(target=run) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return {"timings": timings, "statuses": statuses}


def sample_audio(app, texts, lang: str) -> tuple[str, Path]:
    """The hashed URL and the cached file of a text of middle length."""
    from simulator.lessons import speech_web

    lesson, part, field, text = sorted(texts, key=lambda t: len(t[3]))[len(texts) // 2]
    with app.test_request_context():
        url = speech_web.read_aloud_lesson(lesson, part, field, lang).url
        segments = speech_web.find_audio({lang: text}, lang).segments
    path, _key = app.extensions["speech"].audio(list(segments))
    return url, path


def compare_with_static(instance: str, audio_url: str, audio_file: Path, args) -> list:
    """Serve the audio and a static copy of it from one gunicorn: (label, result) per load."""
    static_dir = ROOT / "static" / "_bench"
    static_dir.mkdir(exist_ok=True)
    shutil.copy(audio_file, static_dir / "same-size.mp3")
    port = free_port()
    server = start_gunicorn(instance, port, 2, 8)
    try:
        paths = {"static file": "/static/_bench/same-size.mp3", "cached audio": audio_url}
        serve(port, paths, 20, 1)  # warm up both workers' imports and caches
        return [
            ("1 client", serve(port, paths, args.requests, 1)),
            (f"{args.clients} clients", serve(port, paths, args.requests // args.clients, args.clients)),
        ]  # fmt: skip
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=10)
        shutil.rmtree(static_dir, ignore_errors=True)


def report(lang: str, texts: list, made: dict, size: int, results: list) -> str:
    """The run as a section of docs/benchmarks.md."""

    def p50(values: list[float]) -> float:
        return statistics.median(values) * 1000

    rows = []
    for label, result in results:
        static = result["timings"]["static file"]
        audio = result["timings"]["cached audio"]
        rows.append(
            f"| {label} | {sorted(result['statuses']['static file'])} "
            f"{sorted(result['statuses']['cached audio'])} | {len(static)} + {len(audio)} | "
            f"{p50(static):.2f} | {p50(audio):.2f} | **{p50(audio) / p50(static):.2f}** |"
        )
    return "\n".join(
        [
            f"### Read-aloud run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "",
            f"Making the whole chapter's audio in `{lang}` with a cold cache (espeak-ng + "
            f"lame, normal and slower, one after another): {len(texts)} texts, {made['files']} "
            f"files, {made['audio'] / 60:.1f} minutes of speech, {made['bytes'] / 1024:.0f} KiB "
            f"in **{made['cold']:.1f} s** ({made['cold'] / made['files'] * 1000:.0f} ms per "
            f"file); all again from the cache: {made['warm'] * 1000:.0f} ms. A one-off cost per "
            f"text and language; machine: {os.cpu_count()} cores.",
            "",
            f"Serving one cached audio file ({size / 1024:.1f} KiB) next to a static file of the "
            "same size, same gunicorn (gthread 2 workers x 8 threads), requests interleaved, "
            "with a learner's session cookie:",
            "",
            "| clients | status | requests | static p50 ms | audio p50 ms | audio / static |",
            "|---|---|---|---|---|---|",
            *rows,
            "",
        ]
    )


def main() -> None:
    """Make the chapter's audio cold, then compare serving it with a static file."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--lang", default="ar")
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()

    from simulator import create_app

    instance = tempfile.mkdtemp(prefix="oefen-bench-speech-")
    try:
        app = create_app({"INSTANCE_PATH": instance, "SECRET_KEY": "bench"})
        if not app.extensions["speech"].installed():
            sys.exit("espeak-ng and lame are needed: apt-get install espeak-ng lame")
        texts = chapter_texts(app, args.lang)
        made = make_all(app, texts, args.lang)
        audio_url, audio_file = sample_audio(app, texts, args.lang)
        size = audio_file.stat().st_size
        results = compare_with_static(instance, audio_url, audio_file, args)
    finally:
        shutil.rmtree(instance, ignore_errors=True)
    text = report(args.lang, texts, made, size, results)
    print(text)
    if args.write:
        path = ROOT / "docs" / "benchmarks.md"
        path.write_text(path.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")


if __name__ == "__main__":
    main()
