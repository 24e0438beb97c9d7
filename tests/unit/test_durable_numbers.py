"""Numbers reach durable-rules exactly: its JSON parser rejects Python's `1e-05`, so tiny, huge and
boundary values must give the same report as the reference evaluator, byte for byte."""

from __future__ import annotations

import math

import pytest

from msdecide import evaluate
from msdecide.api import default_rulebook, engine_for
from msdecide.engine.durable import json_value
from msdecide.engine.facts import profile_facts
from msdecide.profile import FIELDS, parse_profile
from msdecide.rulebook.conditions import Cmp, atoms


@pytest.mark.parametrize("value, text", [
    (1e-05, "1.0e-05"), (-1e-07, "-1.0e-07"), (1e16, "1.0e+16"), (1.5e-05, "1.5e-05"),
    (123456789.0, "123456789.0"), (0.1, "0.1"), (-0.0, "-0.0"), (5e-324, "5.0e-324"),
    (7, "7"), (True, "true"), (False, "false"), ("RRMS", '"RRMS"'),
])
def test_json_value_writes_what_durable_reads(value, text):
    assert json_value(value) == text


@pytest.mark.parametrize("profile", [
    {"mental_health": {"sdmt_z": 0.00001}},
    {"mental_health": {"sdmt_z": -0.0000001}},
    {"mental_health": {"sdmt_z": 1e-7, "phq9": 12}},
    {"biomarkers": {"serum_nfl_z_score": -1e-300, "jcv_status": "positive", "jcv_index": 1e-05}},
    {"mri": {"central_vein_sign_fraction": 5e-324}, "disease_course": {"phenotype": "CIS"}},
    {"lifestyle": {"alcohol_units_per_week": 1e-06, "bmi": 10.000000000000002}},
    {"disease_course": {"phenotype": "RRMS", "edss": 0.0, "years_since_last_relapse": 1e-10}},
], ids=lambda p: repr(p)[:60])
def test_tiny_decimals_give_the_same_report_on_both_engines(profile):
    durable = evaluate(profile, engine="durable").to_json()
    assert durable == evaluate(profile, engine="reference").to_json()


def _thresholds() -> list[tuple[str, float]]:
    """(field, value) at, just below and just above every numeric threshold in the bundled rulebook."""
    book = default_rulebook()
    exprs = list(book.predicates.values()) + [i.expr for i in book.live()]
    found = {(a.field, float(a.value)) for e in exprs for a in atoms(e)
             if isinstance(a, Cmp) and isinstance(a.value, (int, float)) and not isinstance(a.value, bool)}
    return sorted((f, v) for field, t in found for f, v in
                  ((field, t), (field, math.nextafter(t, -math.inf)), (field, math.nextafter(t, math.inf))))


def test_values_at_every_threshold_agree():
    """Every numeric threshold, exactly and one float step either side (out-of-range magnitudes too:
    the engines get facts directly here), through both engines, definition by definition and rule by rule."""
    book = default_rulebook()
    durable, reference = engine_for(book, "durable"), engine_for(book, "reference")
    base = profile_facts(parse_profile({"disease_course": {"phenotype": "RRMS"}, "demographics": {"age": 30}}))
    cases = _thresholds() + [(f, v) for f in ("biomarkers.jcv_index", "mental_health.sdmt_z")
                             for v in (123456789.0, 1e16, -1e-7, 1e-300, -1.5e300)]
    assert len(cases) > 100
    fired = 0
    for field, value in cases:
        facts = {**base, field: int(value) if FIELDS[field].kind == "int" and value.is_integer() else value}
        want = reference.predicates(facts)
        assert durable.predicates(facts) == want, (field, value)
        got = durable.rules(book.phase(1), facts, want)
        assert got == reference.rules(book.phase(1), facts, want), (field, value)
        fired += sum(t.name == "TRUE" for t in got.values())
    assert fired > 0
