"""Renderers: the same report as text for the terminal, JSON or Markdown.

Text and Markdown open with the summary; `detail` ("summary" or "full") says whether the full detail
follows. JSON is always the whole report (its `summary` key included).
"""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from .markdown import render_markdown
from .text import DETAILS, render_text

RENDERERS: dict[str, Callable[[Report, str], str]] = {
    "text": render_text,
    "json": lambda report, detail: report.to_json(),
    "markdown": render_markdown,
}
DEFAULT_DETAIL = {"text": "summary", "json": "full", "markdown": "full"}


def render(report: Report, fmt: str, detail: str | None = None) -> str:
    """The report in `fmt`, with the format's default level of detail unless `detail` is given."""
    if detail is not None and detail not in DETAILS:
        raise ValueError(f"detail must be one of {', '.join(DETAILS)}")
    return RENDERERS[fmt](report, detail or DEFAULT_DETAIL[fmt])
