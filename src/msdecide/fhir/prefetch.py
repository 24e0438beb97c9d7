"""CDS Hooks prefetch: the FHIR queries msdecide asks the EHR to run, and reading their answers.

In CDS Hooks 2.0.1 a prefetch key that is omitted was not run (the service may fetch it itself),
a key that is null ran and found nothing, and a value may be an OperationOutcome when the EHR's query
failed (treated like an omitted key). Fetching is done only by a `fetch` function the caller passes,
so that nothing here reaches the network unless the server is configured to.
"""

from __future__ import annotations

import json
import urllib.parse
import urllib.request
from collections.abc import Callable
from typing import Any

from .mapping import Mapping

REQUIRED = ("patient", "conditions")  # without these the MS options cannot be worked out at all
Fetch = Callable[[str, str, dict[str, Any] | None], Any]


def templates(mapping: Mapping) -> dict[str, str]:
    """Prefetch templates for discovery; the Observation query asks only for the mapped codes."""
    patient = "{{context.patientId}}"
    return {
        "patient": f"Patient/{patient}",
        "conditions": f"Condition?patient={patient}",
        "observations": f"Observation?patient={patient}&code={','.join(mapping.observation_codes())}",
        "medicationStatements": f"MedicationStatement?patient={patient}&_include=MedicationStatement:medication",
        "medicationRequests": f"MedicationRequest?patient={patient}&_include=MedicationRequest:medication",
    }


def _usable(value: Any) -> bool:
    return not (isinstance(value, dict) and value.get("resourceType") == "OperationOutcome")


def entries_of(value: Any) -> list[tuple[str | None, dict[str, Any]]]:
    """(fullUrl, resource) pairs of one prefetch value: a resource, a searchset Bundle or null."""
    if value is None:
        return []
    if isinstance(value, dict) and value.get("resourceType") == "Bundle":
        return [(e.get("fullUrl"), e["resource"]) for e in value.get("entry") or []
                if isinstance(e, dict) and isinstance(e.get("resource"), dict)
                and e["resource"].get("resourceType") != "OperationOutcome"]
    return [(None, value)] if isinstance(value, dict) else []


def gather(prefetch: Any, context: dict[str, Any], mapping: Mapping, fetch: Fetch | None = None,
           server: str | None = None, authorization: dict[str, Any] | None = None
           ) -> tuple[list[tuple[str | None, dict[str, Any]]], list[str]]:
    """All resources of the prefetch (fetching the missing keys when `fetch` and `server` are given),
    and the keys that could be neither prefetched nor fetched."""
    given = prefetch if isinstance(prefetch, dict) else {}
    patient_id = context.get("patientId") if isinstance(context, dict) else None
    entries: list[tuple[str | None, dict[str, Any]]] = []
    missing: list[str] = []
    for key, template in templates(mapping).items():
        if key in given and _usable(given[key]):
            entries += entries_of(given[key])
        elif fetch is not None and server and isinstance(patient_id, str) and patient_id:
            query = template.replace("{{context.patientId}}", urllib.parse.quote(patient_id, safe=""))
            entries += entries_of(fetch(server, query, authorization))
        else:
            missing.append(key)
    return entries, missing


def http_fetch(server: str, query: str, authorization: dict[str, Any] | None, timeout: float = 5.0) -> Any:
    """GET one FHIR query from the EHR's server with its short-lived bearer token (one page)."""
    request = urllib.request.Request(server.rstrip("/") + "/" + query, headers={"Accept": "application/fhir+json"})
    if authorization and authorization.get("access_token"):
        request.add_header("Authorization", f"Bearer {authorization['access_token']}")
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 - https URL from the EHR
        return json.loads(response.read().decode("utf-8"))
