"""Renderers: the same report as text for the terminal, JSON or Markdown."""

from __future__ import annotations

from collections.abc import Callable

from ..report import Report
from .markdown import render_markdown
from .text import render_text

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_text,
    "json": lambda report: report.to_json(),
    "markdown": render_markdown,
}


def render(report: Report, fmt: str) -> str:
    return RENDERERS[fmt](report)
