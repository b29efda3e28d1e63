"""Benchmark (d): page weight per page type in Chromium at 360 px (DevTools protocol).

Run by hand: python bench/bench_pageweight.py [--before REF] [--write]
Serves this checkout (and, with --before, a git commit side by side) with `python run.py`,
then a phone-sized Chromium walks the chapter: start page, Begin the lesson "facturen" (its
lesson page), inburgeren.nl, DigiD (sms login), Mijn Inburgering, Mijn facturen and an
invoice with the lesson panel open, ind.nl. Every step of the walk is a "next page" (warm cache); each page
type is also opened in a fresh browser context (cold cache) with the same session. Counted:
requests that went over the network and their encodedDataLength (bytes on the wire, headers
included). Budget (issue 9): first sandbox page <= 60 KB, each next page <= 15 KB in <= 3
requests, 0 requests outside the simulator. --write appends the result to docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from _chromium import (  # noqa: E402
    PHONE,
    append_report,
    describe,
    machine,
    serve,
    stamp,
    tree,
)
from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.chromium import CHROMIUM, LAUNCH_ARGS, Load, Meter  # noqa: E402

FIRST_BUDGET = 60 * 1024
NEXT_BUDGET = 15 * 1024
NEXT_REQUESTS = 3
#: Page types opened with a cold cache (names of walk steps).
COLD = (
    "start page",
    "lesson page",
    "inburgeren.nl home",
    "DigiD kies",
    "Mijn facturen",
    "ind.nl home",
)


def _sms_code(page) -> str:
    """Open the practice phone, read the newest sms code, close it again (not measured)."""
    # the top bar's Telefoon button, or at 360 px the lesson sheet's (both carry the target)
    toggle = page.locator("[data-target='phone.toggle']:visible").first
    if toggle.get_attribute("aria-expanded") == "false":
        toggle.click()
    page.locator("[data-target='phone.sms']:visible").first.click()
    code = page.locator(".phone-sms--newest .phone-sms__code").first
    code.wait_for()
    text = code.inner_text().strip()
    if toggle.get_attribute("aria-expanded") == "true":
        page.locator("[data-phone-close]").first.click()
    return text


def _begin(page, lesson_id: str) -> None:
    page.locator(f"form[action='/les/{lesson_id}/begin'] button").click()


def _steps(page, base: str):
    """The walk: (name, action[, prepare]); each action leads to the next page, prepare
    runs before it and is not measured."""
    mijn = base + "/sites/mijn.inburgeren.nl"
    return [
        ("start page", lambda: page.goto(base + "/")),
        ("lesson page", lambda: _begin(page, "facturen")),
        ("inburgeren.nl home", lambda: page.goto(base + "/sites/www.inburgeren.nl/")),
        (
            "inburgeren.nl inloggen",
            lambda: page.locator("[data-target='inburgeren.menu.inloggen']").first.click(),
        ),
        ("DigiD kies", lambda: page.locator("[data-target='inburgeren.login.knop']").click()),
        ("DigiD sms", lambda: page.locator("[data-target='digid.methode.sms']").click()),
        ("DigiD sms-code", lambda: _log_in(page)),
        ("Mijn home", lambda: _send_code(page), lambda: _type_code(page)),
        ("Mijn facturen", lambda: page.goto(mijn + "/facturen")),
        ("factuur", lambda: page.locator("a[href$='/facturen/FAC229230568']").first.click()),
        ("ind.nl home", lambda: page.goto(base + "/sites/ind.nl/")),
    ]


def _log_in(page) -> None:
    page.locator("#gebruikersnaam").fill("oefenaccount")
    page.locator("#wachtwoord").fill("Oefenen123")
    page.locator("form.digid-form button[type=submit]").first.click()


def _type_code(page) -> None:
    page.locator("input[name='code']").fill(_sms_code(page))


def _send_code(page) -> None:
    page.locator("form.digid-form button[type=submit]").first.click()


def measure(base: str) -> tuple[list[tuple[str, str, Load]], dict[str, Load]]:
    """Walk the chapter (next pages), then open each page type cold; return both."""
    walk: list[tuple[str, str, Load]] = []
    cold: dict[str, Load] = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        context = browser.new_context(**PHONE)
        page = context.new_page()
        meter = Meter(context, page, base)
        for name, action, *prepare in _steps(page, base):
            for step in prepare:
                step()
            meter.reset()
            action()
            walk.append((name, page.url, meter.settle(page)))
        cookies = context.cookies()
        for name, url, _load in walk:
            if name not in COLD:
                continue
            fresh = browser.new_context(**PHONE)
            fresh.add_cookies(cookies)
            cold_page = fresh.new_page()
            cold_meter = Meter(fresh, cold_page, base)
            cold_page.goto(url)
            cold[name] = cold_meter.settle(cold_page)
            fresh.close()
        browser.close()
    return walk, cold


def _kb(n: int) -> str:
    return f"{n / 1024:.1f}"


def report(runs: list[tuple[str, list, dict]]) -> str:
    """A markdown section: per tree, every page's first-visit and next-page cost."""
    lines = [
        f"### Page weight (d), {stamp()}",
        "",
        f"Chromium at 360 px (DevTools protocol, encodedDataLength), `python run.py`, "
        f"machine: {machine()}. First visit = a fresh browser context (cold cache, "
        f"same session); next page = the step in the walk, warm cache. "
        f"Budget: first sandbox page <= 60 KB, next page <= 15 KB in <= 3 requests.",
        "",
    ]
    for label, walk, cold in runs:
        lines += [
            f"**{label}**",
            "",
            "| page | first visit KB | requests | next page KB | requests |",
            "|---|---|---|---|---|",
        ]
        for index, (name, _url, load) in enumerate(walk):
            first = cold.get(name)
            step = f"{_kb(load.bytes)} | {load.requests}" if index else "(walk starts) | "
            lines.append(
                f"| {name} | {_kb(first.bytes) if first else ''} | "
                f"{first.requests if first else ''} | {step} |"
            )
        sandbox = [load for name, load in cold.items() if name not in ("start page", "lesson page")]
        nexts = [load for _name, _url, load in walk[1:]]
        outside = sum(len(x.outside) for x in [*cold.values(), *nexts])
        lines += [
            "",
            f"Heaviest first sandbox page {_kb(max(x.bytes for x in sandbox))} KB; "
            f"heaviest next page {_kb(max(x.bytes for x in nexts))} KB, most requests on a "
            f"next page {max(x.requests for x in nexts)}; requests outside the simulator: "
            f"{outside}. Budget {'met' if _met(cold, walk) else 'NOT met'}.",
            "",
        ]
    return "\n".join(lines)


