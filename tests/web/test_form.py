"""The profile form: built from FIELDS, the GOV.UK/NHS error pattern, answers kept, examples, results."""

from __future__ import annotations

import html
import json
import re

import pytest

from msdecide.profile import FIELDS
from msdecide.render import render
from msdecide.web.forms import NONE_VALUE, profile_to_values, validate
from tests.conftest import example_files
from tests.web.conftest import form_data


def title(page: str) -> str:
    return html.unescape(re.search(r"<title>(.*?)</title>", page, re.S).group(1)).strip()


def hidden_profile(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'name="profile" value="([^"]*)"', page).group(1)))


def test_form_page_has_every_contract_field(client):
    page = client.get("/").text
    assert client.get("/").status_code == 200
    assert title(page) == "Patient profile – msdecide"
    for path, spec in FIELDS.items():
        if spec.kind == "date":
            assert f'name="{path}-day"' in page and f'name="{path}-year"' in page
        else:
            assert f'name="{path}"' in page, path
        assert spec.label in html.unescape(page), spec.label
    for heading in ("Demographics", "Disease course", "MRI", "Biomarkers and screening", "Treatment",
                    "Comorbidities", "Lifestyle", "Mental health", "Preferences"):
        assert f">{heading}</h2>" in page
    assert 'novalidate' in page and " required" not in page


def test_form_shows_units_ranges_and_hints(client):
    page = client.get("/").text
    assert 'nhsuk-input-wrapper__suffix" aria-hidden="true">years<' in page
    assert "0, or 1.0 to 10 in steps of 0.5" in page  # EDSS hint
    assert 'id="f-disease_course-relapses_12m"' in page and 'inputmode="numeric"' in page
    assert "0 to 50" in page
    # screen readers do not read suffixes: the unit is in the hint as well
    assert "0 to 120 years" in page


def test_treatment_choices_come_from_the_option_catalogue(client, service):
    page = client.get("/").text
    select = re.search(r'<select[^>]*name="treatment.current".*?</select>', page, re.S).group(0)
    for o in service.rulebook.options.values():
        if o.theme == "immunotherapy" and o.kind == "dmt":
            assert f'value="{o.id}"' in select and o.title in html.unescape(select)
    assert f'value="{NONE_VALUE}"' in select and re.search(r'value=""( selected)?>Not known', select)
    interested = re.findall(r'name="preferences.interested_in"[^>]*value="([^"]+)"', page)
    assert set(interested) == set(service.rulebook.options)


def test_every_example_loads_into_the_form(client):
    page = client.get("/").text
    for path in example_files():
        assert f'value="{path.stem}"' in page  # offered in the "start from an example" list
        r = client.get(f"/?example={path.stem}")
        assert r.status_code == 200, path
        assert "loaded" in r.text
    demo = client.get("/?example=demo-001").text
    assert 'value="demo-001"' in demo and 'value="34"' in demo and 'value="2.0"' in demo
    assert re.search(r'value="RRMS"\s+checked', demo)
    assert re.search(r'value="oral"\s+checked', demo)


@pytest.mark.parametrize("name", ["nope", "../pyproject", "DEMO-001", "demo_001"])
def test_unknown_example_is_404(client, name):
    assert client.get("/", query_string={"example": name}).status_code == 404


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_form_round_trip_gives_the_same_report(client, service, path):
    """An example typed into the form gives exactly the report the file gives."""
    from msdecide.commands.common import read_profile

    profile = read_profile(str(path))
    r = client.post("/result", data=form_data(profile))
    assert r.status_code == 200, r.text[:2000]
    sent = hidden_profile(r.text)
    assert service.evaluate(sent).model_dump() == service.evaluate(profile).model_dump()


def test_empty_form_is_a_valid_profile(client):
    r = client.post("/result", data={})
    assert r.status_code == 200
    assert hidden_profile(r.text) == {}
    assert "Data that would change this" in r.text


# --------------------------------------------------------------------------- validation


