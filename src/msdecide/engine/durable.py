"""The durable-rules engine: the only module that imports durable-rules.

Shared definitions are evaluated first, in layers: each compiles to one durable rule that fires
when it is TRUE and one that fires when it is FALSE (neither: UNKNOWN), and their values are
asserted with the profile for the next layer (forward chaining), so rule conditions stay small.
Each rule instance compiles to one durable rule that fires when it is TRUE: durable-rules decides
every offer, exclusion and caution. For an instance that did not fire, FALSE or UNKNOWN (which data
is missing) is settled from the rule model, and a rule the model finds TRUE but durable did not
fire stops the evaluation with an EngineError: a cross-check on every evaluation. (Firing FALSE
rules too would cost a durable action round-trip per rule, about four times the time.)
Safety measures from `shared/notes/durable-rules.md`:

- a `Host` whose `_run` does nothing (no background threads);
- every rule has the positive guard `kind == "profile"`, and every ruleset a catch-all rule;
- `assert_fact` with a fresh sid per evaluation, `delete_state` only after a successful assert;
- at most 100 durable rules per ruleset (shards), versioned ruleset names, rulesets deleted on close;
- facts are validated by pydantic before they get here, and evaluations are serialised by a lock.
"""

from __future__ import annotations

import itertools
import threading
import uuid
from collections.abc import Callable
from typing import Any

from durable import engine as _dr
import durable_rules_engine as _native

from ..options_ids import CATALOGUE_IDS
from ..profile import FIELDS
from ..rulebook.conditions import All, Always, AnyOf, Cmp, Expr, Has, In, Known, Not, Ref, Truth, evaluate
from ..rulebook.model import Rulebook, RuleInstance
from .facts import Facts

