"""Markdown: the same report for letters, wikis and pull requests."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..report import Report
from ..rulebook.model import Rulebook
from .grid import grid_markdown
from .groups import option_groups, short_hash


def _link(citation: str, url: str | None) -> str:
    return f"[{citation}]({url})" if url else citation


def render_markdown(report: Report, rulebook: Rulebook | None = None, profile: Mapping[str, Any] | None = None) -> str:
    out = [f"# Options to discuss: profile {report.profile_id or '(no id)'}", "",
           f"As of {report.as_of}. Rulebook {report.rulebook.name} {report.rulebook.version} "
           f"(sha256 `{short_hash(report)}`).", "", f"> {report.disclaimer}", ""]
    for heading, items in option_groups(report):
        out += [f"## {heading}", ""]
        for o in items:
            out += [f"### {o.title}", "", f"*{o.label}{', current therapy' if o.current else ''}* "
                    f"— rules {', '.join(o.rules)}", ""]
            out += [f"- **Why:** {b}" for b in o.because]
            out += [f"- **Caution — {c.title}:** {c.text}" for c in o.cautions]
            out += [f"- **Checks before starting:** {o.checks}"] if o.checks else []
            out += [f"- **Evidence:** {_link(e.citation, e.url)} ({e.level}{'' if e.verified else ', unverified'})"
                    for e in o.evidence]
            out.append("")
    if report.not_offered:
        out += ["## Not offered", ""]
        out += [f"- **{n.title}** ({n.strength}): {' '.join(n.because)}" for n in report.not_offered]
        out.append("")
    if report.missing_data:
        out += ["## Data that would change this", ""]
        out += [f"- `{m.field}` ({m.label}): {m.why}" for m in report.missing_data]
        out.append("")
    if report.warnings:
        out += ["## Warnings", ""]
        out += [f"- {w.text}" for w in report.warnings]
        out.append("")
    out += grid_markdown(report, rulebook, profile)  # the option grid, when the rulebook is given
    return "\n".join(out)
