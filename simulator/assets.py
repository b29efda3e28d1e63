"""Light pages: static files under their content hash, one stylesheet and one script bundle,
small SVG images inline, and gzip for text responses.

- `url_for('static', filename=...)` gives `/static/<name>.<hash>.<ext>` everywhere (a
  url_defaults hook); such a URL is cached for a year (`immutable`). An old or unknown hash
  still answers with the current file, but with `no-cache`, so nothing stale is kept.
- Every page loads `bundle/oefenomgeving.<hash>.css` and `.js`: the source files in static/css
  and static/js stay split and are joined in BUNDLES' order at start-up (again when a source
  file changes). One bundle for all pages, because a learner moves between the sites all the
  time: after the first page, the next page (also on another site) costs only its HTML.
- In templates, `url_for('static', filename='img/x.svg')` of an SVG up to INLINE_MAX bytes is
  the image itself (a data: URI, allowed by the CSP's img-src): no request per icon.
- gzip: bundles and static text files are compressed once; HTML, JSON, CSS, JS and SVG
  responses of at least MIN_GZIP bytes are compressed when the client accepts gzip
  (brotli is left out: browsers offer it only over HTTPS, and a classroom runs plain HTTP).
"""

from __future__ import annotations

import gzip
import hashlib
import logging
import mimetypes
import re
import threading
import time
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import quote

from flask import (
    Flask,
    Response,
    abort,
    current_app,
    has_request_context,
    request,
    send_file,
    url_for,
)
from werkzeug.security import safe_join

from simulator.kept import kept

#: The bundles every page loads, and their source files in order (each file keeps its own
#: scope: the JS files are IIFEs, and each runs even when an earlier one throws).
BUNDLES: dict[str, tuple[str, ...]] = {
    "bundle/oefenomgeving.css": (
        "css/fonts.css",
        "css/base.css",
        "css/shell.css",
        "css/inburgeren.css",
        "css/digid.css",
        "css/mijn.css",
        "css/mijn-forms.css",
        "css/ind.css",
        "css/mail.css",
        "css/phone.css",
        "css/lessons.css",
        "css/woorden.css",
        "css/classroom.css",
    ),
    "bundle/oefenomgeving.js": (
        "js/frame.js",
        "js/phone.js",
        "js/freearea.js",
        "js/overlay.js",
        "js/lesson.js",
        "js/readaloud.js",
        "js/glossary.js",
        "js/digid.js",
        "js/mijn.js",
        "js/mijn-print.js",
        "js/ind.js",
        "js/classroom-dashboard.js",
        "js/classroom-present.js",
    ),
}
INLINE_MAX = 2048  # SVG images up to this size are put in the page as data: URIs
MIN_GZIP = 1024  # smaller bodies are not worth compressing
DYNAMIC_GZIP_LEVEL = 1  # pages and JSON, packed per response (see compress)
MAX_MEMORY = 512 * 1024  # text files up to this size are kept in memory (with their gzip)
IMMUTABLE = "public, max-age=31536000, immutable"
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "text/plain",
}
URLS = "template_urls"  # the URLs templates ask for, kept per app (static_url, url_for)
URLS_KEPT = 2000  # far more than the pages ask for
CHECK_EVERY = 1.0  # seconds between checks whether a source file changed on disk
_HASHED = re.compile(r"^(?P<stem>.+)\.(?P<digest>[0-9a-f]{12})(?P<ext>\.[A-Za-z0-9]+)$")

log = logging.getLogger(__name__)
mimetypes.add_type("image/svg+xml", ".svg")
mimetypes.add_type("text/javascript", ".js")


@dataclass(frozen=True)
class Asset:
    """One servable file or bundle: its bytes (when small enough to keep), hash and type."""

    name: str
    digest: str
    mimetype: str
    body: bytes | None  # None: too big or not text, served from disk
    gzipped: bytes | None  # only when smaller than body
    stamp: tuple[tuple[int, int], ...]  # (mtime_ns, size) of every source file
    checked: float

    @property
    def hashed_name(self) -> str:
        """The name with the content hash before the extension: css/base.<hash>.css."""
        base = self.name.rpartition("/")[2]
        if "." not in base.strip("."):
            return self.name  # no extension: the URL stays as it is
        stem, _dot, ext = self.name.rpartition(".")
        return f"{stem}.{self.digest}.{ext}"


def _mimetype(name: str) -> str:
    return mimetypes.guess_type(name)[0] or "application/octet-stream"


def _is_text(mimetype: str) -> bool:
    return mimetype in COMPRESSIBLE or mimetype.startswith("text/")


