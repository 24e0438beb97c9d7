"""Markdown: the same report for letters, wikis and pull requests; the summary first."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from ..report import Report, SummaryItem
from ..rulebook.model import Rulebook
from .grid import grid_markdown
from .groups import REGION_TITLES, more_text, option_groups, ranked_names, short_hash


def _link(citation: str, url: str | None) -> str:
    return f"[{citation}]({url})" if url else citation


def _bullets(heading: str, items: list[SummaryItem]) -> list[str]:
    return [f"**{heading}**", "", *[f"- **{i.title}:** {i.text}" for i in items], ""] if items else []


def render_summary(report: Report) -> list[str]:
    s = report.summary
    out = ["## Summary", ""]
    out += _bullets("Urgent", s.urgent)
    if s.switch:
        out += [f"**{s.switch.title}:** {s.switch.text}", ""]
    if s.recommended:
        out += ["**Treatment options (best fit first)**", ""]
        for item in s.recommended:
            out.append("- " + " · ".join(f"**{name}**" for name in ranked_names(report, item)) + f" — {item.text}")
        out.append("")
    else:
        out += ["**Treatment options:** no disease-modifying therapy is put forward for this profile.", ""]
    if s.also_recommended:
        out += ["**Also recommended:** " + "; ".join(f"{i.title} — {i.text}" for i in s.also_recommended), ""]
    out += _bullets("Key cautions", s.cautions)
    out += _bullets("Not offered", s.not_offered)
    out += _bullets("Data that would change this most", s.missing)
    if more_text(report):
        out += [f"*In the detail below: {more_text(report)}.*", ""]
    return out


def render_detail(report: Report) -> list[str]:
    out = ["## Detail", ""]
    for heading, items in option_groups(report):
        out += [f"### {heading}", ""]
        for o in items:
            out += [f"#### {o.rank}. {o.title}", "", f"*{o.label}{', current therapy' if o.current else ''}* "
                    f"— rules {', '.join(o.rules)}", "", f"- **Rank:** {o.tier_reason}"]
            out += [f"- **Why:** {b}" for b in o.because]
            out += [f"- **Caution — {c.title}:** {c.text}" for c in o.cautions]
            out += [f"- **Checks before starting:** {o.checks}"] if o.checks else []
            out += [f"- **Evidence:** {_link(e.citation, e.url)} ({e.level}{'' if e.verified else ', unverified'})"
                    for e in o.evidence]
            out.append("")
    if report.not_offered:
        out += ["### Not offered", ""]
        out += [f"- **{n.title}** ({n.strength}): {' '.join(n.because)}" for n in report.not_offered]
        out.append("")
    if report.missing_data:
        out += ["### Data that would change this", ""]
        out += [f"- `{m.field}` ({m.label}): {m.why}" for m in report.missing_data]
        out.append("")
    if report.warnings:
        out += ["### Warnings", ""]
        out += [f"- {w.text}" for w in report.warnings]
        out.append("")
    return out


def render_markdown(report: Report, detail: str = "full", rulebook: Rulebook | None = None,
                    profile: Mapping[str, Any] | None = None) -> str:
    out = [f"# Options to discuss: profile {report.profile_id or '(no id)'}", "",
           f"As of {report.as_of}. {REGION_TITLES[report.region]}. Rulebook {report.rulebook.name} "
           f"{report.rulebook.version} (sha256 `{short_hash(report)}`).", "", f"> {report.disclaimer}", ""]
    out += render_summary(report)
    if detail == "full":
        out += render_detail(report)
        out += grid_markdown(report, rulebook, profile)  # the option grid, when the rulebook is given
    return "\n".join(out)
