"""What every sandbox site uses: render a page inside the frame, addresses, notices."""

from __future__ import annotations

from urllib.parse import quote

from flask import render_template, request, url_for

from simulator import learner
from simulator.i18n import site_lang
from simulator.registry import PAGES, SITES


def sandbox_address(path: str | None = None, query: bytes | None = None) -> str | None:
    """The real-looking address for a sandbox path: /sites/ind.nl/x -> https://ind.nl/x."""
    path = request.path if path is None else path
    if not path.startswith("/sites/"):
        return None
    host, _, rest = path[len("/sites/") :].partition("/")
    if host not in SITES:
        return None
    query = request.query_string if query is None else query
    address = f"https://{host}/{rest}"
    if query:
        address += "?" + query.decode("utf-8", "replace")
    return address


def current_site() -> str | None:
    """The site (template folder name) this request belongs to, if any."""
    if not request.path.startswith("/sites/"):
        return None
    host = request.path[len("/sites/") :].partition("/")[0]
    return SITES.get(host)


def render_page(page_id: str, template: str, event: dict | None = None, status: int = 200, **ctx):
    """Render a sandbox page in the frame, after committing the request's unit of work.

    The site's one-time notices are taken (unless the view passes `notices`), "page viewed"
    is recorded with the given params, and all of it is committed together with the state
    change and the lesson step it caused (learner.commit) before the template renders:
    rendering only reads. A 4xx status (a form with errors, not found) is still logged, so
    lessons can see it.
    """
    site = PAGES[page_id].site
    if "notices" not in ctx:
        ctx["notices"] = pop_notices(site)
    learner.record_page(page_id, **(event or {}))
    learner.commit()
    body = render_template(
        template,
        page_id=page_id,
        site=site,
        lang=site_lang(site),
        **ctx,
    )
    return body, status


def external_url(url: str) -> str:
    """Link for a real website: the "U verlaat nu de oefenomgeving" page with its address."""
    return url_for("shell.leave", url=url)


MAX_NOTICES = 10


def add_notice(state: dict, site: str, text: str) -> None:
    """Queue a one-time message for the next page of a site (e.g. "U bent uitgelogd").

    The same message is queued once; only the newest MAX_NOTICES wait.
    """
    notice = {"site": site, "text": text}
    queued = [n for n in state.get("notices", []) if n != notice] + [notice]
    state["notices"] = queued[-MAX_NOTICES:]


def pop_notices(site: str) -> list[str]:
    """Take the queued messages for a site (shown once), in this request's unit of work."""
    state = learner.state()
    if not any(n.get("site") == site for n in state.get("notices", [])):
        return []

    def take(data: dict) -> list[str]:
        mine = [n["text"] for n in data.get("notices", []) if n.get("site") == site]
        data["notices"] = [n for n in data.get("notices", []) if n.get("site") != site]
        return mine

    return learner.mutate(take)


def open_item(key: str, item_id: str) -> dict:
    """Open one letter ("letters") or e-mail ("mails"): 404 when unknown, marked as read."""
    from flask import abort

    from simulator.sandbox import mailbox

    item = mailbox.find(learner.state().get(key, []), item_id)
    if item is None:
        abort(404)
    if not item.get("gelezen"):
        learner.mutate(lambda data: mailbox.mark_read(data, key, item_id))
    return item


def quote_path(value: str) -> str:
    return quote(value, safe="")
