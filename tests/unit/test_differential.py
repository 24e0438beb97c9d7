"""Differential fuzzing: random valid profiles, built from the profile contract's field catalogue,
give byte-identical reports on the durable-rules engine and the reference evaluator.

The normal suite runs 2,000 derandomised profiles (same examples every run); `pytest -m fuzz` runs a
long random search (MSDECIDE_FUZZ_EXAMPLES, default 20,000).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from msdecide import evaluate
from msdecide.profile import EDSS_STEPS, FIELDS, ProfileError, parse_profile
from tests.profiles import consistent

# tiny, huge and boundary decimals are what durable's parser once rejected (`1e-05`)
_AWKWARD = (0.0, -0.0, 5e-324, 1e-300, 1e-07, 1e-05, 0.1, 0.5, 1.5, 2.5)


def _number(lo: float, hi: float) -> st.SearchStrategy[float]:
    awkward = [v for a in _AWKWARD for v in (a, -a, lo + a, hi - a) if lo <= v <= hi]
    return st.one_of(st.floats(lo, hi, allow_nan=False, allow_infinity=False), st.sampled_from(awkward))


def _value(path: str) -> st.SearchStrategy[Any]:
    spec = FIELDS[path]
    if path == "disease_course.edss":
        return st.sampled_from(EDSS_STEPS)
    if spec.kind == "bool":
        return st.booleans()
    if spec.kind == "choice":
        values = st.sampled_from(spec.choices)
        return st.one_of(values, st.none()) if path == "treatment.current" else values  # null: no therapy
    if spec.kind == "list":
        return st.lists(st.sampled_from(spec.choices), unique=True, max_size=len(spec.choices))
    lo, hi = spec.ge or 0, spec.le or 0
    if spec.kind == "int":
        return st.one_of(st.integers(int(lo), int(hi)), st.integers(int(lo), min(int(hi), 30)))
    return _number(float(lo), float(hi))


LEAVES = [p for p, s in FIELDS.items() if s.kind not in ("date", "text")]


@st.composite
def profiles(draw: st.DrawFn) -> dict[str, Any]:
    """A valid profile: sparse to full (each field present with a drawn probability)."""
    fill = draw(st.sampled_from((1, 6, 12, 18, 20)))  # in twentieths: sparse to full
    out: dict[str, Any] = {"id": "fuzz", "as_of": "2026-11-25"}
    for path in LEAVES:
        if fill < 20 and draw(st.integers(0, 19)) >= fill:
            continue
        value = draw(_value(path))
        section, _, name = path.rpartition(".")
        (out.setdefault(section, {}) if section else out)[name or path] = value
    return consistent(out, draw(st.sampled_from(FIELDS["biomarkers.jcv_status"].choices)))


def check_same_report(data: dict[str, Any]) -> None:
    try:
        profile = parse_profile(data)
    except ProfileError as exc:  # the strategy only builds valid profiles: a rejection is a test bug
        pytest.fail(f"the strategy built an invalid profile: {exc.errors}")
    durable = evaluate(profile, engine="durable").to_json()
    assert durable == evaluate(profile, engine="reference").to_json()


_COMMON = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@settings(max_examples=2000, derandomize=True, **_COMMON)
@given(profiles())
def test_durable_and_reference_reports_are_identical(data):
    check_same_report(data)


@pytest.mark.fuzz
@settings(max_examples=int(os.environ.get("MSDECIDE_FUZZ_EXAMPLES", "20000")), **_COMMON)
@given(profiles())
def test_durable_and_reference_reports_are_identical_long_run(data):
    check_same_report(data)
