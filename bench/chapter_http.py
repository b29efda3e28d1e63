"""A lean browser for the chapter benchmark: asyncio HTTP/1.1 with keep-alive, cookies, gzip.

One `Browser` is one learner's browser. It keeps one keep-alive connection per server port
(several ports: the requests go round-robin over them, the cookies are shared, as behind a
load balancer), follows redirects, keeps the session cookie, sends the status poll with the
tag lesson.js gives it (or, without one, the ETag of the last answer for that address, as
the browser's HTTP cache does), and fetches a page's stylesheet, script, images and fonts once (they are immutable). Every
request is timed and counted per kind in a shared `Tally`; a 5xx, a broken connection (after
one retry on a fresh connection, as browsers do on a closed keep-alive) or a timeout is an
error there.
"""

from __future__ import annotations

import asyncio
import re
import time
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from urllib.parse import urlencode, urljoin, urlsplit

HOST = "127.0.0.1"
TIMEOUT = 30.0  # seconds for one request (a browser waits longer; a learner does not)
KINDS = ("page", "action", "poll", "phone", "static")
ASSET = re.compile(r'(?:href|src)="(/static/[^"]+)"')
FONT = re.compile(r"url\(\.\./(fonts/[^)]*latin[^)]*\.woff2)\)")  # Dutch pages: latin only


class HttpError(Exception):
    """A request that got no answer (broken connection, timeout)."""


