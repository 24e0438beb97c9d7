"""The plain-language handout for the person: the report's options in everyday words.

The same facts as the clinician report, never different advice: exactly the report's options (same
ids, same order), each in the wording of the rulebook's `plain-language.yaml`, with how well it works
and its pregnancy status from `attributes.yaml`, and the report's cautions in plain words. Headings
are the report's tiers (consecutive runs, so the report's order is never changed).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ..profile import Profile
from ..report import Report
from ..rulebook.model import GlossaryEntry, Rulebook
from .grid import Preferences


LABELS = {"title": "Your MS choices", "current": "(the medicine you take now)", "strength": "How well it works",
          "pregnancy": "In pregnancy or when breastfeeding", "note": "Note", "questions": "Questions you could ask",
          "next": "What happens next", "words": "Words on this sheet"}


@dataclass(frozen=True)
class HandoutOption:
    id: str
    name: str
    text: str
    strength: str  # how well it works, for a therapy with attributes; "" otherwise
    pregnancy: str  # the pregnancy (or breastfeeding) status, when family plans are recorded; "" otherwise
    checks: tuple[str, ...]  # the report's cautions for this option, in plain words
    current: bool


@dataclass(frozen=True)
class HandoutGroup:
    heading: str
    options: tuple[HandoutOption, ...]


@dataclass(frozen=True)
class Handout:
    made: str  # "Made on <date>."
    intro: str
    groups: tuple[HandoutGroup, ...]
    notes: tuple[str, ...]  # nothing to choose yet; other choices looked at; facts not known
    footer: str
    questions: tuple[str, ...]
    next_steps: tuple[str, ...]
    glossary: tuple[GlossaryEntry, ...]

    @property
    def option_ids(self) -> list[str]:
        return [o.id for g in self.groups for o in g.options]


class HandoutUnavailable(Exception):
    """The rulebook has no plain-language wording, or is not the one the report came from."""


def build_handout(report: Report, rulebook: Rulebook, profile: Profile | Mapping[str, Any] | None = None) -> Handout:
    """The handout of a report: its options, in its order, grouped under the plain heading of their tier."""
    plain, attrs = rulebook.plain, rulebook.attributes
    if plain is None or rulebook.sha256 != report.rulebook.sha256:
        raise HandoutUnavailable("the handout needs the rulebook the report was made with, with plain-language.yaml")
    family = Preferences.of(profile).family
    groups: list[tuple[str, list[HandoutOption]]] = []
    for o in report.options:
        heading = plain.tiers.get(o.tier, o.tier)
        facts = attrs.options.get(o.id) if attrs else None
        pregnancy = ""
        if facts and family:
            said = facts.breastfeeding if family == "breastfeeding" else facts.pregnancy
            pregnancy = plain.status[said.status]
        item = HandoutOption(
            o.id, plain.options[o.id].name, plain.options[o.id].text,
            plain.efficacy[facts.efficacy.efficacy_class] if facts else "", pregnancy,
            tuple(dict.fromkeys(plain.cautions[c.id] for c in o.cautions if c.id in plain.cautions)), o.current)
        if groups and groups[-1][0] == heading:  # consecutive runs only: the report's order is kept
            groups[-1][1].append(item)
        else:
            groups.append((heading, [item]))
    n = len(report.not_offered)
    notes = (["There is nothing to choose yet. Your team needs more facts first."] if not groups else []) + \
        ([f"Your team also looked at {n} other choice{'s' if n != 1 else ''} that do not suit you now. "
          "Ask them why."] if n else []) + \
        (["Some facts about you were not known. They could change this list. Your team may ask for them."]
         if report.missing_data else [])
    footer = (f"Same choices, in the same order, as your team's report"
              f"{' for ' + report.profile_id if report.profile_id else ''} (rulebook {report.rulebook.name} "
              f"{report.rulebook.version}). These are choices to talk about, not orders.")
    return Handout(f"Made on {report.as_of.strftime('%-d %B %Y')}.", plain.intro.strip(),
                   tuple(HandoutGroup(h, tuple(items)) for h, items in groups), tuple(notes), footer,
                   tuple(plain.questions), tuple(plain.next_steps), tuple(plain.glossary))


def _lines(h: Handout) -> list[tuple[str, str]]:
    """(kind, text) in reading order: kind is h1, h2, h3, p or li. One source for Markdown and plain text."""
    out = [("h1", LABELS["title"]), ("p", h.made), ("p", h.intro)]
    for g in h.groups:
        out.append(("h2", g.heading))
        for o in g.options:
            out.append(("h3", o.name + (f" {LABELS['current']}" if o.current else "")))
            out.append(("p", o.text))
            if o.strength:
                out.append(("li", f"{LABELS['strength']}: {o.strength}"))
            if o.pregnancy:
                out.append(("li", f"{LABELS['pregnancy']}: {o.pregnancy}"))
            out += [("li", f"{LABELS['note']}: {c}") for c in o.checks]
    out += [("p", n) for n in h.notes]
    out.append(("h2", LABELS["questions"]))
    out += [("li", q) for q in h.questions]
    out.append(("h2", LABELS["next"]))
    out += [("li", s) for s in h.next_steps]
    out.append(("h2", LABELS["words"]))
    out += [("li", f"{g.term}: {g.means}") for g in h.glossary]
    return out


def handout_markdown(h: Handout) -> str:
    marks = {"h1": "# ", "h2": "\n## ", "h3": "\n### ", "p": "\n", "li": "- "}
    return "\n".join(marks[kind] + text for kind, text in _lines(h)) + f"\n\n*{h.footer}*\n"


def handout_plain_text(h: Handout) -> str:
    """The words a reader reads, one sentence per heading or list item (for readability measures)."""
    return "\n".join(t if t.rstrip().endswith((".", "?", "!", ":")) else t + "." for _, t in _lines(h))


def render_handout(report: Report, rulebook: Rulebook | None = None,
                   profile: Profile | Mapping[str, Any] | None = None) -> str:
    """The handout as Markdown (the CLI's `--format handout`)."""
    if rulebook is None:
        raise HandoutUnavailable("the handout needs the rulebook the report was made with")
    return handout_markdown(build_handout(report, rulebook, profile))
