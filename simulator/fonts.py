"""The simulator's own fonts (static/fonts, made by scripts/fonts.py): their names carry their
content hash, so a phone keeps them for a year instead of asking again on every page (which
also kept the page's text in a fallback font while the answer came)."""

from __future__ import annotations

import re

from flask import Blueprint, Response, request

from simulator.assets import IMMUTABLE

bp = Blueprint("fonts", __name__)
HASHED_FONT = re.compile(r"/static/fonts/[a-z0-9-]+-[0-9a-f]{10}\.woff2")


@bp.after_app_request
def cache_fonts(response: Response) -> Response:
    """A year's cache for a font file whose name has its hash (a new version has a new name)."""
    if response.status_code in (200, 206, 304) and HASHED_FONT.fullmatch(request.path):
        response.headers["Cache-Control"] = IMMUTABLE
    return response
