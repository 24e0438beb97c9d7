"""The rule model compiled to Python (the durable engine's cross-check) computes exactly what the
tree-walking evaluator computes, and a disagreement with durable-rules stops the evaluation."""

from __future__ import annotations

import random

import pytest

from msdecide import parse_profile
from msdecide.api import default_rulebook, engine_for
from msdecide.engine.compiled import compile_checks
from msdecide.engine.durable import EngineError
from msdecide.engine.facts import profile_facts, with_offered
from msdecide.rulebook.conditions import Truth, evaluate
from tests.profiles import random_profile


def test_compiled_checks_agree_with_the_evaluator():
    book = default_rulebook()
    reference = engine_for(book, "reference")
    checks = compile_checks({i.key: i.expr for i in book.live()})
    definitions = compile_checks(book.predicates)
    rng = random.Random(11)
    seen: set[Truth] = set()
    for fill in (0.0, 0.1, 0.4, 0.7, 1.0):
        for _ in range(15):
            facts = with_offered(profile_facts(parse_profile(random_profile(rng, fill))), {"natalizumab"})
            predicates = reference.predicates(facts)
            assert definitions(facts.get, predicates) == predicates
            got = checks(facts.get, predicates)
            for inst in book.live():
                want = evaluate(inst.expr, facts.get, predicates.__getitem__)
                assert got[inst.key] is want, inst.key
                seen.add(want)
    assert seen == set(Truth)


def test_a_rule_durable_fires_but_the_model_does_not_stops_the_evaluation(monkeypatch, demo):
    book = default_rulebook()
    engine = engine_for(book, "durable")
    facts = profile_facts(parse_profile(demo))
    predicates = engine.predicates(facts)
    results = engine.rules(book.phase(1), facts, predicates)
    fired = next(k for k, t in results.items() if t is Truth.TRUE)
    model = engine._checks[1]
    monkeypatch.setitem(engine._checks, 1, lambda get, preds: {**model(get, preds), fired: Truth.FALSE})
    with pytest.raises(EngineError, match=f"{fired}: durable-rules and the rule model disagree"):
        engine.rules(book.phase(1), facts, predicates)


def test_a_definition_durable_gets_wrong_stops_the_evaluation(monkeypatch, demo):
    book = default_rulebook()
    engine = engine_for(book, "durable")
    facts = profile_facts(parse_profile(demo))
    name = book.layers[0][0]
    wrong = Truth.FALSE if engine.predicates(facts)[name] is Truth.TRUE else Truth.TRUE
    model = engine._definition_checks[0]
    monkeypatch.setattr(engine, "_definition_checks", [lambda get, preds: {**model(get, preds), name: wrong},
                                                       *engine._definition_checks[1:]])
    with pytest.raises(EngineError, match=f"definitions {name}: durable-rules and the rule model disagree"):
        engine.predicates(facts)
