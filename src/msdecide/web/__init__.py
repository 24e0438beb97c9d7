"""The clinician web app: the profile form, the explained result, the JSON API and CDS Hooks.

A thin shell over `msdecide.service.RulebookService`: no validation, decision or wording lives
here. Templates and static files are the top-level `web/` directory (shipped in the wheel as
`msdecide/_bundled/web`), found with `msdecide.resources.web_dir()`.

Nothing about the patient is stored on the server or written to the logs: the result page carries
the profile in hidden fields so that downloads and "change the answers" re-post it.
"""

from __future__ import annotations

import logging
import os
import secrets
from typing import Any

from flask import Flask, current_app
from flask_wtf.csrf import CSRFProtect

from ..resources import web_dir
from ..service import RulebookService

csrf = CSRFProtect()
log = logging.getLogger("msdecide.web")

DEFAULTS: dict[str, Any] = {
    "RULES_DIR": None,  # None: the bundled rulebook (or $MSDECIDE_RULES)
    "MAX_CONTENT_LENGTH": 64 * 1024,  # a full profile is under 4 KB; the form post under 16 KB
    "WTF_CSRF_TIME_LIMIT": 12 * 3600,  # a clinic day
    "SESSION_COOKIE_HTTPONLY": True,
    "SESSION_COOKIE_SAMESITE": "Lax",
    "SESSION_COOKIE_NAME": "msdecide_session",  # holds the CSRF token only, never patient data
    "JSON_SORT_KEYS": False,
    "ACCESS_LOG": True,
}


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Create the app. `test_config` overrides everything (tests, `msdecide serve --rules`)."""
    web = web_dir()
    app = Flask(__name__, template_folder=str(web / "templates"), static_folder=str(web / "static"),
                static_url_path="/static")
    app.config.from_mapping(DEFAULTS)
    app.config.from_prefixed_env("FLASK")
    if os.environ.get("MSDECIDE_SECRET_KEY"):
        app.config["SECRET_KEY"] = os.environ["MSDECIDE_SECRET_KEY"]
    if test_config:
        app.config.from_mapping(test_config)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secrets.token_hex(32)
        log.warning("MSDECIDE_SECRET_KEY is not set: using a key generated for this process only "
                    "(forms open before a restart must be submitted again)")

    app.extensions["msdecide"] = RulebookService(app.config["RULES_DIR"])
    csrf.init_app(app)

    from . import api, assets, cds, errors, security, views

    security.init_app(app)
    errors.init_app(app)
    app.register_blueprint(views.bp)
    app.register_blueprint(api.bp)
    app.register_blueprint(api.health)
    app.register_blueprint(cds.bp)
    app.register_blueprint(assets.bp)  # nhsuk-frontend: /assets/images/... and the CSS without web fonts
    for bp in (api.bp, api.health, cds.bp):  # JSON only: no cookies, so no CSRF
        csrf.exempt(bp)

    from . import authoring; app.register_blueprint(authoring.bp)  # noqa: E702 - POST /api/v1/rulebook/reload
    from . import aids; app.register_blueprint(aids.bp)  # noqa: E702 - POST /grid and /handout (decision aids)

    views.init_app(app)
    return app


def get_service() -> RulebookService:
    """The rulebook service of the current app."""
    return current_app.extensions["msdecide"]  # type: ignore[no-any-return]
