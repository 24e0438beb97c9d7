"""Renderers: the same report as text for the terminal, JSON, Markdown, or the person's handout.

Markdown adds the option grid and the handout needs the rulebook's wording: both take the rulebook
the report was made with and, for highlighting the person's preferences, the profile.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from ..report import Report
from ..rulebook.model import Rulebook
from .handout import render_handout
from .markdown import render_markdown
from .text import render_text

RENDERERS: dict[str, Callable[..., str]] = {
    "text": lambda report, **_: render_text(report),
    "json": lambda report, **_: report.to_json(),
    "markdown": render_markdown,
    "handout": render_handout,
}


def render(report: Report, fmt: str, *, rulebook: Rulebook | None = None,
           profile: Mapping[str, Any] | None = None) -> str:
    return RENDERERS[fmt](report, rulebook=rulebook, profile=profile)
