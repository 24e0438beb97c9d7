"""Renderers: the same report as text for the terminal, JSON, Markdown, or the person's handout.

Text and Markdown open with the summary; `detail` ("summary" or "full") says whether the full detail
follows. JSON is always the whole report (its `summary` key included). Full Markdown ends with the
option grid and the handout needs the rulebook's wording: both take the rulebook the report was made
with and, for the person's preferences, the profile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..report import Report
from ..rulebook.model import Rulebook
from .handout import render_handout
from .markdown import render_markdown
from .text import DETAILS, render_text

RENDERERS: dict[str, Callable[..., str]] = {
    "text": lambda report, detail, **_: render_text(report, detail),
    "json": lambda report, detail, **_: report.to_json(),
    "markdown": render_markdown,
    "handout": lambda report, detail, **context: render_handout(report, **context),
}
DEFAULT_DETAIL = {"text": "summary", "json": "full", "markdown": "full", "handout": "full"}


def render(report: Report, fmt: str, detail: str | None = None, *, rulebook: Rulebook | None = None,
           profile: Mapping[str, Any] | None = None) -> str:
    """The report in `fmt`, with the format's default level of detail unless `detail` is given."""
    if detail is not None and detail not in DETAILS:
        raise ValueError(f"detail must be one of {', '.join(DETAILS)}")
    return RENDERERS[fmt](report, detail or DEFAULT_DETAIL[fmt], rulebook=rulebook, profile=profile)
