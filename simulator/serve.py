"""Start the simulator with waitress: `oefenomgeving [--host 0.0.0.0] [--port 5000]`.

waitress is pure Python and runs the same on Windows, macOS and Linux. It keeps every open
connection in one event loop and runs requests on a pool of threads, so threads only limit how
many requests are worked on at the same moment, not how many learners are connected: a class
of 30 (each browser keeps up to 6 connections open) fits in CONNECTION_LIMIT.
"""

from __future__ import annotations

import argparse
import contextlib
import logging
import signal
import socket
import sys

from flask import Flask
from waitress.channel import HTTPChannel
from waitress.server import BaseWSGIServer, create_server
from waitress.task import ErrorTask, WSGITask

from simulator import create_app, server_errors
from simulator.classroom import setup as classroom_setup

# Requests worked on at the same moment. Python runs one thread of a process at a time, so more
# threads do not do more; a thread that waits (on SQLite's write lock, on espeak-ng making a
# text read aloud for the first time) leaves the interpreter to the others. With 300 learners
# walking the chapter, 4 and 8 answer alike (page p95 14 and 18 ms with 4, 16 with 8); with
# twice that load, when the process is saturated, 4 answered 15 % sooner (docs/benchmarks.md,
# 12-04).
THREADS = 4
# A class of 30 and a begeleider needs about 190 (a browser keeps up to 6 open); 300 learners
# walking the chapter keep one or two each (docs/benchmarks.md). Windows' select() takes at
# most 512 sockets, so not more.
CONNECTION_LIMIT = 500
CHANNEL_TIMEOUT = 60  # seconds before an idle connection is closed
MAX_HEADER = 8 * 1024  # request line + headers; longer answers 431 (like nginx's 8 KB)
MAX_BODY = 1024 * 1024  # bigger bodies are refused before the app (which allows 64 KB)


class DutchErrorTask(ErrorTask):
    """waitress's own error answer (too long headers, too big body, bad request), in Dutch."""

    def execute(self) -> None:
        status, headers, body = server_errors.page(self.request.error.code)
        self.status = status
        self.response_headers.extend(headers)
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)
        self.channel.refused = True


class KeepAliveTask(WSGITask):
    """waitress closes the connection after every answer without a Content-Length, also
    after a 304 or a 204, which never have a body (and may not say a length): the lesson
    panel's status poll, a 304 every 2 s, cost each learner a new connection every time, and
    the browser waited for it. A bodiless answer keeps the connection open."""

    _bodiless = False

    def build_response_header(self) -> bytes:
        asked_close = self.request.headers.get("CONNECTION", "").lower() == "close" or any(
            name.lower() == "connection" and value.lower() == "close"
            for name, value in self.response_headers
        )
        self._bodiless = (
            not self.has_body and self.version == "1.1" and not asked_close
        ) and not self.close_on_finish
        try:
            return super().build_response_header()
        finally:
            self._bodiless = False

    def set_close_on_finish(self) -> None:
        if not self._bodiless:  # no body, so no length needed to find the next answer
            super().set_close_on_finish()


class DutchErrorChannel(HTTPChannel):
    """A waitress connection whose server-made answers are Dutch, kept open after a 304."""

    task_class = KeepAliveTask
    error_task_class = DutchErrorTask
    refused = False

    def handle_close(self) -> None:
        """Close; after a refusal, first read what the client already sent: a socket closed
        with unread data answers with a reset, and the browser would show a connection error
        instead of the Dutch page."""
        if self.refused and self.socket is not None:
            with contextlib.suppress(OSError):
                self.socket.setblocking(False)
                for _ in range(64):
                    if not self.socket.recv(65536):
                        break
        super().handle_close()


def addresses(host: str, port: int) -> list[str]:
    """The addresses learners can open for this host and port."""
    if host not in ("0.0.0.0", "::", ""):
        return [f"http://{host}:{port}"]
    found = {"127.0.0.1"} | _interface_addresses()
    try:
        found.update(
            info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        )
    except OSError:
        pass
    return [f"http://{ip}:{port}" for ip in sorted(found)]


def _interface_addresses() -> set[str]:
    """IPv4 addresses of this machine's network interfaces (Linux; no traffic is sent)."""
    found: set[str] = set()
    try:
        import fcntl
        import struct

        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for _index, name in socket.if_nameindex():
                try:
                    packed = fcntl.ioctl(
                        sock.fileno(), 0x8915, struct.pack("256s", name[:15].encode())
                    )  # SIOCGIFADDR
                except OSError:
                    continue
                found.add(socket.inet_ntoa(packed[20:24]))
    except (ImportError, OSError):
        pass
    return found


def build_app() -> Flask:
    """The app to serve, its database brought up to date first (once, before any request)."""
    return create_app(upgrade=True)  # the embedded start brings an older database up to date


def make_server(app: Flask, host: str, port: int, threads: int = THREADS):
    """A waitress server for the app (not yet running), with Dutch error answers."""
    sockets: dict = {}
    server = create_server(
        app,
        map=sockets,
        host=host,
        port=port,
        threads=threads,
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=CHANNEL_TIMEOUT,
        max_request_header_size=MAX_HEADER,
        max_request_body_size=MAX_BODY,
        ident="Oefenomgeving",
        asyncore_use_poll=True,
    )
    for listener in sockets.values():
        if isinstance(listener, BaseWSGIServer):
            listener.channel_class = DutchErrorChannel
    return server


def _raise_file_limit(wanted: int) -> None:
    """Allow enough open files for the connections (macOS starts with 256)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit for sockets here
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
    if soft != resource.RLIM_INFINITY and soft < target:
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            pass


def _stop_on_sigterm() -> None:
    """Let SIGTERM stop the server the way Ctrl+C does (closing connections cleanly)."""
    if hasattr(signal, "SIGTERM"):
        signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))


def main(argv: list[str] | None = None) -> None:
    """The command `oefenomgeving` (and `python run.py`): serve until Ctrl+C."""
    parser = argparse.ArgumentParser(prog="oefenomgeving", description="Start de Oefenomgeving.")
    parser.add_argument(
        "--host", default="127.0.0.1", help="0.0.0.0 = open voor de hele klas (lokaal netwerk)"
    )
    parser.add_argument("--port", type=int, default=5000, help="poort (standaard 5000)")
    parser.add_argument(
        "--threads", type=int, default=THREADS, help=f"verzoeken tegelijk (standaard {THREADS})"
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(message)s")
    app = build_app()
    _raise_file_limit(CONNECTION_LIMIT + 100)
    try:
        server = make_server(app, args.host, args.port, args.threads)
    except OSError as error:
        sys.exit(
            f"De oefenomgeving kan niet starten op poort {args.port}: {error.strerror or error}.\n"
            f"Draait hij al? Of kies een andere poort: oefenomgeving --port {args.port + 1}"
        )
    print("Oefenomgeving draait. Open in de browser:", flush=True)
    for address in addresses(args.host, args.port):
        print(f"  {address}/", flush=True)
    for line in classroom_setup.announce(app, addresses(args.host, args.port)):
        print(line, flush=True)  # the join page's address; the first begeleider's link
    print(f"Gegevens van de leerlingen: {app.instance_path}", flush=True)
    print("Stoppen: Ctrl+C", flush=True)
    _stop_on_sigterm()
    try:
        server.run()
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        server.close()
        print("De oefenomgeving is gestopt.", flush=True)


if __name__ == "__main__":
    main()
