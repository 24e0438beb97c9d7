"""Forced switches are complete: every absolute contraindication of a DMT that applies to a stable person
already taking it makes the report say that a switch is needed and list safe alternatives.

The walk is generic: for each active `absolute` exclusion rule of a DMT and each DMT it covers, the rule's
own `expect: excluded` test profiles are turned into a stable person (RRMS, no activity, a man of 40 unless
the test says otherwise) who has taken that drug for 3 years. When the exclusion is TRUE for that person the
report must show the drug as not offered, offer at least one other DMT, and start each alternative's reasons
with "Switch needed:". Exclusions that are not forced switches are listed below with the reason.
"""

from __future__ import annotations

import copy
from typing import Any

import pytest

from msdecide import evaluate
from msdecide.api import default_rulebook, match
from msdecide.profile import parse_profile
from msdecide.rulebook.conditions import Truth

BOOK = default_rulebook()
DMT = set(BOOK.sets["dmt"])
COURSE_BASED = set(BOOK.sets["course_based_dmts"])

# Absolute exclusions that do NOT force a stable person off the current drug, and why.
NOT_FORCED: dict[str, str] = {
    "MSR-0002": "breakthrough: a switch for lack of efficacy, not a safety stop (the person is not stable)",
    "MSR-0058": "breakthrough on an S1P modulator: the rebound plan that goes with MSR-0002",
    "MSR-0051": "breakthrough on dimethyl fumarate: efficacy, and about diroximel fumarate as an alternative",
    "MSR-0052": "about diroximel fumarate as an alternative for a pregnant woman on dimethyl fumarate",
    "MSR-0007": "age limit for new starts (a child already on a drug is the paediatric service's decision)",
    "MSR-0015": "age limit for new starts",
    "MSR-0024": "age limit for new starts",
    "MSR-0037": "age limit for new starts",
    "MSR-0045": "age limit for new starts",
    "MSR-0083": "age limit for new starts",
    "MSR-0203": "age limit for new starts (MSR-0204 covers a child already on natalizumab)",
    "MSR-0009": "label population for new starts (PPMS, SPMS without activity)",
    "MSR-0012": "label population for new starts (PPMS, SPMS without activity)",
    "MSR-0089": "label population for new starts (siponimod in SPMS without activity)",
    "MSR-0094": "label population for new starts (siponimod in PPMS)",
    "MSR-0214": "label population for new starts (ocrelizumab in PPMS outside every trial population)",
    "MSR-0221": "label population for new starts (other anti-CD20 antibodies in PPMS)",
    "MSR-0041": "no fumarate start below 0.5 x10^9/L; on a current fumarate the stop rule is MSR-0042",
    "MSR-0026": "label population for new starts under EU/UK labels (CIS: interferon beta or glatiramer acetate)",
    "MSR-0027": "label population for new starts under US labels (adults only)",
    "MSR-0028": "label population for new starts under EU/UK labels (teriflunomide not for SPMS)",
    "MSR-0098": "label population for new starts under EU/UK labels (fingolimod for highly active RRMS)",
    "MSR-0099": "label population for new starts under EU/UK labels (siponimod for active SPMS)",
    "MSR-0237": "label population for new starts under EU/UK labels (natalizumab for highly active RRMS)",
    "MSR-0239": "label population for new starts (high-efficacy drugs in SPMS without activity)",
}
# Triggers that leave no DMT at all to discuss, with the reason (none today: every trigger leaves at least
# interferon beta or glatiramer acetate). A case listed here must show no DMT offered instead.
RULES_OUT_EVERY_DMT: dict[tuple[str, str], str] = {}
# Course-based drugs have no ongoing drug to leave (evidence file section 0.1, SWITCH_NEEDED): their
# exclusions bar the next course, and what follows is planned by the MS team.
STABLE: dict[str, Any] = {
    "demographics": {"age": 40, "sex": "male", "pregnancy": "none"},
    "disease_course": {"phenotype": "RRMS", "relapses_12m": 0, "relapses_24m": 0},
    "mri": {"gd_enhancing_lesions": 0, "new_t2_lesions_12m": 0},
}
ACTIVITY = {"disease_course": ("phenotype", "relapses_12m", "relapses_24m"),
            "mri": ("gd_enhancing_lesions", "new_t2_lesions_12m")}


