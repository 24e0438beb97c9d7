"""Run the tests embedded in rule files, through one or both engines."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from ..profile import Profile, parse_profile
from .conditions import Truth
from .model import Rulebook, RuleFile, RuleInstance, RuleTest

_WANT = {"offered": Truth.TRUE, "excluded": Truth.TRUE, "caution": Truth.TRUE, "ranked": Truth.TRUE,
         "not offered": Truth.FALSE, "not excluded": Truth.FALSE, "no caution": Truth.FALSE, "not ranked": Truth.FALSE,
         "data needed": Truth.UNKNOWN}


@dataclass
class TestOutcome:
    rule: RuleFile
    index: int
    test: RuleTest
    engine: str
    got: Truth
    missing: set[str] = field(default_factory=set)
    conditions: dict[str, list[str]] = field(default_factory=dict)  # true / false / unknown criteria

    @property
    def expected(self) -> Truth:
        return _WANT[self.test.expect]

    @property
    def passed(self) -> bool:
        return self.got is self.expected and set(self.test.missing) <= self.missing


def _combine(truths: list[Truth]) -> Truth:
    """A class rule's test is about any of its options: TRUE if one fires, UNKNOWN if one is undecided."""
    if Truth.TRUE in truths:
        return Truth.TRUE
    return Truth.UNKNOWN if Truth.UNKNOWN in truths else Truth.FALSE


def embedded_tests(rulebook: Rulebook, rule_ids: set[str] | None = None
                   ) -> Iterator[tuple[RuleFile, int, RuleTest, Profile, list[RuleInstance]]]:
    """Every embedded test: (rule, index, test, its validated profile, the instances it is about)."""
    for rule in rulebook.rules:
        if rule_ids and rule.rule not in rule_ids:
            continue
        insts = [i for i in rulebook.instances if i.id == rule.rule]
        for n, test in enumerate(rule.tests):
            data = dict(test.profile)
            if test.as_of:
                data.setdefault("as_of", test.as_of.isoformat())
            yield rule, n, test, parse_profile(data), [i for i in insts if test.option in (None, i.option)]


def run_rule_tests(rulebook: Rulebook, engines: tuple[str, ...] = ("durable", "reference"),
                   rule_ids: set[str] | None = None) -> list[TestOutcome]:
    """Evaluate every embedded test profile; one outcome per test and engine."""
    from ..api import match
    from ..engine.decide import supporting

    out: list[TestOutcome] = []
    for rule, n, test, profile, chosen in embedded_tests(rulebook, rule_ids):
        for engine in engines:
            ctx = match(profile, rulebook, engine)  # type: ignore[arg-type]
            truths = [ctx.results.get(i.key, Truth.FALSE) for i in chosen]
            missing = {f for i in chosen if ctx.results.get(i.key) is Truth.UNKNOWN for f in ctx.missing(i)}
            conditions = {t.value: [c for i in chosen for c in supporting(i.expr, t, ctx)] for t in Truth}
            out.append(TestOutcome(rule, n, test, engine, _combine(truths), missing, conditions))
    return out
