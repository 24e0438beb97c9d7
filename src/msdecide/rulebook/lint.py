"""Checks beyond the loader: what a rulebook that loads can still get wrong.

Every finding is a `Diagnostic` (`path:line:col: severity[code]: message`) with a stable code:

| code | severity | finding |
|---|---|---|
| `review-passed` | warning | `review_by` has passed |
| `review-overdue` | error (active rules) | `review_by` passed more than 90 days ago |
| `dates` | error | `modified` or `review_by` before `created` |
| `never-true` | error | the rule (or a definition) can never be true: contradictory bounds on one field, disjoint `in` sets, `x == a and x == b`, a threshold no allowed value meets, `is unknown` with a comparison |
| `never-true-branch` | warning | one alternative of an `any` (or `or`) can never be true together with the rule's other conditions |
| `never-shown` | warning | a `because` sentence whose `when` can never hold when the rule fires |
| `shadowed` | warning | another rule with the same option and action fires whenever this one does (its conditions are a subset of this rule's) |
| `tests-one-sided` | warning | an active rule whose tests never show it firing, or never show it not firing |
| `template-text` | error | `TODO` left from `msdecide rules new` (drafts too) |
| `authoring-note` | error | an authoring note ("from memory", "unverified", ... and the phrases of `lint.yaml`) in a title or `because` sentence |
| `lint-config` | error | `lint.yaml` is not `authoring_phrases: [...]` |

Warnings (never errors) can be silenced on the line they point at with `# noqa: code` and a reason.
The loader's own checks (fields, values, ranges, enums, duplicate ids, file names, unknown
options and cautions, placeholders, evidence and reviewers of active rules) run first.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..profile import EDSS_STEPS, FIELDS
from .authoring import authoring_notes, load_phrases, phrase_pattern
from .conditions import (NONE_VALUE, All, Always, AnyOf, Cmp, Expr, Has, In, Known, Not, Ref, Scope,
                         parse_condition)
from .loader import Diagnostic, RulebookError, _File, load_rulebook
from .model import EXPECTATIONS, RuleFile, Rulebook, Sentence, WhenBlock

REVIEW_GRACE_DAYS = 90
NOQA = re.compile(r"#\s*noqa:\s*(.*)$", re.I)
TODO = re.compile(r"\bTODO\b")


# --------------------------------------------------------------------------- rule files with positions


class Source:
    """A rule, definitions or catalogue file, read again for positions and code frames."""

    def __init__(self, path: Path, root: Path):
        self.path, self.root = path, root
        self.out: list[Diagnostic] = []
        self._file: _File | None = None
        self.lines = path.read_text(encoding="utf-8").splitlines()
        self.name = str(path.relative_to(root.parent)) if path.is_relative_to(root.parent) else str(path)

    @property
    def file(self) -> _File:
        """The parsed YAML with positions, read only when a position is needed."""
        if self._file is None:
            self._file = _File(self.path, self.root, self.out)
        return self._file

    def at(self, loc: Iterable[Any], code: str, message: str, severity: str = "error",
           key: bool = False, find: str = "") -> Diagnostic:
        """A diagnostic at `loc`; with `find`, the caret moves to that text when the line holds it."""
        line, col = self.file.position(list(loc), key_of_last=key)
        if not key:
            col = self.file.scalar_start(line, col)
        source = self.file.lines[line - 1] if 0 < line <= len(self.file.lines) else ""
        at = source.find(find, col - 1) if find else -1
        col = at + 1 if at >= 0 else col
        return Diagnostic(self.file.name, line, col, severity, code, message, source)

    def line_of(self, loc: Iterable[Any]) -> int:
        return self.file.position(list(loc))[0]


def loc_text(loc: Iterable[Any]) -> str:
    return ".".join(str(p) for p in loc)


# --------------------------------------------------------------------------- conditions with their lines


@dataclass(frozen=True)
class Line:
    """One condition line of a `when` block, parsed, with its place in the file (`when.all.1`)."""

    expr: Expr
    loc: tuple[Any, ...]
    text: str


@dataclass(frozen=True)
class Block:
    """`all` / `any` / `none` of lines or blocks (a `when` tree that remembers where each line is)."""

    kind: str  # "all" | "any" | "none"
    items: tuple[Any, ...]  # Line | Block | Group
    loc: tuple[Any, ...]


@dataclass(frozen=True)
class Group:
    """A whole `when` block: its all/any/none parts, all of which must hold."""

    parts: tuple[Block, ...]
    loc: tuple[Any, ...]


Node = Line | Block | Group


def located(when: Any, scope: Scope, loc: tuple[Any, ...]) -> Node:
    """The `when` of a rule, definition or sentence as a tree of parsed lines with their locations."""
    if isinstance(when, str):
        return Line(parse_condition(when, scope), loc, when.strip())
    assert isinstance(when, WhenBlock)
    parts = []
    for kind in ("all", "any", "none"):
        items = getattr(when, kind)
        if items:
            parts.append(Block(kind, tuple(located(item, scope, (*loc, kind, i)) for i, item in enumerate(items)),
                               (*loc, kind)))
    return Group(tuple(parts), loc)


def lines(node: Node) -> Iterator[Line]:
    if isinstance(node, Line):
        yield node
    elif isinstance(node, Block):
        for item in node.items:
            yield from lines(item)
    else:
        for part in node.parts:
            yield from lines(part)


def rule_scope(book: Rulebook, option: str) -> Scope:
    return Scope(sets=book.sets, predicates={n: None for n in book.predicates}, option=option,
                 option_attrs={"routes": tuple(book.options[option].routes)}, allow_offered=True)


# --------------------------------------------------------------------------- can a conjunction be true?


@dataclass(frozen=True)
class Con:
    """One requirement a condition puts on one field for the whole to be TRUE."""

    field: str
    kind: str  # "cmp" | "in" | "notin" | "has" | "hasnot" | "known" | "unknown"
    op: str = ""
    values: Any = None
    text: str = ""
    origin: tuple[Any, ...] = ()
    via: str | None = None


@dataclass
class Need:
    """What must hold for a node to come out TRUE: requirements plus lists of alternatives."""

    cons: list[Con] = field(default_factory=list)
    choices: list[list[tuple[Any, bool, tuple[Any, ...], str | None, bool]]] = field(default_factory=list)


_FLIP = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}


class Analyzer:
    """Finds conjunctions that no profile can make TRUE (three-valued: TRUE needs the fields known)."""

    def __init__(self, predicates: dict[str, Expr]):
        self.predicates = predicates

    def need(self, node: Any, want: bool, origin: tuple[Any, ...], via: str | None, own: bool,
             out: Need | None = None, depth: int = 0) -> Need:
        """Requirements for `node` to be TRUE (want) or FALSE (not want). `own`: written in this file."""
        out = out if out is not None else Need()
        if depth > 12:
            return out
        if isinstance(node, Line):
            return self.need(node.expr, want, node.loc, via, own, out, depth + 1)
        if isinstance(node, Group):  # every part must hold
            if want:
                for part in node.parts:
                    self.need(part, True, origin, via, own, out, depth + 1)
            elif node.parts:
                out.choices.append([(p, False, origin, via, own) for p in node.parts])
            return out
        if isinstance(node, Block):
            conj = (node.kind == "all") == want if node.kind != "none" else want
            item_want = want if node.kind != "none" else not want
            if conj:
                for item in node.items:
                    self.need(item, item_want, origin, via, own, out, depth + 1)
            else:
                out.choices.append([(item, item_want, origin, via, own) for item in node.items])
            return out
        if isinstance(node, Not):
            return self.need(node.item, not want, origin, via, own, out, depth + 1)
        if isinstance(node, (All, AnyOf)):
            if isinstance(node, All) == want:
                for item in node.items:
                    self.need(item, want, origin, via, own, out, depth + 1)
            else:
                out.choices.append([(item, want, origin, via, own) for item in node.items])
            return out
        if isinstance(node, Ref):
            if node.name in self.predicates:
                self.need(self.predicates[node.name], want, origin, via or node.name, False, out, depth + 1)
            return out
        if isinstance(node, Always):
            if not want:
                out.cons.append(Con("", "false", text="not always", origin=origin, via=via))
            return out
        out.cons.extend(self.atom(node, want, origin, via))
        return out

    @staticmethod
    def atom(a: Any, want: bool, origin: tuple[Any, ...], via: str | None) -> list[Con]:
        text = a.text or str(a)
        shown = text if want else f"not ({text})"
        if isinstance(a, Known):
            return [Con(a.field, "known" if want != a.negate else "unknown", text=shown, origin=origin, via=via)]
        if isinstance(a, Cmp):
            op = a.op if want else _FLIP[a.op]
            return [Con(a.field, "cmp", op, a.value, shown, origin, via)]
        if isinstance(a, In):
            kind = "in" if want != a.negate else "notin"
            return [Con(a.field, kind, values=frozenset(a.values), text=shown, origin=origin, via=via)]
        if isinstance(a, Has):
            kind = "has" if want != a.negate else "hasnot"
            return [Con(a.field, kind, values=frozenset(a.values), text=shown, origin=origin, via=via)]
        return []

    # -- feasibility

    def conflict(self, cons: list[Con]) -> list[Con] | None:
        """None when some profile meets every requirement; else a smallest set of requirements that clash."""
        if any(c.kind == "false" for c in cons):
            return [c for c in cons if c.kind == "false"][:1]
        by_field: dict[str, list[Con]] = {}
        for c in cons:
            by_field.setdefault(c.field, []).append(c)
        for name, group in by_field.items():
            if _feasible(name, group):
                continue
            for c in group:
                if not _feasible(name, [c]):
                    return [c]
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    if not _feasible(name, [a, b]):
                        return [a, b]
            return group
        return None

    def check(self, node: Node, base: list[Con] | None = None, want: bool = True
              ) -> tuple[list[Con] | None, list[tuple[Any, list[Con]]]]:
        """(clash that makes the node never TRUE (want) / FALSE, [(dead alternative written in the file, its clash)])."""
        need = self.need(node, want, getattr(node, "loc", ()), None, True)
        cons = list(base or []) + need.cons
        clash = self.conflict(cons)
        if clash:
            return clash, []
        dead: list[tuple[Any, list[Con]]] = []
        for choice in need.choices:
            alive = 0
            first: list[Con] | None = None
            for item, want, origin, via, own in choice:
                sub = self.need(item, want, getattr(item, "loc", origin), via, own)
                inner, inner_dead = self._check_need(sub, cons)
                if inner is None:
                    alive += 1
                    dead.extend(inner_dead)
                    continue
                first = first or inner
                if own:
                    dead.append((item if isinstance(item, (Line, Block, Group)) else Line(item, origin, ""), inner))
            if alive == 0:
                return first, []
        return None, dead

    def _check_need(self, need: Need, base: list[Con], depth: int = 0) -> tuple[list[Con] | None, list[Any]]:
        cons = base + need.cons
        clash = self.conflict(cons)
        if clash or depth > 3:
            return clash, []
        dead: list[Any] = []
        for choice in need.choices:
            results = []
            for item, want, origin, via, own in choice:
                sub = self.need(item, want, getattr(item, "loc", origin), via, own)
                inner, _ = self._check_need(sub, cons, depth + 1)
                results.append(inner)
                if inner is not None and own:
                    dead.append((item if isinstance(item, (Line, Block, Group)) else Line(item, origin, ""), inner))
            if all(r is not None for r in results):
                return results[0], []
        return None, dead


def _domain(name: str) -> tuple[str, list[Any]]:
    """The kind of a field and, for finite kinds, its candidate values."""
    if name == "offered":
        from ..options_ids import CATALOGUE_IDS
        return "list", list(CATALOGUE_IDS)
    spec = FIELDS.get(name)
    if spec is None:
        return "unknown", []
    if name == "disease_course.edss":
        return "finite", list(EDSS_STEPS)
    if spec.kind == "bool":
        return "finite", [True, False]
    if spec.kind == "choice":
        return "finite", list(spec.choices) + ([NONE_VALUE] if name == "treatment.current" else [])
    if spec.kind == "list":
        return "list", list(spec.choices)
    if spec.kind == "int":
        lo, hi = int(spec.ge if spec.ge is not None else -10**6), int(spec.le if spec.le is not None else 10**6)
        return "finite", list(range(lo, hi + 1))
    return "number", [spec.ge if spec.ge is not None else -1e9, spec.le if spec.le is not None else 1e9]


def _meets(value: Any, c: Con) -> bool:
    if c.kind == "in":
        return value in c.values
    if c.kind == "notin":
        return value not in c.values
    if c.kind != "cmp":
        return True
    target = c.values
    try:
        return {"==": value == target, "!=": value != target, "<": value < target, "<=": value <= target,
                ">": value > target, ">=": value >= target}[c.op]
    except TypeError:
        return False


def _feasible(name: str, cons: list[Con]) -> bool:
    """Can one value of the field meet every requirement (TRUE needs a known value)?"""
    unknown = any(c.kind == "unknown" for c in cons)
    if unknown:
        return all(c.kind == "unknown" for c in cons)
    kind, candidates = _domain(name)
    if kind == "unknown":
        return True
    if kind == "list":
        forbidden = set().union(*[c.values for c in cons if c.kind == "hasnot"]) if cons else set()
        return all(c.values - forbidden for c in cons if c.kind == "has")
    if kind == "number":
        lo, hi = candidates
        points = sorted({lo, hi} | {float(c.values) for c in cons if c.kind == "cmp"
                                    and isinstance(c.values, (int, float)) and lo <= c.values <= hi}
                        | {float(v) for c in cons if c.kind in ("in", "notin") for v in c.values
                           if isinstance(v, (int, float))})
        mids = [(a + b) / 2 for a, b in zip(points, points[1:])]
        candidates = [p for p in points + mids if not math.isnan(p)]
    return any(all(_meets(v, c) for c in cons) for v in candidates)


# --------------------------------------------------------------------------- the checks


@dataclass
class Linter:
    book: Rulebook
    root: Path  # where the files are shown from (the rulebook directory the author gave)
    today: dt.date
    out: list[Diagnostic] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.analyzer = Analyzer(self.book.predicates)
        self._sources: dict[str, Source] = {}
        self.phrases = phrase_pattern(load_phrases(self.root, self.out))

    def source(self, rule: RuleFile) -> Source:
        path = self.root / self.book.paths[rule.rule].relative_to(self.book.root)
        key = str(path)
        if key not in self._sources:
            self._sources[key] = Source(path, self.root)
        return self._sources[key]

    def run(self) -> list[Diagnostic]:
        self.definitions()
        for rule in self.book.rules:
            src = self.source(rule)
            self.dates(rule, src)
            self.template_text(rule, src)
            self.out += authoring_notes(rule, src.lines, src.line_of, src.name, self.phrases)
            if rule.status == "retired":
                continue
            self.tests_one_sided(rule, src)
            self.never_true(rule, src)
        self.shadowed()
        self.engine_limits()
        return self.out

    # -- what durable-rules can hold

    def engine_limits(self) -> None:
        """Conditions too large for one durable-rules rule (it fails with error 113 at evaluation)."""
        from ..engine.durable import too_complex
        for label, message in too_complex(self.book):
            rule_id = label.split("/")[0]
            if rule_id in self.book.paths:
                src = self.source(next(r for r in self.book.rules if r.rule == rule_id))
                self.out.append(src.at(("when",), "engine-limit", message))
            else:
                src = Source(self.root / "definitions.yaml", self.root)
                name = label.split("'")[1]
                self.out.append(src.at(("predicates", name, "when"), "engine-limit", message))

    # -- lifecycle

    def dates(self, rule: RuleFile, src: Source) -> None:
        if rule.modified and rule.modified < rule.created:
            self.out.append(src.at(["modified"], "dates", f"modified {rule.modified} is before created "
                                                          f"{rule.created}"))
        if rule.review_by < rule.created:
            self.out.append(src.at(["review_by"], "dates", f"review_by {rule.review_by} is before created "
                                                           f"{rule.created}"))
            return
        if rule.status == "retired" or rule.review_by >= self.today:
            return
        days = (self.today - rule.review_by).days
        if rule.status == "active" and days > REVIEW_GRACE_DAYS:
            self.out.append(src.at(["review_by"], "review-overdue",
                                   f"review_by {rule.review_by} passed {days} days ago (more than "
                                   f"{REVIEW_GRACE_DAYS}): review this active rule against current evidence and "
                                   "set a new review_by, or set its status to draft or retired"))
        else:
            self.out.append(src.at(["review_by"], "review-passed",
                                   f"review_by {rule.review_by} has passed ({days} day{'s' * (days != 1)} ago): "
                                   "review the rule against current evidence, then set a new review_by",
                                   "warning"))

    def template_text(self, rule: RuleFile, src: Source) -> None:
        """TODO left from `rules new` is an error whatever the status: it must never reach a report."""
        for n, text in enumerate(src.lines, start=1):
            m = TODO.search(text)
            if m and not text.lstrip().startswith("#"):  # full-line comments may explain the template
                self.out.append(Diagnostic(src.name, n, m.start() + 1, "error", "template-text",
                                           "TODO left from the template: replace it with the rule's content",
                                           text))

    def tests_one_sided(self, rule: RuleFile, src: Source) -> None:
        if rule.status != "active":
            return
        fires, quiet, _ = EXPECTATIONS[rule.action]
        expects = {t.expect for t in rule.tests}
        inst = next(i for i in self.book.instances if i.id == rule.rule)
        tree = located(rule.when, rule_scope(self.book, inst.option), ("when",))
        if self.analyzer.check(tree, want=False)[0] is not None:
            expects.add(quiet)  # the rule can never be false (`when: always`): nothing to show
        where = ["tests"] if rule.tests else ["rule"]
        if fires not in expects:
            self.out.append(src.at(where, "tests-one-sided", f"no test shows this rule firing: add a test "
                                                             f"with `expect: {fires}`", "warning", key=True))
        if quiet not in expects:
            self.out.append(src.at(where, "tests-one-sided", f"no test shows this rule not firing: add a test "
                                                             f"with `expect: {quiet}`", "warning", key=True))

    # -- conditions that can never be true

    def describe(self, c: Con, src: Source | None, here: int | None = None) -> str:
        where = ""
        if c.via:
            where = f" (in definition '{c.via}'"
            line = src.line_of(c.origin) if src and c.origin else None
            where += f", used on line {line})" if line and line != here else ")"
        elif src and c.origin:
            line = src.line_of(c.origin)
            where = f" (line {line})" if line != here else ""
        return f"`{c.text}`{where}"

    def clash_message(self, clash: list[Con], src: Source | None, at_line: int) -> str:
        if len(clash) == 1:
            c = clash[0]
            spec = FIELDS.get(c.field)
            allowed = f": {c.field} is {spec.allowed()}" if spec and c.kind == "cmp" else ""
            return f"{self.describe(c, src, at_line)} is never true{allowed}"
        *first, last = clash
        if any(c.kind == "unknown" for c in clash):
            why = f": a comparison is never true while {last.field} is unknown"
        elif len(clash) == 2 and last.field:
            why = f": no value of {last.field} meets both"
        else:
            why = f": no value of {last.field} meets them all" if last.field else ""
        return (f"{self.describe(last, src, at_line)} contradicts "
                + " and ".join(self.describe(c, src, at_line) for c in first) + why)

    def _place(self, clash: list[Con], src: Source, fallback: tuple[Any, ...]) -> tuple[Any, ...]:
        origins = [c.origin for c in clash if c.origin]
        if not origins:
            return fallback
        return max(origins, key=lambda o: (src.line_of(o), len(o)))

    def never_true(self, rule: RuleFile, src: Source) -> None:
        insts = [i for i in self.book.instances if i.id == rule.rule]
        results = []
        for inst in insts:
            tree = located(rule.when, rule_scope(self.book, inst.option), ("when",))
            results.append((inst, tree, *self.analyzer.check(tree)))
        if not results:
            return
        _, _, clash, dead = results[0]
        if all(r[2] for r in results):
            loc = self._place(clash, src, ("when",))
            line = src.line_of(loc)
            self.out.append(src.at(loc, "never-true", f"{loc_text(loc)}: this rule can never fire: "
                                   + self.clash_message(clash, src, line), find=_caret(clash, loc)))
            return
        if len(results) == 1:
            for item, inner in dead:
                loc = item.loc
                line = src.line_of(loc)
                what = f"the alternative `{item.expr.text}`" if isinstance(item, Line) and not item.text \
                    and getattr(item.expr, "text", "") else "this alternative"
                self.out.append(src.at(loc, "never-true-branch", f"{loc_text(loc)}: {what} can never be "
                                       "true together with the rule's other conditions: "
                                       + self.clash_message(inner, src, line), "warning",
                                       find=getattr(item.expr, "text", "") if isinstance(item, Line) else ""))
        # `because` sentences: shown only when the rule fires and their own condition holds (for a class
        # rule: reported only when no option's instance can show it)
        live = [(r[0], self.analyzer.need(r[1], True, ("when",), None, True).cons) for r in results if not r[2]]
        for i, item in enumerate(rule.because):
            if not isinstance(item, Sentence):
                continue
            loc = ("because", i, "when")
            clashes = [self.analyzer.check(located(item.when, rule_scope(self.book, inst.option), loc), base)[0]
                       for inst, base in live]
            if clashes and all(clashes):
                line = src.line_of(loc)
                self.out.append(src.at(loc, "never-shown", f"{loc_text(loc)}: this sentence can never be shown "
                                       "when the rule fires: " + self.clash_message(clashes[0], src, line),
                                       "warning"))

    def definitions(self) -> None:
        path = self.root / "definitions.yaml"
        if not path.is_file():
            return
        src = Source(path, self.root)
        data = src.file.data or {}
        scope = Scope(sets=self.book.sets, predicates={n: None for n in self.book.predicates})
        from .model import Definitions
        try:
            defs = Definitions.model_validate(data)
        except Exception:  # noqa: BLE001 - the loader has reported it
            return
        for name, pred in defs.predicates.items():
            tree = located(pred.when, scope, ("predicates", name, "when"))
            clash, _ = self.analyzer.check(tree)
            if clash:
                loc = self._place(clash, src, ("predicates", name, "when"))
                line = src.line_of(loc)
                self.out.append(src.at(loc, "never-true", f"definition '{name}' can never be true: "
                                       + self.clash_message(clash, src, line), find=_caret(clash, loc)))

    # -- shadowed rules

    def shadowed(self) -> None:
        by_rule: dict[str, list[Any]] = {}
        for inst in self.book.live():
            by_rule.setdefault(inst.id, []).append(inst)
        groups: dict[tuple[Any, ...], list[tuple[str, frozenset[Expr]]]] = {}
        for rid, insts in by_rule.items():
            for inst in insts:
                r = inst.rule
                key = (inst.option, r.action, r.strength, r.caution, r.report, r.tier, r.limit)
                groups.setdefault(key, []).append((inst.key, rid, _conjuncts(inst.expr)))
        reported: set[str] = set()
        for rid, insts in by_rule.items():
            shadows: list[str] = []
            for inst in insts:
                r = inst.rule
                key = (inst.option, r.action, r.strength, r.caution, r.report, r.tier, r.limit)
                mine = _conjuncts(inst.expr)
                by = [other for okey, other, cons in groups[key] if other != rid and cons <= mine
                      and (cons < mine or _order(other, self.book) < _order(rid, self.book))]
                if not by:
                    break
                shadows.append(by[0])
            else:
                if shadows and rid not in reported:
                    reported.add(rid)
                    rule = insts[0].rule
                    other = shadows[0]
                    other_path = self.book.paths[other].relative_to(self.book.root).as_posix()
                    verb = {"offer": "offer", "exclude": "exclude", "caution": "add a caution to",
                            "rank": "rank"}[rule.action]
                    what = rule.option or (rule.options if isinstance(rule.options, str) else ", ".join(
                        rule.options or []))
                    self.out.append(self.source(rule).at(
                        ["when"], "shadowed",
                        f"{rid} is shadowed by {other} ({other_path}): both {verb} {what}, and every condition of "
                        f"{other} is also a condition here, so {other} fires whenever this rule does; merge them "
                        "or make the conditions differ", "warning", key=True))


def _caret(clash: list[Con], loc: tuple[Any, ...]) -> str:
    """The text of the clashing condition written on the line the diagnostic points at."""
    here = [c for c in clash if c.origin == loc and not c.via and not c.text.startswith("not (")]
    return here[-1].text if here else ""


def _order(rid: str, book: Rulebook) -> int:
    return [r.rule for r in book.rules].index(rid)


def _conjuncts(expr: Expr) -> frozenset[Expr]:
    """The parts that must all hold: `all` items, flattened; `none` items as negations."""
    out: set[Expr] = set()

    def walk(e: Expr) -> None:
        if isinstance(e, All):
            for item in e.items:
                walk(item)
        elif isinstance(e, Not) and isinstance(e.item, AnyOf):
            for item in e.item.items:
                walk(Not(item))
        elif isinstance(e, Not) and isinstance(e.item, Not):
            walk(e.item.item)
        elif not isinstance(e, Always):
            out.add(e)
    walk(expr)
    return frozenset(out)


# --------------------------------------------------------------------------- running everything


def suppressed(d: Diagnostic) -> bool:
    """`# noqa: code` on the line a warning points at silences that warning (never an error)."""
    if d.severity != "warning" or not d.source:
        return False
    m = NOQA.search(d.source)
    return bool(m) and d.code in re.findall(r"[a-z][a-z0-9-]*[a-z0-9]", m.group(1))


def lint(book: Rulebook, root: str | Path | None = None, today: dt.date | None = None) -> list[Diagnostic]:
    """Lint a loaded rulebook; `root` is the directory to name files from (default: the book's own)."""
    found = Linter(book, Path(root).resolve() if root else book.root, today or dt.date.today()).run()
    return [d for d in found if not suppressed(d)]


def sort_key(d: Diagnostic) -> tuple[str, int, int, str]:
    return (d.path, d.line, d.col, d.code)


def check_directory(root: str | Path, today: dt.date | None = None) -> tuple[list[Diagnostic], Rulebook | None]:
    """Every problem in a rulebook directory: the loader's, then lint's (also on the rule files that
    did load when others did not). Returns the sorted diagnostics and the rulebook when it loaded."""
    root = Path(root).resolve()
    try:
        book = load_rulebook(root, include_drafts=True)
    except RulebookError as exc:
        found = list(exc.diagnostics)
        partial = _partial(root, found)
        if partial is not None:
            found += lint(partial, root, today)
        return sorted(_unique(found), key=sort_key), None
    found = list(book.warnings) + lint(book, root, today)
    return sorted(_unique(found), key=sort_key), book


def _unique(items: list[Diagnostic]) -> list[Diagnostic]:
    return list(dict.fromkeys(items))


def _partial(root: Path, diagnostics: list[Diagnostic]) -> Rulebook | None:
    """The rulebook without the rule files that have errors (a copy in a temporary directory)."""
    bad = {d.path for d in diagnostics if d.severity == "error"}
    top = {f"{root.name}/{n}" for n in ("rulebook.yaml", "options.yaml", "definitions.yaml", "attributes.yaml",
                                         "plain-language.yaml")}
    if bad & top or any("/" not in p.removeprefix(root.name + "/") for p in bad if p.startswith(root.name)):
        return None
    with tempfile.TemporaryDirectory(prefix="msdecide-lint-") as tmp:
        copy = Path(tmp) / root.name
        shutil.copytree(root, copy, symlinks=True, ignore=shutil.ignore_patterns(".*"))  # links stay links
        for _ in range(3):
            for p in bad:
                rel = Path(p).relative_to(root.name) if p.startswith(root.name + "/") else None
                if rel is not None and (copy / rel).exists():
                    (copy / rel).unlink()
            try:
                return load_rulebook(copy, include_tests=False, include_drafts=True)
            except RulebookError as exc:
                more = {d.path for d in exc.diagnostics if d.severity == "error"} - bad
                if not more:
                    return None
                bad |= more
    return None