def _gzip(body: bytes, level: int = 9) -> bytes | None:
    """gzip (deterministic: no file time), or None when it does not make the body smaller."""
    packed = gzip.compress(body, compresslevel=level, mtime=0)
    return packed if len(packed) < len(body) else None


#: sha256 of a file's or bundle's bytes -> their gzip: an app built after another in the same
#: process (every test builds one) does not compress the same bundles again. Keyed by content,
#: so a changed file is compressed anew; every version a process has served stays here (a few
#: hundred KB per edit of the static files while a server runs).
_packed: dict[str, bytes | None] = {}


def _gzip_once(sha256: str, body: bytes) -> bytes | None:
    """_gzip(body), once per process for the same bytes."""
    if sha256 not in _packed:
        _packed[sha256] = _gzip(body)
    return _packed[sha256]


def _join(name: str, parts: list[tuple[str, bytes]]) -> bytes:
    """A bundle's text: every source with a comment naming it (JS: each in its own try)."""
    chunks = []
    for source, text in parts:
        body = text.decode("utf-8").rstrip()
        if name.endswith(".js"):
            body = (
                f"try {{\n{body}\n}} catch (error) {{ window.setTimeout(function () "
                "{ throw error; }); }"
            )
        chunks.append(f"/* {source} */\n{body}\n")
    return "\n".join(chunks).encode("utf-8")


