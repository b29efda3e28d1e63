"""Start the simulator: python run.py [--host 0.0.0.0] [--port 5000]."""

from __future__ import annotations

import argparse
import socket

from simulator import create_app


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


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Start de Oefenomgeving.")
    parser.add_argument(
        "--host", default="127.0.0.1", help="0.0.0.0 = open voor de hele klas (lokaal netwerk)"
    )
    parser.add_argument("--port", type=int, default=5000)
    args = parser.parse_args(argv)
    app = create_app(upgrade=True)  # the embedded start brings an older database up to date
    print("Oefenomgeving draait. Open in de browser:")
    for address in addresses(args.host, args.port):
        print(f"  {address}/")
    app.run(host=args.host, port=args.port, debug=False, threaded=True)


if __name__ == "__main__":
    main()
