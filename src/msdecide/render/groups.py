"""How every renderer groups a report: urgent first, then options by theme in the report's order."""

from __future__ import annotations

from ..report import OptionItem, Report

THEME_TITLES = {
    "immunotherapy": "Immunotherapy", "neuroprotection-repair": "Neuroprotection and myelin repair",
    "personalised-medicine": "Personalised medicine", "imaging": "Imaging", "lifestyle": "Lifestyle",
    "mental-health": "Mental health", "safety": "Safety",
}


def option_groups(report: Report) -> list[tuple[str, list[OptionItem]]]:
    """(heading, options) in report order; urgent options form their own first group."""
    groups: dict[str, list[OptionItem]] = {}
    for o in report.options:
        groups.setdefault("Urgent" if o.urgent else THEME_TITLES[o.theme], []).append(o)
    return list(groups.items())


def short_hash(report: Report) -> str:
    return report.rulebook.sha256[:12]
