"""CDS Hooks 2.0.1: discovery, the `ms-dmt-options` patient-view service, and its feedback endpoint.

The service reads the patient from the FHIR prefetch (Patient, Conditions, Observations,
MedicationStatements and MedicationRequests, by the templates in discovery) through the FHIR mapping
(`msdecide.fhir`), or takes a ready msdecide profile in `prefetch.msProfile`. A prefetch key the EHR
did not run is fetched from `fhirServer` only when the app is configured with `CDS_FHIR_FETCH = True`;
otherwise, when the Patient or Conditions are missing, the answer is 412. A patient without an MS
diagnosis gets no cards (`{"cards": []}`): patient-view fires on every chart.

Feedback (`POST /cds-services/ms-dmt-options/feedback`) is appended to SQLite (`CDS_FEEDBACK_DB`, or
$MSDECIDE_CDS_FEEDBACK_DB, else `<instance>/cds-feedback.sqlite3`; in memory when TESTING) with the
card's rule ids and rulebook sha256, never patient data. Errors carry an OperationOutcome body
(harmless under 2.0.1, recommended by 3.0). CORS is open, as browser-based CDS clients need.

Not done: JWT checking of the `Authorization` header (CDS Hooks security). Put the service behind
a gateway that checks the EHR's JWT before exposing it beyond loopback.
"""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

from flask import Blueprint, Response, current_app, jsonify, request
from werkzeug.exceptions import BadRequest

from ..fhir import FhirInputError, FhirProfile, load_mapping, read_resources
from ..fhir.prefetch import REQUIRED, gather, http_fetch, templates
from ..profile import ProfileError
from ..render.cdshooks import render_cards
from . import get_service
from .cds_feedback import FeedbackStore, validate_feedback

bp = Blueprint("cds", __name__, url_prefix="/cds-services")
SERVICE_ID = "ms-dmt-options"
SAFE_SERVERS = ("https://", "http://127.0.0.1", "http://localhost", "http://[::1]")


def outcome(status: int, text: str, diagnostics: list[str] | None = None, code: str = "processing") -> Response:
    issues = [{"severity": "error", "code": code, "details": {"text": text}}]
    issues += [{"severity": "error", "code": "invalid", "diagnostics": d} for d in diagnostics or []]
    response = jsonify({"resourceType": "OperationOutcome", "issue": issues})
    response.status_code = status
    return response


def feedback_store() -> FeedbackStore:
    """The app's feedback database, opened on first use."""
    app = current_app
    store = app.extensions.get("msdecide.cds_feedback")
    if store is None:
        path = app.config.get("CDS_FEEDBACK_DB") or os.environ.get("MSDECIDE_CDS_FEEDBACK_DB") or \
            (":memory:" if app.testing else str(Path(app.instance_path) / "cds-feedback.sqlite3"))
        store = app.extensions["msdecide.cds_feedback"] = FeedbackStore(path)
    return store


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
        "prefetch": templates(load_mapping()),
        "usageRequirements": "Needs an MS Condition (SNOMED CT or ICD-10 G35) and the Patient; observations and "
                             "medications are read by LOINC, SNOMED CT, RxNorm or the msdecide local code system. "
                             "Alternatively send the msdecide profile (GET /api/v1/schema) as prefetch.msProfile. "
                             "Missing inputs are reported on a data-needed card, never guessed.",
        "extension": {"org.msdecide.knowledge": {"rulebook": book.meta.name, "version": book.version,
                                                 "sha256": book.sha256, "intendedUser": "HCP",
                                                 "timeCritical": False}},
    }]})


def _json_body() -> tuple[Any, Response | None]:
    """The request's JSON object, or the error response."""
    if not request.is_json:
        return None, outcome(415, "Send the CDS Hooks request as JSON (Content-Type: application/json).")
    try:
        body: Any = request.get_json()
    except BadRequest:
        return None, outcome(400, "The request body is not valid JSON.", code="structure")
    if not isinstance(body, dict):
        return None, outcome(400, "The request must be a JSON object.", code="structure")
    return body, None


def _profile_from_fhir(body: dict[str, Any]) -> tuple[FhirProfile | None, Response | None]:
    """The record read from the FHIR prefetch; (None, None) when the patient has no MS diagnosis."""
    allowed = current_app.config.get("CDS_FHIR_FETCH", False)
    fetch = current_app.config.get("CDS_FHIR_FETCHER", http_fetch) if allowed else None
    server = body.get("fhirServer") if isinstance(body.get("fhirServer"), str) else None
    if server and not server.startswith(SAFE_SERVERS):  # the bearer token travels only over TLS (or loopback)
        server = None
    try:
        entries, missing = gather(body.get("prefetch"), body.get("context") or {}, load_mapping(), fetch, server,
                                  body.get("fhirAuthorization"))
    except (OSError, ValueError):
        return None, outcome(412, "The FHIR server could not be read for the data that was not prefetched.",
                             code="required")
    needed = [k for k in missing if k in REQUIRED]
    if needed:
        why = "FHIR fetching is not enabled on this service" if not allowed else "no https fhirServer was given"
        return None, outcome(412, "Cannot evaluate MS options: the Patient and Conditions are needed, as FHIR "
                                  "prefetch or prefetch.msProfile (the msdecide profile).",
                             [f"prefetch key '{k}' absent; {why}" for k in needed], code="required")
    try:
        result = read_resources(entries, as_of=dt.date.today())
    except FhirInputError as exc:
        return None, outcome(400, f"The prefetch cannot be read: {exc}", code="invalid")
    return (result if result.ms_diagnosis else None), None


@bp.post(f"/{SERVICE_ID}")
def call_service() -> Response:
    body, error = _json_body()
    if error is not None:
        return error
    prefetch = body.get("prefetch")
    notes: list[str] = []
    if isinstance(prefetch, dict) and prefetch.get("msProfile") is not None:
        profile: Any = prefetch["msProfile"]
    else:
        record, error = _profile_from_fhir(body)
        if error is not None:
            return error
        if record is None:
            return jsonify({"cards": []})
        profile, notes = record.profile, record.caveats()
    try:
        report = get_service().evaluate(profile)
    except ProfileError as exc:
        return outcome(400, "prefetch.msProfile does not follow the msdecide profile contract.",
                       [str(e) for e in exc.errors], code="invalid")
    response = render_cards(report, record_notes=notes)
    feedback_store().issue(SERVICE_ID, response["cards"], report.rulebook.version, report.rulebook.sha256)
    return jsonify(response)


@bp.post(f"/{SERVICE_ID}/feedback")
def feedback() -> Response:
    body, error = _json_body()
    if error is not None:
        return error
    items, problems = validate_feedback(body)
    if problems:
        return outcome(400, "The feedback does not follow CDS Hooks 2.0.1.", problems, code="invalid")
    known = feedback_store().record(SERVICE_ID, items)
    return jsonify({"recorded": len(items), "knownCards": known})
