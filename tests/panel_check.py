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
class PanelCheck:
    shown: list[tuple[str, bool]] = field(default_factory=list)  # (template, was kept)
    differences: list[str] = field(default_factory=list)

    def install(self, monkeypatch) -> PanelCheck:
        real = panel_html.render

        def checked(template, panel, page_id, back, panel_tag=None, tag=""):
            before = len(current_app.extensions.get("panel_html", {}))
            html = real(template, panel, page_id, back, panel_tag, tag)
            after = len(current_app.extensions.get("panel_html", {}))
            self.shown.append((template, after == before and after > 0))
            expected = fresh(template, panel, page_id, back, panel_tag)
            if html != expected:
                lines = difflib.unified_diff(
                    expected.splitlines(), html.splitlines(), "fresh", "kept", lineterm=""
                )
                self.differences.append(
                    f"{template} on {page_id} ({back}):\n" + "\n".join(list(lines)[:24])
                )
            return html

        monkeypatch.setattr(panel_html, "render", checked)
        return self
