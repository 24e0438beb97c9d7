"""Plain text for the terminal: grouped by theme, readable at a glance."""

from __future__ import annotations

import textwrap

from ..report import Report
from .groups import option_groups, short_hash

WIDTH = 100


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first.rstrip()]


def render_text(report: Report) -> str:
    lines = [f"msdecide report for profile {report.profile_id or '(no id)'}, as of {report.as_of}",
             f"Rulebook: {report.rulebook.name} {report.rulebook.version} (sha256 {short_hash(report)}...)",
             *_wrap(report.disclaimer, "", ""), ""]
    if not report.options:
        lines += ["No options could be put forward from the data given.", ""]
    for heading, items in option_groups(report):
        lines.append(heading.upper())
        for o in items:
            mark = "!" if o.urgent else "*"
            lines.append(f"  {mark} {o.title}  [{o.label}{', current' if o.current else ''}]  {', '.join(o.rules)}")
            for b in o.because:
                lines += _wrap(b, "      why: ", "           ")
            for c in o.cautions:
                lines += _wrap(f"{c.title}: {c.text}", "      caution: ", "               ")
            if o.checks:
                lines += _wrap(o.checks, "      checks: ", "              ")
            for e in o.evidence:
                tag = "" if e.verified else " [unverified]"
                lines += _wrap(f"{e.citation} ({e.level}){tag}", "      evidence: ", "                ")
        lines.append("")
    if report.not_offered:
        lines.append("NOT OFFERED")
        for n in report.not_offered:
            lines += _wrap(f"{n.title} ({n.strength}; {', '.join(n.rules) or 'no rule'}): " + " ".join(n.because),
                           "  x ", "      ")
        lines.append("")
    if report.missing_data:
        lines.append("DATA THAT WOULD CHANGE THIS")
        for m in report.missing_data:
            lines += _wrap(f"{m.field} ({m.label}): {m.why}", "  ? ", "      ")
        lines.append("")
    if report.warnings:
        lines.append("WARNINGS")
        for w in report.warnings:
            lines += _wrap(w.text, "  - ", "    ")
        lines.append("")
    return "\n".join(lines)
