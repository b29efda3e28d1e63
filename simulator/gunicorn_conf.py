"""gunicorn settings for the scaled-out server (more learners than one waitress serves).

    gunicorn -c python:simulator.gunicorn_conf -b 0.0.0.0:8000

Worker processes with threads (gthread): a process per core runs Python in parallel, threads
wait on the database, and idle keep-alive connections wait in the worker's poller without a
thread. gunicorn's own answers to requests it refuses before the app (a too long address
or headers, an unreadable request) are Dutch, with our security headers (DutchErrorWorker).
Every value can still be changed on the command line (-w, --threads, -b, ...).
"""

from __future__ import annotations

import os

from gunicorn.workers.gthread import ThreadWorker

from simulator import server_errors

wsgi_app = "simulator:create_app()"
worker_class = "simulator.gunicorn_conf.DutchErrorWorker"
workers = max(2, min(os.cpu_count() or 1, 8))
# requests in progress per worker. Python runs one thread of a process at a time: more threads
# do not run more, they wait on each other for the interpreter lock. Under twice benchmark c's
# load, 4 threads answered pages and actions 15-20 % sooner than 8 at the same CPU per request,
# and with other processes taking the cores (`--busy 4`) page p95 36 against 45 ms
# (docs/benchmarks.md, 12-03/04 and 12-04); 3 made the status poll slower. A thread waiting on the
# database or on espeak-ng (a text read aloud for the first time, about 0.1 s) leaves the
# interpreter to the others.
threads = 4
# seconds an idle connection stays open. Above the time between two requests of a learner on
# one connection: the lesson panel polls every 2 s, but behind a load balancer that spreads a
# browser's requests over two instances each one sees every other request, and a slow answer
# widens the gap (at 5 s, benchmark c's scaled run reopened 3819 connections, 11009 when
# slow). A balancer in front should close its idle connections to the instances sooner
# (docs/OPERATIONS.md), else it may send on one the worker is just closing. An idle
# connection waits in the worker's poller, without a thread.
keepalive = 20
timeout = 30
graceful_timeout = 30
# the worker's heartbeat: gunicorn touches a file in this folder on every turn of its loop;
# in memory (Linux's /dev/shm) that costs no disk metadata write (gunicorn's own advice)
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
limit_request_line = 4094  # longer answers 414 (gunicorn's default, stated here)
limit_request_fields = 100
limit_request_field_size = 8190  # a longer header answers 431


def on_starting(server) -> None:
    """Create (and upgrade) the store once in the master, before any worker starts."""
    from simulator.serve import build_app

    app = build_app()
    app.extensions["store"].engine.dispose()  # workers open their own connections


class _ErrorPageSocket:
    """The client socket as gunicorn's error handler sees it: the status it decided on stays,
    its English page is replaced by ours."""

    def __init__(self, sock):
        self._sock = sock

    def __getattr__(self, name: str):
        return getattr(self._sock, name)

    def sendall(self, data: bytes) -> None:
        """Send gunicorn's error answer, as the Dutch page for the same status."""
        parts = data.split(b"\r\n", 1)[0].split(b" ", 2)
        if len(parts) >= 2 and parts[0].startswith(b"HTTP/") and parts[1].isdigit():
            data = server_errors.http_response(int(parts[1]))
        self._sock.sendall(data)


class DutchErrorWorker(ThreadWorker):
    """gthread, with gunicorn's own error answers (400, 414, 431, ...) in Dutch."""

    def handle_error(self, req, client, addr, exc) -> None:
        """Log and answer a request gunicorn refused, the answer being our Dutch page."""
        super().handle_error(req, _ErrorPageSocket(client), addr, exc)
