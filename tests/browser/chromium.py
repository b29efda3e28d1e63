"""Debian's Chromium for the browser tests and benchmarks, and what a page load costs on the
network, measured through Chromium's DevTools protocol (shared by the page-weight test and
bench/): requests that went to the network (not answered from the browser's cache), their
encodedDataLength (bytes on the wire, headers included), and requests outside the simulator.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CHROMIUM = "/usr/bin/chromium"
#: The tests' browser: the same Chromium build without its windowing layer (Debian's
#: chromium-headless-shell, the "old headless" Playwright itself uses when it runs headless).
#: It lays out and runs pages as the full browser does, at about 60 % of its CPU, which is most
#: of the suite's time. The benchmarks of what a learner's browser loads keep CHROMIUM.
TEST_CHROMIUM = "/usr/bin/chromium-headless-shell"
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A Dutch classroom computer: Accept-Language nl (the interface's first guess). A test of
    # another language sets `locale` on its context, which wins.
    "--accept-lang=nl-NL",
]


@dataclass
class Load:
    """What one page load cost on the network."""

    requests: int = 0
    bytes: int = 0
    outside: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)


class Meter:
    """Network events of one page through a CDP session: requests on the wire and their bytes."""

    def __init__(self, context, page, base: str):
        self.base = base
        self.cdp = context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self._sent: dict[str, str] = {}
        self._cached: set[str] = set()
        self._bytes: dict[str, int] = {}
        self._hops = 0
        self._hop_bytes = 0
        self.cdp.on("Network.requestWillBeSent", self._will_be_sent)
        self.cdp.on("Network.requestServedFromCache", lambda e: self._cached.add(e["requestId"]))
        self.cdp.on("Network.responseReceived", self._response)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _will_be_sent(self, event: dict) -> None:
        url = event["request"]["url"]
        if url.startswith("data:"):
            return
        redirect = event.get("redirectResponse")
        if redirect:  # the previous hop of a redirect was a request of its own
            self._hops += 1
            self._hop_bytes += int(redirect.get("encodedDataLength", 0))
        self._sent[event["requestId"]] = url

    def _response(self, event: dict) -> None:
        response = event["response"]
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            self._cached.add(event["requestId"])

    def _finished(self, event: dict) -> None:
        self._bytes[event["requestId"]] = int(event.get("encodedDataLength", 0))

    def reset(self) -> None:
        """Start counting a new page load."""
        self._sent.clear()
        self._cached.clear()
        self._bytes.clear()
        self._hops = self._hop_bytes = 0

    def settle(self, page, quiet_ms: int = 600) -> Load:
        """Wait for the load event and a quiet network, then report what went over the wire."""
        page.wait_for_load_state("load")
        page.wait_for_timeout(quiet_ms)
        load = Load(requests=self._hops, bytes=self._hop_bytes)
        for request_id, url in self._sent.items():
            if request_id in self._cached:
                continue
            if not url.startswith(self.base):
                load.outside.append(url)
            load.requests += 1
            load.bytes += self._bytes.get(request_id, 0)
            load.urls.append(url[len(self.base) :])
        return load
