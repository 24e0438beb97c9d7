"""The bundled rulebook: every embedded test passes in both engines; every option and caution is used."""

from __future__ import annotations

import re

import pytest

from msdecide.api import default_rulebook
from msdecide.options_ids import CATALOGUE_IDS, CAUTION_IDS
from msdecide.rulebook.model import EXPECTATIONS
from msdecide.rulebook.testing import run_rule_tests

BOOK = default_rulebook()
CASES = [pytest.param(r.rule, i, id=f"{r.rule}: {t.name}") for r in BOOK.rules for i, t in enumerate(r.tests)]


@pytest.mark.parametrize("rule_id, index", CASES)
def test_embedded_rule_test(rule_id, index):
    outcomes = [o for o in run_rule_tests(BOOK, rule_ids={rule_id}) if o.index == index]
    assert len(outcomes) == 2  # durable and reference
    for o in outcomes:
        assert o.passed, (f"[{o.engine}] expected {o.test.expect}, got {o.got.value}; unknown: {sorted(o.missing)}; "
                          f"conditions: {o.conditions}")


def active_rules():
    return [r for r in BOOK.rules if r.status == "active"]


def test_every_option_is_reachable():
    used = {i.option for i in BOOK.instances if i.rule.status == "active"}
    assert sorted(set(CATALOGUE_IDS) - used) == []


def test_every_caution_id_is_used():
    used = {i.rule.caution for i in BOOK.instances if i.rule.status == "active" and i.rule.caution}
    assert sorted(set(CAUTION_IDS) - used) == []


@pytest.mark.parametrize("rule", active_rules(), ids=lambda r: r.rule)
def test_active_rule_is_cited_reviewed_and_tested_both_ways(rule):
    assert rule.evidence and rule.reviewed_by
    expects = {t.expect for t in rule.tests}
    fires, quiet, _ = EXPECTATIONS[rule.action]
    assert fires in expects, f"{rule.rule} needs a test that fires"
    assert rule.when == "always" or quiet in expects, f"{rule.rule} needs a test that does not fire"


@pytest.mark.parametrize("rule", active_rules(), ids=lambda r: r.rule)
def test_wording_never_orders_or_doses(rule):
    texts = [b if isinstance(b, str) else b.say for b in rule.because]
    for text in texts:
        assert not re.search(r"\b(prescribe|start (?:him|her|them|the patient) on)\b", text, re.I), text
        # a dose (mg, IU...) is never given; a concentration such as "0.02 mg/L" (a lab threshold) is fine
        assert not re.search(r"\b\d+(\.\d+)?\s?(mg|mcg|µg|IU)\b(?!\s*/)|\bunits? daily\b", text), text

