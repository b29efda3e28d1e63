"""Chunked request bodies against real servers (Werkzeug's, gunicorn gthread, waitress).

A raw socket sends `Transfer-Encoding: chunked` framing, as curl or a script would: over the
64 KB limit the server answers the Dutch 413 page and "Begin opnieuw" resets nothing; under
the limit the same request works.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from simulator import create_app

ROOT = Path(__file__).resolve().parent.parent.parent
TOKEN_RE = re.compile(r'name="csrf_token" value="([^"]+)"')


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def cookies_set(headers: list[tuple[str, str]]) -> dict[str, str]:
    """name -> value of every Set-Cookie in a response's headers."""
    found = {}
    for name, value in headers:
        if name.lower() == "set-cookie":
            pair = value.split(";")[0]
            found[pair.partition("=")[0]] = pair.partition("=")[2]
    return found


def cookie_header(jar: dict[str, str]) -> str:
    return "; ".join(f"{k}={v}" for k, v in jar.items())


def start_page(port: int) -> tuple[dict[str, str], str]:
    """GET /opnieuw like a browser: the cookies it sets and the form's CSRF token."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", "/opnieuw")
    response = conn.getresponse()
    html = response.read().decode()
    jar = cookies_set(response.getheaders())
    conn.close()
    return jar, TOKEN_RE.search(html).group(1)


def start_page_with(port: int, jar: dict[str, str]) -> tuple[dict[str, str], str]:
    """GET /opnieuw with the browser's cookies: the form's CSRF token now."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", "/opnieuw", headers={"Cookie": cookie_header(jar)})
    response = conn.getresponse()
    html = response.read().decode()
    jar.update(cookies_set(response.getheaders()))
    conn.close()
    return jar, TOKEN_RE.search(html).group(1)


def current_scenario(port: int, jar: dict[str, str]) -> str:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", "/opnieuw", headers={"Cookie": cookie_header(jar)})
    html = conn.getresponse().read().decode()
    conn.close()
    return re.search(r'name="scenario" id="scenario-[^"]+" value="([^"]+)" checked', html).group(1)


def chunked_post(port: int, path: str, jar: dict[str, str], body: bytes, chunk: int = 8192):
    """Send body with chunked framing over a raw socket; return (status, response text).

    The cookies the answer sets go into jar, as a browser keeps them."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        head = (
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nCookie: {cookie_header(jar)}\r\n"
            "Content-Type: application/x-www-form-urlencoded\r\n"
            "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
        )
        framed = bytearray(head.encode())
        for start in range(0, len(body), chunk):
            piece = body[start : start + chunk]
            framed += f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
        framed += b"0\r\n\r\n"
        try:
            sock.sendall(framed)
            sock.shutdown(socket.SHUT_WR)  # done sending (Werkzeug's server drains to the end)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the server may answer and close before reading everything: fine
        answer = b""
        while True:
            try:
                data = sock.recv(65536)
            except ConnectionResetError:
                break
            if not data:
                break
            answer += data
    status_line, _, rest = answer.partition(b"\r\n")
    head_lines = rest.partition(b"\r\n\r\n")[0].decode("latin-1").split("\r\n")
    jar.update(cookies_set([tuple(h.split(": ", 1)) for h in head_lines if ": " in h]))
    return int(status_line.split()[1]), rest.decode("utf-8", "replace")


def check_server(port: int) -> None:
    """The reproduction of issue 10.7 against a running server on port."""
    jar, token = start_page(port)
    status, _ = chunked_post(port, "/opnieuw", jar, f"csrf_token={token}&scenario=nieuw".encode())
    assert status == 302
    assert current_scenario(port, jar) == "nieuw"
    _, token = start_page_with(port, jar)  # "Begin opnieuw" gave the session a new token
    big = f"csrf_token={token}&scenario=standaard&x=".encode() + b"a" * 100_000
    status, text = chunked_post(port, "/opnieuw", jar, big)
    assert status == 413
    assert "<h1>Te veel tekst</h1>" in text
    assert current_scenario(port, jar) == "nieuw"


def wait_for(port: int, proc: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"server stopped: {proc.stderr.read().decode()[-2000:]}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.2)
    raise AssertionError("server did not start")


def test_werkzeug_server_refuses_a_chunked_body_over_the_limit(tmp_path):
    app = create_app({"INSTANCE_PATH": str(tmp_path / "instance"), "SECRET_KEY": "t"})
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        check_server(server.server_port)
    finally:
        server.shutdown()
        app.extensions["store"].engine.dispose()


def check_subprocess_server(tmp_path, command: list[str], port: int) -> None:
    """Start a server process on a fresh instance folder, check it, stop it."""
    env = dict(
        os.environ,
        SIMULATOR_INSTANCE_PATH=str(tmp_path / "instance"),
        SIMULATOR_SECRET_KEY="t",
    )
    proc = subprocess.Popen(command, cwd=ROOT, env=env, stderr=subprocess.PIPE)
    try:
        wait_for(port, proc)
        check_server(port)
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def test_gunicorn_gthread_refuses_a_chunked_body_over_the_limit(tmp_path):
    pytest.importorskip("gunicorn")
    port = free_port()
    check_subprocess_server(
        tmp_path,
        [sys.executable, "-m", "gunicorn", "-k", "gthread", "-w", "1", "--threads", "2",
         "-b", f"127.0.0.1:{port}", "simulator:create_app()"],
        port,
    )  # fmt: skip


def test_waitress_refuses_a_chunked_body_over_the_limit(tmp_path):
    pytest.importorskip("waitress")
    port = free_port()
    check_subprocess_server(
        tmp_path,
        [sys.executable, "-m", "waitress", "--listen", f"127.0.0.1:{port}", "--call",
         "simulator:create_app"],
        port,
    )  # fmt: skip
