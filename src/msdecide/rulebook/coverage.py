"""What the embedded tests exercise, and where rules disagree on the same patient.

- **Coverage**: per rule, whether its own tests made it fire and not fire; per condition line of its
  `when`, whether the tests saw it true and false. A percentage over all those outcomes.
- **Conflicts**: for every test profile, options that one rule offers and another excludes
  (absolute or preference: the exclusion wins and the option is not offered). A conflict is intended
  when the excluding rule has a test that expects `excluded` on a profile where that offer fires.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .testing import embedded_tests
from .conditions import Always, Truth, evaluate
from .lint import Analyzer, Source, located, lines, rule_scope
from .model import Rulebook, RuleFile, RuleInstance, RuleTest

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN


@dataclass
class ConditionCoverage:
    loc: str  # when.all.1
    text: str
    src: Source = field(repr=False)
    place: tuple[Any, ...] = ()
    seen: set[Truth] = field(default_factory=set)

    @property
    def line(self) -> int:
        """Its line in the rule file (the file is parsed for positions only when asked)."""
        return self.src.line_of(self.place)

    @property
    def covered(self) -> int:
        return (T in self.seen) + (F in self.seen)


@dataclass
class RuleCoverage:
    rule: RuleFile
    path: str  # as shown to the author
    seen: set[Truth] = field(default_factory=set)
    conditions: list[ConditionCoverage] = field(default_factory=list)
    always_true: bool = False  # `when: always`: never firing cannot be shown

    @property
    def items(self) -> int:
        return (1 if self.always_true else 2) + 2 * len(self.conditions)

    @property
    def covered(self) -> int:
        fired = (T in self.seen) + (0 if self.always_true else F in self.seen)
        return fired + sum(c.covered for c in self.conditions)

    @property
    def percent(self) -> float:
        return 100.0 * self.covered / self.items if self.items else 100.0


@dataclass
class Conflict:
    rule: RuleFile  # the rule whose test profile shows the conflict
    index: int
    test: RuleTest
    path: str
    line: int
    col: int
    option: str
    offered_by: list[str]
    excluded_by: list[tuple[str, str]]  # (rule id, strength)


@dataclass
class Run:
    """One evaluation of one test profile: the truth of every rule instance (reference engine)."""

    rule: RuleFile
    index: int
    test: RuleTest
    ctx: Any
    chosen: list[RuleInstance]


def _runs(book: Rulebook, rule_ids: set[str] | None = None) -> list[Run]:
    from ..api import match

    return [Run(rule, n, test, match(profile, book, "reference"), chosen)
            for rule, n, test, profile, chosen in embedded_tests(book, rule_ids) if rule.status != "retired"]


def _shown(book: Rulebook, root: Path, rule: RuleFile) -> tuple[Path, str]:
    path = root / book.paths[rule.rule].relative_to(book.root)
    return path, path.relative_to(root.parent).as_posix()


def coverage(book: Rulebook, root: str | Path | None = None, rule_ids: set[str] | None = None,
             runs: list[Run] | None = None) -> list[RuleCoverage]:
    """Per rule and per condition line: the truth values its own tests produced."""
    root = Path(root).resolve() if root else book.root
    runs = runs if runs is not None else _runs(book, rule_ids)
    result: dict[str, RuleCoverage] = {}
    trees: dict[str, Any] = {}
    for rule in book.rules:
        if rule.status == "retired" or (rule_ids and rule.rule not in rule_ids):
            continue
        path, shown = _shown(book, root, rule)
        src = Source(path, root)
        inst = next(i for i in book.instances if i.id == rule.rule)
        tree = located(rule.when, rule_scope(book, inst.option), ("when",))
        conds = [ConditionCoverage(".".join(map(str, ln.loc)), ln.text, src, ln.loc)
                 for ln in lines(tree) if not isinstance(ln.expr, Always)]  # `always` cannot be seen false
        always = Analyzer(book.predicates).check(tree, want=False)[0] is not None
        result[rule.rule] = RuleCoverage(rule, shown, conditions=conds, always_true=always)
    for run in runs:
        cov = result.get(run.rule.rule)
        if cov is None:
            continue
        for inst in run.chosen:
            cov.seen.add(run.ctx.results.get(inst.key, F))
            if inst.key not in trees:
                trees[inst.key] = list(lines(located(run.rule.when, rule_scope(book, inst.option), ("when",))))
            for cond, ln in zip(cov.conditions, [x for x in trees[inst.key] if not isinstance(x.expr, Always)]):
                cond.seen.add(evaluate(ln.expr, run.ctx.get, run.ctx.ref))
    return list(result.values())


def total_percent(items: Iterable[RuleCoverage]) -> float:
    items = list(items)
    total = sum(c.items for c in items)
    return 100.0 * sum(c.covered for c in items) / total if total else 100.0


def conflicts(book: Rulebook, root: str | Path | None = None, runs: list[Run] | None = None) -> list[Conflict]:
    """Options offered by one rule and excluded by another on a test profile, with no test intending it."""
    root = Path(root).resolve() if root else book.root
    runs = runs if runs is not None else _runs(book)
    live = book.live()
    offers = [i for i in live if i.action == "offer"]
    blocks = [i for i in live if i.action == "exclude" and i.rule.strength in ("absolute", "preference")]
    intended: set[tuple[str, str]] = set()  # (offer instance key, excluding rule id)
    for run in runs:
        if run.test.expect != "excluded" or run.rule.action != "exclude":
            continue
        fired = {i.option for i in run.chosen if run.ctx.results.get(i.key) is T}
        for o in offers:
            if o.option in fired and run.ctx.results.get(o.key) is T:
                intended.add((o.key, run.rule.rule))
    out: list[Conflict] = []
    sources: dict[str, Source] = {}
    for run in runs:
        res = run.ctx.results
        for option in book.options:
            on = [o for o in offers if o.option == option and res.get(o.key) is T]
            off = [b for b in blocks if b.option == option and res.get(b.key) is T]
            if not on or not off:
                continue
            bad = [(b.id, b.rule.strength or "") for b in off if not any((o.key, b.id) in intended for o in on)]
            if not bad:
                continue
            path, shown = _shown(book, root, run.rule)
            src = sources.setdefault(shown, Source(path, root))
            line, col = src.file.position(["tests", run.index])
            out.append(Conflict(run.rule, run.index, run.test, shown, line, col, option,
                                list(dict.fromkeys(o.id for o in on)), list(dict.fromkeys(bad))))
    return out


def test_line(book: Rulebook, root: Path, rule: RuleFile, index: int) -> tuple[str, int, int]:
    """Where a rule's test starts: (path as shown, line, column)."""
    path, shown = _shown(book, root, rule)
    line, col = Source(path, root).file.position(["tests", index])
    return shown, line, col


__all__ = ["ConditionCoverage", "Conflict", "RuleCoverage", "conflicts", "coverage", "test_line",
           "total_percent"]
