"""Shared helpers for the interoperability tests: FHIR records, CDS Hooks schemas."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

from tests.conftest import EXAMPLES

DATA = Path(__file__).with_name("data")
SCHEMAS = Path(__file__).with_name("schemas")
DEMO_BUNDLE = EXAMPLES / "fhir" / "demo-001-bundle.json"
LOCAL = "https://msdecide.org/fhir/CodeSystem/ms-observations"


def load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def schema_errors(name: str, instance: Any) -> list[str]:
    """Messages of every violation of the CDS Hooks 2.0.1 schema `name` (empty when valid)."""
    validator = Draft202012Validator(load(SCHEMAS / f"{name}.schema.json"),
                                     format_checker=Draft202012Validator.FORMAT_CHECKER)
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(instance)]


def bundle(*resources: dict[str, Any], timestamp: str = "2026-11-25T09:00:00Z") -> dict[str, Any]:
    return {"resourceType": "Bundle", "type": "collection", "timestamp": timestamp,
            "entry": [{"fullUrl": f"urn:uuid:{r['resourceType']}-{r['id']}", "resource": r} for r in resources]}


def patient(pid: str = "p1", birth: str = "1990-06-01", gender: str = "female") -> dict[str, Any]:
    return {"resourceType": "Patient", "id": pid, "gender": gender, "birthDate": birth}


def condition(cid: str, system: str, code: str, **extra: Any) -> dict[str, Any]:
    return {"resourceType": "Condition", "id": cid, "code": {"coding": [{"system": system, "code": code}]},
            "subject": {"reference": "Patient/p1"}} | extra


def observation(oid: str, system: str, code: str, when: str = "2026-11-01", **value: Any) -> dict[str, Any]:
    return {"resourceType": "Observation", "id": oid, "status": value.pop("status", "final"),
            "code": {"coding": [{"system": system, "code": code}]}, "subject": {"reference": "Patient/p1"},
            "effectiveDateTime": when} | value


RRMS = condition("ms", "http://snomed.info/sct", "426373005", onsetDateTime="2020-11-25")


@pytest.fixture
def demo_bundle() -> dict[str, Any]:
    return load(DEMO_BUNDLE)
