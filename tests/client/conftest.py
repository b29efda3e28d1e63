"""Fixtures of the classroom's client tests: a logged-in begeleider and the code of a new class."""

from __future__ import annotations

import pytest

from tests.client.classroom_kit import Begeleider, make_trainer


@pytest.fixture
def begeleider(app):
    make_trainer(app)
    one = Begeleider(app, app.test_client())
    one.login()
    return one


@pytest.fixture
def code(begeleider):
    return begeleider.new_class()
