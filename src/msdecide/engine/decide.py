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

from ..profile import FIELDS, Profile
from ..rulebook.conditions import (ATOMS, All, Expr, Not, Ref, Truth, describe_atom, evaluate,
                                   format_value, unknown_fields)
from ..rulebook.model import TIERS, Rulebook, RuleInstance
from ..report import (CautionItem, EvidenceItem, MissingItem, NotOfferedItem, OptionItem, Report, RulebookRef,
                      SwitchNotice, WarningItem)
from ..summary import summarise, titles
from .facts import Facts

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
KIND_LABELS = {"dmt": "licensed disease-modifying therapy", "off-label": "off-label use",
               "investigational": "clinical trial only (investigational)", "monitoring": "monitoring",
               "lifestyle": "lifestyle", "psychological": "psychological care", "referral": "referral"}
# within a tier: the treatment choice first, then care, lifestyle and monitoring
KIND_ORDER = {"dmt": 0, "off-label": 1, "referral": 2, "investigational": 3, "psychological": 4, "lifestyle": 5,
              "monitoring": 6}
DEFAULT_TIER = "also-possible"
DEFAULT_TIER_REASON = "offered for this profile, but no ranking rule puts it higher"
OPTION_VALUED = {"treatment.current", "treatment.prior", "preferences.interested_in", "offered"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")


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
    priority: int = 9
    deciding: set[str] = field(default_factory=set)  # options whose offer or exclusion it decides

    def add(self, reason: str, title: str, option: str, rule: str, priority: int) -> None:
        titles = self.reasons.setdefault(reason, [])
        if title not in titles:
            titles.append(title)
        if option not in self.options:
            self.options.append(option)
        if rule not in self.rules:
            self.rules.append(rule)
        self.priority = min(self.priority, priority)
        if priority in (0, 2):
            self.deciding.add(option)

    def why(self) -> str:
        return "needed to decide " + "; ".join(r.format(titles(t, most=len(t))) for r, t in self.reasons.items())


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
    """The sources of the rules that produced an option's lines; a class rule's source scoped to some
    options (`options:`) is cited only for those."""
    seen: dict[str, EvidenceItem] = {}
    for inst in insts:
        for e in inst.rule.evidence:
            if e.options is not None and inst.option not in e.options:
                continue
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


Need = Callable[[RuleInstance, str, int], set[str]]


def decide(rulebook: Rulebook, ctx: Context, profile: Profile | None, today: Callable[[], dt.date] = dt.date.today
           ) -> Report:
    """Resolve rule results into the report."""
    by_option = {opt: [i for i in insts if i.key in ctx.results] for opt, insts in rulebook.by_option().items()}
    interested = ctx.get("preferences.interested_in") or frozenset()
    current = ctx.get("treatment.current")
    missing = ctx.needed = {}
    options: list[tuple[tuple[int, ...], OptionItem]] = []
    not_offered: list[NotOfferedItem] = []
    used: list[RuleInstance] = []
    switch: SwitchNotice | None = None

    def need(inst: RuleInstance, why: str, priority: int) -> set[str]:
        fields = ctx.missing(inst)
        for path in fields:
            ctx.note_missing(path, why, inst.option, inst.id, priority)
        return fields

    for opt_id, opt in rulebook.options.items():
        insts = by_option.get(opt_id, [])
        res = {i.key: ctx.results[i.key] for i in insts}
        grouped: dict[tuple[str, Truth], list[RuleInstance]] = {}
        for i in insts:
            grouped.setdefault((i.action, res[i.key]), []).append(i)
        pick = (lambda action, truth, *strengths: [i for i in grouped.get((action, truth), ())
                                                  if not strengths or i.rule.strength in strengths])
        offers = pick("offer", T)
        considered = bool(offers) or opt_id == current or opt_id in interested
        blocking = pick("exclude", T, "absolute", "preference")
        if blocking:  # absolute bars first: their reason leads
            shown = sorted(blocking if considered else [i for i in blocking if i.rule.report == "always"],
                           key=lambda i: i.rule.strength != "absolute")
            if shown:
                used.extend(shown)
                strength = "absolute" if any(i.rule.strength == "absolute" for i in shown) else "preference"
                because = list(dict.fromkeys(s for i in shown for s in ctx.sentences(i)))
                not_offered.append(NotOfferedItem(
                    id=opt_id, title=opt.title, theme=opt.theme, kind=opt.kind, strength=strength,
                    rules=_ids(shown), because=because, considered=considered,
                    cautions=_merge_cautions(ctx, [i for i in shown if i.rule.caution]), evidence=_evidence(shown)))
                bars = [i for i in shown if i.rule.strength == "absolute"]
                if opt_id == current and bars:
                    forced = [i for i in bars if i.rule.switch == "forced"]
                    switch = SwitchNotice(current=opt_id, title=opt.title, kind="forced" if forced else "escalation",
                                          because=list(dict.fromkeys(s for i in forced or bars
                                                                     for s in ctx.sentences(i))),
                                          rules=_ids(forced or bars))
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

    options.sort(key=lambda pair: pair[0])
    ranked = [o.model_copy(update={"rank": n}) for n, (_, o) in enumerate(options, start=1)]
    missing_items = [MissingItem(field=path, label=m.label, why=m.why(), options=m.options, rules=m.rules)
                     for path, m in sorted(missing.items(), key=lambda kv: _impact(kv[0], kv[1]))]
    as_of = (profile.as_of if profile and profile.as_of else None) or today()
    warnings = _warnings(rulebook, ctx, used + [i for o in ranked for i in by_option[o.id]
                                                if ctx.results[i.key] is T], as_of, ranked)
    names = {k: o.title for k, o in rulebook.options.items()}
    return Report(profile_id=profile.id if profile else None, as_of=as_of,
                  region=ctx.get("region") or rulebook.meta.region,
                  rulebook=RulebookRef(name=rulebook.meta.name, version=rulebook.version, sha256=rulebook.sha256),
                  switch=switch, summary=summarise(ranked, not_offered, missing_items, switch, names),
                  options=ranked, not_offered=not_offered, missing_data=missing_items, warnings=warnings)


def _impact(path: str, m: _Missing) -> tuple[int, ...]:
    """Missing data that would decide the most options first: a contraindication or whether an option
    can be discussed (priority 0 and 2) outweighs a caution's or a sentence's wording."""
    return (-len(m.deciding), m.priority, -len(m.options), list(FIELDS).index(path) if path in FIELDS else 999)


def _ids(insts: list[RuleInstance]) -> list[str]:
    return list(dict.fromkeys(i.id for i in insts))


def _merge_cautions(ctx: Context, insts: list[RuleInstance], prefix: dict[str, str] | None = None
                    ) -> list[CautionItem]:
    """One caution per topic: the sentences of every rule that raised it, each once, in rule order."""
    merged: dict[str, tuple[list[str], list[str]]] = {}
    for inst in insts:
        texts, rules = merged.setdefault(inst.rule.caution, ([], []))
        lead = (prefix or {}).get(inst.key, "")
        for sentence in ctx.sentences(inst):
            text = lead + sentence
            if text not in texts:
                texts.append(text)
            lead = ""
        if inst.id not in rules:
            rules.append(inst.id)
    topics = ctx.rulebook.cautions
    return [CautionItem(id=cid, title=topics[cid].title, text=" ".join(texts), rule=rules[0], rules=rules,
                        key=topics[cid].key) for cid, (texts, rules) in merged.items()]


def _tier(ranks: list[RuleInstance], res: dict[str, Truth], ctx: Context, need: Need
          ) -> tuple[int, str, int, list[RuleInstance]]:
    """(tier index, reason, fit, deciding rules): the best tier any TRUE `at-least` rule gives, lowered
    to the strictest TRUE `at-most` cap. `fit` counts the reasons for the tier (more is a better fit).
    An UNKNOWN rank rule that could change the tier is data that would change the ranking."""
    def index(inst: RuleInstance) -> int:
        return TIERS.index(inst.rule.tier)  # type: ignore[arg-type]

    lifts = [i for i in ranks if res[i.key] is T and i.rule.limit == "at-least"]
    caps = [i for i in ranks if res[i.key] is T and i.rule.limit == "at-most"]
    best = min(map(index, lifts), default=TIERS.index(DEFAULT_TIER))
    cap = max(map(index, caps), default=0)
    tier = max(best, cap)
    for inst in ranks:
        if res[inst.key] is U and (index(inst) < tier if inst.rule.limit == "at-least" else index(inst) > tier):
            need(inst, "where {} ranks", 3)
    capped = bool(caps) and cap >= best
    deciding = [i for i in (caps if capped else lifts) if index(i) == tier]
    reason = next((s for i in deciding for s in ctx.sentences(i)), DEFAULT_TIER_REASON)
    return tier, reason, 0 if capped else len(deciding), deciding


def _option_item(opt_id: str, offers: list[RuleInstance], insts: list[RuleInstance], res: dict[str, Truth],
                 ctx: Context, need: Need) -> tuple[tuple[int, ...], OptionItem]:
    """The option as offered, with the key that orders the report: tier, fit, kind, catalogue order."""
    rb = ctx.rulebook
    opt = rb.options[opt_id]
    raised: list[RuleInstance] = []
    prefix: dict[str, str] = {}
    for inst in insts:
        truth, rule = res[inst.key], inst.rule
        if rule.action == "caution" and truth is T:
            raised.append(inst)
        elif rule.action == "caution" and truth is U:
            need(inst, f"the {_mid_sentence(rb.cautions[rule.caution].title)} caution for {{}}", 1)
        elif rule.action == "exclude" and truth is T and rule.strength == "specialist":
            raised.append(inst)
            prefix[inst.key] = "Specialist decision: "
        elif rule.action == "exclude" and truth is U:
            fields = need(inst, "whether a contraindication applies to {}", 0)
            if rule.strength != "preference" and rule.caution:
                raised.append(inst)
                prefix[inst.key] = f"Cannot be judged yet (not recorded: {labels(fields)}): "
    for inst in offers:  # a sentence that cannot be decided is data that would change the explanation
        for b in inst.because:
            if b.when is not None and evaluate(b.when, ctx.get, ctx.ref) is U:
                for path in unknown_fields(b.when, ctx.get, ctx.ref, rb.predicates):
                    ctx.note_missing(path, "what to say about {}", opt_id, inst.id, 3)
    tier, reason, fit, deciding = _tier([i for i in insts if i.action == "rank"], res, ctx, need)
    cited = offers + raised + deciding
    is_current = ctx.get("treatment.current") == opt_id
    because = list(dict.fromkeys(s for i in offers for s in ctx.sentences(i)))
    criteria = list(dict.fromkeys(c for i in offers for c in supporting(i.expr, T, ctx)))
    item = OptionItem(id=opt_id, title=opt.title, theme=opt.theme, kind=opt.kind, label=KIND_LABELS[opt.kind],
                      tier=TIERS[tier], tier_reason=reason, rank=0, urgent=TIERS[tier] == "urgent",
                      priority=TIERS[tier] == "recommended", current=is_current, rules=_ids(cited),
                      checks="" if is_current else opt.screening, because=because, criteria=criteria,
                      cautions=_merge_cautions(ctx, raised, prefix), evidence=_evidence(cited))
    return (tier, -fit, KIND_ORDER[opt.kind], list(rb.options).index(opt_id)), item


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
