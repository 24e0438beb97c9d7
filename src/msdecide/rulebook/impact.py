"""`msdecide rules diff OLD NEW`: the clinical impact of a rulebook change, for a reviewer.

Every profile is evaluated with both rulebooks; the differences are reported per profile (options
gained or lost, moved to or from "not offered", cautions added, removed or reworded, reasons
reworded, data newly needed) and summarised per option.
"""

from __future__ import annotations

import contextlib
import io
import json
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..profile import ProfileError, parse_profile
from ..report import Report
from .loader import load_rulebook
from .model import Rulebook


class ImpactError(ValueError):
    """A rulebook or profile given to `rules diff` cannot be read."""


@dataclass
class ProfileChange:
    profile: str
    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    to_not_offered: list[str] = field(default_factory=list)
    from_not_offered: list[str] = field(default_factory=list)
    cautions_added: dict[str, list[str]] = field(default_factory=dict)
    cautions_removed: dict[str, list[str]] = field(default_factory=dict)
    cautions_reworded: dict[str, list[str]] = field(default_factory=dict)
    reasons_reworded: list[str] = field(default_factory=list)
    data_needed_added: list[str] = field(default_factory=list)
    data_needed_removed: list[str] = field(default_factory=list)
    # the words the clinician reads, before and after, for every changed caution and reworded reason
    wording: list[dict[str, Any]] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return any(v for k, v in asdict(self).items() if k not in ("profile", "wording"))


@dataclass
class OptionSummary:
    option: str
    title: str
    gained: list[str] = field(default_factory=list)
    lost: list[str] = field(default_factory=list)
    to_not_offered: list[str] = field(default_factory=list)
    from_not_offered: list[str] = field(default_factory=list)
    cautions_changed: list[str] = field(default_factory=list)
    reasons_reworded: list[str] = field(default_factory=list)


@dataclass
class Impact:
    old: dict[str, str]
    new: dict[str, str]
    profiles: int
    changes: list[ProfileChange]
    options: list[OptionSummary]


# --------------------------------------------------------------------------- inputs


@contextlib.contextmanager
def open_rulebook(spec: str) -> Iterator[Rulebook]:
    """A rulebook from a directory, or from git as REV:PATH (e.g. `main:rules`, `HEAD~1:rules`)."""
    from ..api import release

    path = Path(spec)
    if path.is_dir():
        book = load_rulebook(path)
        try:
            yield book
        finally:
            release(book)
        return
    if ":" not in spec:
        raise ImpactError(f"{spec}: no such rulebook directory (for a git revision write REV:PATH, e.g. main:rules)")
    rev, _, sub = spec.partition(":")
    sub = sub.strip("/") or "rules"
    proc = subprocess.run(["git", "archive", "--format=tar", rev, sub], capture_output=True, check=False)
    if proc.returncode != 0:
        raise ImpactError(f"{spec}: git cannot export it: {proc.stderr.decode(errors='replace').strip()}")
    with tempfile.TemporaryDirectory(prefix="msdecide-diff-") as tmp:
        with tarfile.open(fileobj=io.BytesIO(proc.stdout)) as tar:
            tar.extractall(tmp, filter="data")
        book = load_rulebook(Path(tmp) / sub)
        try:
            yield book
        finally:
            release(book)


def _read(path: Path) -> Any:
    from ..commands.common import parse_text

    return parse_text(path.read_text(encoding="utf-8"), str(path))


def _fhir_profile(data: Any, path: Path) -> Any:
    """A FHIR Bundle (such as examples/fhir/) is read into its profile; anything else is returned as it is."""
    from ..fhir import FhirInputError, is_fhir, read_bundle

    if not is_fhir(data):
        return data
    try:
        return read_bundle(data).profile
    except FhirInputError as exc:
        raise ImpactError(f"{path}: {exc}") from None


