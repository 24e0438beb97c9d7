"""The durable-rules engine and the reference evaluator agree, rule by rule, on every test profile."""

from __future__ import annotations

import json
import random
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from ruamel.yaml import YAML

from msdecide import evaluate, load_rulebook, parse_profile
from msdecide.api import default_rulebook, engine_for, match
from msdecide.engine.durable import MAX_RULES, DurableEngine, EngineError, compile_truth
from msdecide.rulebook.conditions import Scope, parse_condition
from tests.conftest import RULES, example_files
from tests.profiles import random_profile


def load(path):
    text = path.read_text()
    return json.loads(text) if path.suffix == ".json" else YAML(typ="safe").load(text)


def embedded_profiles():
    book = default_rulebook()
    return [pytest.param(t.profile, id=f"{r.rule}-{i}") for r in book.rules for i, t in enumerate(r.tests)]


def assert_agree(data):
    profile = parse_profile(data)
    book = default_rulebook()
    durable, reference = match(profile, book, "durable"), match(profile, book, "reference")
    assert durable.predicates == reference.predicates
    assert durable.results == reference.results
    assert evaluate(profile, engine="durable").to_json() == evaluate(profile, engine="reference").to_json()


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_agree_on_examples(path):
    assert_agree(load(path))


def test_agree_on_embedded_rule_tests():
    for param in embedded_profiles():
        assert_agree(param.values[0])


@pytest.mark.parametrize("seed", range(4))
def test_agree_on_random_profiles(seed):
    rng = random.Random(seed)
    for fill in (0.1, 0.4, 0.7, 0.95):
        for _ in range(25):
            assert_agree(random_profile(rng, fill))


@pytest.mark.parametrize("text, want, expected", [
    ("demographics.age >= 18", True, {"$gte": {"demographics.age": 18}}),
    ("demographics.age >= 18", False, {"$lt": {"demographics.age": 18}}),
    ('disease_course.phenotype != "PPMS"', False, {"disease_course.phenotype": "PPMS"}),
    ('disease_course.phenotype in ["CIS", "RRMS"]', False,
     {"$and": [{"$neq": {"disease_course.phenotype": "CIS"}}, {"$neq": {"disease_course.phenotype": "RRMS"}}]}),
    ('"hiv" in comorbidities', True, {"comorbidities.hiv": True}),
    ("biomarkers.jcv_index is unknown", True, {"$nex": {"biomarkers.jcv_index": 1}}),
    ("comorbidities is known", True, {"$ex": {"comorbidities._known": 1}}),
    ("highly_active", False, {"def.highly_active": False}),
    ("always", True, {}),
    ("always", False, None),
])
def test_compile_truth(text, want, expected):
    scope = Scope(predicates={"highly_active": None})
    assert compile_truth(parse_condition(text, scope), want) == expected


def test_rules_are_sharded_within_durable_limits():
    book = default_rulebook()
    engine = engine_for(book, "durable")
    sizes = [len(rs.labels) for rs in engine._rulesets]
    assert max(sizes) <= MAX_RULES  # the catch-all rule comes on top
    assert len(engine._phases[1]) == -(-len(book.phase(1)) // MAX_RULES)
    assert len(book.phase(1)) > MAX_RULES, "the bundled rulebook is big enough to need shards"


def test_close_deletes_rulesets():
    book = load_rulebook(RULES)
    engine = DurableEngine(book)
    rulesets = list(engine._rulesets)
    assert len(rulesets) > 1
    engine._assert(rulesets[:1], {})  # runs before close
    engine.close()
    assert engine._rulesets == []
    for rs in rulesets:  # durable-rules no longer knows the handles
        with pytest.raises(EngineError):
            engine._assert([rs], {})


def test_concurrent_evaluations_never_mix():
    rng = random.Random(7)
    profiles = [random_profile(rng, 0.7) for _ in range(40)] + [load(p) for p in example_files()]
    expected = [evaluate(p).to_json() for p in profiles]
    work = [i % len(profiles) for i in range(400)]
    barrier = threading.Barrier(8)

    def run(chunk):
        barrier.wait()
        return [(i, evaluate(profiles[i]).to_json()) for i in chunk]

    with ThreadPoolExecutor(8) as pool:
        results = [r for part in pool.map(run, [work[k::8] for k in range(8)]) for r in part]
    mismatches = [i for i, out in results if out != expected[i]]
    assert len(results) == 400 and mismatches == []


def test_same_input_same_bytes(demo):
    assert evaluate(demo).to_json() == evaluate(dict(demo)).to_json()


def test_a_rulebook_path_is_compiled_once_per_content(tmp_path, demo):
    import shutil

    from msdecide.api import _engines, rulebook_at
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    first = evaluate(demo, root)
    assert rulebook_at(root) is rulebook_at(root)
    engines = len(_engines)
    for _ in range(3):
        assert evaluate(demo, root).to_json() == first.to_json()
    assert len(_engines) == engines  # no new compiled engine per call
    rule = next(root.glob("lifestyle/*.yaml"))
    rule.write_text(rule.read_text() + "\n# a comment changes the content hash\n")
    assert evaluate(demo, root).rulebook.sha256 != first.rulebook.sha256
    assert len(_engines) == engines  # the old engine was released
