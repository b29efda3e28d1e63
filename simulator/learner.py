"""The current learner of a request: id from the session, sandbox state and events in the store."""

from __future__ import annotations

from collections.abc import Callable

from flask import current_app, g, session

from simulator import registry
from simulator.store import Store


def store() -> Store:
    return current_app.extensions["store"]


def scenarios() -> dict:
    """Scenario objects by id (validated at start-up; read-only)."""
    return current_app.extensions["scenarios"]


def ensure_learner() -> str:
    """Return the learner id of this browser, creating an anonymous learner on first visit."""
    if "learner_id" in g:
        return g.learner_id
    learner_id = session.get("learner_id")
    if not learner_id or not store().learner_exists(learner_id):
        learner_id = store().create_learner()
        session["learner_id"] = learner_id
    g.learner_id = learner_id
    return learner_id


def learner_id() -> str:
    return ensure_learner()


def state() -> dict:
    """The learner's sandbox state, loaded once per request (seeded from the scenario)."""
    if "sandbox_state" not in g:
        loaded = store().load_state(learner_id())
        if loaded is None:
            reset()
        else:
            g.sandbox_state = loaded[1]
    return g.sandbox_state


def mutate(change: Callable[[dict], object]) -> object:
    """Change the learner's state in one transaction; returns what change returned."""
    state()  # make sure it exists
    box: dict = {}

    def apply(data: dict):
        box["data"] = data
        return change(data)

    result = store().mutate_state(learner_id(), apply)
    g.sandbox_state = box["data"]
    return result


def reset(scenario_id: str | None = None) -> dict:
    """Return the fake world to its scenario (the current one unless another is named)."""
    all_scenarios = scenarios()
    if scenario_id is None:
        current = g.get("sandbox_state") or {}
        scenario_id = current.get("scenario") or current_app.config["DEFAULT_SCENARIO"]
        if scenario_id not in all_scenarios:
            scenario_id = current_app.config["DEFAULT_SCENARIO"]
    fresh = all_scenarios[scenario_id].initial_state()
    store().save_state(learner_id(), scenario_id, fresh)
    g.sandbox_state = fresh
    return fresh


def record_page(page_id: str, **params) -> None:
    """Log that the learner saw a page (page id must be declared in the registry)."""
    if page_id not in registry.PAGES:
        raise KeyError(f"undeclared page id {page_id!r}")
    store().add_event(learner_id(), "page", page_id, params)


def record_action(name: str, **params) -> None:
    """Log an action the learner did (action must be declared in the registry)."""
    if name not in registry.ACTIONS:
        raise KeyError(f"undeclared action {name!r}")
    store().add_event(learner_id(), "action", name, params)