def collect_profiles(paths: list[str], books: list[Rulebook] | None = None) -> list[tuple[str, dict[str, Any]]]:
    """Named profiles from files and directories (.json/.yaml/.yml; a file may hold a list), plus the
    test profiles embedded in `books`."""
    out: list[tuple[str, dict[str, Any]]] = []
    for given in paths:
        p = Path(given)
        if p.is_dir():
            files = sorted(f for f in p.rglob("*") if f.suffix.lower() in (".json", ".yaml", ".yml"))
            if not files:
                raise ImpactError(f"{given}: no .json or .yaml profiles in this directory")
        elif p.is_file():
            files = [p]
        else:
            raise ImpactError(f"{given}: no such file or directory")
        for f in files:
            data = _fhir_profile(_read(f), f)
            items = data if isinstance(data, list) else [data]
            for i, item in enumerate(items):
                name = str(f) if len(items) == 1 else f"{f}#{i + 1}"
                out.append((name, item))
    seen: set[str] = set()
    for book in books or []:
        for rule in book.rules:
            for test in rule.tests:
                name = f"{rule.rule} test '{test.name}'"
                if name in seen:
                    continue
                seen.add(name)
                data = dict(test.profile)
                if test.as_of:
                    data.setdefault("as_of", test.as_of.isoformat())
                out.append((name, data))
    for name, data in out:
        try:
            parse_profile(data)
        except ProfileError as exc:
            raise ImpactError(f"{name}: not a valid profile: " + "; ".join(str(e) for e in exc.errors)) from None
    return out


# --------------------------------------------------------------------------- comparing


def _cautions(report: Report, option: str) -> dict[str, set[str]]:
    item = report.option(option)
    out: dict[str, set[str]] = {}
    for c in item.cautions if item else []:
        out.setdefault(c.id, set()).add(c.text)
    return out


def compare(name: str, before: Report, after: Report) -> ProfileChange:
    ch = ProfileChange(name)
    old_on, new_on = before.option_ids, after.option_ids
    old_no, new_no = before.not_offered_ids, after.not_offered_ids
    ch.gained = [o for o in new_on if o not in old_on]
    ch.lost = [o for o in old_on if o not in new_on]
    ch.to_not_offered = [o for o in new_no if o not in old_no]
    ch.from_not_offered = [o for o in old_no if o not in new_no]
    for option in (o for o in new_on if o in old_on):
        a, b = _cautions(before, option), _cautions(after, option)
        if added := sorted(set(b) - set(a)):
            ch.cautions_added[option] = added
        if removed := sorted(set(a) - set(b)):
            ch.cautions_removed[option] = removed
        if reworded := sorted(c for c in set(a) & set(b) if a[c] != b[c]):
            ch.cautions_reworded[option] = reworded
        for c in sorted(set(a) | set(b)):  # only the sentences that differ
            was, now = a.get(c, set()), b.get(c, set())
            if was != now:
                ch.wording.append({"option": option, "caution": c, "before": sorted(was - now),
                                   "after": sorted(now - was)})
        old_why, new_why = before.option(option).because, after.option(option).because  # type: ignore[union-attr]
        if old_why != new_why:
            ch.reasons_reworded.append(option)
            ch.wording.append({"option": option, "caution": None, "before": old_why, "after": new_why})
    old_m, new_m = before.missing_fields, after.missing_fields
    ch.data_needed_added = [f for f in new_m if f not in old_m]
    ch.data_needed_removed = [f for f in old_m if f not in new_m]
    return ch


def impact(old: Rulebook, new: Rulebook, profiles: list[tuple[str, dict[str, Any]]], engine: str = "reference",
           old_name: str = "old", new_name: str = "new") -> Impact:
    from ..api import evaluate

    changes = []
    for name, data in profiles:
        before = evaluate(data, old, engine=engine)  # type: ignore[arg-type]
        after = evaluate(data, new, engine=engine)  # type: ignore[arg-type]
        changes.append(compare(name, before, after))
    titles = {**{k: v.title for k, v in old.options.items()}, **{k: v.title for k, v in new.options.items()}}
    summary: dict[str, OptionSummary] = {}

    def put(option: str, attr: str, profile: str) -> None:
        s = summary.setdefault(option, OptionSummary(option, titles.get(option, option)))
        getattr(s, attr).append(profile)

    for ch in changes:
        for attr in ("gained", "lost", "to_not_offered", "from_not_offered", "reasons_reworded"):
            for option in getattr(ch, attr):
                put(option, attr, ch.profile)
        for option in {*ch.cautions_added, *ch.cautions_removed, *ch.cautions_reworded}:
            put(option, "cautions_changed", ch.profile)
    order = list(new.options) + [o for o in old.options if o not in new.options]
    return Impact(
        old={"name": old_name, "version": old.version, "sha256": old.sha256},
        new={"name": new_name, "version": new.version, "sha256": new.sha256},
        profiles=len(profiles), changes=[c for c in changes if c.changed],
        options=sorted(summary.values(), key=lambda s: order.index(s.option) if s.option in order else 999))


