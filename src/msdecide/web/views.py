"""The clinician pages: the profile form, the explained result, downloads of the same report.

No server-side storage: the result page carries the profile (as JSON) in hidden fields, and the
downloads and "change the answers" re-post it, with the CSRF token, to be evaluated again.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from flask import Blueprint, Flask, Response, abort, redirect, render_template, request, url_for
from flask_wtf.csrf import CSRFError

from .. import __version__
from ..commands.common import parse_text
from ..profile import FIELDS, ProfileError
from ..render import render
from ..render.groups import REGION_TITLES, THEME_TITLES, more_text, option_groups, short_hash
from ..report import OptionItem, Report, SummaryItem
from ..resources import examples_dir
from ..summary import titles
from . import get_service
from .errors import page, problem, wants_json
from .forms import (HISTORY_ONLY_TITLES, NONE_VALUE, UNIT_DISPLAY, FormError, build_sections, choice_label,
                    profile_to_values, read_values, validate)

bp = Blueprint("clinic", __name__)

LEVELS = {"guideline": "guideline", "consensus": "consensus statement", "systematic-review": "systematic review",
          "rct": "randomised trial", "observational": "observational study", "expert-opinion": "expert opinion",
          "label": "product label", "regulatory": "regulatory decision"}
NOT_OFFERED = {"absolute": "Contraindicated", "preference": "The person's preference",
               "not-met": "Asked about: criteria not met or not decidable"}
TIER_TAGS = {"urgent": ("Urgent", "red"), "recommended": ("Recommended", "green"),
             "alternative": ("Alternative", "blue"), "also-possible": ("Also possible", "grey")}
DOWNLOADS = {"json": ("application/json", "json"), "markdown": ("text/markdown; charset=utf-8", "md")}


# --------------------------------------------------------------------------- examples


def examples() -> list[tuple[str, str]]:
    """(name, label) of the example profiles, the contract's demo first."""
    files = sorted(p for p in examples_dir().iterdir() if p.suffix in (".json", ".yaml", ".yml"))
    names = sorted((p.stem for p in files), key=lambda n: (n != "demo-001", n))
    return [(n, n.replace("-", " ").capitalize()) for n in names]


def load_example(name: str) -> dict[str, Any]:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", name):
        abort(404)
    for suffix in (".json", ".yaml", ".yml"):
        path = Path(examples_dir(), name + suffix)
        if path.is_file():
            data = parse_text(path.read_text(encoding="utf-8"), path.name)
            if isinstance(data, dict):
                return data
    abort(404)


# --------------------------------------------------------------------------- helpers


def option_title(option_id: str) -> str:
    book = get_service().rulebook
    if option_id in book.options:
        return book.options[option_id].title
    return HISTORY_ONLY_TITLES.get(option_id, option_id)


def affected(option_ids: list[str]) -> str:
    """The options a missing field would help decide, short: a theme with many becomes a count."""
    book = get_service().rulebook
    by_theme: dict[str, list[str]] = {}
    for oid in dict.fromkeys(option_ids):
        theme = book.options[oid].theme if oid in book.options else ""
        by_theme.setdefault(theme, []).append(oid)
    parts: list[str] = []
    for theme, ids in by_theme.items():
        if len(ids) > 4 and theme:
            parts.append(f"{len(ids)} {THEME_TITLES.get(theme, theme).lower()} options")
        else:
            parts += [option_title(i) for i in ids]
    return ", ".join(parts)


def display_value(path: str, value: Any) -> str:
    spec = FIELDS[path]
    if value is None:
        return "None" if path == "treatment.current" else "Not known"
    if spec.kind == "bool":
        return "Yes" if value else "No"
    if spec.kind == "list":
        if not value:
            return "None"
        titles = [option_title(v) if path != "comorbidities" and path != "preferences.routes" else choice_label(v)
                  for v in value]
        return ", ".join(titles)
    if path == "treatment.current":
        return option_title(value)
    if spec.kind == "choice":
        return choice_label(str(value))
    if spec.kind == "date":
        return dt.date.fromisoformat(str(value)).strftime("%-d %B %Y")
    if spec.kind in ("int", "number"):
        text = f"{value:.1f}" if path == "disease_course.edss" else f"{value:g}"
        unit = UNIT_DISPLAY.get(spec.unit, spec.unit)
        return f"{text} {unit}".strip()
    return str(value)


def profile_summary(profile: dict[str, Any]) -> list[tuple[str, list[tuple[str, str]]]]:
    """The answers given, by section, in words: printed with the result."""
    out: list[tuple[str, list[tuple[str, str]]]] = []
    for section in build_sections(get_service().rulebook):
        rows = []
        for w in section.widgets:
            head, _, tail = w.path.partition(".")
            container = profile.get(head, {}) if tail else profile
            key = tail or head
            if isinstance(container, dict) and key in container:
                rows.append((w.label, display_value(w.path, container[key])))
        if rows:
            out.append((section.title, rows))
    return out


def evidence_href(e: Any) -> str | None:
    if e.url:
        return str(e.url)
    if e.doi:
        return f"https://doi.org/{e.doi}"
    if e.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{e.pmid}/"
    return None


