"""The rule model compiled to Python (the durable engine's cross-check) computes exactly what the
tree-walking evaluator computes, and a disagreement with durable-rules stops the evaluation."""

from __future__ import annotations

import random

import pytest

from msdecide import parse_profile
from msdecide.api import default_rulebook, engine_for
from msdecide.engine.compiled import compile_check
from msdecide.engine.durable import EngineError
from msdecide.engine.facts import profile_facts, with_offered
from msdecide.rulebook.conditions import Truth, evaluate
from tests.profiles import random_profile


def test_compiled_checks_agree_with_the_evaluator():
    book = default_rulebook()
    reference = engine_for(book, "reference")
    checks = {i.key: compile_check(i.expr) for i in book.live()}
    definitions = {n: compile_check(e) for n, e in book.predicates.items()}
    rng = random.Random(11)
    seen: set[Truth] = set()
    for fill in (0.0, 0.1, 0.4, 0.7, 1.0):
        for _ in range(15):
            facts = with_offered(profile_facts(parse_profile(random_profile(rng, fill))), {"natalizumab"})
            predicates = reference.predicates(facts)
            for name, check in definitions.items():
                assert check(facts.get, predicates) is predicates[name], name
            for inst in book.live():
                want = evaluate(inst.expr, facts.get, predicates.__getitem__)
                assert checks[inst.key](facts.get, predicates) is want, inst.key
                seen.add(want)
    assert seen == set(Truth)


def test_a_rule_durable_fires_but_the_model_does_not_stops_the_evaluation(monkeypatch, demo):
    book = default_rulebook()
    engine = engine_for(book, "durable")
    facts = profile_facts(parse_profile(demo))
    predicates = engine.predicates(facts)
    results = engine.rules(book.phase(1), facts, predicates)
    fired = next(k for k, t in results.items() if t is Truth.TRUE)
    label, _ = engine._checks[fired]
    monkeypatch.setitem(engine._checks, fired, (label, lambda get, preds: Truth.FALSE))
    with pytest.raises(EngineError, match="disagree"):
        engine.rules(book.phase(1), facts, predicates)


def test_a_definition_durable_gets_wrong_stops_the_evaluation(monkeypatch, demo):
    book = default_rulebook()
    engine = engine_for(book, "durable")
    facts = profile_facts(parse_profile(demo))
    name = book.layers[0][0]
    wrong = Truth.FALSE if engine.predicates(facts)[name] is Truth.TRUE else Truth.TRUE
    monkeypatch.setitem(engine._definition_checks, name, lambda get, preds: wrong)
    with pytest.raises(EngineError, match=name):
        engine.predicates(facts)
