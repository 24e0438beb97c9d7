"""Matches -> Report: offer/exclude/caution resolution, missing data, wording and ordering.

Both engines hand over the same thing (a truth value per definition and per rule instance), so
both produce the same report. Semantics:

- an option is offered when one of its offer rules is TRUE and no absolute or preference
  exclusion is TRUE; contraindications win;
- a TRUE specialist exclusion keeps the option, with a caution naming the specialist decision;
- an UNKNOWN absolute or specialist exclusion of an offered option keeps it, with a
  "cannot be judged yet" caution and the fields it needs in `missing_data`;
- excluded options are reported in `not_offered` when they were being considered (offered,
  current, asked about) or when the exclusion says `report: always`;
- an option in `preferences.interested_in` always appears, offered or not offered with the reason;
- an UNKNOWN offer rule lists the fields it needs in `missing_data`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from ..options_ids import THEMES
from ..profile import FIELDS, Profile
from ..rulebook.conditions import (ATOMS, All, Expr, Not, Ref, Truth, describe_atom, evaluate,
                                   format_value, unknown_fields)
from ..rulebook.model import Rulebook, RuleInstance
from ..report import (CautionItem, EvidenceItem, MissingItem, NotOfferedItem, OptionItem, Report, RulebookRef,
                      WarningItem)
from .facts import Facts

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
KIND_LABELS = {"dmt": "licensed disease-modifying therapy", "off-label": "off-label use",
               "investigational": "clinical trial only (investigational)", "monitoring": "monitoring",
               "lifestyle": "lifestyle", "psychological": "psychological care", "referral": "referral"}
KIND_GROUP = {"monitoring": 1, "lifestyle": 2}
OPTION_VALUED = {"treatment.current", "treatment.prior", "preferences.interested_in", "offered"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


def join_titles(titles: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def _mid_sentence(title: str) -> str:
    """'Lymphopenia' -> 'lymphopenia'; acronyms such as 'PML risk' or 'CYP2C9 genotype' stay."""
    return title[0].lower() + title[1:] if title[1:2].islower() else title


def labels(paths: set[str] | list[str]) -> str:
    """Fields as the form names them, for sentences: 'EDSS score, Age'."""
    return ", ".join(FIELDS[p].label if p in FIELDS else p for p in sorted(paths))


@dataclass
class _Missing:
    """Why one unknown field matters: reason templates ('whether {} can be discussed') with the
    option titles each applies to, so the sentence groups options instead of repeating itself."""

    label: str
    reasons: dict[str, list[str]] = field(default_factory=dict)
    options: list[str] = field(default_factory=list)
    rules: list[str] = field(default_factory=list)
    priority: int = 1

    def add(self, reason: str, title: str, option: str, rule: str, priority: int) -> None:
        titles = self.reasons.setdefault(reason, [])
        if title not in titles:
            titles.append(title)
        if option not in self.options:
            self.options.append(option)
        if rule not in self.rules:
            self.rules.append(rule)
        self.priority = min(self.priority, priority)

    def why(self) -> str:
        return "needed to decide " + "; ".join(r.format(join_titles(t)) for r, t in self.reasons.items())


@dataclass
class Context:
    """Everything the wording needs for one evaluation."""

    rulebook: Rulebook
    facts: Facts
    predicates: dict[str, Truth]
    results: dict[str, Truth]
    needed: dict[str, _Missing] = field(default_factory=dict)

    def note_missing(self, path: str, why: str, option: str, rule: str, priority: int) -> None:
        """`why` is a template: '{}' becomes the option titles the field matters for."""
        label = FIELDS[path].label if path in FIELDS else path
        title = self.rulebook.options[option].title
        self.needed.setdefault(path, _Missing(label)).add(why, title, option, rule, priority)

    def get(self, path: str) -> Any:
        return self.facts.get(path)

    def ref(self, name: str) -> Truth:
        return self.predicates[name]

    def show(self, path: str) -> str:
        value = self.facts.get(path)
        if value is None:
            return "unknown"
        if path in OPTION_VALUED:
            items = value if isinstance(value, frozenset) else {value}
            titles = sorted(self.rulebook.options[v].title if v in self.rulebook.options else v for v in items)
            return ", ".join(titles) or "none"
        return format_value(value, path)

    def fill(self, template: str, option: str) -> str:
        def one(m: re.Match[str]) -> str:
            name = m.group(1)
            return self.rulebook.options[option].title if name in ("option", "option.title") else self.show(name)
        return _PLACEHOLDER.sub(one, template)

    def sentences(self, inst: RuleInstance) -> list[str]:
        return [self.fill(b.template, inst.option) for b in inst.because
                if b.when is None or evaluate(b.when, self.get, self.ref) is T]

    def missing(self, inst: RuleInstance) -> set[str]:
        return unknown_fields(inst.expr, self.get, self.ref, self.rulebook.predicates)


def supporting(expr: Expr, want: Truth, ctx: Context, depth: int = 0) -> list[str]:
    """The criteria that make `expr` come out `want`, with the patient's values; definitions expanded."""
    if evaluate(expr, ctx.get, ctx.ref) is not want:
        return []
    if isinstance(expr, Ref):
        inner = supporting(ctx.rulebook.predicates[expr.name], want, ctx, depth + 1)
        title = ctx.rulebook.predicate_titles.get(expr.name, expr.name)
        head = title if want is T else f"not {title[0].lower()}{title[1:]}"
        return [f"{head} ({expr.name}): {'; '.join(inner)}" if inner and depth < 3 else head]
    if isinstance(expr, ATOMS):
        text = describe_atom(expr, ctx.get)  # type: ignore[arg-type]
        return [text if want is T else f"not met: {text}"]
    if isinstance(expr, Not):
        return supporting(expr.item, ~want, ctx, depth)
    needs_all = isinstance(expr, All) == (want is T)
    out: list[str] = []
    for item in expr.items:  # type: ignore[union-attr]
        part = supporting(item, want, ctx, depth)
        out.extend(part)
        if part and not needs_all:
            break  # one deciding branch is enough to explain an any-TRUE or all-FALSE
    return out