def render_form(values: dict[str, Any], errors: list[FormError], status: int = 200,
                example: str | None = None) -> tuple[str, int]:
    service = get_service()
    by_path = {e.path: e.message for e in errors}
    return render_template("form.html", sections=build_sections(service.rulebook), values=values,
                           errors=errors, field_errors=by_path, examples=examples(), example=example,
                           rulebook=service.rulebook, rule_errors=service.last_errors), status


def posted_profile() -> dict[str, Any]:
    """The profile re-posted from a result page (hidden field `profile`)."""
    try:
        data = json.loads(request.form.get("profile", ""))
    except ValueError:
        abort(400)
    if not isinstance(data, dict):
        abort(400)
    return data


def evaluate_or_400(profile: dict[str, Any]) -> Report:
    try:
        return get_service().evaluate(profile)
    except ProfileError:
        abort(400)


# --------------------------------------------------------------------------- the summary on the page


@dataclass(frozen=True)
class RankedLine:
    """One line of the treatment choice: options that share a reason, numbered from `start`."""

    start: int
    options: list[OptionItem]
    reason: str


def ranked_lines(report: Report) -> list[RankedLine]:
    """`report.summary.recommended`, each option numbered by its rank in the report (as in the detail)."""
    out = []
    for item in report.summary.recommended:
        options = [o for o in (report.option(i) for i in item.ids) if o is not None]
        out.append(RankedLine(options[0].rank, options, item.text))
    return out


def contraindicated(item: SummaryItem, report: Report) -> bool:
    """A summary 'not offered' line about an absolute exclusion (shown as a contraindication)."""
    n = report.not_offered_item(item.ids[0]) if item.ids else None
    return n is not None and n.strength == "absolute"


def not_offered_names(item: SummaryItem, report: Report) -> str:
    """A summary 'not offered' line's options: every name for a contraindication (never 'and 2 more')."""
    if not contraindicated(item, report):
        return item.title
    names = [n.title for n in (report.not_offered_item(i) for i in item.ids) if n is not None]
    return titles(names, most=len(names))


def summary_href(item: SummaryItem, report: Report) -> str:
    """Where a summary line's detail is: an option card, a not-offered row or the switch notice."""
    first = item.ids[0] if item.ids else ""
    if report.option(first):
        return f"#option-{first}"
    if report.switch is not None and first == report.switch.current:
        return "#switch"
    return f"#not-offered-{first}" if report.not_offered_item(first) else "#detail"


# --------------------------------------------------------------------------- routes


@bp.get("/")
def form() -> Any:
    name = request.args.get("example")
    values = profile_to_values(load_example(name)) if name else {}
    return render_form(values, [], example=name)


@bp.post("/result")
def result() -> Any:
    values = read_values(request.form)
    profile, errors = validate(values)
    if errors:
        return render_form(values, errors, 400)
    report = evaluate_or_400(profile)
    return render_template("result.html", report=report, groups=option_groups(report),
                           ranked=ranked_lines(report), more=more_text(report), short_hash=short_hash(report),
                           profile_json=json.dumps(profile, separators=(",", ":"), ensure_ascii=False),
                           summary=profile_summary(profile),
                           evaluated_at=dt.datetime.now(dt.timezone.utc).strftime("%-d %B %Y, %H:%M UTC"))


@bp.get("/result")
def result_get() -> Any:
    return redirect(url_for("clinic.form"))


@bp.post("/edit")
def edit() -> Any:
    return render_form(profile_to_values(posted_profile()), [])


@bp.post("/download/<fmt>")
def download(fmt: str) -> Any:
    if fmt not in DOWNLOADS:
        abort(404)
    profile = posted_profile()
    report = evaluate_or_400(profile)
    mimetype, ext = DOWNLOADS[fmt]
    body = report.to_json() if fmt == "json" else render(report, "markdown", rulebook=get_service().rulebook,
                                                          profile=profile)
    name = f"msdecide-{report.profile_id or 'profile'}-{report.as_of.isoformat()}.{ext}"
    return Response(body, content_type=mimetype, headers={"Content-Disposition": f'attachment; filename="{name}"'})


def csrf_failed(exc: CSRFError) -> Any:
    """A missing or expired CSRF token. On the form, keep every answer and ask to submit again."""
    if wants_json():
        return problem(400, "CSRF token missing or invalid", str(exc.description))
    if request.endpoint == "clinic.result":
        error = FormError("csrf", "This form was open for too long, or the service restarted: check the answers "
                          "and select 'Show options' again", "submit")
        return render_form(read_values(request.form), [error], 400)
    return page(400, "This page has expired", "Go back to the result or the form, reload it, and try again. "
                "Nothing you entered was stored.")


def init_app(app: Flask) -> None:
    app.jinja_env.globals.update(
        msdecide_version=__version__, theme_titles=THEME_TITLES, levels=LEVELS,
        not_offered_reasons=NOT_OFFERED, option_title=option_title, evidence_href=evidence_href,
        NONE_VALUE=NONE_VALUE, region_titles=REGION_TITLES, tier_tags=TIER_TAGS,
        contraindicated=contraindicated, not_offered_names=not_offered_names,
        summary_href=summary_href)
    app.jinja_env.filters["option_title"] = option_title
    app.jinja_env.filters["affected"] = affected
    app.jinja_env.filters["capitalize_first"] = lambda s: s[:1].upper() + s[1:] if s else s
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
