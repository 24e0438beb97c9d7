"""Guideline-author endpoints: `POST /api/v1/rulebook/reload`, for this machine only.

The reload loads the rule directory in the request, runs every embedded test through both engines
and swaps the new rulebook in only when all of that succeeds; otherwise the last good rulebook keeps
serving and the errors are returned here and shown by `GET /api/v1/rulebook` (`errors`).

Only requests from the loopback address are accepted (`127.0.0.1` or `::1`), and not when they came
through a proxy (a `Forwarded` or `X-Forwarded-For` header) or from a web page on another origin.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, Response, jsonify, request

from . import csrf, get_service
from .errors import problem

bp = Blueprint("authoring", __name__, url_prefix="/api/v1/rulebook")
csrf.exempt(bp)  # JSON only, no cookies used; cross-site pages are refused by the Origin check below

LOOPBACK = {"127.0.0.1", "::1", "::ffff:127.0.0.1"}


def _local() -> str | None:
    """None when the request may reload; else why not."""
    if request.remote_addr not in LOOPBACK:
        return "reloading the rulebook is only allowed from this machine (127.0.0.1 or ::1)"
    if request.headers.get("Forwarded") or request.headers.get("X-Forwarded-For"):
        return "reloading the rulebook through a proxy is not allowed: call it on this machine directly"
    origin = request.headers.get("Origin")
    if origin and urlsplit(origin).netloc != request.host:
        return "reloading the rulebook from a web page of another site is not allowed"
    return None


@bp.post("/reload")
def reload() -> Response:
    refused = _local()
    if refused:
        return problem(403, "Forbidden", refused)
    service = get_service()
    result = service.reload()
    body = {"ok": result.ok, "version": result.version, "sha256": result.sha256, "errors": result.errors,
            "serving": {"version": service.rulebook.version, "sha256": service.rulebook.sha256}}
    if not result.ok:
        body["detail"] = "The rulebook was not reloaded: the last good rulebook keeps serving."
    response = jsonify(body)
    response.status_code = 200 if result.ok else 422
    return response
