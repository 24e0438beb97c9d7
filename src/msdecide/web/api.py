"""The JSON API: `/api/v1/evaluate`, `/api/v1/schema`, `/api/v1/rulebook`, `/api/v1/openapi.json`, `/healthz`.

JSON only, no cookies, no CSRF. `?region=EU|US|UK` on evaluate overrides the profile's `region`.
Errors are problem details: 400 malformed JSON, 413 oversize body, 415 not JSON, 422 an invalid
profile or region (with one entry per field).
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import BadRequest

from .. import __version__
from ..options_ids import REGIONS
from ..profile import Profile, ProfileError
from ..render import render
from . import get_service
from .errors import problem
from .openapi import openapi_document

bp = Blueprint("api", __name__, url_prefix="/api/v1")
health = Blueprint("health", __name__)


def read_json() -> Any | Response:
    """The request's JSON body, or the problem response to send instead."""
    if not request.is_json:
        return problem(415, "Unsupported media type", "Send the profile as JSON with Content-Type: application/json.")
    try:
        return request.get_json(force=False, silent=False)
    except BadRequest:
        return problem(400, "Malformed JSON", "The request body is not valid JSON.")


def field_errors(exc: ProfileError) -> list[dict[str, str]]:
    return [{"field": e.field, "message": e.message} for e in exc.errors]


def with_region(data: Any) -> Any | Response:
    """The profile with `?region=` (EU, US or UK) put in, overriding the body's; a bad value is a 422."""
    region = request.args.get("region")
    if region is None:
        return data
    if region not in REGIONS:
        return problem(422, "Invalid profile", "The region query parameter must be EU, US or UK.",
                       errors=[{"field": "region",
                                "message": f"region (query parameter) must be one of {', '.join(REGIONS)}"}])
    return {**data, "region": region} if isinstance(data, dict) else data


@bp.post("/evaluate")
def evaluate() -> Response:
    data = read_json()
    if isinstance(data, Response):
        return data
    data = with_region(data)
    if isinstance(data, Response):
        return data
    try:
        report = get_service().evaluate(data)
    except ProfileError as exc:
        return problem(422, "Invalid profile", "The profile does not follow the contract; see errors.",
                       errors=field_errors(exc))
    if request.accept_mimetypes.best_match(["application/json", "text/markdown"]) == "text/markdown":
        return Response(render(report, "markdown", rulebook=get_service().rulebook, profile=data),
                        content_type="text/markdown; charset=utf-8")
    return Response(report.to_json(), mimetype="application/json")


@bp.get("/schema")
def schema() -> Response:
    return jsonify(Profile.model_json_schema())


@bp.get("/rulebook")
def rulebook() -> Response:
    service = get_service()
    book = service.rulebook
    return jsonify({
        "name": book.meta.name, "version": book.version, "sha256": book.sha256,
        "description": book.meta.description,
        "errors": service.last_errors,
        "options": [o.model_dump(mode="json") for o in book.options.values()],
        "cautions": [c.model_dump(mode="json") for c in book.cautions.values()],
        "rules": [{"rule": r.rule, "title": r.title, "status": r.status, "version": r.version, "action": r.action,
                   "option": r.option, "options": r.options, "strength": r.strength, "caution": r.caution,
                   "review_by": r.review_by.isoformat(), "path": book.paths[r.rule].relative_to(book.root).as_posix()
                   if r.rule in book.paths else None}
                  for r in book.rules],
    })


@bp.get("/openapi.json")
def openapi() -> Response:
    return jsonify(openapi_document(request.host_url.rstrip("/")))


@health.get("/healthz")
def healthz() -> Response:
    book = get_service().rulebook
    return jsonify({"status": "ok", "version": __version__,
                    "rulebook": {"name": book.meta.name, "version": book.version, "sha256": book.sha256}})
