"""The durable-rules engine: the only module that imports durable-rules.

Shared definitions are evaluated first, in layers: each compiles to one durable rule that fires
when it is TRUE and one that fires when it is FALSE (neither: UNKNOWN), and their values are
asserted with the profile for the next layer (forward chaining), so rule conditions stay small.
Each rule instance compiles to one durable rule that fires when it is TRUE: durable-rules decides
every offer, exclusion and caution. Cross-check on every evaluation: each definition's value and
each rule's firing must agree with the rule model (compiled to Python functions, `compiled.py`),
which also settles FALSE or UNKNOWN for the rules that did not fire; any disagreement stops the
evaluation with an EngineError.

durable's native engine (`durable_rules_engine`, the C core) is driven directly: our actions only
record which rule fired and change no state, so the Python layer's per-action JSON round trip
(decode the state and the fact, re-encode and re-assert the state) is skipped; only the fired
rule's name is read from the message. Safety measures from the durable-rules notes:

- no `Host`: nothing runs outside `assert_fact`, so no background threads;
- every rule has the positive guard `kind == "profile"`, and every ruleset a catch-all rule;
- a fresh sid per assert, `delete_state` only after a successful assert;
- at most 100 durable rules per ruleset (shards), rulesets deleted on close;
- numbers are written so durable's JSON parser reads them (it rejects `1e-05`);
- facts are validated by pydantic before they get here, and evaluations are serialised by a lock.
"""

from __future__ import annotations

import itertools
import json
import threading
from dataclasses import dataclass
from typing import Any

import durable_rules_engine as _native

from ..options_ids import CATALOGUE_IDS
from ..profile import FIELDS
from ..rulebook.conditions import All, Always, AnyOf, Cmp, Expr, Has, In, Known, Not, Ref, Truth
from ..rulebook.model import Rulebook, RuleInstance
from .compiled import compile_checks
from .facts import Facts

MAX_RULES = 99  # durable rules per ruleset besides the catch-all: rulesets stay at 100 rules or fewer
MAX_GROUPS = 15  # $and/$or groups per rule: each takes 2 of a rule's 32 expression slots (rete.h, error 113)
GUARD = {"kind": "profile"}
_LOCK = threading.RLock()
_SIDS = itertools.count(1)
_NAMES = itertools.count(1)
_NEGATE = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
_DURABLE_OP = {"==": None, "!=": "$neq", "<": "$lt", "<=": "$lte", ">": "$gt", ">=": "$gte"}


class EngineError(RuntimeError):
    """durable-rules failed; the message carries no patient data."""


Cond = dict[str, Any]


def json_value(value: Any) -> str:
    """A scalar as JSON that durable's parser reads exactly. Its parser takes an exponent only after a
    fraction (`1.0e-05`; Python writes `1e-05`, which it rejects) and converts numbers with atof/atoll."""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        text = repr(value)
        mantissa, exp, power = text.partition("e")
        return f"{mantissa}.0e{power}" if exp and "." not in mantissa else text
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    raise TypeError(f"cannot send {type(value).__name__} to durable-rules")


def dumps(obj: Any) -> str:
    """JSON of a compiled ruleset (dicts, lists and scalars) that durable's parser accepts."""
    if isinstance(obj, dict):
        return "{" + ",".join(f"{json_value(k)}:{dumps(v)}" for k, v in obj.items()) + "}"
    if isinstance(obj, list):
        return "[" + ",".join(dumps(v) for v in obj) + "]"
    return json_value(obj)


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


def _flat(facts: Facts, predicates: dict[str, Truth]) -> dict[str, str]:
    """Every attribute durable-rules may read, by dotted name, as its JSON member (`"a.b":1`): lists
    become one flag per entry, definitions go under `def.`; unknown values are absent. durable
    flattens nested objects to the same dotted names (state.c, constructObject), so the fact it is
    sent is flat."""
    out: dict[str, str] = {}
    for path, value in facts.items():
        if isinstance(value, frozenset):
            out[f"{path}._known"] = f'"{path}._known":true'
            for c in (CATALOGUE_IDS if path not in FIELDS else FIELDS[path].choices):
                out[f"{path}.{c}"] = f'"{path}.{c}":{"true" if c in value else "false"}'
        else:
            out[path] = f'"{path}":{json_value(value)}'
    for name, truth in predicates.items():
        if truth is not Truth.UNKNOWN:
            out[f"def.{name}"] = f'"def.{name}":{"true" if truth is Truth.TRUE else "false"}'
    return out


_GUARD_MEMBER = dumps(GUARD)[1:-1]


def _fact(flat: dict[str, str], attrs: tuple[str, ...], sid: str) -> str:
    """The fact one ruleset sees: only the attributes its rules read, the guard and the sid."""
    members = [flat[a] for a in attrs if a in flat]
    members += [_GUARD_MEMBER, f'"sid":"{sid}"']
    return "{" + ",".join(members) + "}"


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


@dataclass(frozen=True)
class _Ruleset:
    """One native durable ruleset: its handle, the label of each rule (`r<n>` fires label n) and the
    attributes its rules read (the only ones asserted to it)."""

    handle: int
    labels: tuple[str, ...]
    reads: tuple[str, ...]


