"""mail.oefenpost.nl: the learner's practice webmail, where DUO's e-mails arrive."""

from __future__ import annotations

from flask import Blueprint

from simulator import learner, registry
from simulator.sandbox import mailbox
from simulator.sites.common import open_item, render_page

bp = Blueprint("mail", __name__, url_prefix="/sites/mail.oefenpost.nl")

INBOX = registry.page("mail.inbox", "mail", "Inbox")
MESSAGE = registry.page("mail.message", "mail", "E-mail")
OPENED = registry.action("mail.opened", "mail", description="Opened an e-mail in the webmail")


def _account(persona: dict) -> str:
    """The learner's practice address, e.g. yonas.tesfay@oefenpost.nl."""
    name = f"{persona['voornamen'].split()[0]}.{persona['achternaam']}".lower().replace(" ", "")
    return f"{name}@oefenpost.nl"


def _sender_name(van: str) -> str:
    """ "DUO <noreply@duo.nl>" -> "DUO"."""
    return van.split("<")[0].strip() or van


@bp.get("/")
def inbox():
    """The inbox: sender, subject and date; unread mails in bold."""
    state = learner.state()
    mails = mailbox.newest_first(state.get("mails", []))
    return render_page(
        INBOX,
        "mail/inbox.html",
        mails=mails,
        account=_account(state["persona"]),
        unread=mailbox.unread(mails),
        sender_name=_sender_name,
    )


@bp.get("/bericht/<mail>")
def message(mail: str):
    """One e-mail (plain text; DUO's mails never contain a link)."""
    item = open_item("mails", mail)
    learner.record_action(OPENED, mail=mail)
    unread = mailbox.unread(learner.state().get("mails", []))
    return render_page(
        MESSAGE,
        "mail/message.html",
        event={"mail": mail},
        mail=item,
        account=_account(learner.state()["persona"]),
        unread=unread,
        sender_name=_sender_name,
    )
