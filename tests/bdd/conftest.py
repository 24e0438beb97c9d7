"""Step definitions shared by every clinical feature in `features/`.

Profiles are written as tables of "what | value", using the form's labels ("Type of MS",
"Relapses in the last 12 months"), the field's short name (`relapses_12m`) or its full path.
Every evaluation runs through both engines, which must agree.
"""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from msdecide import evaluate
from msdecide.api import default_rulebook
from msdecide.profile import FIELDS
from msdecide.report import Report

_ALIASES: dict[str, str] = {}
for _path, _spec in FIELDS.items():
    _ALIASES[_path.lower()] = _path
    _ALIASES[_spec.label.lower()] = _path
    _ALIASES.setdefault(_path.split(".")[-1].lower(), _path)


def field_path(what: str) -> str:
    key = what.strip().lower()
    if key not in _ALIASES:
        raise AssertionError(f"unknown profile field in the feature: {what!r}")
    return _ALIASES[key]


def parse_value(path: str, text: str) -> Any:
    spec = FIELDS[path]
    text = text.strip()
    if spec.kind == "list":
        return [] if text.lower() in ("", "none", "[]") else [t.strip() for t in text.split(",")]
    if text.lower() in ("none", "null") and path == "treatment.current":
        return None
    if spec.kind == "bool":
        return text.lower() in ("yes", "true")
    if spec.kind == "int":
        return int(text)
    if spec.kind == "number":
        return float(text)
    return text


def set_field(profile: dict[str, Any], what: str, value: str) -> None:
    path = field_path(what)
    parts = path.split(".")
    if len(parts) == 1:
        profile[path] = parse_value(path, value)
    else:
        profile.setdefault(parts[0], {})[parts[1]] = parse_value(path, value)


def option_id(name: str) -> str:
    rulebook = default_rulebook()
    if name in rulebook.options:
        return name
    for opt in rulebook.options.values():
        if opt.title.lower() == name.lower():
            return opt.id
    raise AssertionError(f"unknown option in the feature: {name!r}")


@pytest.fixture
def profile() -> dict[str, Any]:
    return {"as_of": "2026-11-25"}


@given("a patient with:")
@given("the patient also has:")
def patient_with(profile: dict[str, Any], datatable: list[list[str]]) -> None:
    rows = datatable[1:] if [c.lower() for c in datatable[0]] == ["what", "value"] else datatable
    for what, value in rows:
        set_field(profile, what, value)


@given(parsers.parse("a patient with {phenotype} aged {age:d}"))
def patient_phenotype_age(profile: dict[str, Any], phenotype: str, age: int) -> None:
    set_field(profile, "phenotype", phenotype)
    set_field(profile, "age", str(age))


@given(parsers.parse("the patient's {what} is {value}"))
def patient_value(profile: dict[str, Any], what: str, value: str) -> None:
    set_field(profile, what, value)


@given(parsers.parse("the patient has {conditions} recorded"))
def patient_comorbidities(profile: dict[str, Any], conditions: str) -> None:
    profile.setdefault("comorbidities", []).extend(c.strip() for c in conditions.split(","))


@when("the options are evaluated", target_fixture="report")
def evaluated(profile: dict[str, Any]) -> Report:
    report = evaluate(profile, engine="durable")
    assert report.to_json() == evaluate(profile, engine="reference").to_json(), "the two engines disagree"
    return report


def _offered(report: Report, name: str):
    item = report.option(option_id(name))
    assert item is not None, f"{name} is not offered; offered: {report.option_ids}; " \
                             f"not offered: {report.not_offered_ids}"
    return item


def _not_offered(report: Report, name: str):
    item = report.not_offered_item(option_id(name))
    assert item is not None, f"{name} is not in 'not offered'; offered: {report.option_ids}; " \
                             f"not offered: {report.not_offered_ids}"
    return item


@then(parsers.parse('"{name}" is offered'))
def is_offered(report: Report, name: str) -> None:
    _offered(report, name)


@then(parsers.parse('"{name}" is offered because "{text}"'))
def is_offered_because(report: Report, name: str, text: str) -> None:
    because = " ".join(_offered(report, name).because)
    assert text in because, f"{text!r} not in {because!r}"


@then(parsers.parse('"{name}" is not offered'))
def is_not_offered(report: Report, name: str) -> None:
    _not_offered(report, name)
    assert report.option(option_id(name)) is None


@then(parsers.parse('"{name}" is not offered because "{text}"'))
def is_not_offered_because(report: Report, name: str, text: str) -> None:
    item = _not_offered(report, name)
    because = " ".join(item.because + [c.text for c in item.cautions])
    assert text in because, f"{text!r} not in {because!r}"


@then(parsers.parse('"{name}" is not listed'))
def is_not_listed(report: Report, name: str) -> None:
    oid = option_id(name)
    assert oid not in report.option_ids and oid not in report.not_offered_ids, f"{name} is listed"


