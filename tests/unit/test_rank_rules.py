"""Ranking: tiers from rank rules (lifts and caps), their reasons, the order, and the region setting."""

from __future__ import annotations

from pathlib import Path

import pytest

from msdecide import evaluate
from msdecide.profile import ProfileError
from msdecide.rulebook.loader import RulebookError, load_rulebook
from tests.authoring.helpers import EXERCISE, SMOKING, make_book, replace

HEADER = """\
rule: {rid}
title: A rank rule for the tests
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
"""
EVIDENCE = """\
evidence:
  - citation: Kalb R et al. 2020. Exercise recommendations. Mult Scler.
    level: consensus
"""
LIFT = HEADER.format(rid="MSR-9010") + """\
option: exercise-programme
action: rank
tier: recommended
when: lifestyle.exercise_min_per_week < 60
because:
  - "{lifestyle.exercise_min_per_week} min/week: well below 150."
""" + EVIDENCE
CAP = HEADER.format(rid="MSR-9011") + """\
option: exercise-programme
action: rank
tier: alternative
limit: at-most
when: '"ischaemic_heart_disease" in comorbidities'
because:
  - "Ischaemic heart disease: a supervised programme after cardiology advice."
""" + EVIDENCE
SMOKER_URGENT = HEADER.format(rid="MSR-9012") + """\
option: smoking-cessation
action: rank
tier: urgent
when: lifestyle.bmi >= 40
because:
  - "BMI {lifestyle.bmi}: a test rule that makes stop-smoking support urgent."
""" + EVIDENCE

ENGINES = ("durable", "reference")


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_book(tmp_path_factory.mktemp("rank") / "rules", {
        "lifestyle/msr-9001-exercise.yaml": EXERCISE, "lifestyle/msr-9003-smoking.yaml": SMOKING,
        "lifestyle/msr-9010-lift.yaml": LIFT, "lifestyle/msr-9011-cap.yaml": CAP,
        "lifestyle/msr-9012-urgent.yaml": SMOKER_URGENT})


def _tier(book: Path, profile: dict, engine: str, option: str = "exercise-programme") -> tuple[str, str]:
    item = evaluate(profile, book, engine=engine).option(option)
    assert item is not None
    return item.tier, item.tier_reason


@pytest.mark.parametrize("engine", ENGINES)
def test_no_rank_rule_true_gives_the_default_tier(book: Path, engine: str) -> None:
    tier, reason = _tier(book, {"lifestyle": {"exercise_min_per_week": 100}, "comorbidities": []}, engine)
    assert tier == "also-possible" and "no ranking rule" in reason


@pytest.mark.parametrize("engine", ENGINES)
def test_a_lift_gives_its_tier_and_its_reason_in_the_patients_values(book: Path, engine: str) -> None:
    tier, reason = _tier(book, {"lifestyle": {"exercise_min_per_week": 30}, "comorbidities": []}, engine)
    assert (tier, reason) == ("recommended", "30 min/week: well below 150.")


@pytest.mark.parametrize("engine", ENGINES)
def test_a_cap_wins_over_a_lift_and_explains_the_tier(book: Path, engine: str) -> None:
    profile = {"lifestyle": {"exercise_min_per_week": 30}, "comorbidities": ["ischaemic_heart_disease"]}
    tier, reason = _tier(book, profile, engine)
    assert tier == "alternative" and reason.startswith("Ischaemic heart disease")


@pytest.mark.parametrize("engine", ENGINES)
def test_urgent_options_come_first_and_ranks_follow_the_order(book: Path, engine: str) -> None:
    report = evaluate({"lifestyle": {"exercise_min_per_week": 30, "smoking": "current", "bmi": 41},
                       "comorbidities": []}, book, engine=engine)
    assert [(o.id, o.tier, o.rank) for o in report.options] == [
        ("smoking-cessation", "urgent", 1), ("exercise-programme", "recommended", 2)]
    assert report.options[0].urgent and report.options[1].priority
    assert [i.ids for i in report.summary.urgent] == [["smoking-cessation"]]


@pytest.mark.parametrize("engine", ENGINES)
def test_an_unknown_rank_rule_that_could_change_the_tier_is_data_needed(book: Path, engine: str) -> None:
    report = evaluate({"lifestyle": {"exercise_min_per_week": 30}}, book, engine=engine)  # comorbidities known
    assert "lifestyle.bmi" not in report.missing_fields  # smoking-cessation is not offered: no rank needed
    report = evaluate({"lifestyle": {"smoking": "current", "exercise_min_per_week": 100}}, book, engine=engine)
    item = next(m for m in report.missing_data if m.field == "lifestyle.bmi")
    assert "where Stop-smoking support ranks" in item.why


def test_rank_rules_need_a_tier_and_only_they_have_one(tmp_path: Path) -> None:
    broken = replace(LIFT, "tier: recommended\n", "")
    with pytest.raises(RulebookError, match="needs `tier`"):
        load_rulebook(make_book(tmp_path / "a", {"lifestyle/msr-9010-lift.yaml": broken}))
    offer_with_tier = replace(EXERCISE, "action: offer\n", "action: offer\ntier: urgent\n")
    with pytest.raises(RulebookError, match="only rank rules"):
        load_rulebook(make_book(tmp_path / "b", {"lifestyle/msr-9001-exercise.yaml": offer_with_tier}))


def test_region_defaults_to_the_rulebook_and_can_be_chosen(book: Path) -> None:
    assert evaluate({}, book).region == "EU"
    assert evaluate({"region": "US"}, book).region == "US"
    assert evaluate({"region": "US"}, book, region="UK").region == "UK"
    with pytest.raises(ProfileError) as err:
        evaluate({}, book, region="FR")
    assert err.value.errors[0].field == "region"


def test_the_bundled_rulebook_reads_the_region_and_names_it() -> None:
    profile = {"disease_course": {"phenotype": "RRMS", "relapses_12m": 1}, "treatment": {"current": None}}
    assert evaluate(profile).region == "EU"
    assert evaluate(profile, region="US").region == "US"
