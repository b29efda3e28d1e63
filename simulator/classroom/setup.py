"""What run.py says about the classroom when it starts: the address for the join page's QR
code, and on a fresh install (no begeleider yet) a one-time link to make the first account."""

from __future__ import annotations

from flask import Flask

from simulator.classroom import accounts


def announce(app: Flask, addresses: list[str]) -> list[str]:
    """Remember the network address learners can open; the lines to print for the begeleider."""
    network = [a for a in addresses if not a.split("://", 1)[-1].startswith(("127.", "localhost"))]
    if network:
        app.config["CLASSROOM_LAN_URL"] = network[0]
    if "schema_problem" in app.extensions:
        return []
    token = accounts.new_first_account_token(app.extensions["store"])
    if token is None:
        return []
    return [
        "Nog geen begeleider. Maak het eerste account (deze link werkt één keer):",
        f"  {addresses[0]}/begeleider/eerste-account/{token}",
    ]
