"""The vendored nhsuk-frontend assets.

* `/assets/images/...`: the compiled CSS hard-codes these URLs for its icons.
* `/assets/nhsuk-frontend.min.css`: the vendored, unmodified CSS without its two `@font-face`
  rules. They point at the NHS Frutiger web font on assets.nhs.uk, which the CSP blocks
  (`font-src 'self'`) and which only NHS organisations may use; Chromium requests a declared
  font even when no element uses it, so the rules are dropped and text is set in Arial, the
  NHS service manual's fallback.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from flask import Blueprint, Response, request

from ..resources import web_dir

VENDOR = Path("static", "vendor", "nhsuk-frontend")


def _vendor() -> Path:
    return web_dir() / VENDOR


bp = Blueprint("nhsuk_assets", __name__, static_url_path="/assets", static_folder=str(_vendor() / "assets"))


@lru_cache(maxsize=1)
def nhsuk_css() -> tuple[str, str]:
    """(css, etag): the vendored CSS without @font-face rules."""
    css = (_vendor() / "nhsuk-frontend.min.css").read_text(encoding="utf-8")
    css = re.sub(r"@font-face\{[^}]*\}", "", css)
    css = re.sub(r"/\*# sourceMappingURL=[^*]*\*/", "", css)  # the source map is not vendored
    return css, hashlib.sha256(css.encode()).hexdigest()[:16]


@bp.get("/assets/nhsuk-frontend.min.css")
def nhsuk_stylesheet() -> Response:
    css, etag = nhsuk_css()
    response = Response(css, mimetype="text/css")
    response.set_etag(etag)
    response.cache_control.public = True
    response.cache_control.max_age = 3600
    return response.make_conditional(request)
