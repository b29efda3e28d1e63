"""The accessibility check itself (axe_violations): it reports every node of a violation, also
when axe is already in the document from an earlier check of the same page."""

from __future__ import annotations

from tests.browser.conftest import axe_violations

BROKEN = """<!doctype html><html lang="nl"><head><title>t</title></head><body><main>
<h1>Kop</h1><img src="data:,"><img src="data:,"><input type="text">
</main></body></html>"""


def test_axe_reports_every_node_of_a_violation_each_time(page):
    page.set_content(BROKEN)
    first = {v["id"]: len(v["nodes"]) for v in axe_violations(page)}
    assert first.get("image-alt") == 2  # both images, not only the first
    assert first.get("label") == 1
    assert page.evaluate("typeof axe") == "object"
    page.evaluate("document.querySelector('input').setAttribute('aria-label', 'Naam')")
    again = {v["id"]: len(v["nodes"]) for v in axe_violations(page)}  # axe already injected
    assert again.get("image-alt") == 2 and "label" not in again
    assert "image-alt" not in {v["id"] for v in axe_violations(page, ("image-alt",))}
