"""schemathesis against the app's own OpenAPI document, in-process over WSGI: no 5xx, and every status
code, content type and body as documented. A CI-sized run here (examples and fuzzing: about 100
requests); a long run with `pytest -m fuzz` that adds schemathesis' coverage phase (thousands of
boundary and invalid requests) and 400 fuzzed examples per operation."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from msdecide.web import create_app
from tests.web.conftest import TEST_KEY

CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]
APP = create_app({"TESTING": True, "SECRET_KEY": TEST_KEY, "WTF_CSRF_ENABLED": False})


def load(coverage: bool) -> schemathesis.BaseSchema:
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", APP)
    schema.config.phases.coverage.enabled = coverage
    return schema


quick, full = load(coverage=False), load(coverage=True)


@quick.parametrize()
@settings(max_examples=12, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document(case):
    case.call_and_validate(checks=CHECKS)


@pytest.mark.fuzz
@full.parametrize()
@settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck))
def test_api_conforms_to_its_openapi_document_long(case):
    case.call_and_validate(checks=CHECKS)
