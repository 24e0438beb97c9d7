"""Error pages in the app's style and JSON problem details for the API. Never a stack trace.

JSON paths (`/api/`, `/cds-services`, `/healthz`) get RFC 9457 problem details
(`application/problem+json`); everything else gets an HTML page that says what to do next.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

from flask import Flask, Response, jsonify, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

log = logging.getLogger("msdecide.web")

JSON_PREFIXES = ("/api/", "/cds-services", "/healthz")

PAGES: dict[int, tuple[str, str]] = {
    400: ("There is a problem with what was sent", "The page could not use what your browser sent. "
          "Go back, check the answers and try again."),
    404: ("Page not found", "If you typed the web address, check it is correct. "
          "If you pasted the web address, check you copied the entire address."),
    405: ("Page not found", "This page cannot be used that way. Start again from the profile form."),
    413: ("What was sent is too large", "The profile is much larger than any real profile. "
          "Start again from the profile form."),
    415: ("There is a problem with what was sent", "This address only accepts JSON."),
    500: ("Sorry, there is a problem with the service", "Try again later. Nothing you entered has been "
          "stored; if you go back, your answers are still in the form."),
}


def wants_json() -> bool:
    return request.path.startswith(JSON_PREFIXES)


def problem(status: int, title: str, detail: str = "", **extra: Any) -> Response:
    body: dict[str, Any] = {"type": "about:blank", "title": title, "status": status}
    if detail:
        body["detail"] = detail
    body.update(extra)
    response = jsonify(body)
    response.status_code = status
    response.mimetype = "application/problem+json"
    return response


def page(status: int, title: str | None = None, body: str | None = None) -> tuple[str, int]:
    default_title, default_body = PAGES.get(status, PAGES[400] if status < 500 else PAGES[500])
    return render_template("error.html", status=status, title=title or default_title,
                           body=body or default_body), status


def init_app(app: Flask) -> None:
    @app.errorhandler(CSRFError)
    def _csrf(exc: CSRFError) -> Any:
        from .views import csrf_failed
        return csrf_failed(exc)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException) -> Any:
        status = exc.code or 500
        if wants_json():
            titles = {400: "Malformed request", 404: "Not found", 405: "Method not allowed",
                      413: "Request body too large", 415: "Unsupported media type"}
            response = problem(status, titles.get(status, exc.name), exc.description or "")
            if status == 405 and exc.get_response().headers.get("Allow"):
                response.headers["Allow"] = exc.get_response().headers["Allow"]
            return response
        return page(status)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> Any:
        # The traceback's frames go to the log, but not the exception's message: it could quote
        # a value from the profile.
        frames = "".join(traceback.format_tb(exc.__traceback__))
        log.error("500 on %s %s: %s\n%s", request.method, request.path, type(exc).__name__, frames)
        if wants_json():
            return problem(500, "Internal server error", "The request could not be evaluated. Nothing was stored.")
        return page(500)
