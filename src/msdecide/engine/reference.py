"""The reference evaluator: the rule semantics in plain Python.

It is the oracle for differential tests against the durable-rules engine and the baseline for
benchmarks; production evaluation goes through `durable.py`.
"""

from __future__ import annotations

from ..rulebook.conditions import Truth, evaluate
from ..rulebook.model import Rulebook, RuleInstance
from .facts import Facts


class ReferenceEngine:
    name = "reference"

    def __init__(self, rulebook: Rulebook):
        self.rulebook = rulebook

    def predicates(self, facts: Facts) -> dict[str, Truth]:
        done: dict[str, Truth] = {}
        for layer in self.rulebook.layers:
            for name in layer:
                done[name] = evaluate(self.rulebook.predicates[name], facts.get, done.__getitem__)
        return done

    def rules(self, instances: list[RuleInstance], facts: Facts, predicates: dict[str, Truth]) -> dict[str, Truth]:
        return {i.key: evaluate(i.expr, facts.get, predicates.__getitem__) for i in instances}

    def close(self) -> None:
        """Nothing to release."""
