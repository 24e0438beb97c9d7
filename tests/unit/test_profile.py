"""The profile model implements the contract: accepts every valid profile, rejects the rest by field."""

from __future__ import annotations

import json
from typing import Any

import pytest
from ruamel.yaml import YAML

from msdecide.profile import FIELDS, Profile, ProfileError, parse_profile
from tests.conftest import example_files


def errors_of(data: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(ProfileError) as exc:
        parse_profile(data)
    return {e.field: e.message for e in exc.value.errors}


def test_contract_example_is_accepted(demo):
    p = parse_profile(demo)
    assert p.id == "demo-001"
    assert p.disease_course.edss == 2.0
    assert p.biomarkers.jcv_index == 1.8
    assert p.preferences.routes == ["oral", "infusion"]


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_example_profile_is_valid(path):
    text = path.read_text()
    data = json.loads(text) if path.suffix == ".json" else YAML(typ="safe").load(text)
    parse_profile(data)


def test_empty_profile_is_valid_and_everything_is_unknown():
    p = parse_profile({})
    assert p.value("demographics.age") is None
    assert p.comorbidities == []
    assert not p.is_current_known()


def test_null_current_therapy_is_known():
    p = parse_profile({"treatment": {"current": None}})
    assert p.is_current_known() and p.treatment.current is None


@pytest.mark.parametrize("edss", [0, 1.0, 1.5, 6.5, 9.5, 10])
def test_edss_on_its_scale(edss):
    assert parse_profile({"disease_course": {"edss": edss}}).disease_course.edss == edss


@pytest.mark.parametrize("edss", [0.5, 1.25, 10.5, -1, 12])
def test_edss_off_its_scale(edss):
    msg = errors_of({"disease_course": {"edss": edss}})["disease_course.edss"]
    assert str(edss) in msg and "0.5" in msg


def test_misspelled_field_gets_did_you_mean():
    errs = errors_of({"demographics": {"agee": 40}, "disease_cours": {}})
    assert errs["demographics.agee"] == "'agee' is not a profile field (did you mean 'age'?)"
    assert "did you mean 'disease_course'" in errs["disease_cours"]


def test_out_of_range_names_field_value_and_range():
    errs = errors_of({"demographics": {"age": 130}, "mental_health": {"phq9": 30}})
    assert errs["demographics.age"] == "130 is not allowed: must be a whole number from 0 to 120 years"
    assert errs["mental_health.phq9"] == "30 is not allowed: must be a whole number from 0 to 27"


def test_types_are_not_coerced():
    """durable-rules compares loosely ("abc" > 65): nothing but real numbers and booleans gets through."""
    errs = errors_of({"demographics": {"age": "34", "effective_contraception": "yes"},
                      "biomarkers": {"jcv_index": "1.8", "jcv_status": "positive"}})
    assert set(errs) == {"demographics.age", "demographics.effective_contraception", "biomarkers.jcv_index"}
    assert "'34' is not allowed" in errs["demographics.age"]


def test_enum_values_listed():
    errs = errors_of({"disease_course": {"phenotype": "RMS"}, "comorbidities": ["hiv", "flu"]})
    assert "one of RIS, CIS, RRMS, SPMS, PPMS" in errs["disease_course.phenotype"]
    assert "'flu' (item 1) is not allowed" in errs["comorbidities"]


def test_cross_field_checks_name_the_field():
    errs = errors_of({"disease_course": {"relapses_12m": 3, "relapses_24m": 1}})
    assert errs == {"disease_course.relapses_24m": "1 is not allowed: must be at least relapses_12m (3), because "
                                                   "the 24 months include the last 12"}
    errs = errors_of({"demographics": {"sex": "male", "pregnancy": "planning"}})
    assert "demographics.pregnancy" in errs
    errs = errors_of({"biomarkers": {"jcv_index": 1.2}})
    assert "jcv_status" in errs["biomarkers.jcv_index"]
    assert parse_profile({"demographics": {"sex": "male", "pregnancy": "none"}})


def test_catalogue_ids_only():
    errs = errors_of({"treatment": {"current": "aspirin", "prior": ["mitoxantrone", "bogus"]}})
    assert "treatment.current" in errs and "treatment.prior" in errs
    assert parse_profile({"treatment": {"prior": ["mitoxantrone"]}}).treatment.prior == ["mitoxantrone"]
    assert "treatment.current" in errors_of({"treatment": {"current": "mitoxantrone"}})  # history-only id


@pytest.mark.parametrize("bad", ["John Smith", "", "x" * 65, "a/b"])
def test_profile_id_is_opaque(bad):
    assert "id" in errors_of({"id": bad})


@pytest.mark.parametrize("bad", ["25/11/2026", "2026-13-01", "2026-11-25T10:00:00"])
def test_as_of_is_an_iso_date(bad):
    assert "YYYY-MM-DD" in errors_of({"as_of": bad})["as_of"]


def test_not_an_object():
    with pytest.raises(ProfileError) as exc:
        parse_profile(["a"])
    assert exc.value.errors[0].field == "profile"
    assert "section" in errors_of({"mri": 3})["mri"]


def test_every_error_reported_at_once():
    errs = errors_of({"demographics": {"age": -1, "sex": "f"}, "mri": {"gd_enhancing_lesions": 501},
                      "lifestyle": {"bmi": 5}})
    assert set(errs) == {"demographics.age", "demographics.sex", "mri.gd_enhancing_lesions", "lifestyle.bmi"}


def test_field_catalogue_matches_contract():
    per_section = {}
    for path in FIELDS:
        per_section[path.split(".")[0]] = per_section.get(path.split(".")[0], 0) + 1
    assert per_section == {"id": 1, "as_of": 1, "region": 1, "demographics": 4, "disease_course": 7, "mri": 8, "biomarkers": 14,
                           "treatment": 3, "comorbidities": 1, "lifestyle": 5, "mental_health": 5, "preferences": 4}
    assert FIELDS["disease_course.edss"].allowed() == "0, or 1.0 to 10 in steps of 0.5"
    assert FIELDS["mri.central_vein_sign_fraction"].kind == "number"
    assert FIELDS["preferences.routes"].choices == ("oral", "injection", "infusion")


def test_json_schema_describes_every_section():
    schema = Profile.model_json_schema()
    assert set(schema["properties"]) >= {"demographics", "disease_course", "mri", "biomarkers", "treatment",
                                         "comorbidities", "lifestyle", "mental_health", "preferences"}
    assert schema["additionalProperties"] is False


def test_null_means_unknown_for_fields_and_sections():
    p = parse_profile({"mri": None, "comorbidities": None, "demographics": {"age": None}, "id": None})
    assert p.mri.gd_enhancing_lesions is None and p.comorbidities == [] and p.demographics.age is None