# --------------------------------------------------------------------------- rendering


def _caution_parts(ch: ProfileChange, option: str) -> list[str]:
    parts = []
    if option in ch.cautions_added:
        parts.append("added " + ", ".join(ch.cautions_added[option]))
    if option in ch.cautions_removed:
        parts.append("removed " + ", ".join(ch.cautions_removed[option]))
    if option in ch.cautions_reworded:
        parts.append("reworded " + ", ".join(ch.cautions_reworded[option]))
    return parts


def _lines(ch: ProfileChange) -> list[str]:
    out = []
    for label, items in (("offered now", ch.gained), ("no longer offered", ch.lost),
                         ("now shown as not offered", ch.to_not_offered),
                         ("no longer shown as not offered", ch.from_not_offered),
                         ("reasons reworded", ch.reasons_reworded),
                         ("data now needed", ch.data_needed_added), ("data no longer needed", ch.data_needed_removed)):
        if items:
            out.append(f"{label}: {', '.join(items)}")
    for option in sorted({*ch.cautions_added, *ch.cautions_removed, *ch.cautions_reworded}):
        out.append(f"cautions on {option}: {'; '.join(_caution_parts(ch, option))}")
    return out


def _option_line(s: OptionSummary) -> str:
    parts = []
    for label, items in (("offered to", s.gained), ("no longer offered to", s.lost),
                         ("now not offered for", s.to_not_offered),
                         ("no longer shown as not offered for", s.from_not_offered),
                         ("cautions changed for", s.cautions_changed), ("reasons reworded for", s.reasons_reworded)):
        if items:
            parts.append(f"{label} {len(items)} profile{'s' * (len(items) != 1)}")
    return "; ".join(parts)


def _head(imp: Impact) -> str:
    o, n = imp.old, imp.new
    return (f"{o['name']} (version {o['version']}, sha256 {o['sha256'][:12]}) -> {n['name']} (version {n['version']}, "
            f"sha256 {n['sha256'][:12]}): {len(imp.changes)} of {imp.profiles} profiles change")


def render_impact(imp: Impact, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps({"old": imp.old, "new": imp.new, "profiles": imp.profiles,
                           "changed": [asdict(c) for c in imp.changes],
                           "options": [asdict(s) for s in imp.options]}, indent=2) + "\n"
    if fmt == "markdown":
        out = ["# Clinical impact of the rulebook change", "", _head(imp), ""]
        if not imp.changes:
            out += ["No profile's report changes.", ""]
            return "\n".join(out)
        out += ["## By option", "", "| option | change |", "|---|---|"]
        out += [f"| `{s.option}` {s.title} | {_option_line(s)} |" for s in imp.options]
        out += ["", "## By profile", ""]
        for ch in imp.changes:
            out.append(f"### {ch.profile}")
            out.append("")
            out += [f"- {line}" for line in _lines(ch)]
            for w in ch.wording:
                what = f"caution {w['caution']}" if w["caution"] else "reasons"
                out.append(f"- {w['option']}, {what}:")
                out += [f"  - before: {t}" for t in w["before"]] or ["  - before: (none)"]
                out += [f"  - after: {t}" for t in w["after"]] or ["  - after: (none)"]
            out.append("")
        return "\n".join(out)
    out = [_head(imp)]
    if not imp.changes:
        return "\n".join(out + ["No profile's report changes."]) + "\n"
    out.append("")
    for ch in imp.changes:
        out.append(ch.profile)
        out += [f"  {line}" for line in _lines(ch)]
    out += ["", "Summary by option:"]
    out += [f"  {s.option}: {_option_line(s)}" for s in imp.options]
    return "\n".join(out) + "\n"
