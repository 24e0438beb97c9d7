"""Guideline-author endpoints: `POST /api/v1/rulebook/reload`, off unless a reload token is configured.

The reload loads the rule directory in the request, runs every embedded test through both engines
and swaps the new rulebook in only when all of that succeeds; otherwise the last good rulebook keeps
serving and the errors are returned here and shown by `GET /api/v1/rulebook` (`errors`).

The endpoint is off until `MSDECIDE_RELOAD_TOKEN` (config `RELOAD_TOKEN`, at least
`MIN_TOKEN_LENGTH` characters) is set; each request must then send `Authorization: Bearer <token>`,
compared in constant time. A web page on another site (DNS rebinding included) cannot send that
header without knowing the token, and the blueprint sends no CORS headers.
"""

from __future__ import annotations

import hmac

from flask import Blueprint, Response, current_app, jsonify, request

from . import csrf, get_service
from .errors import problem

bp = Blueprint("authoring", __name__, url_prefix="/api/v1/rulebook")
csrf.exempt(bp)  # JSON only, no cookies used; the bearer token is the credential

MIN_TOKEN_LENGTH = 16
OFF = (f"reloading over HTTP is off: start the server with MSDECIDE_RELOAD_TOKEN set (at least {MIN_TOKEN_LENGTH} "
       "characters) and send it as 'Authorization: Bearer <token>'; or use `msdecide serve --watch-rules`")


def reload_token() -> str | None:
    """The configured token, or None when the endpoint is off (unset or too short)."""
    token = current_app.config.get("RELOAD_TOKEN") or ""
    return token if len(token) >= MIN_TOKEN_LENGTH else None


def _refused() -> Response | None:
    """None when the request may reload; else the response to send."""
    token = reload_token()
    if token is None:
        return problem(403, "Forbidden", OFF)
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(given.strip().encode(), token.encode()):
        response = problem(401, "Unauthorized", "send the reload token as 'Authorization: Bearer <token>'")
        response.headers["WWW-Authenticate"] = 'Bearer realm="msdecide rulebook reload"'
        return response
    return None


@bp.post("/reload")
def reload() -> Response:
    refused = _refused()
    if refused is not None:
        return refused
    service = get_service()
    result = service.reload()
    body = {"ok": result.ok, "version": result.version, "sha256": result.sha256, "errors": result.errors,
            "serving": {"version": service.rulebook.version, "sha256": service.rulebook.sha256}}
    if not result.ok:
        body["detail"] = "The rulebook was not reloaded: the last good rulebook keeps serving."
    response = jsonify(body)
    response.status_code = 200 if result.ok else 422
    return response
