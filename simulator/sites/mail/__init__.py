"""mail.oefenpost.nl: the learner's practice webmail, where DUO's e-mails arrive."""

from __future__ import annotations

from flask import Blueprint

from simulator import learner
from simulator.sites import registry
from simulator.sites.common import render_page

bp = Blueprint("mail", __name__, url_prefix="/sites/mail.oefenpost.nl")

INBOX = registry.page("mail.inbox", "mail", "Inbox")


@bp.get("/")
def inbox():
    return render_page(INBOX, "mail/inbox.html", mails=learner.state().get("mails", []))