class Assets:
    """The static folder's files and bundles, with their hashes, cached in memory."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self._cache: dict[str, Asset | None] = {}
        self._inline: dict[tuple[str, str], str] = {}
        self._lock = threading.Lock()

    # -- finding files and bundles -------------------------------------------------------
    def path(self, name: str) -> Path | None:
        """The file under the static folder (never outside it), or None."""
        joined = safe_join(str(self.folder), name)
        if joined is None:
            return None
        path = Path(joined)
        try:
            return path if path.is_file() else None
        except OSError:  # a name too long for the file system, say: not one of ours
            return None

    def _stamp(self, name: str) -> tuple[tuple[int, int], ...] | None:
        sources = BUNDLES.get(name, (name,))
        stamp = []
        for source in sources:
            path = self.path(source)
            if path is None:
                return None
            info = path.stat()
            stamp.append((info.st_mtime_ns, info.st_size))
        return tuple(stamp)

    def _build(self, name: str, stamp: tuple[tuple[int, int], ...]) -> Asset:
        mimetype = _mimetype(name)
        now = time.monotonic()
        if name in BUNDLES:
            body = _join(name, [(s, self.path(s).read_bytes()) for s in BUNDLES[name]])
        elif not _is_text(mimetype) or stamp[0][1] > MAX_MEMORY:  # served from disk
            with self.path(name).open("rb") as f:
                digest = hashlib.file_digest(f, "sha256").hexdigest()[:12]
            return Asset(name, digest, mimetype, None, None, stamp, now)
        else:
            body = self.path(name).read_bytes()
        full = hashlib.sha256(body).hexdigest()
        return Asset(name, full[:12], mimetype, body, _gzip_once(full, body), stamp, now)

    def get(self, name: str) -> Asset | None:
        """The asset for a file or bundle name (rebuilt when its source files changed)."""
        asset = self._cache.get(name)
        if asset is not None and time.monotonic() - asset.checked < CHECK_EVERY:
            return asset
        stamp = self._stamp(name)
        if stamp is None:
            self._cache.pop(name, None)
            return None
        with self._lock:
            asset = self._cache.get(name)
            if asset is None or asset.stamp != stamp:
                asset = self._build(name, stamp)
            else:
                asset = replace(asset, checked=time.monotonic())
            self._cache[name] = asset
        return asset

    def hashed(self, name: str) -> str:
        """The file name to put in a URL: with its hash, or unchanged when it does not exist."""
        asset = self.get(name)
        return asset.hashed_name if asset else name

    def inline(self, name: str) -> str | None:
        """A small SVG image as a data: URI, or None when it is not one."""
        if not name.endswith(".svg"):
            return None
        asset = self.get(name)
        if asset is None or asset.body is None or len(asset.body) > INLINE_MAX:
            return None
        key = (name, asset.digest)
        if key not in self._inline:
            self._inline[key] = _data_uri(asset.body)
        return self._inline[key]

    def resolve(self, filename: str) -> tuple[Asset | None, bool]:
        """What a /static/<filename> URL asks for: the asset, and whether its hash is current."""
        asset = self.get(filename)
        if asset is not None:
            return asset, False
        match = _HASHED.match(filename)
        if not match:
            return None, False
        asset = self.get(match["stem"] + match["ext"])
        return asset, bool(asset and asset.digest == match["digest"])


def _data_uri(svg: bytes) -> str:
    """An SVG as a compact, URL-encoded data: URI (no base64: it compresses better)."""
    text = re.sub(r"\s+", " ", svg.decode("utf-8")).strip()
    text = re.sub(r"<\?xml[^>]*\?>\s*", "", text)
    # Quotes and <>& are percent-encoded: the URI needs no HTML escaping in an attribute.
    return "data:image/svg+xml," + quote(text, safe=" /:=;,()._-!~*@+?")


# -- Flask ------------------------------------------------------------------------------
def _assets() -> Assets:
    return current_app.extensions["assets"]


def static_url(filename: str) -> str:
    """A static file's URL for a template: a small SVG inline, anything else hashed (made
    once per file version and app root: a page asks for the same few on every request)."""
    assets = _assets()

    def make() -> str:
        return assets.inline(filename) or url_for("static", filename=filename)

    if not has_request_context():
        return make()
    asset = assets.get(filename)  # a changed file gets a new digest, so a new URL
    key = ("static", filename, asset.digest if asset else None, request.script_root)
    return kept(URLS, URLS_KEPT, key, make)


def bundle_url(kind: str) -> str:
    """The URL of the stylesheet ('css') or script ('js') bundle."""
    return static_url(f"bundle/oefenomgeving.{kind}")


def _template_url_for(endpoint: str, **values) -> str:
    if not has_request_context():
        return url_for(endpoint, **values)
    if endpoint == "static" and set(values) == {"filename"}:
        return static_url(values["filename"])
    if values or endpoint.startswith("."):
        return url_for(endpoint, **values)
    # a page of the sandbox or the shell without parameters: the same URL on every request
    return kept(URLS, URLS_KEPT, (endpoint, request.script_root), lambda: url_for(endpoint))


def _hash_static_urls(endpoint: str, values: dict) -> None:
    if endpoint == "static" and isinstance(values.get("filename"), str):
        values["filename"] = _assets().hashed(values["filename"])


def accepts_gzip() -> bool:
    """Whether the client accepts a gzip body."""
    return request.accept_encodings.quality("gzip") > 0


def serve_static(filename: str) -> Response:
    """A static file or bundle: a year in the cache under its current hash, else no-cache."""
    asset, current = _assets().resolve(filename)
    if asset is None:
        abort(404)
    if asset.body is None:
        path = _assets().path(asset.name)
        if path is None:
            abort(404)
        response = send_file(path, mimetype=asset.mimetype, etag=asset.digest, conditional=True)
    else:
        gz = asset.gzipped is not None and accepts_gzip()
        response = Response(asset.gzipped if gz else asset.body, mimetype=asset.mimetype)
        response.set_etag(f"{asset.digest}-gz" if gz else asset.digest)
        if gz:
            response.headers["Content-Encoding"] = "gzip"
        if asset.gzipped is not None:
            response.vary.add("Accept-Encoding")
        response.make_conditional(request)
    response.headers["Cache-Control"] = IMMUTABLE if current else "no-cache"
    return response


def compress(response: Response) -> Response:
    """gzip a text response worth it when the client accepts gzip (HTML, JSON, CSS, JS, SVG)."""
    if (
        response.direct_passthrough
        or response.is_streamed
        or response.status_code in (204, 206, 304)
        or response.status_code < 200
        or "Content-Encoding" in response.headers
        or response.mimetype not in COMPRESSIBLE
    ):
        return response
    response.vary.add("Accept-Encoding")
    if not accepts_gzip():
        return response
    body = response.get_data()
    if len(body) < MIN_GZIP:
        return response
    # level 1: the 15 KB start page in 112 us instead of 206 us at level 4 (270 at 6), for 10 %
    # more bytes (4127 instead of 3764; 12-03); static files and bundles are packed once, at 9
    packed = _gzip(body, level=DYNAMIC_GZIP_LEVEL)
    if packed is None:
        return response
    response.set_data(packed)
    response.headers["Content-Encoding"] = "gzip"
    etag, weak = response.get_etag()
    if etag and not weak:
        response.set_etag(etag, weak=True)
    return response


def init_app(app: Flask) -> None:
    """Serve /static through the asset cache, hash static URLs, compress responses."""
    files = app.extensions["assets"] = Assets(app.static_folder)
    for name, sources in BUNDLES.items():  # built now, so the first page need not wait
        if files.get(name) is None:
            missing = [s for s in sources if files.path(s) is None]
            log.error("Bundle %s cannot be built, missing in static/: %s", name, missing)
    app.view_functions["static"] = serve_static
    app.url_defaults(_hash_static_urls)
    app.after_request(compress)
    app.jinja_env.globals.update(
        url_for=_template_url_for, static_url=static_url, bundle_url=bundle_url
    )