@dataclass
class Tally:
    """What all learners saw: latencies per kind, statuses, errors (one event loop: no lock)."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    errors: list[tuple[float, str]] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)
    #: (time.monotonic() at the start, kind, seconds) of every request
    timeline: list[tuple[float, str, float]] = field(default_factory=list)

    def error(self, what: str) -> None:
        self.errors.append((time.time(), what))


@dataclass
class Response:
    status: int
    headers: dict[str, list[str]]
    body: bytes
    url: str = ""

    def header(self, name: str) -> str:
        values = self.headers.get(name.lower())
        return values[0] if values else ""

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


class Connection:
    """One keep-alive HTTP/1.1 connection (opened when first used, again after a close)."""

    def __init__(self, port: int):
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None
        self.used = False  # has carried a request: a failure may be a closed keep-alive

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None
        self.used = False

    async def send(self, head: bytes, body: bytes) -> Response:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        self.writer.write(head + body)
        await self.writer.drain()
        self.used = True
        return await self._read()

    async def _read(self) -> Response:
        reader = self.reader
        status_line = await reader.readline()
        if not status_line:
            raise ConnectionResetError("closed before the answer")
        status = int(status_line.split(b" ", 2)[1])
        headers: dict[str, list[str]] = {}
        while True:
            line = await reader.readline()
            if line in (b"\r\n", b"\n", b""):
                break
            name, _, value = line.decode("latin-1").partition(":")
            headers.setdefault(name.strip().lower(), []).append(value.strip())
        length = headers.get("content-length")
        if status in (204, 304) or 100 <= status < 200:
            body = b""
        elif length:
            body = await reader.readexactly(int(length[0]))
        elif "chunked" in ",".join(headers.get("transfer-encoding", [])):
            body = await self._chunked()
        else:
            body = await reader.read()
            self.close()
        if "close" in ",".join(headers.get("connection", [])).lower():
            self.close()
        if "gzip" in ",".join(headers.get("content-encoding", [])):
            body = zlib.decompress(body, 16 + zlib.MAX_WBITS)
        return Response(status, headers, body)

    async def _chunked(self) -> bytes:
        parts = []
        while True:
            size = int((await self.reader.readline()).split(b";")[0], 16)
            if size == 0:
                await self.reader.readline()
                return b"".join(parts)
            parts.append(await self.reader.readexactly(size))
            await self.reader.readline()


class Browser:
    """One learner's browser over one or more ports (round-robin, shared cookies)."""

    def __init__(self, ports: list[int], tally: Tally, first: int = 0):
        self.connections = [Connection(port) for port in ports]
        self.turn = first  # which port the next request goes to
        self.tally = tally
        self.cookies: dict[str, str] = {}
        self.etags: dict[str, str] = {}  # HTTP cache: status poll address -> ETag of its answer
        self.cached: set[str] = set()  # static files already in the browser's cache

    async def request(
        self,
        kind: str,
        method: str,
        path: str,
        form: dict | list | None = None,
        headers: dict | None = None,
        raw: bytes | None = None,
    ) -> Response:
        """One request, timed as `kind` (a form, or a raw body with its Content-Type in
        headers); raises HttpError when no answer came."""
        body = urlencode(form, doseq=True).encode() if form is not None else raw or b""
        lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", "Accept-Encoding: gzip"]
        if self.cookies:
            lines.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if form is not None:
            lines += ["Content-Type: application/x-www-form-urlencoded"]
        if method == "POST":
            lines.append(f"Content-Length: {len(body)}")
        lines += [f"{k}: {v}" for k, v in (headers or {}).items()]
        head = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        conn = self.connections[self.turn % len(self.connections)]
        self.turn += 1
        start = time.perf_counter()
        for attempt in (1, 2):
            retry = conn.used  # a closed keep-alive: a browser sends it again on a new one
            try:
                response = await asyncio.wait_for(conn.send(head, body), TIMEOUT)
                break
            except (OSError, asyncio.IncompleteReadError, ValueError, IndexError) as exc:
                conn.close()
                if attempt == 2 or not retry:
                    self.tally.error(f"{method} {path}: {type(exc).__name__} {exc}")
                    self.tally.counts["no_answer"] += 1
                    raise HttpError(path) from exc
                self.tally.counts["reconnects"] += 1
            except TimeoutError as exc:
                conn.close()
                self.tally.error(f"{method} {path}: no answer in {TIMEOUT:g} s")
                self.tally.counts["no_answer"] += 1
                raise HttpError(path) from exc
        took = time.perf_counter() - start
        self.tally.latencies[kind].append(took)
        self.tally.timeline.append((time.monotonic() - took, kind, took))
        self.tally.statuses[kind][response.status] += 1
        response.url = path
        self._keep_cookies(response)
        if response.status >= 400:
            self.tally.error(f"{method} {path}: {response.status}")
        return response

    def _keep_cookies(self, response: Response) -> None:
        for value in response.headers.get("set-cookie", []):
            pair, _, attributes = value.partition(";")
            name, _, content = pair.strip().partition("=")
            gone = "max-age=0" in attributes.lower() or "1970" in attributes
            if gone:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = content

    async def get(self, path: str) -> Response:
        """Open a page: follow redirects, then fetch what the page needs that is not cached."""
        return await self._follow(await self.request("page", "GET", path))

    async def post(self, path: str, form: dict | list, headers=None) -> Response:
        """Send a form (an action), then follow its redirect like the browser."""
        return await self._follow(await self.request("action", "POST", path, form, headers))

    async def _follow(self, response: Response) -> Response:
        for _ in range(10):
            if response.status not in (301, 302, 303, 307, 308):
                break
            target = urljoin(response.url, response.header("location"))
            parts = urlsplit(target)
            local = parts.path + (f"?{parts.query}" if parts.query else "")
            response = await self.request("page", "GET", local)
        if response.header("content-type").startswith("text/html"):
            await self._assets(response.text)
        return response

    async def _assets(self, html: str) -> None:
        for path in ASSET.findall(html):
            if path in self.cached:
                continue
            self.cached.add(path)
            css = await self.request("static", "GET", path)
            if path.endswith(".css"):
                base = path.rsplit("/", 2)[0] + "/"
                for font in FONT.findall(css.text):
                    if base + font not in self.cached:
                        self.cached.add(base + font)
                        await self.request("static", "GET", base + font)

    async def poll(self, path: str, tag: str = "") -> Response:
        """The lesson panel's status poll as lesson.js sends it: with the tag of the panel it
        shows (the page's, then the last answer's); without one, the browser's HTTP cache
        makes it conditional on the last answer for this address."""
        sent = {"Accept": "application/json"}
        if tag or path in self.etags:
            sent["If-None-Match"] = tag or self.etags[path]
        response = await self.request("poll", "GET", path, headers=sent)
        if response.header("etag") and response.status == 200:
            self.etags[path] = response.header("etag")
        return response

    def close(self) -> None:
        for conn in self.connections:
            conn.close()