def _evidence(insts: list[RuleInstance]) -> list[EvidenceItem]:
    seen: dict[str, EvidenceItem] = {}
    for inst in insts:
        for e in inst.rule.evidence:
            url = e.url or (f"https://doi.org/{e.doi}" if e.doi else None) or \
                (f"https://pubmed.ncbi.nlm.nih.gov/{e.pmid}/" if e.pmid else None)
            seen.setdefault(e.citation, EvidenceItem(citation=e.citation, level=e.level, url=url, pmid=e.pmid,
                                                     doi=e.doi, verified=e.verified))
    return list(seen.values())


def offered_ids(rulebook: Rulebook, ctx: Context) -> set[str]:
    """Options offered by the first pass (what `offered` means to second-pass rules): an offer rule
    is TRUE and no absolute or preference exclusion is TRUE (rule 1 of `decide`)."""
    offered, blocked = set(), set()
    for inst in rulebook.live():
        if ctx.results.get(inst.key) is not T:
            continue
        if inst.action == "offer":
            offered.add(inst.option)
        elif inst.action == "exclude" and inst.rule.strength in ("absolute", "preference"):
            blocked.add(inst.option)
    return offered - blocked


def decide(rulebook: Rulebook, ctx: Context, profile: Profile | None, today: Callable[[], dt.date] = dt.date.today
           ) -> Report:
    """Resolve rule results into the report."""
    by_option: dict[str, list[RuleInstance]] = {}
    for inst in rulebook.live():
        if inst.key in ctx.results:
            by_option.setdefault(inst.option, []).append(inst)
    interested = ctx.get("preferences.interested_in") or frozenset()
    current = ctx.get("treatment.current")
    missing = ctx.needed = {}
    options: list[OptionItem] = []
    not_offered: list[NotOfferedItem] = []
    used: list[RuleInstance] = []

    def need(inst: RuleInstance, why: str, priority: int) -> set[str]:
        fields = ctx.missing(inst)
        for path in fields:
            ctx.note_missing(path, why, inst.option, inst.id, priority)
        return fields

    for opt_id, opt in rulebook.options.items():
        insts = by_option.get(opt_id, [])
        res = {i.key: ctx.results[i.key] for i in insts}
        pick = (lambda action, truth, *strengths: [i for i in insts if i.action == action and res[i.key] is truth
                                                  and (not strengths or i.rule.strength in strengths)])
        offers = pick("offer", T)
        considered = bool(offers) or opt_id == current or opt_id in interested
        blocking = pick("exclude", T, "absolute", "preference")
        if blocking:
            shown = blocking if considered else [i for i in blocking if i.rule.report == "always"]
            if shown:
                used.extend(shown)
                strength = "absolute" if any(i.rule.strength == "absolute" for i in shown) else "preference"
                cautions = [CautionItem(id=i.rule.caution, title=rulebook.cautions[i.rule.caution].title,
                                        text=" ".join(ctx.sentences(i)), rule=i.id) for i in shown if i.rule.caution]
                not_offered.append(NotOfferedItem(
                    id=opt_id, title=opt.title, theme=opt.theme, kind=opt.kind, strength=strength,
                    rules=_ids(shown), because=[s for i in shown for s in ctx.sentences(i)],
                    cautions=_unique_cautions(cautions), evidence=_evidence(shown)))
            continue
        if offers:
            used.extend(offers)
            options.append(_option_item(opt_id, offers, insts, res, ctx, need))
            for inst in pick("offer", U):  # another reason may apply: data that would change the wording
                need(inst, "what to say about {}", 3)
            continue
        for inst in pick("offer", U):
            need(inst, "whether {} can be discussed", 2)
        if opt_id in interested or opt_id == current:
            why = "asked about" if opt_id in interested else "current therapy"
            undecided = pick("offer", U)
            if undecided:
                fields = {f for i in undecided for f in ctx.missing(i)}
                because = [f"{why}, but it cannot be judged yet (not recorded: {labels(fields)})"]
            else:
                because = [f"{why}; criteria not met ({i.id} {i.rule.title}): "
                           + "; ".join(supporting(i.expr, F, ctx)[:3]) for i in pick("offer", F)[:2]] \
                    or [f"{why}; no rule in this rulebook offers it for this profile"]
            not_offered.append(NotOfferedItem(id=opt_id, title=opt.title, theme=opt.theme, kind=opt.kind,
                                              strength="undecided" if undecided else "not-met",
                                              rules=_ids(pick("offer", F) + undecided), because=because))

    options.sort(key=lambda o: (not o.urgent, not o.priority, KIND_GROUP.get(o.kind, 0), THEMES.index(o.theme),
                                list(rulebook.options).index(o.id)))
    missing_items = [MissingItem(field=path, label=m.label, why=m.why(),
                                 options=m.options, rules=m.rules)
                     for path, m in sorted(missing.items(), key=lambda kv: (kv[1].priority, list(FIELDS).index(kv[0])
                                                                            if kv[0] in FIELDS else 999))]
    as_of = (profile.as_of if profile and profile.as_of else None) or today()
    return Report(profile_id=profile.id if profile else None, as_of=as_of,
                  rulebook=RulebookRef(name=rulebook.meta.name, version=rulebook.version, sha256=rulebook.sha256),
                  options=options, not_offered=not_offered, missing_data=missing_items,
                  warnings=_warnings(rulebook, ctx, used + [i for o in options for i in by_option[o.id]
                                                            if ctx.results[i.key] is T], as_of, options))