MAX_RULES = 99  # durable rules per ruleset besides the catch-all: rulesets stay at 100 rules or fewer
MAX_GROUPS = 15  # $and/$or groups per rule: each takes 2 of a rule's 32 expression slots (rete.h, error 113)
GUARD = {"kind": "profile"}
_LOCK = threading.RLock()
_GENERATION = itertools.count(1)
_NEGATE = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_DURABLE_OP = {"==": None, "!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


class EngineError(RuntimeError):
    """durable-rules failed; the message carries no patient data."""


class _StatelessHost(_dr.Host):
    def _run(self) -> None:  # no dispatch or timer threads: actions run inside assert_fact
        pass


Cond = dict[str, Any]


def _cmp(attr: str, op: str | None, value: Any) -> Cond:
    return {attr: value} if op is None else {op: {attr: value}}


def _both(parts: list[Cond], op: str) -> Cond:
    """Join conditions with $and/$or, merging nested groups of the same kind (durable counts groups)."""
    flat: list[Cond] = []
    for p in parts:
        flat.extend(p[op] if set(p) == {op} else [p])
    return flat[0] if len(flat) == 1 else {op: flat}


def groups(cond: Any) -> int:
    """How many $and/$or groups a compiled condition holds."""
    if isinstance(cond, list):
        return sum(groups(c) for c in cond)
    if not isinstance(cond, dict):
        return 0
    return sum((k in ("$and", "$or")) + groups(v) for k, v in cond.items())


def too_complex(rulebook: Rulebook) -> list[tuple[str, str]]:
    """(rule instance or definition, message) for conditions durable-rules cannot hold."""
    out = []
    items = [(f"definition '{n}'", e, True) for n, e in rulebook.predicates.items()]
    items += [(i.key, i.expr, False) for i in rulebook.live()]
    for label, expr, both in items:
        for want in (True, False)[:2 if both else 1]:
            cond = compile_truth(expr, want)
            n = 1 + groups(cond) if cond else 0  # the guard adds one $and
            if n > MAX_GROUPS:
                out.append((label, f"{label}: the condition needs {n} and/or groups when "
                                   f"{'true' if want else 'false'}; durable-rules holds at most {MAX_GROUPS}: "
                                   "split the rule or move part of it into a definition"))
    return out


def _is_list(path: str) -> bool:
    return path not in FIELDS or FIELDS[path].kind == "list"  # `offered` is the only pseudo-field: a list


def compile_truth(expr: Expr, want: bool) -> Cond | None:
    """durable condition that holds when `expr` is TRUE (want=True) or FALSE. None: never (or always)."""
    if isinstance(expr, Always):
        return {} if want else None
    if isinstance(expr, Not):
        return compile_truth(expr.item, not want)
    if isinstance(expr, (All, AnyOf)):
        conj = isinstance(expr, All) == want  # all/TRUE and any/FALSE need every part
        parts = [compile_truth(e, want) for e in expr.items]
        if conj:
            if any(p is None for p in parts):
                return None
            kept = [p for p in parts if p]
            return _both(kept, "$and") if kept else {}
        kept = [p for p in parts if p is not None]
        if not kept:
            return None
        return {} if any(p == {} for p in kept) else _both(kept, "$or")
    if isinstance(expr, Ref):
        return {f"def.{expr.name}": want}
    if isinstance(expr, Known):
        attr = f"{expr.field}._known" if _is_list(expr.field) else expr.field
        return {("$ex" if want != expr.negate else "$nex"): {attr: 1}}
    if isinstance(expr, Has):
        hit = want != expr.negate
        parts = [{f"{expr.field}.{v}": True} if hit else {f"{expr.field}.{v}": False} for v in expr.values]
        return _both(parts, "$or" if hit else "$and")
    if isinstance(expr, In):
        hit = want != expr.negate
        parts = [_cmp(expr.field, None if hit else "$neq", v) for v in expr.values]
        return _both(parts, "$or" if hit else "$and")
    if isinstance(expr, Cmp):
        return _cmp(expr.field, _DURABLE_OP[expr.op if want else _NEGATE[expr.op]], expr.value)
    raise TypeError(f"cannot compile {type(expr).__name__}")


def _flat(facts: Facts, predicates: dict[str, Truth]) -> dict[str, Any]:
    """Every attribute durable-rules may read, by dotted name: lists become one flag per entry,
    definitions go under `def.`; unknown values are absent."""
    out: dict[str, Any] = {}
    for path, value in facts.items():
        if isinstance(value, frozenset):
            out[f"{path}._known"] = True
            for c in (CATALOGUE_IDS if path not in FIELDS else FIELDS[path].choices):
                out[f"{path}.{c}"] = c in value
        else:
            out[path] = value
    out.update({f"def.{n}": t is Truth.TRUE for n, t in predicates.items() if t is not Truth.UNKNOWN})
    return out


def _nest(flat: dict[str, Any], attrs: tuple[str, ...]) -> dict[str, Any]:
    """The fact one ruleset sees: only the attributes its rules read (durable decodes the fact per hit)."""
    out: dict[str, Any] = {"kind": "profile"}
    for attr in attrs:
        if attr in flat:
            node = out
            *parents, leaf = attr.split(".")
            for p in parents:
                node = node.setdefault(p, {})
            node[leaf] = flat[attr]
    return out


def _attributes(cond: Any) -> set[str]:
    """Attribute names a compiled durable condition reads."""
    if isinstance(cond, list):
        return {a for c in cond for a in _attributes(c)}
    if not isinstance(cond, dict):
        return set()
    out: set[str] = set()
    for key, value in cond.items():
        if key.startswith("$"):
            out |= _attributes(value)
        else:
            out.add(key)
    return out


class DurableEngine:
    """Compiles a rulebook into durable-rules rulesets and evaluates facts with them."""

    name = "durable"

    def __init__(self, rulebook: Rulebook):
        problems = too_complex(rulebook)
        if problems:
            raise EngineError("; ".join(msg for _, msg in problems))
        self.rulebook = rulebook
        self._host = _StatelessHost()
        self._hits: dict[str, set[str]] = {}
        self._prefix = f"msdecide-{rulebook.sha256[:12]}-g{next(_GENERATION)}"
        self._names: list[str] = []
        self._reads: dict[str, tuple[str, ...]] = {}  # ruleset -> attributes its rules read
        self._layers = [self._register(f"L{i}", [(n, rulebook.predicates[n]) for n in layer], both=True)
                        for i, layer in enumerate(rulebook.layers)]
        self._phases: dict[int, list[str]] = {}
        for phase in (1, 2):
            items = [(i.key, i.expr) for i in rulebook.live() if i.phase == phase]
            self._phases[phase] = self._register(f"P{phase}", items, both=False) if items else []

    def _action(self, label: str) -> Callable[[Any], None]:
        def run(c: Any) -> None:
            self._hits[c.s.sid].add(label)
        return run

    def _register(self, tag: str, items: list[tuple[str, Expr]], both: bool) -> list[str]:
        """Register `items` in rulesets of at most MAX_RULES durable rules each (TRUE rules, and FALSE rules too
        when `both`); returns the ruleset names."""
        names = []
        shard = MAX_RULES // 2 if both else MAX_RULES
        for k in range(0, max(len(items), 1), shard):
            name = f"{self._prefix}-{tag}-{k // shard}"
            rules: dict[str, Any] = {"seen": {"all": [{"m": GUARD}], "run": lambda c: None}}
            reads: set[str] = set()
            for n, (key, expr) in enumerate(items[k:k + shard]):
                for want, mark in ((True, "T"), (False, "F"))[:2 if both else 1]:
                    cond = compile_truth(expr, want)
                    if cond is None:
                        continue
                    reads |= _attributes(cond)
                    body = {"$and": [GUARD, cond]} if cond else GUARD
                    rules[f"r{n}{mark}"] = {"all": [{"m": body}], "run": self._action(f"{mark}{key}")}
            with _LOCK:
                try:
                    self._host.set_rulesets({name: rules})
                except Exception as exc:  # durable reports numeric codes only
                    raise EngineError(f"durable-rules could not compile ruleset {name}: {exc}") from None
            self._names.append(name)
            self._reads[name] = tuple(sorted(reads))
            names.append(name)
        return names

    def _assert(self, rulesets: list[str], flat: dict[str, Any]) -> set[str]:
        hits: set[str] = set()
        with _LOCK:
            for name in rulesets:
                sid = uuid.uuid4().hex
                self._hits[sid] = set()
                try:
                    state = self._host.assert_fact(name, {**_nest(flat, self._reads[name]), "sid": sid})
                except Exception as exc:
                    self._hits.pop(sid, None)
                    raise EngineError(f"durable-rules failed in {name}: {type(exc).__name__}") from None
                if "exception" in state:
                    self._hits.pop(sid, None)
                    raise EngineError(f"a rule action failed in {name}")
                self._host.delete_state(name, sid)
                hits |= self._hits.pop(sid)
        return hits

    @staticmethod
    def _truths(keys: list[str], hits: set[str]) -> dict[str, Truth]:
        out = {}
        for key in keys:
            t, f = f"T{key}" in hits, f"F{key}" in hits
            if t and f:
                raise EngineError(f"{key} was both true and false")
            out[key] = Truth.TRUE if t else Truth.FALSE if f else Truth.UNKNOWN
        return out

    def predicates(self, facts: Facts) -> dict[str, Truth]:
        done: dict[str, Truth] = {}
        for names, layer in zip(self._layers, self.rulebook.layers):
            hits = self._assert(names, _flat(facts, done))
            done.update(self._truths(layer, hits))
        return done

    def rules(self, instances: list[RuleInstance], facts: Facts, predicates: dict[str, Truth]) -> dict[str, Truth]:
        hits: set[str] = set()
        flat = _flat(facts, predicates)
        for phase in sorted({i.phase for i in instances}):
            hits |= self._assert(self._phases[phase], flat)
        out: dict[str, Truth] = {}
        for inst in instances:
            if f"T{inst.key}" in hits:
                out[inst.key] = Truth.TRUE
                continue
            settled = evaluate(inst.expr, facts.get, predicates.__getitem__)
            if settled is Truth.TRUE:
                raise EngineError(f"{inst.key}: durable-rules did not fire a rule the rule model finds true")
            out[inst.key] = settled
        return out

    def close(self) -> None:
        """Delete this engine's rulesets from durable-rules (used when a rulebook is replaced)."""
        with _LOCK:
            for name in self._names:
                ruleset = self._host._ruleset_directory.pop(name, None)
                if ruleset is not None:
                    if ruleset in self._host._ruleset_list:
                        self._host._ruleset_list.remove(ruleset)
                    _native.delete_ruleset(ruleset._handle)
            self._names.clear()
