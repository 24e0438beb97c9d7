"""The summary a clinician reads first: urgent items, the best-fitting options with one reason each,
key cautions, what is not offered and the missing data that would change the most.

It is built from the ranked report only (never from rules), so every line repeats something the
detail says; nothing safety-relevant is left out: every urgent option, the switch notice and every
contraindication (absolute exclusion) of an option being considered are always listed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .report import MissingItem, NotOfferedItem, OptionItem, Summary, SummaryItem, SwitchNotice

TREATMENT_THEME = "immunotherapy"
MAX_TREATMENTS = 6
MAX_CAUTIONS = 3
MAX_OTHER_NOT_OFFERED = 2
MAX_MISSING = 3
# a caution is key when a decision is still open, or when its topic is marked `key` in the catalogue
OPEN_PREFIXES = ("Specialist decision", "Cannot be judged yet")
_SENTENCE_END = re.compile(r"(?<=[a-z0-9)\]%])\. (?=[A-Z(])")


def first_sentence(text: str) -> str:
    """Up to the first full stop that ends a sentence outside brackets."""
    for m in _SENTENCE_END.finditer(text):
        before = text[:m.start()]
        if before.count("(") == before.count(")"):
            return before
    return text.strip().rstrip(".")


_CITATION_TAIL = re.compile(r"\s*\([^()]*\b(?:19|20)\d\d\b[^()]*\)$")
_NOT_RECORDED = re.compile(r"^Cannot be judged yet \(not recorded: ([^)]*)\)")


def short(text: str, words: int = 16) -> str:
    """The first sentence without a closing citation, at most `words` words (cut with an ellipsis)."""
    first = _CITATION_TAIL.sub("", first_sentence(text.strip()))
    parts = first.split()
    return first if len(parts) <= words else " ".join(parts[:words]).rstrip(",;:") + "…"


def titles(names: list[str], most: int = 3) -> str:
    """'A', 'A and B', 'A, B and 2 more'."""
    if len(names) > most:
        return ", ".join(names[:most - 1]) + f" and {len(names) - most + 1} more"
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _treatments(options: list[OptionItem]) -> list[OptionItem]:
    """The treatment choice: recommended DMTs in report order, else the best alternatives."""
    drugs = [o for o in options if o.theme == TREATMENT_THEME]
    for tier in ("recommended", "alternative"):
        chosen = [o for o in drugs if o.tier == tier]
        if chosen:
            return chosen[:MAX_TREATMENTS]
    return []


def _key_cautions(shown: list[OptionItem]) -> list[SummaryItem]:
    """Open decisions first, then key topics; one line per caution text, naming every option it is on."""
    lines: dict[tuple[int, str], list[OptionItem]] = {}
    for o in shown:
        for c in o.cautions:
            rank = 0 if c.text.startswith(OPEN_PREFIXES) else 1 if c.key else None
            if rank is None:
                continue
            unknown = _NOT_RECORDED.match(c.text)
            text = f"cannot be judged yet: record {unknown.group(1)}" if unknown else short(c.text, 12)
            lines.setdefault((rank, f"{c.title}: {text}"), []).append(o)
    return [SummaryItem(ids=[o.id for o in on], title=", ".join(o.title for o in on), text=text)
            for (_, text), on in sorted(lines.items(), key=lambda kv: kv[0][0])][:MAX_CAUTIONS]


def _not_offered(items: list[NotOfferedItem]) -> list[SummaryItem]:
    """Options being considered, grouped by their reason; every contraindication is listed, other reasons
    (preferences, criteria not met) up to a few."""
    groups: dict[tuple[str, str], list[NotOfferedItem]] = {}
    for n in items:
        if not n.considered:
            continue
        groups.setdefault((n.strength, short(n.because[0], 12) if n.because else n.strength), []).append(n)
    bars = [(k, v) for k, v in groups.items() if k[0] == "absolute"]
    rest = [(k, v) for k, v in groups.items() if k[0] != "absolute"][:MAX_OTHER_NOT_OFFERED]
    return [SummaryItem(ids=[n.id for n in v], title=titles([n.title for n in v], 4), text=text)
            for (_, text), v in bars + rest]


def _missing(items: Iterable[MissingItem], names: dict[str, str]) -> list[SummaryItem]:
    return [SummaryItem(ids=[m.field], title=m.label,
                        text="would decide " + titles([names.get(o, o) for o in m.options]))
            for m in list(items)[:MAX_MISSING]]


def head(text: str, words: int = 8) -> str:
    """The patient's value that opens a reason ('PHQ-9 11: ...' -> 'PHQ-9 11'), or its first words."""
    first, sep, _ = text.partition(": ")
    return first if sep and len(first.split()) <= words else short(text, words)


def _grouped(options: list[OptionItem]) -> list[SummaryItem]:
    """Consecutive options that share a reason form one line: the reason is said once."""
    out: list[SummaryItem] = []
    for o in options:
        name = o.title + (" (current)" if o.current else "")
        text = short(o.tier_reason, 18)
        if out and out[-1].text == text:
            last = out[-1]
            out[-1] = SummaryItem(ids=last.ids + [o.id], title=f"{last.title}, {name}", text=text)
        else:
            out.append(SummaryItem(ids=[o.id], title=name, text=text))
    return out


def summarise(options: list[OptionItem], not_offered: list[NotOfferedItem], missing: list[MissingItem],
              switch: SwitchNotice | None, names: dict[str, str]) -> Summary:
    """The summary of a ranked report (options already in rank order); `names` gives option titles."""
    urgent = [SummaryItem(ids=[o.id], title=o.title, text=short(o.tier_reason, 18))
              for o in options if o.tier == "urgent"]
    notice = None
    if switch is not None:
        title = f"Switch needed from {switch.title}" if switch.kind == "forced" else \
            f"Not continuing {switch.title} (breakthrough)"
        notice = SummaryItem(ids=[switch.current], title=title,
                             text=short(switch.because[0], 16) if switch.because else "see detail")
        if switch.kind == "forced":
            urgent.insert(0, notice)
            notice = None
    treatments = _treatments(options)
    recommended = _grouped(treatments)
    also = [SummaryItem(ids=[o.id], title=o.title, text=head(o.tier_reason))
            for o in options if o.tier == "recommended" and o.theme != TREATMENT_THEME]
    listed = {o.id for o in treatments} | {i for item in urgent + also for i in item.ids}
    more: dict[str, int] = {}
    for o in options:
        if o.id not in listed:
            more[o.tier] = more.get(o.tier, 0) + 1
    return Summary(urgent=urgent, switch=notice, recommended=recommended, also_recommended=also,
                   cautions=_key_cautions(treatments),
                   not_offered=_not_offered([n for n in not_offered if not (switch and n.id == switch.current)]),
                   missing=_missing(missing, names), more=more)
