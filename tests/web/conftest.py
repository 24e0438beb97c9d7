"""Fixtures for the web layer: an app per test (CSRF off unless asked), its client and service."""

from __future__ import annotations

import json
from typing import Any

import pytest

from msdecide.web import create_app, get_service
from tests.conftest import EXAMPLES

TEST_KEY = "test-secret-key-not-for-production"


@pytest.fixture(scope="session")
def _app():
    # one app for the session: loading and compiling the rulebook takes seconds
    return create_app({"TESTING": True, "SECRET_KEY": TEST_KEY, "WTF_CSRF_ENABLED": False})


@pytest.fixture
def app(_app):
    yield _app
    _app.extensions["msdecide"].last_errors = []


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture(scope="session")
def csrf_app():
    return create_app({"TESTING": True, "SECRET_KEY": TEST_KEY})


@pytest.fixture
def service(app):
    with app.app_context():
        return get_service()


@pytest.fixture
def demo() -> dict[str, Any]:
    return json.loads((EXAMPLES / "demo-001.json").read_text())


def form_data(profile: dict[str, Any]) -> dict[str, Any]:
    """A profile as the browser would post the form (what a clinician would type)."""
    from msdecide.web.forms import profile_to_values

    data: dict[str, Any] = {}
    for path, value in profile_to_values(profile).items():
        if isinstance(value, dict):
            for part, text in value.items():
                data[f"{path}-{part}"] = text
        else:
            data[path] = value
    return data
