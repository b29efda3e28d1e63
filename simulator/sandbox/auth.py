"""Who is logged in where: DigiD sessions per service (duo = Mijn Inburgering, ind = Mijn IND)."""

from __future__ import annotations

SERVICES = ("duo", "ind")
METHODS = ("app", "sms", "rijbewijs", "identiteitskaart")


def logged_in(state: dict, service: str = "duo") -> bool:
    return service in (state.get("auth") or {}).get("sessions", {})


def method(state: dict, service: str = "duo") -> str | None:
    session = (state.get("auth") or {}).get("sessions", {}).get(service)
    return session["method"] if session else None


def log_in(state: dict, service: str, how: str, when: str) -> None:
    """Start a logged-in session for a service, made by a DigiD method at ISO time `when`."""
    if service not in SERVICES or how not in METHODS:
        raise ValueError(f"unknown service or method: {service}, {how}")
    auth = state.setdefault("auth", {})
    auth.setdefault("sessions", {})[service] = {"method": how, "since": when}


def log_out(state: dict, service: str = "duo") -> None:
    (state.get("auth") or {}).get("sessions", {}).pop(service, None)