class DurableEngine:
    """Compiles a rulebook into native durable-rules rulesets and evaluates facts with them."""

    name = "durable"

    def __init__(self, rulebook: Rulebook):
        problems = too_complex(rulebook)
        if problems:
            raise EngineError("; ".join(msg for _, msg in problems))
        self.rulebook = rulebook
        self._rulesets: list[_Ruleset] = []
        self._layers = [self._register([(n, rulebook.predicates[n]) for n in layer], both=True)
                        for layer in rulebook.layers]
        self._phases: dict[int, list[_Ruleset]] = {}
        for phase in (1, 2):
            items = [(i.key, i.expr) for i in rulebook.live() if i.phase == phase]
            self._phases[phase] = self._register(items, both=False) if items else []
        self._checks = {phase: compile_checks({i.key: i.expr for i in rulebook.phase(phase)}) for phase in (1, 2)}
        self._definition_checks = [compile_checks({n: rulebook.predicates[n] for n in layer})
                                   for layer in rulebook.layers]

    def _register(self, items: list[tuple[str, Expr]], both: bool) -> list[_Ruleset]:
        """Register `items` in rulesets of at most MAX_RULES durable rules each (TRUE rules, and FALSE rules too
        when `both`)."""
        out = []
        shard = MAX_RULES // 2 if both else MAX_RULES
        for k in range(0, max(len(items), 1), shard):
            rules: dict[str, Any] = {"seen": {"all": [{"m": GUARD}]}}
            labels: list[str] = []
            reads: set[str] = set()
            for key, expr in items[k:k + shard]:
                for want, mark in ((True, "T"), (False, "F"))[:2 if both else 1]:
                    cond = compile_truth(expr, want)
                    if cond is None:
                        continue
                    reads |= _attributes(cond)
                    rules[f"r{len(labels)}"] = {"all": [{"m": {"$and": [GUARD, cond]} if cond else GUARD}]}
                    labels.append(f"{mark}{key}")
            name = f"msdecide-{self.rulebook.sha256[:12]}-{next(_NAMES)}"
            with _LOCK:
                try:
                    handle = _native.create_ruleset(name, dumps(rules))
                except _native.error as exc:  # durable reports numeric codes only
                    raise EngineError(f"durable-rules could not compile ruleset {name}: {exc}") from None
            ruleset = _Ruleset(handle, tuple(labels), tuple(sorted(reads)))
            self._rulesets.append(ruleset)
            out.append(ruleset)
        return out

    def _assert(self, rulesets: list[_Ruleset], flat: dict[str, str]) -> set[str]:
        """Labels of the rules that fire for `flat`: one assert per ruleset, then its actions, read by rule
        name only (they change no state, so nothing is decoded or written back)."""
        hits: set[str] = set()
        with _LOCK:
            for rs in rulesets:
                sid = str(next(_SIDS))
                try:
                    code, state = _native.assert_fact(rs.handle, _fact(flat, rs.reads, sid))
                    if code != 0:  # the catch-all rule handles every profile, and each sid is new
                        raise EngineError(f"durable-rules did not handle the profile (code {code})")
                    started = _native.start_action_for_state(rs.handle, state)
                    message = started[1] if started else None
                    while message:
                        name = message[2:message.index('"', 2)]  # '{"r12":{"m":...}}'
                        if name != "seen":
                            hits.add(rs.labels[int(name[1:])])
                        message = _native.complete_and_start_action(rs.handle, state)
                except _native.error as exc:  # the sid is left alone: deleting it after an error can crash
                    raise EngineError(f"durable-rules failed: {exc}") from None
                _native.delete_state(rs.handle, sid)
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
        """Every definition's truth, layer by layer, each layer checked against the rule model."""
        done: dict[str, Truth] = {}
        flat = _flat(facts, done)
        for rulesets, layer, check in zip(self._layers, self.rulebook.layers, self._definition_checks):
            truths = self._truths(layer, self._assert(rulesets, flat))
            if check(facts.get, done) != truths:
                wrong = sorted(n for n, t in check(facts.get, done).items() if truths[n] is not t)
                raise EngineError(f"definitions {', '.join(wrong)}: durable-rules and the rule model disagree")
            done.update(truths)
            flat.update(_flat({}, truths))  # the next layer reads these definitions
        return done

    def rules(self, instances: list[RuleInstance], facts: Facts, predicates: dict[str, Truth]) -> dict[str, Truth]:
        """durable's TRUE rules, checked against the rule model, which also settles FALSE or UNKNOWN for
        those that did not fire; a rule one finds TRUE and the other does not stops the evaluation."""
        out: dict[str, Truth] = {}
        hits: set[str] = set()
        flat = _flat(facts, predicates)
        for phase in sorted({i.phase for i in instances}):
            hits |= self._assert(self._phases[phase], flat)
            out |= self._checks[phase](facts.get, predicates)
        wrong = {k for k, t in out.items() if t is Truth.TRUE} ^ {h[1:] for h in hits}
        if wrong:
            raise EngineError(f"{', '.join(sorted(wrong))}: durable-rules and the rule model disagree")
        return out if len(out) == len(instances) else {i.key: out[i.key] for i in instances}

    def close(self) -> None:
        """Delete this engine's rulesets from durable-rules (used when a rulebook is replaced)."""
        with _LOCK:
            for rs in self._rulesets:
                _native.delete_ruleset(rs.handle)
            self._rulesets.clear()
