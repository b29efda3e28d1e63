"""Browser fixtures: the simulator on a local port and Debian's chromium through Playwright."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import axe_playwright_python
import pytest
from werkzeug.serving import make_server

from simulator import create_app
from tests.browser.chromium import LAUNCH_ARGS, TEST_CHROMIUM

AXE_JS = (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text(encoding="utf-8")


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": TEST_CHROMIUM,
        "args": LAUNCH_ARGS,
    }


@pytest.fixture(scope="session")
def live_app(tmp_path_factory):
    """The app behind live_server (for its store: app.extensions["store"])."""
    instance = tmp_path_factory.mktemp("browser-instance")
    app = create_app(
        {
            "INSTANCE_PATH": str(instance),
            "SECRET_KEY": "browser-test",
        }
    )
    yield app
    app.extensions["store"].engine.dispose()


def act_once(page, base: str) -> None:
    """A visitor who has done nothing yet has no learner: Begin opnieuw once (default world)."""
    page.goto(base + "/opnieuw")
    page.get_by_role("button", name="Ja, begin opnieuw").click()
    page.wait_for_url("**/opnieuw?klaar=1")


def learner_id_of(page, app) -> str:
    """The learner id behind a browser page's session cookie (read from the session store)."""
    cookie = next(
        c
        for c in page.context.cookies()
        if c["name"] == app.config.get("SESSION_COOKIE_NAME", "session")
    )
    interface = app.session_interface
    data = interface._retrieve_session_data(interface._get_store_id(cookie["value"]))
    return data["learner_id"]


@pytest.fixture(scope="session")
def live_server(live_app):
    """The simulator on 127.0.0.1 with a fresh SQLite store, for the whole session."""
    server = make_server("127.0.0.1", 0, live_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()


@pytest.fixture(scope="session")
def base_url(live_server):
    return live_server


def _watch_outside(page, live_server: str) -> list[str]:
    """Collect every request outside the simulator and every Content-Security-Policy
    violation or script error the page reports (there must be none)."""
    outside: list[str] = []

    def watch(request):
        if not request.url.startswith(live_server) and not request.url.startswith("data:"):
            outside.append(request.url)

    def console(message):
        if message.type == "error" and "Content Security Policy" in message.text:
            outside.append(f"CSP: {message.text}")

    page.on("request", watch)
    page.on("console", console)
    page.on("pageerror", lambda error: outside.append(f"script error: {error}"))
    return outside


@pytest.fixture
def page(context, live_server):
    """A page that fails the test on any request outside the simulator."""
    page = context.new_page()
    outside = _watch_outside(page, live_server)
    yield page
    assert not outside, f"outside requests, CSP violations or script errors: {outside}"


@pytest.fixture
def mobile(browser, live_server):
    """A 360 px wide phone-sized page (also failing on requests outside the simulator)."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True)
    page = context.new_page()
    outside = _watch_outside(page, live_server)
    yield page
    context.close()
    assert not outside, f"outside requests, CSP violations or script errors: {outside}"


#: Runs axe-core on the page's document and hands back only its violations. axe's
#: resultTypes option lists every node of a violation as before, but stops collecting the
#: nodes of rules that pass (or do not apply) after the first one: a quarter of the time on a
#: long page, and a far smaller result to send back. What counts as a violation is unchanged.
AXE_RUN = """async (opts) => {
  const result = await axe.run(document, {...opts, resultTypes: ["violations"]});
  return result.violations;
}"""


def axe_violations(page, disable: tuple[str, ...] = ()) -> list[dict]:
    """Run axe-core in the page (injected with evaluate, as the CSP forbids script tags)."""
    options = {"rules": {rule: {"enabled": False} for rule in disable}}
    # A page still loading has no document for axe yet. (A navigation that has not begun is not
    # waited for here: a test that clicks a form's button waits for the next page's URL itself.)
    page.wait_for_load_state("load")
    # The 500 KB script once per document: a second check of the same page (a dialog opened,
    # a panel unfolded) reuses it. A new page is a new document without it.
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(AXE_JS)
    return page.evaluate(AXE_RUN, options)


def assert_accessible(page) -> None:
    violations = axe_violations(page)
    summary = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(
            n["target"][0] if isinstance(n["target"][0], str) else json.dumps(n["target"])
            for n in v["nodes"][:5]
        )
        for v in violations
    ]
    assert not violations, "axe-core violations:\n" + "\n".join(summary)


#: Resolves when the web fonts are in and the page has been laid out with them (a text in
#: the fallback font for a moment may be wider: that moment is not what the learner reads).
FONTS_SETTLED = """async () => {
  await document.fonts.ready;
  await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
}"""


def assert_no_sideways_scroll(page) -> None:
    page.evaluate(FONTS_SETTLED)
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"page is {width}px wide in a {viewport}px viewport"


@pytest.fixture
def seven_languages():
    """The seven languages the simulator offers, each named in its own script."""
    from simulator.lessons import texts
    from tests.browser.lang_walk import SEVEN

    assert dict(texts.OFFERED) == SEVEN  # read from the catalogs, not set by the tests
    return SEVEN


@pytest.fixture
def watch(live_server):
    """watch(page): fail the test on any request outside the simulator, CSP violation or script
    error of that page (for pages of contexts a test makes itself)."""
    watched = []

    def add(page):
        watched.append(_watch_outside(page, live_server))
        return page

    yield add
    problems = [problem for outside in watched for problem in outside]
    assert not problems, f"outside requests, CSP violations or script errors: {problems}"
