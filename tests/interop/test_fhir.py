"""FHIR R4 input: Bundle -> contract profile by the mapping file; what is not used is listed, never guessed."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path

import pytest

from msdecide import evaluate
from msdecide.cli import main
from msdecide.fhir import FhirInputError, MappingError, load_mapping, read_bundle
from msdecide.fhir.mapping import parse_mapping
from msdecide.profile import parse_profile
from tests.conftest import EXAMPLES

from .conftest import DATA, DEMO_BUNDLE, LOCAL, RRMS, bundle, condition, load, observation, patient

LOINC, SCT = "http://loinc.org", "http://snomed.info/sct"


def test_demo_bundle_reads_to_the_hand_written_profile_and_report(demo_bundle):
    result = read_bundle(demo_bundle)
    written = load(EXAMPLES / "demo-001.json")
    assert parse_profile(result.profile) == parse_profile(written)
    a, b = evaluate(result.profile), evaluate(written)
    assert a.option_ids == b.option_ids and a.not_offered_ids == b.not_offered_ids
    assert a.missing_fields == b.missing_fields
    assert a.to_json() == b.to_json()
    assert result.ms_diagnosis and not result.notes
    assert {u.resource for u in result.unmapped} == {"Encounter/enc-1", "Observation/bp-1"}
    assert result.sources["biomarkers.jcv_status"] == "Observation/jcv-status-1"  # the later result wins


def test_cli_fhir_and_evaluate_accept_the_bundle(capsys):
    assert main(["fhir", str(DEMO_BUNDLE)]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["treatment"] == {"current": "dimethyl-fumarate", "months_on_current": 14}
    assert "Observation/bp-1 [http://loinc.org|85354-9]: observation code not in the mapping" in err
    assert main(["evaluate", str(DEMO_BUNDLE), "--format", "json"]) == 0
    from_bundle = json.loads(capsys.readouterr().out)
    assert main(["evaluate", str(EXAMPLES / "demo-001.json"), "--format", "json"]) == 0
    assert from_bundle == json.loads(capsys.readouterr().out)
    assert main(["fhir", str(DEMO_BUNDLE), "--format", "full"]) == 0
    full = json.loads(capsys.readouterr().out)
    assert set(full) == {"profile", "ms_diagnosis", "sources", "notes", "unmapped"}


@pytest.mark.parametrize("name, resources", [
    ("hl7-r4-examples-bundle.json", {"Observation/example", "Condition/example", "Observation/f001"}),
    ("synthea-style-patient.json", {"Claim", "Encounter", "Immunization", "MedicationRequest", "Condition",
                                    "Observation"}),
])
def test_records_written_elsewhere_parse_and_list_what_is_not_used(name, resources, capsys):
    assert main(["fhir", str(DATA / name), "--as-of", "2026-11-25"]) == 0
    out, err = capsys.readouterr()
    profile = json.loads(out)
    parse_profile(profile)
    assert "no multiple sclerosis diagnosis" in err and "nothing was guessed" in err
    result = read_bundle(load(DATA / name), as_of=dt.date(2026, 11, 25))
    listed = {u.resource for u in result.unmapped} | {u.resource.split("/")[0] for u in result.unmapped}
    assert resources <= listed
    assert not result.ms_diagnosis and "phenotype" not in profile.get("disease_course", {})


def test_hl7_example_patient_gives_age_and_sex_only():
    result = read_bundle(load(DATA / "hl7-r4-examples-bundle.json"), as_of=dt.date(2026, 11, 25))
    assert result.profile["demographics"] == {"age": 51, "sex": "male"}  # born 1974-12-25
    assert result.profile["id"] == "example"


def test_synthea_style_record_reads_the_mapped_codes_only():
    result = read_bundle(load(DATA / "synthea-style-patient.json"), as_of=dt.date(2026, 11, 25))
    p = result.profile
    assert p["lifestyle"] == {"smoking": "never", "bmi": 30.08} and p["mental_health"] == {"phq9": 4}
    assert p["comorbidities"] == ["diabetes"]  # type 2 diabetes; hypertension is not "uncontrolled hypertension"
    assert "treatment" not in p  # lisinopril is not an MS therapy, and no therapy is not "no current DMT"
    lisinopril = [u for u in result.unmapped if u.resource.startswith("MedicationRequest/")]
    assert lisinopril[0].code.endswith("|314076")


def test_vitamin_d_in_ng_per_ml_is_converted_and_other_units_are_listed():
    record = bundle(patient(), RRMS,
                    observation("vd", LOINC, "62292-8", valueQuantity={"value": 20, "unit": "ng/mL", "code": "ng/mL"}),
                    observation("ly", LOINC, "731-0", valueQuantity={"value": 1.2, "code": "10*3/uL"}),
                    observation("ly-old", LOINC, "731-0", when="2026-01-01", valueQuantity={"value": 0.4, "code": "10*9/L"}),
                    observation("ly-odd", LOINC, "26474-7", when="2026-11-02", valueQuantity={"value": 3, "code": "%"}))
    result = read_bundle(record)
    assert result.profile["biomarkers"] == {"vitamin_d_nmol_l": 49.92, "lymphocytes_10e9_l": 1.2}
    [odd] = [u for u in result.unmapped if u.resource == "Observation/ly-odd"]
    assert "unit '%'" in odd.reason


def test_latest_value_wins_and_same_day_conflicts_stay_unknown():
    record = bundle(patient(), RRMS,
                    observation("e1", LOCAL, "disease_course.edss", when="2025-01-01", valueQuantity={"value": 2.0}),
                    observation("e2", LOCAL, "disease_course.edss", when="2026-10-01", valueQuantity={"value": 3.5}),
                    observation("g1", LOINC, "70274-6", valueInteger=5),
                    observation("g2", LOINC, "70274-6", valueInteger=9))
    result = read_bundle(record)
    assert result.profile["disease_course"]["edss"] == 3.5
    assert "gad7" not in result.profile.get("mental_health", {})
    assert any("mental_health.gad7: conflicting values" in n for n in result.notes)


def test_phenotype_follows_the_latest_ms_condition_and_refuted_ones_are_ignored():
    record = bundle(patient(), RRMS,
                    condition("spms", SCT, "425500002", recordedDate="2025-03-01"),
                    condition("ppms", SCT, "428700003", recordedDate="2026-01-01",
                              verificationStatus={"coding": [{"code": "refuted"}]}))
    result = read_bundle(record)
    assert result.profile["disease_course"]["phenotype"] == "SPMS"
    assert result.profile["disease_course"]["years_since_onset"] == 6.0
    assert any(u.resource == "Condition/ppms" and "refuted" in u.reason for u in result.unmapped)


def test_ms_without_a_course_is_said_and_not_guessed():
    result = read_bundle(bundle(patient(), condition("ms", "http://hl7.org/fhir/sid/icd-10", "G35")))
    assert result.ms_diagnosis and "phenotype" not in result.profile.get("disease_course", {})
    assert "not its course" in result.notes[0]


def test_medications_current_prior_and_months_by_code_name_and_reference():
    med = {"resourceType": "Medication", "id": "tysabri",
           "code": {"coding": [{"system": "http://www.nlm.nih.gov/research/umls/rxnorm", "code": "354770"}]}}
    record = bundle(patient(), RRMS, med,
                    {"resourceType": "MedicationRequest", "id": "r1", "status": "active", "intent": "order",
                     "medicationReference": {"reference": "Medication/tysabri"}, "subject": {"reference": "Patient/p1"},
                     "authoredOn": "2024-05-30"},
                    {"resourceType": "MedicationStatement", "id": "s1", "status": "completed",
                     "medicationCodeableConcept": {"text": "Copaxone 20 mg/mL"}, "subject": {"reference": "Patient/p1"},
                     "effectivePeriod": {"start": "2021-01-01", "end": "2024-05-01"}},
                    {"resourceType": "MedicationStatement", "id": "s2", "status": "intended",
                     "medicationCodeableConcept": {"text": "ocrelizumab"}, "subject": {"reference": "Patient/p1"}})
    result = read_bundle(record)
    assert result.profile["treatment"] == {"current": "natalizumab", "months_on_current": 29,
                                           "prior": ["glatiramer-acetate"]}
    assert any(u.resource == "MedicationStatement/s2" and "status intended" in u.reason for u in result.unmapped)


def test_two_active_therapies_leave_current_unknown():
    rec = [{"resourceType": "MedicationStatement", "id": f"s{i}", "status": "active", "subject": {"reference": "Patient/p1"},
            "medicationCodeableConcept": {"text": name}} for i, name in enumerate(["fingolimod", "natalizumab"])]
    result = read_bundle(bundle(patient(), RRMS, *rec))
    assert "treatment" not in result.profile
    assert any("more than one active therapy" in n for n in result.notes)


def test_values_the_contract_rejects_are_dropped_and_listed():
    record = bundle(patient(), RRMS, observation("e", LOCAL, "disease_course.edss", valueQuantity={"value": 2.25}),
                    observation("i9", LOINC, "44260-8", valueCodeableConcept={"coding": [{"system": LOINC,
                                                                                          "code": "LA6571-9"}]}))
    result = read_bundle(record)
    assert "edss" not in result.profile["disease_course"]
    assert any(u.resource == "Observation/e" and "disease_course.edss" in u.reason for u in result.unmapped)
    assert result.profile["mental_health"] == {"phq9_item9": 3}


def test_resources_about_someone_else_future_results_and_invalid_resources_are_listed():
    other = observation("x", LOINC, "44261-6", valueInteger=20) | {"subject": {"reference": "Patient/someone-else"}}
    future = observation("f", LOINC, "44261-6", when="2027-01-01", valueInteger=20)
    broken = {"resourceType": "Observation", "id": "broken", "status": "final"}  # no code: invalid R4
    result = read_bundle(bundle(patient(), RRMS, other, future, broken))
    reasons = {u.resource: u.reason for u in result.unmapped}
    assert "another subject" in reasons["Observation/x"] and "after the profile's as_of" in reasons["Observation/f"]
    assert reasons["Observation/broken"].startswith("not valid FHIR R4")
    assert "mental_health" not in result.profile


@pytest.mark.parametrize("data, message", [
    ({"resourceType": "Patient", "id": "x"}, "expected a FHIR Bundle"),
    (bundle(patient("a"), patient("b")), "2 patients"),
])
def test_wrong_records_are_user_errors(data, message, tmp_path, capsys):
    with pytest.raises(FhirInputError, match=message):
        read_bundle(data)
    path = tmp_path / "record.json"
    path.write_text(json.dumps(data))
    assert main(["evaluate", str(path)]) == 2
    assert message in capsys.readouterr().err


def test_the_mapping_is_data_that_authors_extend(tmp_path):
    text = Path(load_mapping().path).read_text(encoding="utf-8")
    data = copy.deepcopy(load(DEMO_BUNDLE))
    igg = observation("igg", "https://lab.example.org/codes", "IGG", valueQuantity={"value": 9.1, "code": "g/L"})
    data["entry"].append({"resource": igg | {"subject": {"reference": "Patient/demo-001"}}})
    assert "igg_g_l" not in read_bundle(data).profile["biomarkers"]
    extended = tmp_path / "mapping.yaml"
    extended.write_text(text.replace("observations:\n", "observations:\n  - {field: biomarkers.igg_g_l, codes: "
                                     "[\"lab|IGG\"], units: {\"g/L\": 1}}\n", 1)
                        .replace("systems:\n", "systems:\n  lab: https://lab.example.org/codes\n", 1))
    assert read_bundle(data, mapping=load_mapping(str(extended))).profile["biomarkers"]["igg_g_l"] == 9.1


@pytest.mark.parametrize("broken, message", [
    ({"version": 1, "systems": {"local": "x"}, "observations": [{"field": "biomarkers.nope", "codes": []}]},
     "must be a profile field"),
    ({"version": 1, "systems": {"local": "x"}, "medications": {"aspirin": {"names": ["aspirin"]}}},
     "not a treatment id"),
    ({"version": 1, "systems": {"local": "x"}, "diagnosis": [{"code": "snomed|1", "phenotype": "RRMS"}]},
     "unknown system 'snomed'"),
])
def test_a_wrong_mapping_is_refused_with_the_entry(broken, message):
    with pytest.raises(MappingError, match=message):
        parse_mapping(broken, "m.yaml")


def test_rules_diff_reads_the_fhir_example_as_its_profile():
    from msdecide.rulebook.impact import collect_profiles

    profiles = dict(collect_profiles([str(EXAMPLES)]))
    assert parse_profile(profiles[str(DEMO_BUNDLE)]) == parse_profile(load(EXAMPLES / "demo-001.json"))
