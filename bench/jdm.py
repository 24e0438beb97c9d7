"""The rulebook as a GoRules JDM decision table, for zen-engine (the peer a user might pick instead).

Each rule instance becomes the rows of one `collect` decision table whose output is the instance's
key: its TRUE condition is expanded into a disjunction of conjunctions (definitions inlined, `not`
pushed down), one row per conjunction, one column per field. A field that is unknown is null in the
input, and every test but `is unknown` requires it to be known, so a row matches exactly when the
instance is TRUE under the rule model's three-valued logic.

What does not translate, and why:
- second-pass rules (they read `offered`, the options the first pass offered: a table cannot read its
  own output);
- conditions whose expansion needs more than MAX_ROWS rows (a table has no nested and/or).

Bench code only: never imported by the msdecide package.
"""

from __future__ import annotations

import itertools
import json
from typing import Any

from msdecide.rulebook.conditions import All, Always, AnyOf, Cmp, Expr, Has, In, Known, Not, Ref
from msdecide.rulebook.model import Rulebook

MAX_ROWS = 32
_NEGATE = {"==": "!=", "!=": "==", "<": ">=", "<=": ">", ">": "<=", ">=": "<"}
Conj = tuple[tuple[str, str], ...]  # (field, unary test) pairs, all of which must hold


class TooBig(Exception):
    pass


def _lit(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return repr(value)


def _list(values: tuple[Any, ...]) -> str:
    return "[" + ", ".join(_lit(v) for v in values) + "]"


def dnf(expr: Expr, want: bool, predicates: dict[str, Expr]) -> list[Conj]:
    """Conjunctions of unary tests, one of which holds exactly when `expr` is TRUE (want) or FALSE."""
    if isinstance(expr, Always):
        return [()] if want else []
    if isinstance(expr, Not):
        return dnf(expr.item, not want, predicates)
    if isinstance(expr, Ref):
        return dnf(predicates[expr.name], want, predicates)
    if isinstance(expr, (All, AnyOf)):
        parts = [dnf(e, want, predicates) for e in expr.items]
        if isinstance(expr, All) == want:  # every part must hold
            rows = 1
            for p in parts:
                rows *= len(p)
            if rows > MAX_ROWS:
                raise TooBig(rows)
            return [tuple(itertools.chain.from_iterable(c)) for c in itertools.product(*parts)]
        out = [c for p in parts for c in p]
        if len(out) > MAX_ROWS:
            raise TooBig(len(out))
        return out
    if isinstance(expr, Known):
        return [((expr.field, "$ != null" if want != expr.negate else "$ == null"),)]
    if isinstance(expr, Has):
        test = f"some($, # in {_list(expr.values)})"
        return [((expr.field, f"$ != null and {test}" if want != expr.negate else f"$ != null and not({test})"),)]
    if isinstance(expr, In):
        test = f"$ in {_list(expr.values)}"
        return [((expr.field, f"$ != null and {test}" if want != expr.negate else f"$ != null and not({test})"),)]
    if isinstance(expr, Cmp):
        op = expr.op if want else _NEGATE[expr.op]
        return [((expr.field, f"$ != null and $ {op} {_lit(expr.value)}"),)]
    raise TypeError(type(expr).__name__)


def export(book: Rulebook) -> tuple[dict[str, Any], list[str], dict[str, int]]:
    """(JDM graph, translated instance keys, counts of what did not translate by reason)."""
    rows: list[tuple[str, Conj]] = []
    keys: list[str] = []
    skipped = {"second pass (reads offered)": 0, f"more than {MAX_ROWS} rows": 0}
    for inst in book.live():
        if inst.phase != 1:
            skipped["second pass (reads offered)"] += 1
            continue
        try:
            conjs = dnf(inst.expr, True, book.predicates)
        except TooBig:
            skipped[f"more than {MAX_ROWS} rows"] += 1
            continue
        keys.append(inst.key)
        rows += [(inst.key, c) for c in conjs]
    fields = sorted({f for _, c in rows for f, _ in c})
    column = {f: f"i{n}" for n, f in enumerate(fields)}
    table_rows = []
    for n, (key, conj) in enumerate(rows):
        cells: dict[str, list[str]] = {}
        for f, test in conj:
            cells.setdefault(column[f], []).append(test)  # no parentheses: "(" opens an interval
        table_rows.append({"_id": f"r{n}", **{c: "" for c in column.values()},
                           **{c: " and ".join(t) for c, t in cells.items()}, "o": _lit(key)})
    graph = {"nodes": [
        {"id": "in", "type": "inputNode", "name": "profile", "position": {"x": 0, "y": 0}},
        {"id": "rules", "type": "decisionTableNode", "name": "rules", "position": {"x": 200, "y": 0},
         "content": {"hitPolicy": "collect",
                     "inputs": [{"id": c, "name": f, "field": f} for f, c in column.items()],
                     "outputs": [{"id": "o", "name": "key", "field": "key"}], "rules": table_rows}},
        {"id": "out", "type": "outputNode", "name": "result", "position": {"x": 400, "y": 0}}],
        "edges": [{"id": "e1", "sourceId": "in", "targetId": "rules", "type": "edge"},
                  {"id": "e2", "sourceId": "rules", "targetId": "out", "type": "edge"}]}
    return graph, keys, skipped


def zen_input(facts: dict[str, Any]) -> dict[str, Any]:
    """The facts as the nested JSON object a JDM table reads (lists sorted, unknown fields absent)."""
    out: dict[str, Any] = {}
    for path, value in facts.items():
        *parents, leaf = path.split(".")
        node = out
        for p in parents:
            node = node.setdefault(p, {})
        node[leaf] = sorted(value) if isinstance(value, frozenset) else value
    return out


class ZenMatcher:
    """Which translated instances are TRUE for a profile's facts, through zen-engine."""

    def __init__(self, book: Rulebook):
        import zen

        graph, self.keys, self.skipped = export(book)
        self.rows = len(graph["nodes"][1]["content"]["rules"])
        self._decision = zen.ZenEngine().create_decision(json.dumps(graph))

    def true_keys(self, facts: dict[str, Any]) -> set[str]:
        return {row["key"] for row in self._decision.evaluate(zen_input(facts))["result"]}
