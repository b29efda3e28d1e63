"""Every lesson panel the app sends in a test is also rendered as it was before panels were
kept (simulator/lessons/panel_html.py): the template with the learner's own form token,
address, status tag, step and hint time. tests/conftest.py installs this for every test and
fails a test whose app sent a kept panel that differs from the fresh one."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from flask import current_app, render_template
from markupsafe import Markup

from simulator.lessons import panel_html
from simulator.lessons.web import status_tag


def fresh(template: str, panel, page_id, back: str, panel_tag=None) -> Markup:
    """The panel rendered directly, every value the learner's own (the "Ga naar" host worked
    out here as the template did before, the status tag asked for as the template did)."""
    url = (panel.part.url if panel.part is not None else None) or ""
    goto = url.split("/")[2] if url.startswith("/sites/") and not back.startswith(url) else ""
    return Markup(
        render_template(
            template,
            panel=panel,
            page_id=page_id,
            panel_tag=panel_tag or "aside",
            panel_back=back,
            panel_goto=goto,
            panel_status_tag=status_tag(page_id, back) if template.endswith("_whole.html") else "",
        )
    )


@dataclass
class KeptCheck:
    """What a test's app sent from kept HTML, and where it differed from a fresh render
    (shared with tests/frame_check.py)."""

    shown: list[tuple[str, bool]] = field(default_factory=list)  # (template, was kept)
    differences: list[str] = field(default_factory=list)

    def compare(self, template: str, where: str, was_kept: bool, expected, html) -> None:
        """Note one fragment sent; a difference from the fresh render, with its lines."""
        self.shown.append((template, was_kept))
        if html != expected:
            lines = difflib.unified_diff(
                expected.splitlines(), html.splitlines(), "fresh", "kept", lineterm=""
            )
            self.differences.append(f"{template}{where}:\n" + "\n".join(list(lines)[:24]))


class PanelCheck(KeptCheck):
    def install(self, monkeypatch) -> PanelCheck:
        real = panel_html.render

        def checked(template, panel, page_id, back, panel_tag=None, tag=""):
            before = len(current_app.extensions.get("panel_html", {}))
            html = real(template, panel, page_id, back, panel_tag, tag)
            after = len(current_app.extensions.get("panel_html", {}))
            expected = fresh(template, panel, page_id, back, panel_tag)
            was_kept = after == before and after > 0
            self.compare(template, f" on {page_id} ({back})", was_kept, expected, html)
            return html

        monkeypatch.setattr(panel_html, "render", checked)
        return self
