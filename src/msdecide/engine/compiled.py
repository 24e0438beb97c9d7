"""The rule model's three-valued semantics compiled to Python: one function evaluates a whole group
of conditions (a layer of definitions, a pass of rule instances).

The durable engine checks every rule it fires (and settles every rule it does not fire) against the
rule model on every evaluation; walking the condition tree for ~500 rule instances cost more than
durable itself. These functions compute the same Kleene truth as `rulebook.conditions.evaluate`
(every part is evaluated, no short cut, which cannot change the result: parts have no side
effects). The reference evaluator keeps the tree walk, so the differential tests compare the two.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..rulebook.conditions import All, Always, AnyOf, Cmp, Expr, Has, In, Known, Not, Ref, Truth

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
Checks = Callable[[Callable[[str], Any], dict[str, Truth]], dict[str, Truth]]


def _all(parts: tuple[Truth, ...]) -> Truth:
    return F if F in parts else U if U in parts else T


def _any(parts: tuple[Truth, ...]) -> Truth:
    return T if T in parts else U if U in parts else F


_NOT = {T: F, F: T, U: U}


class _Source:
    """Python source of one expression; constants are passed by name, never printed."""

    def __init__(self) -> None:
        self.consts: dict[str, Any] = {}

    def const(self, value: Any) -> str:
        name = f"k{len(self.consts)}"
        self.consts[name] = value
        return name

    def expr(self, e: Expr) -> str:
        if isinstance(e, Always):
            return "T"
        if isinstance(e, Ref):
            return f"p[{self.const(e.name)}]"
        if isinstance(e, Not):
            return f"NOT[{self.expr(e.item)}]"
        if isinstance(e, (All, AnyOf)):
            parts = "".join(f"{self.expr(i)}, " for i in e.items)
            return f"{'ALL' if isinstance(e, All) else 'ANY'}(({parts}))"
        field = self.const(e.field)  # type: ignore[union-attr]
        if isinstance(e, Known):
            return f"({'F' if e.negate else 'T'} if g({field}) is not None else {'T' if e.negate else 'F'})"
        if isinstance(e, Has):
            hit, miss = ("F", "T") if e.negate else ("T", "F")
            return f"(U if (v := g({field})) is None else {hit} if not v.isdisjoint({self.const(e.values)}) " \
                   f"else {miss})"
        if isinstance(e, In):
            hit, miss = ("F", "T") if e.negate else ("T", "F")
            return f"(U if (v := g({field})) is None else {hit} if v in {self.const(e.values)} else {miss})"
        if isinstance(e, Cmp):
            return f"(U if (v := g({field})) is None else T if v {e.op} {self.const(e.value)} else F)"
        raise TypeError(f"cannot compile {type(e).__name__}")


def compile_checks(named: dict[str, Expr]) -> Checks:
    """`checks(get, predicates)` -> {name: truth} for every expression, each as
    `evaluate(expr, get, predicates.__getitem__)`: one function for the lot, no call per expression."""
    src = _Source()
    items = "".join(f"\n        {src.const(name)}: {src.expr(expr)}," for name, expr in named.items())
    namespace: dict[str, Any] = {"T": T, "F": F, "U": U, "ALL": _all, "ANY": _any, "NOT": _NOT, **src.consts}
    exec(f"def checks(g, p):\n    return {{{items}\n    }}\n", namespace)  # noqa: S102 - built from our model
    return namespace["checks"]  # type: ignore[no-any-return]
