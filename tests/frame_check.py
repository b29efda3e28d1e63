"""Every kept fragment of the frame a test's app sends (simulator/kept.kept_html: the
Oefenomgeving bar, the browser bar) is also rendered afresh with the learner's own values;
tests/conftest.py installs this for every test (before its app is made) and fails a test
whose app sent a kept fragment that differs from the fresh one."""

from __future__ import annotations

from flask import current_app
from jinja2 import pass_context
from markupsafe import Markup

from simulator import kept
from tests.panel_check import KeptCheck


class FrameCheck(KeptCheck):
    def install(self, monkeypatch) -> FrameCheck:
        real = kept.kept_html

        @pass_context
        def checked(ctx, template, key=(), **values):
            before = len(current_app.extensions.get(kept.FRAGMENTS, {}))
            html = real(ctx, template, key, **values)
            after = len(current_app.extensions.get(kept.FRAGMENTS, {}))
            expected = Markup(
                ctx.environment.get_template(template).render({**ctx.get_all(), **values})
            )
            self.compare(template, "", after == before and after > 0, expected, html)
            return html

        monkeypatch.setattr(kept, "kept_html", checked)
        return self
