"""CDS Hooks 2.0 cards: the same report as option cards, a not-offered card and a data-needed card.

Shapes follow CDS Hooks 2.0.1: `summary` under 140 characters, `indicator` info / warning /
critical, `source.label` always (with `source.url`, the option's first evidence link), GitHub-flavoured
Markdown in `detail`, no empty optional fields, our own data only under `extension`. Cards follow the
report's order of options, never re-sorted here. Cards are options to discuss: there are no suggestions or system actions, nothing is applied automatically.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Sequence
from typing import Any

from ..report import EvidenceItem, Report
from .groups import THEME_TITLES

EXTENSION = "org.msdecide.explanation"
TOPIC_SYSTEM = "urn:msdecide:card-topic"
OVERRIDE_SYSTEM = "http://terminology.hl7.org/CodeSystem/non-adherence-reason-codes"
OVERRIDE_REASONS = [
    {"system": OVERRIDE_SYSTEM, "code": "prefers-alternative",
     "display": "Patient prefers an alternative approach or treatment"},
    {"system": OVERRIDE_SYSTEM, "code": "patient-contraindication",
     "display": "Patient has contraindication to recommended action"},
    {"system": OVERRIDE_SYSTEM, "code": "need-more-info",
     "display": "Could not address recommended action due to need for more information/pending results/pending consult"},
    {"system": OVERRIDE_SYSTEM, "code": "recipient-disagrees-evidence",
     "display": "Recipient disagrees with recommendation because of issues with the evidence"},
]
SUMMARY_MAX = 139


def _summary(text: str) -> str:
    return text if len(text) <= SUMMARY_MAX else text[: SUMMARY_MAX - 1].rstrip(" ,;:") + "…"


def _href(e: EvidenceItem) -> str | None:
    if e.url:
        return e.url
    if e.doi:
        return f"https://doi.org/{e.doi}"
    if e.pmid:
        return f"https://pubmed.ncbi.nlm.nih.gov/{e.pmid}/"
    return None


def _md(text: str) -> str:
    """Plain text safe inside Markdown (no raw HTML, no accidental emphasis or links)."""
    out = text.replace("\\", "\\\\")
    for ch in "*_`[]<>|":
        out = out.replace(ch, "\\" + ch)
    return out


def _evidence_line(e: EvidenceItem) -> str:
    href = _href(e)
    cite = f"[{_md(e.citation)}]({href})" if href else _md(e.citation)
    return f"- {cite} ({e.level}{'' if e.verified else ', not yet verified'})"


def _clean(obj: Any) -> Any:
    """Drop None, "", [] and {} from optional fields, as CDS Hooks asks."""
    if isinstance(obj, dict):
        cleaned = {k: _clean(v) for k, v in obj.items()}
        return {k: v for k, v in cleaned.items() if v not in (None, "", [], {})}
    if isinstance(obj, list):
        return [_clean(v) for v in obj]
    return obj


def render_cards(report: Report, *, new_uuid: Callable[[], str] = lambda: str(uuid.uuid4()),
                 record_notes: Sequence[str] = ()) -> dict[str, Any]:
    """The report as a CDS Hooks response body: `{"cards": [...]}`. `record_notes` (from a FHIR record:
    values that could not be read, conflicts) join the data card, so the clinician sees what was not used."""
    book = report.rulebook
    pack = {"name": book.name, "version": book.version, "sha256": book.sha256}
    footer = (f"Rulebook {book.name} {book.version} (sha256 {book.sha256[:12]}), as of {report.as_of}.\n\n"
              f"*{_md(report.disclaimer)}*")
    cards: list[dict[str, Any]] = []

    for o in report.options:
        lines = ["**Why this option is shown**", ""] + [f"- {_md(b)}" for b in o.because]
        if o.cautions:
            lines += ["", "**Cautions**", ""] + [f"- **{_md(c.title)}:** {_md(c.text)} ({c.rule})" for c in o.cautions]
        if o.evidence:
            lines += ["", "**Evidence**", ""] + [_evidence_line(e) for e in o.evidence]
        lines += ["", f"**Rules**: {', '.join(o.rules)} · {o.label}", "", footer]
        extra = f" ({len(o.cautions)} caution{'s' if len(o.cautions) != 1 else ''})" if o.cautions else ""
        current = " (current therapy)" if o.current else ""
        cards.append({
            "uuid": new_uuid(),
            "summary": _summary(f"{'Urgent: ' if o.urgent else 'Option to discuss: '}{o.title}{current}{extra}"),
            "indicator": "critical" if o.urgent else "warning" if o.cautions else "info",
            "detail": "\n".join(lines),
            "source": {"label": _summary(f"msdecide {book.version}, rule {', '.join(o.rules)}"),
                       "url": next((href for e in o.evidence if (href := _href(e))), None),
                       "topic": {"system": TOPIC_SYSTEM, "code": "urgent" if o.urgent else o.theme,
                                 "display": "Urgent" if o.urgent else THEME_TITLES.get(o.theme, o.theme)}},
            "links": [{"label": _summary(e.citation), "url": href, "type": "absolute"}
                      for e in o.evidence if (href := _href(e))],
            "overrideReasons": OVERRIDE_REASONS,
            "extension": {EXTENSION: {
                "outcome": "option", "optionId": o.id, "kind": o.kind, "current": o.current, "rules": o.rules,
                "because": o.because, "criteria": o.criteria,
                "cautions": [c.model_dump() for c in o.cautions],
                "evidence": [e.model_dump(exclude_none=True) for e in o.evidence],
                "rulebook": pack, "asOf": report.as_of.isoformat()}},
        })

    if report.not_offered:
        titles = ", ".join(n.title for n in report.not_offered)
        lines = ["**Not offered, with the reason**", ""]
        lines += [f"- **{_md(n.title)}** ({n.strength}; {', '.join(n.rules) or 'no rule'}): "
                  f"{_md(' '.join(n.because))}" for n in report.not_offered]
        cards.append({
            "uuid": new_uuid(),
            "summary": _summary(f"Not offered: {titles}"),
            "indicator": "warning" if any(n.strength == "absolute" for n in report.not_offered) else "info",
            "detail": "\n".join(lines + ["", footer]),
            "source": {"label": f"msdecide {book.version}, exclusions",
                       "topic": {"system": TOPIC_SYSTEM, "code": "not-offered", "display": "Not offered"}},
            "extension": {EXTENSION: {"outcome": "not-offered", "rulebook": pack, "asOf": report.as_of.isoformat(),
                                      "notOffered": [n.model_dump(exclude_none=True) for n in report.not_offered]}},
        })

    if report.missing_data or record_notes:
        n = len(report.missing_data)
        labels = ", ".join(m.label for m in report.missing_data)
        lines = ["The options above were worked out without these. Recording them could change them:", ""] if n else []
        lines += [f"- **{_md(m.label)}** (`{m.field}`): {_md(m.why)}" for m in report.missing_data]
        if record_notes:
            lines += ["", "**In the record but not used** (nothing was guessed):", ""]
            lines += [f"- {_md(note)}" for note in record_notes]
        rules = sorted({r for m in report.missing_data for r in m.rules})
        lines += ["", f"Rules affected: {', '.join(rules)}." if rules else "", footer]
        k = len(record_notes)
        summary = (f"{n} missing input{'s' if n != 1 else ''} could change these options: {labels}" if n else
                   f"{k} record entr{'y' if k == 1 else 'ies'} could not be used: see why")
        cards.append({
            "uuid": new_uuid(),
            "summary": _summary(summary),
            "indicator": "info",
            "detail": "\n".join(lines),
            "source": {"label": f"msdecide {book.version}, data requirements",
                       "topic": {"system": TOPIC_SYSTEM, "code": "data-needed", "display": "Data needed"}},
            "extension": {EXTENSION: {"outcome": "data-needed", "rulebook": pack, "asOf": report.as_of.isoformat(),
                                      "missing": [m.model_dump() for m in report.missing_data],
                                      "recordNotes": list(record_notes)}},
        })

    if report.warnings:
        cards.append({
            "uuid": new_uuid(),
            "summary": _summary("Checks before starting: " + "; ".join(w.text for w in report.warnings)),
            "indicator": "info",
            "detail": "\n".join([f"- {_md(w.text)}" for w in report.warnings] + ["", footer]),
            "source": {"label": f"msdecide {book.version}, checks",
                       "topic": {"system": TOPIC_SYSTEM, "code": "checks", "display": "Checks"}},
            "extension": {EXTENSION: {"outcome": "checks", "rulebook": pack,
                                      "warnings": [w.model_dump() for w in report.warnings]}},
        })
    return {"cards": [_clean(c) for c in cards]}
