"""Benchmark (e): a lesson's first instruction on a slow phone, from a cold cache.

Run by hand: python bench/bench_slowphone.py [--before REF] [--runs 5] [--write]
Serves this checkout (and, with --before, a git commit side by side) with `python run.py`.
A learner begins the lesson "inloggen" and reads its first part; then, in a fresh browser
context (empty cache, the same session) at 360 px with the CPU 4x slower and DevTools'
"Slow 4G" (562.5 ms latency, 1.44 Mb/s down, 675 kb/s up), Chromium opens:
- the lesson page (/les/inloggen): time until its title is on the screen, styled;
- inburgeren.nl with the lesson panel: time until the first instruction is on the screen.
"On the screen": the stylesheet is in and the element lies in the viewport, and the page has
had its first contentful paint; measured in the page from the start of the navigation.
Target (issue 9): < 2 s. --write appends the result to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _chromium import PHONE, append_report, describe, machine, serve, stamp, tree  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.chromium import CHROMIUM, LAUNCH_ARGS  # noqa: E402

SLOW_4G = {
    "offline": False,
    "latency": 150 * 3.75,
    "downloadThroughput": 1.6 * 1000 * 1000 / 8 * 0.9,
    "uploadThroughput": 750 * 1000 / 8 * 0.9,
}
CPU_SLOWDOWN = 4
TARGET_MS = 2000
#: Resolves with performance.now() in the first frame in which the stylesheets are in and the
#: element lies in the viewport (the screen shows it from that frame's paint on, and never
#: before the first contentful paint).
ON_SCREEN = """(selector) => {
  const sheets = [...document.querySelectorAll('link[rel=stylesheet]')];
  if (!sheets.every((link) => link.sheet)) return false;
  const el = document.querySelector(selector);
  if (!el) return false;
  const box = el.getBoundingClientRect();
  if (!box.width || !box.height || box.bottom <= 0 || box.top >= window.innerHeight) return false;
  if (getComputedStyle(el).visibility === 'hidden') return false;
  return performance.now();
}"""
FCP = "() => (performance.getEntriesByName('first-contentful-paint')[0] || {}).startTime"
PAGES = [
    ("lesson page: title", "/les/inloggen", ".lesson-page h1"),
    ("inburgeren.nl: first instruction", None, "#lesson-panel [data-instruction]"),
]


def _lesson_begun(browser, base: str) -> tuple[list[dict], str]:
    """Begin the lesson "inloggen" and read on to its first step; the cookies and step URL."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base + "/")
    page.locator("form[action='/les/inloggen/begin'] button").click()
    page.wait_for_url("**/les/inloggen")
    while "/les/" in page.url:
        page.locator(".lesson-page__nav button").last.click()
        page.wait_for_load_state()
    page.locator("#lesson-panel [data-instruction]").wait_for()
    cookies, url = context.cookies(), page.url
    context.close()
    return cookies, url


def _time_on_screen(browser, cookies: list[dict], url: str, selector: str) -> tuple[float, float]:
    """Open a URL cold on the slow phone; (ms until the element is on screen, ms to FCP)."""
    context = browser.new_context(**PHONE)
    context.add_cookies(cookies)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    page.goto(url, wait_until="commit", timeout=60_000)
    seen = page.wait_for_function(ON_SCREEN, arg=selector, polling="raf", timeout=60_000)
    fcp = page.wait_for_function(FCP, polling="raf", timeout=60_000)
    shown, painted = float(seen.json_value()), float(fcp.json_value())
    context.close()
    return max(shown, painted), painted


def measure(base: str, runs: int) -> dict[str, list[tuple[float, float]]]:
    """Every page `runs` times, each in a fresh cold context."""
    results: dict[str, list[tuple[float, float]]] = {name: [] for name, _u, _s in PAGES}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        cookies, step_url = _lesson_begun(browser, base)
        for _ in range(runs):
            for name, path, selector in PAGES:
                url = base + path if path else step_url
                results[name].append(_time_on_screen(browser, cookies, url, selector))
        browser.close()
    return results


def report(runs: list[tuple[str, dict]], count: int) -> str:
    """A markdown section: median and worst time per page, per tree."""
    lines = [
        f"### Slow phone (e), {stamp()}",
        "",
        f"Chromium at 360 px, CPU {CPU_SLOWDOWN}x slower, DevTools 'Slow 4G' (562.5 ms latency, "
        f"1.44 Mb/s down), cold cache, {count} runs each, `python run.py`; machine: {machine()}. "
        f"Time from the start of the navigation until the element is on the screen (styled), "
        f"and first contentful paint. Target: < 2 s.",
        "",
        "| tree | page | median ms | worst ms | FCP median ms |",
        "|---|---|---|---|---|",
    ]
    for label, results in runs:
        for name, values in results.items():
            shown = [v[0] for v in values]
            fcp = [v[1] for v in values]
            lines.append(
                f"| {label} | {name} | {statistics.median(shown):.0f} | {max(shown):.0f} | "
                f"{statistics.median(fcp):.0f} |"
            )
    worst = max(v[0] for v in runs[-1][1]["inburgeren.nl: first instruction"])
    lines += [
        "",
        f"First instruction at worst {worst:.0f} ms: target {'met' if worst < TARGET_MS else 'NOT met'}.",
        "",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git commit to measure side by side (e.g. main)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--write", action="store_true", help="append to docs/benchmarks.md")
    args = parser.parse_args()
    runs = []
    for ref in ([args.before] if args.before else []) + [None]:
        with serve(tree(ref)) as base:
            runs.append(
                (f"{'before' if ref else 'after'}: {describe(ref)}", measure(base, args.runs))
            )
    text = report(runs, args.runs)
    print(text)
    if args.write:
        append_report(text)


if __name__ == "__main__":
    main()
