"""The learner's practice mailbox (mail.oefenpost.nl) and DUO's letters: deliver, list, mark read.

Mails and letters sent while practising are marked `bezorgd`; of those only the newest
MAX_DELIVERED are kept, so saving the same phone number 300 times cannot grow the state
without end. The scenario's own mails and letters (the ones lessons point at) always stay.
"""

from __future__ import annotations

from datetime import date

from simulator import clock
from simulator.sandbox import dates

DUO_SENDER = "DUO <noreply@duo.nl>"
SIGNATURE = "\n\nMet vriendelijke groet,\nDienst Uitvoering Onderwijs"
#: how many mails (and, apart, letters) sent while practising are kept
MAX_DELIVERED = 50


def _free_id(existing: list[dict], prefix: str) -> str:
    """The next id after the highest with this prefix (never one that was used and dropped)."""
    numbers = [0]
    for item in existing:
        item_id = str(item.get("id", ""))
        if item_id.startswith(prefix) and item_id[len(prefix) :].isdigit():
            numbers.append(int(item_id[len(prefix) :]))
    return f"{prefix}{max(numbers) + 1:03d}"


def _keep_newest(items: list[dict]) -> None:
    """Drop the oldest delivered items beyond MAX_DELIVERED; scenario items always stay."""
    delivered = [item for item in items if item.get("bezorgd")]
    dropped = {id(item) for item in delivered[: max(0, len(delivered) - MAX_DELIVERED)]}
    if dropped:
        items[:] = [item for item in items if id(item) not in dropped]


def deliver(
    state: dict, onderwerp: str, tekst: str, van: str = DUO_SENDER, today: date | None = None
) -> str:
    """Put a new (unread) mail into the webmail; returns its id."""
    mails = state.setdefault("mails", [])
    mail_id = _free_id(mails, "MAIL")
    mails.append(
        {
            "id": mail_id,
            "datum": dates.fmt(today or clock.today()),
            "van": van,
            "onderwerp": onderwerp,
            "tekst": {"nl": tekst},
            "bezorgd": True,
        }
    )
    _keep_newest(mails)
    return mail_id


def send_letter(state: dict, onderwerp: str, tekst: str, today: date | None = None) -> str:
    """Put a new (unread) letter under Brieven in Mijn Inburgering; returns its id."""
    letters = state.setdefault("letters", [])
    day = today or clock.today()
    letter_id = _free_id(letters, f"BRF{day.year}")
    letters.append(
        {
            "id": letter_id,
            "datum": dates.fmt(day),
            "onderwerp": onderwerp,
            "tekst": {"nl": tekst},
            "bezorgd": True,
        }
    )
    _keep_newest(letters)
    return letter_id


def salutation(persona: dict) -> str:
    """ "Beste heer Tesfay," / "Beste mevrouw ..." / "Beste Yonas Tesfay,"."""
    title = {"man": "heer ", "vrouw": "mevrouw "}.get(persona.get("geslacht"), "")
    name = persona["achternaam"] if title else f"{persona['voornamen']} {persona['achternaam']}"
    return f"Beste {title}{name},"


def newest_first(items: list[dict]) -> list[dict]:
    """Mails or letters sorted by date, newest first (later delivered first on the same day)."""
    indexed = list(enumerate(items))

    def key(pair: tuple[int, dict]) -> tuple:
        index, item = pair
        try:
            day = dates.parse(item.get("datum", ""))
        except ValueError:
            day = date.min
        return (day, index)

    return [item for _, item in sorted(indexed, key=key, reverse=True)]


def find(items: list[dict], item_id: str) -> dict | None:
    return next((item for item in items if item.get("id") == item_id), None)


def mark_read(state: dict, key: str, item_id: str) -> bool:
    """Mark a mail ("mails") or letter ("letters") as read; False when the id is unknown."""
    item = find(state.get(key) or [], item_id)
    if item is None:
        return False
    item["gelezen"] = True
    return True


def unread(items: list[dict]) -> int:
    return sum(1 for item in items if not item.get("gelezen"))
