"""CDS Hooks 2.0: `GET /cds-services` (discovery) and `POST /cds-services/ms-dmt-options`.

The EHR sends the msdecide profile (the contract's JSON) in `prefetch.msProfile`; the answer is
the same report as cards (`msdecide.render.cdshooks`). No FHIR server is called and nothing is
stored. Errors carry an OperationOutcome body (harmless under 2.0.1, recommended by 3.0).
CORS is open, as browser-based CDS clients (the public sandbox) need.

Not done: JWT checking of the `Authorization` header (CDS Hooks §security). Put the service behind
a gateway that checks the EHR's JWT before exposing it beyond loopback.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request

from ..jsontext import NestingError
from ..profile import ProfileError
from ..render.cdshooks import render_cards
from . import get_service
from .api import request_json

bp = Blueprint("cds", __name__, url_prefix="/cds-services")
SERVICE_ID = "ms-dmt-options"


def outcome(status: int, text: str, diagnostics: list[str] | None = None, code: str = "processing") -> Response:
    issues = [{"severity": "error", "code": code, "details": {"text": text}}]
    issues += [{"severity": "error", "code": "invalid", "diagnostics": d} for d in diagnostics or []]
    response = jsonify({"resourceType": "OperationOutcome", "issue": issues})
    response.status_code = status
    return response


@bp.after_request
def _cors(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
    response.headers["Access-Control-Allow-Methods"] = "GET, POST, OPTIONS"
    return response


@bp.get("")
def discovery() -> Response:
    book = get_service().rulebook
    return jsonify({"services": [{
        "hook": "patient-view",
        "id": SERVICE_ID,
        "title": "MS treatment options to discuss",
        "description": "Checks the patient's MS profile (disease course, MRI, biomarkers, treatment history, "
                       "comorbidities, lifestyle, mental health, preferences) against the msdecide rulebook and "
                       "returns explained options to discuss, each with why, cautions and evidence, plus what is not "
                       "offered and the data that would change the result. For clinicians; not time-critical.",
        "usageRequirements": "Send the msdecide patient profile (see GET /api/v1/schema) as prefetch.msProfile. "
                             "Missing fields are reported on a data-needed card, never guessed.",
        "extension": {"org.msdecide.knowledge": {"rulebook": book.meta.name, "version": book.version,
                                                 "sha256": book.sha256, "intendedUser": "HCP",
                                                 "timeCritical": False}},
    }]})


@bp.post(f"/{SERVICE_ID}")
def ms_dmt_options() -> Response:
    if not request.is_json:
        return outcome(415, "Send the CDS Hooks request as JSON (Content-Type: application/json).")
    try:
        body: Any = request_json()
    except NestingError as exc:
        return outcome(400, f"The request body is {exc}.", code="structure")
    except ValueError:
        return outcome(400, "The request body is not valid JSON.", code="structure")
    if not isinstance(body, dict):
        return outcome(400, "The request must be a JSON object.", code="structure")
    prefetch = body.get("prefetch")
    profile = prefetch.get("msProfile") if isinstance(prefetch, dict) else None
    if profile is None:
        return outcome(412, "Cannot evaluate MS options: prefetch.msProfile (the msdecide profile) is missing.",
                       code="required")
    try:
        report = get_service().evaluate(profile)
    except ProfileError as exc:
        return outcome(400, "prefetch.msProfile does not follow the msdecide profile contract.",
                       [str(e) for e in exc.errors], code="invalid")
    return jsonify(render_cards(report))
