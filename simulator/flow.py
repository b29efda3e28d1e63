"""How a request flows: one unit of work, run again on a fresh read when it lost a race.

`Simulator` is the Flask app class. Each request runs as usual (before_request, the view,
after_request, which commits the learner's unit of work: see learner.py). When a commit finds
that another request changed the same state or progress first (`store.Conflict`), the whole
request is run again from the start (re-read, re-apply) up to ATTEMPTS times; when it still
loses, the learner gets a Dutch page (HTTP 409) and nothing of the request was saved.
"""

from __future__ import annotations

import logging
import random
import time

from flask import Flask, g, render_template

from simulator import learner
from simulator.store import Conflict

log = logging.getLogger(__name__)

ATTEMPTS = 10


class Simulator(Flask):
    """Flask, with every request retried as a whole when its unit of work lost a race."""

    def full_dispatch_request(self):
        """The request as Flask runs it, run again on a conflict, then the 409 page."""
        for attempt in range(1, ATTEMPTS + 1):
            try:
                return super().full_dispatch_request()
            except Conflict:
                learner.discard()
                g.__dict__.clear()  # everything this attempt read is stale
                log.info("Request ran into a conflict (attempt %s)", attempt)
                # Random pauses that grow: requests that collided do not collide again in
                # step, and a busy machine (a class of 30 on 2 cores) gets room to catch up.
                time.sleep(random.uniform(0.002, 0.004 * 2 ** min(attempt, 6)))
        log.warning("Request gave up after %s conflicts", ATTEMPTS)
        return self.finalize_request(busy(), from_error_handler=True)


def busy():
    """The Dutch page for a request that kept losing the race: nothing was saved."""
    return render_template("errors/409.html"), 409
