"""How every renderer groups a report: by tier (best fit first), in the report's rank order."""

from __future__ import annotations

from ..report import OptionItem, Report, SummaryItem

THEME_TITLES = {
    "immunotherapy": "Immunotherapy", "neuroprotection-repair": "Neuroprotection and myelin repair",
    "personalised-medicine": "Personalised medicine", "imaging": "Imaging", "lifestyle": "Lifestyle",
    "mental-health": "Mental health", "safety": "Safety",
}
TIER_TITLES = {"urgent": "Urgent", "recommended": "Recommended", "alternative": "Alternatives",
               "also-possible": "Also possible"}
REGION_TITLES = {"EU": "EU labels", "US": "US labels", "UK": "UK labels"}


def option_groups(report: Report) -> list[tuple[str, list[OptionItem]]]:
    """(heading, options) per tier, in rank order."""
    groups: dict[str, list[OptionItem]] = {}
    for o in report.options:
        groups.setdefault(TIER_TITLES[o.tier], []).append(o)
    return list(groups.items())


def ranked_names(report: Report, item: SummaryItem) -> list[str]:
    """'3. Ocrelizumab' for each option of a summary treatment line: its rank in the report and title."""
    options = [report.option(i) for i in item.ids]
    return [f"{o.rank}. {o.title}" + (" (current)" if o.current else "") for o in options if o is not None]


def short_hash(report: Report) -> str:
    return report.rulebook.sha256[:12]


def more_text(report: Report) -> str:
    """'9 alternatives and 7 also possible' for what the summary leaves to the detail."""
    words = {"recommended": ("more recommended", "more recommended"), "alternative": ("alternative", "alternatives"),
             "also-possible": ("also possible", "also possible"), "urgent": ("urgent", "urgent")}
    parts = [f"{n} {words[t][n != 1]}" for t, n in report.summary.more.items() if n]
    return ", ".join(parts)
