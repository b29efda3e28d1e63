"""Every kept fragment of the frame a test's app sends (simulator/kept.kept_html: the
Oefenomgeving bar, the browser bar) is also rendered afresh with the learner's own values;
tests/conftest.py installs this for every test (before its app is made) and fails a test
whose app sent a kept fragment that differs from the fresh one."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field

from jinja2 import pass_context
from markupsafe import Markup

from simulator import kept


@dataclass
class FrameCheck:
    shown: list[tuple[str, bool]] = field(default_factory=list)  # (template, was kept)
    differences: list[str] = field(default_factory=list)

    def install(self, monkeypatch) -> FrameCheck:
        real = kept.kept_html

        @pass_context
        def checked(ctx, template, key=(), **values):
            from flask import current_app

            before = len(current_app.extensions.get(kept.FRAGMENTS, {}))
            html = real(ctx, template, key, **values)
            after = len(current_app.extensions.get(kept.FRAGMENTS, {}))
            self.shown.append((template, after == before and after > 0))
            found = ctx.environment.get_template(template)
            expected = Markup(found.render({**ctx.get_all(), **values}))
            if html != expected:
                lines = difflib.unified_diff(
                    expected.splitlines(), html.splitlines(), "fresh", "kept", lineterm=""
                )
                self.differences.append(f"{template}:\n" + "\n".join(list(lines)[:24]))
            return html

        monkeypatch.setattr(kept, "kept_html", checked)
        return self