def _ids(insts: list[RuleInstance]) -> list[str]:
    return list(dict.fromkeys(i.id for i in insts))


def _unique_cautions(items: list[CautionItem]) -> list[CautionItem]:
    return list({(c.id, c.text): c for c in items}.values())


def _option_item(opt_id: str, offers: list[RuleInstance], insts: list[RuleInstance], res: dict[str, Truth],
                 ctx: Context, need: Callable[[RuleInstance, str, int], set[str]]) -> OptionItem:
    rb = ctx.rulebook
    opt = rb.options[opt_id]
    cautions: list[CautionItem] = []
    cited = list(offers)
    for inst in insts:
        truth, rule = res[inst.key], inst.rule
        if rule.action == "caution" and truth is T:
            cautions.append(CautionItem(id=rule.caution, title=rb.cautions[rule.caution].title,
                                        text=" ".join(ctx.sentences(inst)), rule=inst.id))
            cited.append(inst)
        elif rule.action == "caution" and truth is U:
            need(inst, f"the {_mid_sentence(rb.cautions[rule.caution].title)} caution for {{}}", 1)
        elif rule.action == "exclude" and truth is T and rule.strength == "specialist":
            cautions.append(CautionItem(id=rule.caution, title=rb.cautions[rule.caution].title,
                                        text="Specialist decision: " + " ".join(ctx.sentences(inst)), rule=inst.id))
            cited.append(inst)
        elif rule.action == "exclude" and truth is U:
            fields = need(inst, "whether a contraindication applies to {}", 0)
            if rule.strength != "preference" and rule.caution:
                cautions.append(CautionItem(
                    id=rule.caution, title=rb.cautions[rule.caution].title, rule=inst.id,
                    text=f"Cannot be judged yet (not recorded: {labels(fields)}): "
                         + " ".join(ctx.sentences(inst))))
    for inst in offers:  # a sentence that cannot be decided is data that would change the explanation
        for b in inst.because:
            if b.when is not None and evaluate(b.when, ctx.get, ctx.ref) is U:
                for path in unknown_fields(b.when, ctx.get, ctx.ref, rb.predicates):
                    ctx.note_missing(path, "what to say about {}", opt_id, inst.id, 3)
    because = list(dict.fromkeys(s for i in offers for s in ctx.sentences(i)))
    criteria = list(dict.fromkeys(c for i in offers for c in supporting(i.expr, T, ctx)))
    return OptionItem(id=opt_id, title=opt.title, theme=opt.theme, kind=opt.kind, label=KIND_LABELS[opt.kind],
                      urgent=opt.urgent, priority=any(i.rule.priority == "high" for i in offers),
                      current=ctx.get("treatment.current") == opt_id, rules=_ids(cited),
                      checks="" if ctx.get("treatment.current") == opt_id else opt.screening,
                      because=because, criteria=criteria, cautions=_unique_cautions(cautions),
                      evidence=_evidence(cited))


