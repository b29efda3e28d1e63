"""Scaled mode: two app instances (two workers) sharing PostgreSQL and Redis sessions."""

from __future__ import annotations

import uuid

import pytest
import redis

from simulator import create_app
from tests.conftest import Learner

REDIS_URL = "redis://127.0.0.1:6379/15"


@pytest.fixture
def workers(tmp_path, pg_database):
    from simulator.store import Store, metadata

    metadata.drop_all(Store(pg_database).engine)
    prefix = f"oefen-test-{uuid.uuid4().hex[:8]}:"
    config = {
        "TESTING": True,
        "SECRET_KEY": "scaled",
        "DATABASE_URL": pg_database,
        "SESSION_TYPE": "redis",
        "SESSION_REDIS_URL": REDIS_URL,
        "SESSION_KEY_PREFIX": prefix,
    }
    one = create_app({**config, "INSTANCE_PATH": str(tmp_path / "one")})
    two = create_app({**config, "INSTANCE_PATH": str(tmp_path / "two")})
    yield one, two
    conn = redis.from_url(REDIS_URL)
    for key in conn.scan_iter(prefix + "*"):
        conn.delete(key)
    for app in (one, two):
        app.extensions["store"].engine.dispose()


def test_a_learner_moves_between_workers_without_losing_anything(workers):
    one, two = workers
    browser_one = one.test_client()
    Learner(browser_one).start()
    cookie = browser_one.get_cookie("session")
    assert cookie is not None
    with browser_one.session_transaction() as sess:
        learner_id = sess["learner_id"]
    one.extensions["store"].mutate_state(
        learner_id, lambda d: d["persona"].__setitem__("email", "yonas@example.nl")
    )

    browser_two = two.test_client()
    browser_two.set_cookie("session", cookie.value)
    with browser_two.session_transaction() as sess:
        assert sess["learner_id"] == learner_id  # the session came from Redis
    browser_two.get("/opnieuw")
    assert (
        two.extensions["store"].load_state(learner_id)[1]["persona"]["email"] == "yonas@example.nl"
    )
