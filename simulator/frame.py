"""The learner's frame around every page: address bar and template helpers."""

from __future__ import annotations

from flask import Flask
from jinja2 import pass_context

from simulator import kept
from simulator.i18n import pick
from simulator.sandbox import money
from simulator.sites.common import external_url, sandbox_address


@pass_context
def tr(ctx, nl: str, en: str) -> str:
    """Choose the Dutch or English text by the page's language."""
    return en if ctx.get("lang") == "en" else nl


@pass_context
def text_filter(ctx, value) -> str:
    """{{ scenario_text | text }}: a per-language text in the page's language."""
    return pick(value, ctx.get("lang") or "nl")


def _context() -> dict:
    return {"address": sandbox_address(), "external_url": external_url}


def init_app(app: Flask) -> None:
    app.context_processor(_context)
    app.jinja_env.globals["tr"] = tr
    app.jinja_env.globals["kept_html"] = kept.kept_html  # looked up here: tests check it
    app.jinja_env.filters["text"] = text_filter
    app.jinja_env.filters["euro"] = money.fmt
    app.jinja_env.filters["euro_en"] = money.fmt_en
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
