"""Mijn Inburgering > Brieven: DUO's letters, each as a printable page that looks like a letter."""

from __future__ import annotations

from simulator import learner, registry
from simulator.sandbox import contact, mailbox
from simulator.sites.common import open_item, pop_notices, render_page
from simulator.sites.mijn import bp

BRIEVEN = registry.page("mijn.brieven", "mijn", "Brieven")
BRIEF = registry.page("mijn.brief", "mijn", "Brief")
OPENED = registry.action("letter.opened", "letter", description="Opened a letter under Brieven")


@bp.get("/brieven")
def brieven():
    """The letters, newest first; unread ones marked."""
    letters = mailbox.newest_first(learner.state().get("letters", []))
    return render_page(
        BRIEVEN,
        "mijn/brieven.html",
        section="brieven",
        subsection="",
        notices=pop_notices("mijn"),
        letters=letters,
    )


@bp.get("/brieven/<letter>")
def brief(letter: str):
    """One letter: letterhead, address block, date, subject, text; marked as read."""
    item = open_item("letters", letter)
    learner.record_action(OPENED, letter=letter)
    persona = learner.state()["persona"]
    lines = contact.format_address(persona.get("postadres") or persona["woonadres"])
    return render_page(
        BRIEF,
        "mijn/brief.html",
        event={"letter": letter},
        section="brieven",
        subsection="",
        notices=pop_notices("mijn"),
        letter=item,
        persona=persona,
        postal_lines=lines,
    )