def test_errors_follow_the_govuk_pattern_and_keep_answers(client):
    r = client.post("/result", data={"disease_course.edss": "abc", "demographics.age": "34",
                                     "mental_health.phq9": "2.5", "lifestyle.smoking": "current",
                                     "comorbidities": ["diabetes", "epilepsy"], "id": "clinic-7"})
    assert r.status_code == 400
    page = r.text
    assert title(page).startswith("Error: ")
    summary = re.search(r'<div class="nhsuk-error-summary".*?</ul>', page, re.S).group(0)
    assert "There is a problem" in summary
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert [t for _, t in links] == ["EDSS score must be a number, like 3.5",
                                     "PHQ-9 total must be a whole number, like 2"]
    for anchor, _ in links:
        assert f'id="{anchor}"' in page  # each link lands on its input
    # the message beside the field, and the input described by it
    assert 'id="f-disease_course-edss-error"' in page
    assert re.search(r'aria-describedby="f-disease_course-edss-hint f-disease_course-edss-error"', page)
    assert "nhsuk-form-group--error" in page and "nhsuk-input--error" in page
    # every answer kept, exactly as typed
    assert 'value="abc"' in page and 'value="34"' in page and 'value="2.5"' in page and 'value="clinic-7"' in page
    assert re.search(r'value="current"\s+checked', page)
    assert re.search(r'value="diabetes"\s+checked', page) and re.search(r'value="epilepsy"\s+checked', page)


@pytest.mark.parametrize("data, field, message", [
    ({"disease_course.edss": "0.5"}, "disease_course.edss",
     "EDSS score must be 0, or 1.0 to 10 in steps of 0.5, like 3.5"),
    ({"disease_course.edss": "11"}, "disease_course.edss", "EDSS score must be 0, or 1.0 to 10 in steps of 0.5"),
    ({"disease_course.relapses_12m": "60"}, "disease_course.relapses_12m",
     "Relapses in the last 12 months must be a whole number from 0 to 50"),
    ({"disease_course.relapses_12m": "3", "disease_course.relapses_24m": "1"}, "disease_course.relapses_24m",
     "Relapses in the last 24 months must be at least 'relapses in the last 12 months' (3), because the 24 "
     "months include the last 12"),
    ({"biomarkers.jcv_index": "1.2"}, "biomarkers.jcv_index", "JCV index: an index is given without "
     "'Anti-JCV antibody': record the antibody result too"),
    ({"demographics.sex": "male", "demographics.pregnancy": "pregnant"}, "demographics.pregnancy",
     "Pregnancy: 'pregnant' is not allowed when sex is male: only 'none'"),
    ({"demographics.age": "nan"}, "demographics.age", "Age must be a whole number, like 2"),
    ({"lifestyle.bmi": "1e400"}, "lifestyle.bmi", "Body mass index must be a number, like 24.5"),
    ({"lifestyle.bmi": "24,5"}, "lifestyle.bmi", "Body mass index must be a number, like 24.5"),
    ({"id": "Jane Smith"}, "id", "Profile id must be 1-64 characters: letters, digits, '_', '.', '-'"),
    ({"as_of-day": "31", "as_of-month": "2", "as_of-year": "2026"}, "as_of",
     "Date the profile describes must be a real date, like 25 11 2026"),
    ({"as_of-day": "3", "as_of-year": "2026"}, "as_of", "Date the profile describes must include a month"),
    ({"demographics.sex": "robot"}, "demographics.sex",
     "Sex must be one of female, male, other"),
    ({"preferences.open_to_trials": "maybe"}, "preferences.open_to_trials",
     "Select whether: open to clinical trials"),
])
def test_field_errors(client, data, field, message):
    r = client.post("/result", data=data)
    assert r.status_code == 400
    _, errors = validate({**{p: "" for p in FIELDS}, **_values(data)})
    assert [(e.path, e.message) for e in errors] == [(field, message)]
    assert message in html.unescape(r.text)


def _values(data):
    from werkzeug.datastructures import MultiDict

    from msdecide.web.forms import read_values
    return read_values(MultiDict(data))