def _warnings(rulebook: Rulebook, ctx: Context, used: list[RuleInstance], as_of: dt.date,
              options: list[OptionItem]) -> list[WarningItem]:
    out: list[WarningItem] = []
    age = ctx.get("demographics.age")
    if age is not None and age < 18:
        out.append(WarningItem(code="paediatric", text=f"Age {age}: under 18 — decisions belong to a paediatric "
                                                       "MS service; licences and doses differ."))
    drafts = sorted({i.id for i in used if i.rule.status == "draft"})
    if drafts:
        out.append(WarningItem(code="draft-rules", text="Draft rules, not yet clinically reviewed, contributed: "
                                                        + ", ".join(drafts) + "."))
    stale = sorted({i.id for i in used if i.rule.review_by < as_of})
    if stale:
        out.append(WarningItem(code="review-overdue", text="Rules past their review date contributed: "
                                                           + ", ".join(stale) + "."))
    unverified = sorted({i.id for i in used if any(not e.verified for e in i.rule.evidence)})
    if unverified:
        out.append(WarningItem(code="unverified-evidence", text="Some evidence cited by "
                               + ", ".join(unverified) + " is marked unverified in the evidence file: check it."))
    checked = [o.title for o in options if o.checks]
    if checked:
        out.append(WarningItem(code="screening", text="Label-required checks apply before starting "
                               + ", ".join(checked) + " (listed with each option)."))
    return out
