"""The end-of-run summary: counts per option and per theme, as text and as a static HTML page with an SVG chart."""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from ..render.groups import THEME_TITLES
from ..rulebook.model import Rulebook


@dataclass
class Summary:
    """Counts over the result rows of one run."""

    rulebook: Rulebook
    total: int = 0
    invalid: list[int] = field(default_factory=list)
    options: Counter[str] = field(default_factory=Counter)
    not_offered: Counter[str] = field(default_factory=Counter)
    missing: Counter[str] = field(default_factory=Counter)
    themes: Counter[str] = field(default_factory=Counter)  # profiles with at least one option of the theme

    def add(self, row: dict[str, Any]) -> None:
        self.total += 1
        if row["errors"]:
            self.invalid.append(row["row"])
            return
        self.options.update(row["options"])
        self.not_offered.update(row["not_offered"])
        self.missing.update(row["missing_data"])
        self.themes.update({self.theme(o) for o in row["options"]})

    @property
    def evaluated(self) -> int:
        return self.total - len(self.invalid)

    def theme(self, option: str) -> str:
        entry = self.rulebook.options.get(option)
        return entry.theme if entry else "other"

    def by_theme(self) -> list[tuple[str, list[tuple[str, int]]]]:
        """(theme, [(option, count), ...]) in the catalogue's theme order, busiest options first."""
        grouped: dict[str, list[tuple[str, int]]] = {}
        for option, count in sorted(self.options.items(), key=lambda kv: (-kv[1], kv[0])):
            grouped.setdefault(self.theme(option), []).append((option, count))
        order = list(THEME_TITLES) + ["other"]
        return sorted(grouped.items(), key=lambda kv: order.index(kv[0]) if kv[0] in order else len(order))

    def text(self) -> str:
        book = self.rulebook
        pct = (lambda n: f"{100 * n / self.evaluated:.1f}%") if self.evaluated else (lambda n: "-")
        lines = [f"{self.total} profiles: {self.evaluated} evaluated, {len(self.invalid)} invalid",
                 f"rulebook {book.meta.name} {book.version} (sha256 {book.sha256[:12]})", "",
                 "profiles with at least one option, by theme:"]
        lines += [f"  {THEME_TITLES.get(t, t):<36} {self.themes[t]:>8}  {pct(self.themes[t])}"
                  for t, _ in self.by_theme()]
        lines += ["", "profiles per option:"]
        for theme, options in self.by_theme():
            lines += [f"  {o:<34} {n:>8}  {pct(n)}  ({THEME_TITLES.get(theme, theme)})" for o, n in options]
        if self.missing:
            lines += ["", "data most often missing:"]
            lines += [f"  {f:<34} {n:>8}  {pct(n)}" for f, n in self.missing.most_common(10)]
        return "\n".join(lines)

    def html(self, title: str) -> str:
        """A self-contained page (no scripts, no external files) with a bar chart of options by theme."""
        return (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{html.escape(title)}</title>"
                f"<style>{CSS}</style></head><body><h1>{html.escape(title)}</h1>"
                f"<p>{self.total} profiles: {self.evaluated} evaluated, {len(self.invalid)} invalid. Rulebook "
                f"{html.escape(self.rulebook.meta.name)} {html.escape(self.rulebook.version)} "
                f"(sha256 <code>{self.rulebook.sha256[:12]}</code>). Bars: share of evaluated profiles for whom "
                f"the option is put forward to discuss.</p>{self.svg()}</body></html>\n")

    def svg(self) -> str:
        row_h, label_w, bar_w, top = 22, 260, 420, 10
        rows: list[str] = []
        y = top
        for theme, options in self.by_theme():
            rows.append(f'<text class="theme" x="0" y="{y + 15}">{html.escape(THEME_TITLES.get(theme, theme))} '
                        f"({self.themes[theme]} profiles)</text>")
            y += row_h
            for option, count in options:
                share = count / self.evaluated if self.evaluated else 0.0
                width = max(1, round(share * bar_w))
                rows.append(f'<g><title>{html.escape(option)}: {count} ({share:.1%})</title>'
                            f'<text x="12" y="{y + 15}">{html.escape(option)}</text>'
                            f'<rect class="t-{html.escape(theme)}" x="{label_w}" y="{y + 3}" width="{width}" '
                            f'height="{row_h - 6}"/>'
                            f'<text x="{label_w + width + 6}" y="{y + 15}">{count} ({share:.1%})</text></g>')
                y += row_h
        height = y + top
        return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="Options by theme" '
                f'width="{label_w + bar_w + 120}" height="{height}" viewBox="0 0 {label_w + bar_w + 120} {height}">'
                + "".join(rows) + "</svg>")


CSS = ("body{font-family:system-ui,sans-serif;margin:2rem;color:#212b32}svg text{font-size:13px;fill:#212b32}"
       "svg text.theme{font-weight:bold}rect{fill:#005eb8}rect.t-safety{fill:#d5281b}"
       "rect.t-lifestyle{fill:#007f3b}rect.t-mental-health{fill:#7c2855}rect.t-imaging{fill:#330072}"
       "rect.t-personalised-medicine{fill:#ae2573}rect.t-neuroprotection-repair{fill:#00a499}")
