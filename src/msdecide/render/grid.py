"""The option grid: the report's disease-modifying therapies side by side on their cited attributes.

Every word in a cell comes from the rulebook's `attributes.yaml` (never from code); the columns are
the report's options that have attributes, in the report's order (its ranking), labelled by tier
when the report has tiers. The person's stated preferences (acceptable routes, family plans) are
highlighted. `build_grid` gives the structure the web page draws; `grid_markdown` the Markdown.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from ..profile import Profile, parse_profile
from ..report import Report
from ..rulebook.model import ATTRIBUTES, Evidence, Rulebook

TIER_TITLES = {"urgent": "Urgent", "recommended": "Recommended", "alternative": "Alternative",
               "also-possible": "Also possible"}
BADGE_TITLES = {"modest": "Modest", "moderate-high": "Moderate to high", "high": "High",
                "compatible": "Compatible", "specialist": "Specialist decision", "avoid": "Avoid",
                "contraindicated": "Contraindicated"}
FAMILY = {"pregnant": "pregnant", "breastfeeding": "breastfeeding", "planning": "planning a pregnancy"}


@dataclass(frozen=True)
class Preferences:
    """What the person said that the grid highlights: acceptable routes and family plans."""

    routes: tuple[str, ...] = ()
    family: str = ""  # "" when no family plans are recorded

    @classmethod
    def of(cls, profile: Profile | Mapping[str, Any] | None) -> Preferences:
        if profile is None:
            return cls()
        p = profile if isinstance(profile, Profile) else parse_profile(dict(profile))
        prefs, demo = p.preferences, p.demographics
        family = FAMILY.get(demo.pregnancy or "", "") if demo else ""
        if not family and prefs and prefs.family_planning_2y:
            family = "wishing to conceive within 2 years"
        return cls(tuple(prefs.routes or ()) if prefs else (), family)

    def says(self, key: str) -> str:
        """What the person said that bears on an attribute row ('' when nothing)."""
        if key == "route" and self.routes:
            return "acceptable routes: " + ", ".join(self.routes)
        if key in ("pregnancy", "breastfeeding") and self.family:
            return self.family
        return ""


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    tier: str | None
    current: bool


@dataclass(frozen=True)
class Cell:
    text: str
    detail: str  # the trial an efficacy class comes from; "" for the others
    badge: str  # efficacy class or pregnancy status; "" for the others
    refs: tuple[int, ...]  # numbers in Grid.sources
    verified: bool
    match: bool  # the option fits a stated preference (its route is acceptable)


@dataclass(frozen=True)
class Row:
    key: str
    title: str
    says: str  # the stated preference this row bears on ("" when none): the row is highlighted
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    sources: tuple[Evidence, ...]  # numbered from 1 in order of first use
    offered: tuple[Column, ...] = ()  # every therapy of the report that has attributes (columns: those shown)

    @property
    def tiers(self) -> list[tuple[str, int]]:
        """(tier title, number of columns) for consecutive columns of one tier; [] without tiers."""
        if not any(c.tier for c in self.columns):
            return []
        spans: list[tuple[str, int]] = []
        for c in self.columns:
            title = TIER_TITLES.get(c.tier or "", c.tier or "Other")
            if spans and spans[-1][0] == title:
                spans[-1] = (title, spans[-1][1] + 1)
            else:
                spans.append((title, 1))
        return spans


def build_grid(report: Report, rulebook: Rulebook, profile: Profile | Mapping[str, Any] | None = None, *,
               only: Collection[str] = (), limit: int | None = None) -> Grid:
    """The grid for a report: columns in report order, rows in attribute order, cells from the catalogue.

    `only` keeps the therapies chosen (still in report order); `limit` keeps the first so many, the
    highest ranked (a printed page holds about a dozen columns).
    """
    attrs = rulebook.attributes
    if attrs is None or rulebook.sha256 != report.rulebook.sha256:  # never facts from another rulebook
        return Grid((), (), ())
    prefs = Preferences.of(profile)
    offered = [o for o in report.options if o.id in attrs.options]
    options = [o for o in offered if not only or o.id in only][:limit]
    columns = tuple(Column(o.id, o.title, o.tier, o.current) for o in options)
    numbers: dict[str, int] = {}
    rows = []
    for key, title in ATTRIBUTES.items():
        cells = []
        for o in options:
            a = getattr(attrs.options[o.id], key)
            refs = tuple(numbers.setdefault(k, len(numbers) + 1) for k in a.cite)
            verified = a.verified and all(attrs.sources[k].verified for k in a.cite)
            badge = getattr(a, "efficacy_class", None) or getattr(a, "status", "")
            routes = rulebook.options[o.id].routes if o.id in rulebook.options else []
            match = key == "route" and bool(set(routes) & set(prefs.routes))
            cells.append(Cell(a.text, getattr(a, "trial", ""), badge, refs, verified, match))
        rows.append(Row(key, title, prefs.says(key), tuple(cells)))
    return Grid(columns, tuple(rows), tuple(attrs.sources[k] for k in numbers),
                tuple(Column(o.id, o.title, o.tier, o.current) for o in offered))


# --------------------------------------------------------------------------- Markdown


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def _cell_md(c: Cell) -> str:
    badge = f"**{BADGE_TITLES.get(c.badge, c.badge)}**: " if c.badge else ""
    mark = "✓ " if c.match else ""
    flag = " (not yet verified)" if not c.verified else ""
    detail = f" ({_md(c.detail)})" if c.detail else ""
    return f"{mark}{badge}{_md(c.text)}{detail} [{', '.join(map(str, c.refs))}]{flag}"


def grid_markdown(report: Report, rulebook: Rulebook | None,
                  profile: Profile | Mapping[str, Any] | None = None) -> list[str]:
    """The grid as Markdown lines (a section of the report); [] when no option has attributes."""
    if rulebook is None:
        return []
    grid = build_grid(report, rulebook, profile)
    if not grid.columns:
        return []
    head = [f"{c.title}{' (current)' if c.current else ''}" +
            (f" — {TIER_TITLES.get(c.tier, c.tier)}" if c.tier else "") for c in grid.columns]
    out = ["## Option grid", "",
           "The therapies above side by side, in the same order. Numbers in brackets are the sources below; "
           "✓ marks a route the person finds acceptable; rows in bold bear on what the person said.", "",
           "| | " + " | ".join(_md(h) for h in head) + " |", "|---" * (len(head) + 1) + "|"]
    for row in grid.rows:
        title = f"**{row.title}** (said: {_md(row.says)})" if row.says else row.title
        out.append(f"| {title} | " + " | ".join(_cell_md(c) for c in row.cells) + " |")
    out += ["", "Sources:", ""]
    out += [f"{n}. {e.citation} ({e.level}{'' if e.verified else ', not yet verified'})"
            for n, e in enumerate(grid.sources, 1)]
    return out + [""]
