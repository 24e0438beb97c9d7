"""Decision aids for shared decision-making: the option grid and the person's plain-language handout.

Like the downloads, both pages re-post the profile from the result page (nothing is stored) and
evaluate it again with the current rulebook, so they always show the same options, in the same
order, as the report. The result page draws the grid through the `option_grid` template global.
"""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, abort, render_template, request

from ..render.grid import BADGE_TITLES, Grid, build_grid
from ..render.handout import LABELS, HandoutUnavailable, build_handout
from ..report import Report
from . import get_service
from .views import evaluate_or_400, posted_profile

bp = Blueprint("aids", __name__)
PRINT_COLUMNS = 12  # therapies one landscape A4 page holds legibly; the first in the report's order by default


@bp.app_template_global()
def option_grid(report: Report, profile_json: str | None = None) -> Grid:
    """The grid of a report, with the person's preferences from the page's profile JSON."""
    try:
        profile = json.loads(profile_json) if profile_json else None
    except ValueError:
        profile = None
    return build_grid(report, get_service().rulebook, profile if isinstance(profile, dict) else None)


@bp.app_template_global()
def badge_title(badge: str) -> str:
    return BADGE_TITLES.get(badge, badge)


def _reposted() -> tuple[dict[str, Any], Report, str]:
    """The profile re-posted from the result page, its report, and the profile as JSON for the next re-post."""
    profile = posted_profile()
    return profile, evaluate_or_400(profile), json.dumps(profile, separators=(",", ":"), ensure_ascii=False)


@bp.post("/grid")
def grid() -> Any:
    """The option grid on its own: printable on one landscape A4 page."""
    profile, report, profile_json = _reposted()
    grid = build_grid(report, get_service().rulebook, profile, only=request.form.getlist("compare"),
                      limit=PRINT_COLUMNS)
    return render_template("grid.html", report=report, grid=grid, limit=PRINT_COLUMNS, profile_json=profile_json)


@bp.post("/handout")
def handout() -> Any:
    """The plain-language handout for the person: printable, the report's options in everyday words."""
    profile, report, profile_json = _reposted()
    try:
        sheet = build_handout(report, get_service().rulebook, profile)
    except HandoutUnavailable:
        abort(409)
    return render_template("handout.html", report=report, handout=sheet, labels=LABELS, profile_json=profile_json)
