"""The real servers, started as a volunteer or an administrator would: the `oefenomgeving`
command and `python run.py` (waitress), gunicorn with simulator/gunicorn_conf.py, and the
package as `pip install .` installs it. Each runs on a free port and is stopped again."""

from __future__ import annotations

import contextlib
import gzip
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from simulator import ROOT
from simulator.serve import addresses

BIN = Path(sys.executable).parent
NOT_SOURCE = (
    ".git",
    ".venv",
    "instance",
    "build",
    "*.egg-info",
    "__pycache__",
    ".ruff_cache",
    "test-results",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running(
    command: list[str], port: int, tmp_path: Path, cwd: Path = ROOT, env: dict | None = None
):
    """Start a server command, wait until its port answers, stop it (SIGTERM) afterwards."""
    env = {**os.environ, "SIMULATOR_INSTANCE_PATH": str(tmp_path / "instance"), **(env or {})}
    env = {key: value for key, value in env.items() if value is not None}  # None: left out
    env.setdefault("SIMULATOR_SECRET_KEY", "server-test")
    out = (tmp_path / f"server-{port}.log").open("w+")
    process = subprocess.Popen(
        command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, text=True
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            with contextlib.suppress(OSError):
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            assert process.poll() is None, out.seek(0) or out.read()
            assert time.monotonic() < deadline, "the server did not start"
            time.sleep(0.1)
        yield process, out
    finally:
        process.terminate()
        process.wait(timeout=20)
        out.close()


def get(port: int, path: str = "/", headers: dict | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    response.body = response.read()
    conn.close()
    return response


def raw(port: int, request: bytes) -> tuple[str, dict[str, str], str]:
    """Send bytes as they are; the answer's status line, headers and body."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
    return lines[0], headers, body.decode("utf-8")


def assert_dutch_refusal(status_line: str, headers: dict, body: str, status: int) -> None:
    assert status_line.split()[1] == str(status), status_line
    assert (
        "Content-Security-Policy" not in body
        and "script-src 'self'" in headers["content-security-policy"]
    )
    assert (
        headers["content-type"].startswith("text/html")
        and headers["x-content-type-options"] == "nosniff"
    )
    assert '<html lang="nl">' in body and "<style" not in body and "<script" not in body
    assert re.search(r"<h1>[^<]*(te lang|te groot|Te veel)[^<]*</h1>", body), body
    assert "gunicorn" not in body.lower() and "waitress" not in body.lower()


def assert_plain_server_header(response_or_headers) -> None:
    server = (
        response_or_headers.get("server", "")
        if isinstance(response_or_headers, dict)
        else (response_or_headers.getheader("Server") or "")
    )
    assert not re.search(r"werkzeug|python|waitress|\d+\.\d+", server, re.I), server


def test_the_oefenomgeving_command_serves_the_start_page(tmp_path):
    port = free_port()
    command = [str(BIN / "oefenomgeving"), "--port", str(port)]
    with running(command, port, tmp_path) as (process, out):
        response = get(port)
        assert response.status == 200 and "Oefenomgeving" in response.body.decode()
        assert response.getheader("Server") == "Oefenomgeving"
        assert_plain_server_header(response)
    assert process.returncode == 0
    out_text = (tmp_path / f"server-{port}.log").read_text()
    assert f"http://127.0.0.1:{port}/" in out_text and "is gestopt" in out_text
    assert "development server" not in out_text.lower() and "Traceback" not in out_text


def test_python_run_py_serves_light_pages(tmp_path):
    port = free_port()
    with running([sys.executable, "run.py", "--port", str(port)], port, tmp_path):
        page = get(port, "/sites/www.inburgeren.nl/", {"Accept-Encoding": "gzip"})
        assert page.status == 200 and page.getheader("Content-Encoding") == "gzip"
        html = gzip.decompress(page.body).decode()
        css = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
        bundle = get(port, css, {"Accept-Encoding": "gzip"})
        assert bundle.status == 200 and bundle.getheader("Content-Encoding") == "gzip"
        assert bundle.getheader("Cache-Control") == "public, max-age=31536000, immutable"


def assert_a_304_keeps_the_connection(port: int) -> None:
    """On one keep-alive connection: a file, the same file again (304), the start page."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    conn.request("GET", "/")
    html = conn.getresponse().read().decode()
    css = re.search(r'<link rel="stylesheet" href="([^"]+)"', html).group(1)
    conn.request("GET", css)
    first = conn.getresponse()
    first.read()
    sock = conn.sock
    conn.request("GET", css, headers={"If-None-Match": first.getheader("ETag")})
    again = conn.getresponse()
    again.read()
    assert again.status == 304 and (again.getheader("Connection") or "").lower() != "close"
    assert conn.sock is sock  # still open: the lesson panel polls for a 304 every 2 s
    conn.request("GET", "/")
    assert conn.getresponse().status == 200 and conn.sock is sock
    conn.close()


def test_a_304_keeps_the_connection_open_with_waitress_and_gunicorn(tmp_path):
    port = free_port()
    with running([sys.executable, "run.py", "--port", str(port)], port, tmp_path):
        assert_a_304_keeps_the_connection(port)
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "python:simulator.gunicorn_conf"]
    with running([*command, "-b", f"127.0.0.1:{port}", "-w", "1"], port, tmp_path):
        assert_a_304_keeps_the_connection(port)


def test_gunicorn_keeps_an_idle_connection_longer_than_a_learners_pause(tmp_path):
    """Behind a balancer that spreads a browser's requests over two instances, each instance
    sees a learner's requests several seconds apart: the connection must still be open."""
    port = free_port()
    command = [sys.executable, "-m", "gunicorn", "-c", "python:simulator.gunicorn_conf"]
    with running([*command, "-b", f"127.0.0.1:{port}", "-w", "1"], port, tmp_path):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        conn.request("GET", "/")
        assert conn.getresponse().read() and conn.sock is not None
        sock = conn.sock
        time.sleep(7)  # two polls and a slow answer apart
        conn.request("GET", "/")
        assert conn.getresponse().status == 200 and conn.sock is sock
        conn.close()


def test_waitress_refuses_a_too_long_address_in_dutch(tmp_path):
    port = free_port()
    with running([sys.executable, "run.py", "--port", str(port)], port, tmp_path):
        line = b"GET /" + b"a" * 9 * 1024 + b" HTTP/1.1\r\nHost: localhost\r\n\r\n"
        status, headers, body = raw(port, line)
        assert_dutch_refusal(status, headers, body, 431)
        assert_plain_server_header(headers)
        big = b"POST /opnieuw HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5000000\r\n\r\n"
        status, headers, body = raw(port, big)
        assert_dutch_refusal(status, headers, body, 413)
        assert get(port).status == 200  # and the server goes on


def test_gunicorn_refuses_too_long_requests_in_dutch(tmp_path):
    pytest.importorskip("gunicorn")
    port = free_port()
    command = [
        str(BIN / "gunicorn"),
        "-c",
        "python:simulator.gunicorn_conf",
        "-b",
        f"127.0.0.1:{port}",
        "-w",
        "1",
        "--threads",
        "2",
    ]
    with running(command, port, tmp_path):
        status, headers, body = raw(
            port, b"GET /" + b"a" * 9 * 1024 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
        )
        assert_dutch_refusal(status, headers, body, 414)
        big_header = b"GET / HTTP/1.1\r\nHost: x\r\nX-Veel: " + b"b" * 9 * 1024 + b"\r\n\r\n"
        status, headers, body = raw(port, big_header)
        assert_dutch_refusal(status, headers, body, 431)
        response = get(port)
        assert response.status == 200 and "Oefenomgeving" in response.body.decode()
        assert_plain_server_header(response)


def test_a_port_in_use_gives_a_dutch_hint(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = subprocess.run(
            [str(BIN / "oefenomgeving"), "--port", str(port)],
            env={**os.environ, "SIMULATOR_INSTANCE_PATH": str(tmp_path / "instance")},
            capture_output=True,
            text=True,
            timeout=60,
        )
    assert result.returncode == 1
    assert f"kan niet starten op poort {port}" in result.stderr and "--port" in result.stderr
    assert "Traceback" not in result.stderr


def test_a_classroom_server_prints_the_addresses_learners_open():
    found = addresses("0.0.0.0", 5000)
    assert "http://127.0.0.1:5000" in found
    assert all(re.fullmatch(r"http://\d+\.\d+\.\d+\.\d+:5000", a) for a in found)
    assert addresses("127.0.0.1", 8080) == ["http://127.0.0.1:8080"]


def test_pip_install_brings_everything_the_command_needs(tmp_path):
    """`pip install .` (not editable): templates, static files, lessons and scenarios are in
    the package, and the server runs from any folder with its data in the user's folder."""
    target = tmp_path / "site"
    source = tmp_path / "source"  # a copy: setuptools leaves build/ behind in the source
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_SOURCE))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(target),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    data = target / "simulator" / "_data"
    for name in (
        "static/css/base.css",
        "static/img/lessons/mijn-menu.svg",
        "lessons/01-inburgeren.yaml",
        "scenarios/standaard.yaml",
    ):
        assert (data / name).is_file(), name
    assert (target / "simulator" / "templates" / "shell" / "base.html").is_file()
    port = free_port()
    home = tmp_path / "home"
    env = {
        "PYTHONPATH": str(target),
        "HOME": str(home),
        "XDG_DATA_HOME": None,
        "SIMULATOR_INSTANCE_PATH": None,
    }
    command = [sys.executable, "-m", "simulator.serve", "--port", str(port)]
    with running(command, port, tmp_path, cwd=tmp_path, env=env):
        page = get(port, "/les/inburgeren")
        assert page.status == 200
        script = re.search(r'<script src="([^"]+)"', page.body.decode()).group(1)
        assert get(port, script).status == 200
    user_data = home / ".local" / "share" / "oefenomgeving"  # Linux; see config.default_instance
    assert (user_data / "oefenomgeving.sqlite3").is_file()
    assert (
        f"Gegevens van de leerlingen: {user_data}" in (tmp_path / f"server-{port}.log").read_text()
    )
