"""Profile validation: treatment.current holds a disease-modifying therapy only, and every cross-field
problem is reported at once (not one per attempt)."""

from __future__ import annotations

import pytest
from ruamel.yaml import YAML

from msdecide.profile import CURRENT_DMT_IDS, ProfileError, parse_profile
from tests.conftest import RULES


def errors(data) -> dict[str, str]:
    with pytest.raises(ProfileError) as exc:
        parse_profile(data)
    return {e.field: e.message for e in exc.value.errors}


def test_current_dmt_ids_are_the_catalogues_disease_modifying_therapies():
    options = YAML(typ="safe").load((RULES / "options.yaml").read_text())["options"]
    therapies = {o["id"] for o in options if o["theme"] == "immunotherapy"
                 and o["kind"] in ("dmt", "off-label", "investigational")}
    assert set(CURRENT_DMT_IDS) == therapies


@pytest.mark.parametrize("given", ["exercise-programme", "jcv-testing", "ahsct", "dmt-de-escalation", "vitamin-d",
                                   "mitoxantrone"])
def test_current_must_be_a_disease_modifying_therapy(given):
    message = errors({"treatment": {"current": given}})["treatment.current"]
    assert message.startswith(f"'{given}' is not allowed: must be the id of a disease-modifying therapy (")
    assert "natalizumab" in message and "exercise-programme" not in message.partition(": ")[2]
    assert message.endswith("or null for none")


@pytest.mark.parametrize("given", [*CURRENT_DMT_IDS, None])
def test_every_therapy_and_none_are_accepted_as_current(given):
    assert parse_profile({"treatment": {"current": given}}).treatment.current == given


def test_cross_field_problems_are_reported_together():
    found = errors({"demographics": {"sex": "male", "pregnancy": "pregnant", "age": 500},
                    "disease_course": {"relapses_12m": 3, "relapses_24m": 1, "edss": 0.5},
                    "biomarkers": {"jcv_index": 2.0}})
    assert set(found) == {"demographics.pregnancy", "demographics.age", "disease_course.relapses_24m",
                          "disease_course.edss", "biomarkers.jcv_index"}
    assert found["disease_course.relapses_24m"].startswith("1 is not allowed: must be at least relapses_12m (3)")
    assert found["demographics.pregnancy"] == "'pregnant' is not allowed when sex is male: only 'none'"
    assert found["biomarkers.jcv_index"].startswith("an index is given without jcv_status")


def test_cross_field_problem_alone_is_reported_once():
    found = errors({"disease_course": {"relapses_12m": 2, "relapses_24m": 1}})
    assert list(found) == ["disease_course.relapses_24m"]


def test_a_shared_set_drops_members_the_field_cannot_hold():
    from msdecide.rulebook.conditions import Scope, parse_condition

    scope = Scope(sets={"lymphodepleting": ("cladribine", "ahsct")}, predicates={})
    assert parse_condition("treatment.current in lymphodepleting", scope).values == ("cladribine",)
    assert parse_condition("treatment.prior in lymphodepleting", scope).values == ("cladribine", "ahsct")