def absolute_dmt_exclusions() -> list[Any]:
    rules = {i.rule.rule: i.rule for i in BOOK.live()
             if i.action == "exclude" and i.rule.strength == "absolute" and i.option in DMT}
    return [rules[k] for k in sorted(rules)]


def stable_on(option: str, test_profile: dict[str, Any]) -> dict[str, Any]:
    """The test's profile as a stable person with RRMS on `option` for 36 months."""
    out = copy.deepcopy(STABLE)
    for section, value in test_profile.items():
        if isinstance(value, dict) and isinstance(out.get(section), dict):
            out[section].update(copy.deepcopy(value))
        else:
            out[section] = copy.deepcopy(value)
    for section, keys in ACTIVITY.items():
        for key in keys:
            out[section][key] = STABLE[section][key]
    prior = [p for p in out.get("treatment", {}).get("prior", []) if p != option]
    out["treatment"] = {**out.get("treatment", {}), "current": option, "months_on_current": 36, "prior": prior}
    return out


def true_on_current(rule_id: str, option: str) -> dict[str, Any] | None:
    """A stable person on `option` for whom the exclusion is TRUE, built from the rule's own tests."""
    rule = next(r for r in BOOK.rules if r.rule == rule_id)
    key = next(i.key for i in BOOK.live() if i.id == rule_id and i.option == option)
    for test in rule.tests:
        if test.expect != "excluded":
            continue
        data = stable_on(option, dict(test.profile))
        if match(parse_profile(data), BOOK, "reference").results.get(key) is Truth.TRUE:
            return data
    return None


CASES = [pytest.param(r.rule, o, id=f"{r.rule}/{o}") for r in absolute_dmt_exclusions()
         if r.rule not in NOT_FORCED
         for o in sorted({i.option for i in BOOK.live() if i.id == r.rule} & DMT - COURSE_BASED)]


def test_skip_list_names_real_absolute_exclusions():
    ids = {r.rule for r in absolute_dmt_exclusions()}
    assert sorted(set(NOT_FORCED) - ids) == []


def test_cases_cover_every_class_of_trigger():
    covered = {rule for rule, _ in (c.values for c in CASES)}
    for rule in ("MSR-0013", "MSR-0032", "MSR-0033", "MSR-0042", "MSR-0059", "MSR-0063", "MSR-0064", "MSR-0065",
                 "MSR-0201", "MSR-0202", "MSR-0222", "MSR-0223", "MSR-0224", "MSR-0225", "MSR-0617"):
        assert rule in covered


@pytest.mark.parametrize("rule_id, option", CASES)
def test_absolute_exclusion_of_the_current_drug_forces_a_switch(rule_id, option):
    profile = true_on_current(rule_id, option)
    assert profile is not None, (f"{rule_id} never applies to a stable person on {option}: add an `expect: excluded` "
                                 "test on the current drug, or list the rule in NOT_FORCED with the reason")
    report = evaluate(profile, BOOK)
    barred = {n.id: n for n in report.not_offered}
    assert option in barred and barred[option].strength == "absolute", f"{option} is still offered: {profile}"
    assert rule_id in barred[option].rules
    alternatives = [o for o in report.options if o.id in DMT and o.id != option]
    if (rule_id, option) in RULES_OUT_EVERY_DMT:
        assert alternatives == []
        return
    assert alternatives, f"no DMT offered to a person who must leave {option} ({rule_id}): {profile}"
    for alt in alternatives:
        assert alt.because[0].startswith("Switch needed:"), (alt.id, alt.because)
        assert alt.id not in barred
    assert report.switch is not None and report.switch.current == option and report.switch.kind == "forced"
    assert not report.switch.because[0].startswith("Stopping"), report.switch.because  # the trigger comes first
    screening = next(o for o in report.options if o.id == "pre-treatment-screening")
    assert any("has to be left" in b for b in screening.because)


def test_a_stable_person_without_a_contraindication_gets_no_switch():
    profile = stable_on("fingolimod", {"comorbidities": []})
    report = evaluate(profile, BOOK)
    assert [o.id for o in report.options if o.id in DMT] == ["fingolimod"]
    assert not any(b.startswith("Switch needed:") for o in report.options for b in o.because)
