"""Security headers (CSP without inline script) and an access log that never holds patient data."""

from __future__ import annotations

import logging
import re
import sys
import time

from flask import Flask, Response, g, request

CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self'",  # no inline script: app.js is a module file
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",  # the NHS Frutiger web font is not fetched: Arial is the documented fallback
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
])

HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    # same-origin, not no-referrer: Flask-WTF checks the Referer of HTTPS form posts
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), payment=()",
    "Cross-Origin-Opener-Policy": "same-origin",
}

access = logging.getLogger("msdecide.web.access")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def log_safe(text: str) -> str:
    """Control characters percent-encoded, so a URL (`%0a`) cannot forge a line of the log."""
    return _CONTROL.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), text)


def init_app(app: Flask) -> None:
    if app.config.get("ACCESS_LOG") and not app.testing and not access.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
        access.addHandler(handler)
        access.setLevel(logging.INFO)
        access.propagate = False

    @app.before_request
    def _start_clock() -> None:
        g.msdecide_t0 = time.perf_counter()

    @app.after_request
    def _headers(response: Response) -> Response:
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if not request.path.startswith(("/static/", "/assets/")):
            # results and downloads hold clinical data: never keep them in a shared cache
            response.headers["Cache-Control"] = "no-store"
        # method, path (never the query string or the body), status, duration: nothing about the patient
        t0 = g.get("msdecide_t0")
        ms = (time.perf_counter() - t0) * 1000 if t0 is not None else 0.0
        access.info("%s %s %s %.1fms", log_safe(request.method), log_safe(request.path), response.status_code, ms)
        return response