@then(parsers.parse('"{name}" carries the caution "{caution}"'))
def has_caution(report: Report, name: str, caution: str) -> None:
    ids = [c.id for c in _offered(report, name).cautions]
    assert caution in ids, f"{caution} not in {ids}"


@then(parsers.parse('"{name}" carries the caution "{caution}" mentioning "{text}"'))
def has_caution_text(report: Report, name: str, caution: str, text: str) -> None:
    texts = [c.text for c in _offered(report, name).cautions if c.id == caution]
    assert texts, f"no {caution} caution on {name}"
    assert any(text in t for t in texts), f"{text!r} not in {texts!r}"


@then(parsers.parse('"{name}" does not carry the caution "{caution}"'))
def has_no_caution(report: Report, name: str, caution: str) -> None:
    ids = [c.id for c in _offered(report, name).cautions]
    assert caution not in ids, f"{caution} unexpectedly in {ids}"


@then(parsers.parse('the data needed include "{what}"'))
def data_needed(report: Report, what: str) -> None:
    path = field_path(what)
    assert path in report.missing_fields, f"{path} not in {report.missing_fields}"


@then(parsers.parse('the data needed do not include "{what}"'))
def data_not_needed(report: Report, what: str) -> None:
    path = field_path(what)
    assert path not in report.missing_fields, f"{path} unexpectedly in {report.missing_fields}"


@then(parsers.parse('"{name}" is listed first'))
def listed_first(report: Report, name: str) -> None:
    assert report.options and report.options[0].id == option_id(name), report.option_ids


@then(parsers.parse('the report warns "{text}"'))
def warns(report: Report, text: str) -> None:
    texts = [w.text for w in report.warnings]
    assert any(text in t for t in texts), f"{text!r} not in {texts!r}"


# --------------------------------------------------------------------------- ranking and the summary


@given(parsers.parse("labels of the {region} apply"))
def labels_of(profile: dict[str, Any], region: str) -> None:
    profile["region"] = region


def _treatments(report: Report) -> list[str]:
    return [o.id for o in report.options if o.theme == "immunotherapy"]


@then(parsers.parse('the first treatment option is one of "{names}"'))
def first_treatment_one_of(report: Report, names: str) -> None:
    wanted = {option_id(n.strip()) for n in names.split(",")}
    treatments = _treatments(report)
    assert treatments and treatments[0] in wanted, f"first treatment {treatments[:1]}, wanted one of {wanted}"


@then(parsers.parse('"{first}" ranks above "{second}"'))
def ranks_above(report: Report, first: str, second: str) -> None:
    a, b = _offered(report, first), _offered(report, second)
    assert a.rank < b.rank, f"{first} is {a.rank}, {second} is {b.rank}"


@then(parsers.parse('"{name}" is {tier} for this profile'))
def has_tier(report: Report, name: str, tier: str) -> None:
    item = _offered(report, name)
    assert item.tier == tier.replace(" ", "-"), f"{name} is {item.tier} ({item.tier_reason})"


@then(parsers.parse('every high-efficacy option ranks above "{name}"'))
def het_above(report: Report, name: str) -> None:
    low = _offered(report, name)
    het = [o for o in report.options if o.id in default_rulebook().sets["first_choice_het"]]
    assert het, "no high-efficacy option is offered"
    assert all(o.rank < low.rank for o in het), [(o.id, o.rank) for o in het] + [(low.id, low.rank)]


@then(parsers.parse('"{name}" comes before any drug'))
def before_any_drug(report: Report, name: str) -> None:
    item = _offered(report, name)
    drugs = [o.rank for o in report.options if o.theme == "immunotherapy"]
    assert item.tier == "urgent" and all(item.rank < r for r in drugs), (item.rank, item.tier, drugs)


@then(parsers.parse('the summary says a switch is needed from "{name}"'))
def summary_forced_switch(report: Report, name: str) -> None:
    assert report.switch is not None and report.switch.current == option_id(name), report.switch
    assert report.switch.kind == "forced", report.switch
    assert report.summary.urgent and report.summary.urgent[0].ids == [option_id(name)], report.summary.urgent


@then(parsers.parse('the summary recommends "{name}"'))
def summary_recommends(report: Report, name: str) -> None:
    ids = [i for item in report.summary.recommended for i in item.ids]
    assert option_id(name) in ids, f"{name} not among the summary's treatment options {ids}"


@then("no disease-modifying therapy is recommended")
def no_treatment_recommended(report: Report) -> None:
    recommended = [o.id for o in report.options if o.theme == "immunotherapy" and o.tier == "recommended"]
    assert not recommended, recommended


@then(parsers.parse('the report applies the {region} labels'))
def applies_region(report: Report, region: str) -> None:
    assert report.region == region, report.region