def test_units_typed_after_the_number_are_accepted(client):
    r = client.post("/result", data={"demographics.age": "34 years", "biomarkers.serum_nfl_pg_ml": "12.5 pg/mL",
                                     "disease_course.relapses_12m": " 2 "})
    assert r.status_code == 200
    assert hidden_profile(r.text) == {"demographics": {"age": 34}, "biomarkers": {"serum_nfl_pg_ml": 12.5},
                                      "disease_course": {"relapses_12m": 2}}


def test_form_values_become_contract_types(client):
    r = client.post("/result", data={
        "as_of-day": "5", "as_of-month": "3", "as_of-year": "2026", "treatment.current": NONE_VALUE,
        "treatment.prior": ["interferon-beta", "mitoxantrone"], "preferences.open_to_trials": "no",
        "demographics.effective_contraception": "yes", "mri.central_vein_sign_fraction": "0.45",
        "disease_course.edss": "3", "demographics.sex": "", "comorbidities": []})
    assert r.status_code == 200, r.text
    assert hidden_profile(r.text) == {
        "as_of": "2026-03-05", "demographics": {"effective_contraception": True},
        "disease_course": {"edss": 3.0}, "mri": {"central_vein_sign_fraction": 0.45},
        "treatment": {"current": None, "prior": ["interferon-beta", "mitoxantrone"]},
        "preferences": {"open_to_trials": False}}


def test_profile_to_values_round_trips(demo):
    values = profile_to_values(demo)
    assert values["disease_course.edss"] == "2.0"
    assert values["preferences.family_planning_2y"] == "no"
    assert values["as_of"] == {"day": "25", "month": "11", "year": "2026"}
    profile, errors = validate(values)
    assert not errors and profile == demo


# --------------------------------------------------------------------------- re-posting the profile


def test_change_the_answers_refills_the_form(client, demo):
    r = client.post("/edit", data={"profile": json.dumps(demo)})
    assert r.status_code == 200
    assert 'value="demo-001"' in r.text and 'value="34"' in r.text
    assert not title(r.text).startswith("Error")


@pytest.mark.parametrize("body", [{}, {"profile": "not json"}, {"profile": "[1, 2]"}])
def test_bad_reposted_profile_is_400(client, body):
    for url in ("/edit", "/download/json"):
        r = client.post(url, data=body)
        assert r.status_code == 400
        assert "Traceback" not in r.text


def test_downloads_are_the_same_report(client, service, demo):
    report = service.evaluate(demo)
    r = client.post("/download/json", data={"profile": json.dumps(demo)})
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.headers["Content-Disposition"] == 'attachment; filename="msdecide-demo-001-2026-11-25.json"'
    assert r.text == report.to_json()
    r = client.post("/download/markdown", data={"profile": json.dumps(demo)})
    assert r.status_code == 200 and r.mimetype == "text/markdown"
    assert r.headers["Content-Disposition"].endswith('.md"')
    assert r.text == render(report, "markdown", rulebook=service.rulebook, profile=demo)
    assert client.post("/download/pdf", data={"profile": json.dumps(demo)}).status_code == 404
    invalid = {**demo, "demographics": {"age": 500}}
    assert client.post("/download/json", data={"profile": json.dumps(invalid)}).status_code == 400


def test_get_result_goes_back_to_the_form(client):
    r = client.get("/result")
    assert r.status_code == 302 and r.headers["Location"].endswith("/")


def test_rulebook_reload_errors_are_shown_to_rule_authors(client, service):
    assert "rulebook-errors" not in client.get("/").text
    service.last_errors = ["rules/immunotherapy/msr-0999-x.yaml:3:7: error[unknown-field]: no such field"]
    page = client.get("/").text
    assert 'id="rulebook-errors"' in page and "msr-0999-x.yaml:3:7" in page


def test_data_needed_names_what_each_field_would_decide(client, service):
    profile = {"disease_course": {"phenotype": "RRMS"}}
    page = html.unescape(client.post("/result", data=form_data(profile)).text)
    report = service.evaluate(profile)
    many = next(m for m in report.missing_data if len(m.options) > 4)
    themes = {service.rulebook.options[o].theme for o in many.options}
    assert "immunotherapy" not in themes or re.search(r"\d+ immunotherapy options", page)
    for m in report.missing_data:
        assert m.why[:1].upper() + m.why[1:] in page  # the full reason, one click away