def _met(cold: dict[str, Load], walk: list) -> bool:
    sandbox_ok = all(x.bytes <= FIRST_BUDGET for n, x in cold.items() if n not in ("start page",))
    next_ok = all(x.bytes <= NEXT_BUDGET and x.requests <= NEXT_REQUESTS for _n, _u, x in walk[1:])
    outside = any(x.outside for x in cold.values()) or any(x.outside for _n, _u, x in walk)
    return sandbox_ok and next_ok and not outside


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", help="a git commit to measure side by side (e.g. main)")
    parser.add_argument("--write", action="store_true", help="append to docs/benchmarks.md")
    parser.add_argument("--verbose", action="store_true", help="print every request")
    args = parser.parse_args()
    runs = []
    for ref in ([args.before] if args.before else []) + [None]:
        with serve(tree(ref)) as base:
            walk, cold = measure(base)
        label = f"{'before' if ref else 'after'}: {describe(ref)}"
        runs.append((label, walk, cold))
        if args.verbose:
            for name, _url, load in walk:
                print(label, name, load.requests, load.bytes, load.urls)
            for name, load in cold.items():
                print(label, "COLD", name, load.requests, load.bytes, load.urls)
    text = report(runs)
    print(text)
    if args.write:
        append_report(text)


if __name__ == "__main__":
    main()
