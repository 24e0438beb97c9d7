"""Plain text for the terminal: the summary first (one screen), the full detail on demand."""

from __future__ import annotations

import textwrap

from ..report import Report, SummaryItem
from .groups import REGION_TITLES, more_text, option_groups, ranked_names, short_hash

WIDTH = 100
DETAILS = ("summary", "full")


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest) or [first.rstrip()]


def _items(heading: str, items: list[SummaryItem], mark: str) -> list[str]:
    if not items:
        return []
    lines = [heading]
    for item in items:
        lines += _wrap(f"{item.title}: {item.text}", f"  {mark} ", "    ")
    return lines


def _ranked(report: Report, items: list[SummaryItem]) -> list[str]:
    """'1. A  2. B' (each option's rank in the report) on one line per shared reason, the reason beneath."""
    lines = []
    for item in items:
        lines += _wrap("  ".join(ranked_names(report, item)), "  ", "  ")
        lines += _wrap(item.text, "     why: ", "          ")
    return lines


def render_summary(report: Report) -> list[str]:
    """At most about 25 lines: urgent items, the treatment choice, key cautions, not offered, data."""
    s = report.summary
    lines = [f"msdecide · {report.profile_id or 'profile'} · as of {report.as_of} · "
             f"{REGION_TITLES[report.region]} · rulebook {report.rulebook.version} ({short_hash(report)})",
             "Options to discuss with the person and the MS team: not orders, no doses.", ""]
    lines += _items("URGENT", s.urgent, "!")
    if s.switch:
        lines += _wrap(f"{s.switch.title}: {s.switch.text}", "SWITCH  ", "        ")
    if s.recommended:
        lines += ["TREATMENT OPTIONS (best fit first)"] + _ranked(report, s.recommended)
    else:
        lines.append("TREATMENT OPTIONS: no disease-modifying therapy is put forward for this profile.")
    if s.also_recommended:
        lines += _wrap("; ".join(f"{i.title} — {i.text}" for i in s.also_recommended), "  Also recommended: ",
                       "    ")
    lines += _items("KEY CAUTIONS", s.cautions, "!")
    lines += _items("NOT OFFERED", s.not_offered, "x")
    lines += _items("DATA THAT WOULD CHANGE THIS MOST", s.missing, "?")
    tail = [t for t in (more_text(report) and f"In the detail: {more_text(report)}",
                        report.warnings and f"{len(report.warnings)} warning(s)") if t]
    lines += ["", "; ".join(tail + ["full detail: --detail full"]) + "."]
    return lines


def render_detail(report: Report) -> list[str]:
    """Every option by tier with why, cautions, checks and evidence; not offered; data; warnings."""
    lines = [report.disclaimer, ""]
    if not report.options:
        lines += ["No options could be put forward from the data given.", ""]
    for heading, items in option_groups(report):
        lines.append(heading.upper())
        for o in items:
            mark = "!" if o.urgent else "*"
            lines.append(f"  {mark} {o.rank}. {o.title}  [{o.label}{', current' if o.current else ''}]  "
                         f"{', '.join(o.rules)}")
            lines += _wrap(o.tier_reason, "      rank: ", "            ")
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
    return lines


def render_text(report: Report, detail: str = "summary") -> str:
    lines = render_summary(report)
    if detail == "full":
        lines += ["", "=" * 40 + " FULL DETAIL " + "=" * 40, ""] + render_detail(report)
    return "\n".join(lines)
