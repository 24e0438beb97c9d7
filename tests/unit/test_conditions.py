"""The condition language: whitelist parsing, checks against the profile, three-valued truth."""

from __future__ import annotations

import pytest

from msdecide.rulebook.conditions import (All, AnyOf, Cmp, ConditionError, Has, In, Known, Not, Ref, Scope, Truth,
                                          evaluate, parse_condition, unknown_fields)

T, F, U = Truth.TRUE, Truth.FALSE, Truth.UNKNOWN
SCOPE = Scope(sets={"dmt": ("natalizumab", "fingolimod"), "bad": ("x",)},
              predicates={"highly_active": None}, option="fingolimod",
              option_attrs={"routes": ("oral",)}, allow_offered=True)


def parse(text: str):
    return parse_condition(text, SCOPE)


def fail(text: str) -> ConditionError:
    with pytest.raises(ConditionError) as exc:
        parse(text)
    return exc.value


@pytest.mark.parametrize("text, tree", [
    ("disease_course.edss <= 6.5", Cmp("disease_course.edss", "<=", 6.5)),
    ("6.5 >= disease_course.edss", Cmp("disease_course.edss", "<=", 6.5)),
    ('disease_course.phenotype in ["RRMS", "CIS"]', In("disease_course.phenotype", ("RRMS", "CIS"))),
    ("treatment.current in dmt", In("treatment.current", ("natalizumab", "fingolimod"))),
    ("treatment.current not in dmt", In("treatment.current", ("natalizumab", "fingolimod"), True)),
    ('"heart_block" in comorbidities', Has("comorbidities", ("heart_block",))),
    ('comorbidities not in ["hiv"]', Has("comorbidities", ("hiv",), True)),
    ("biomarkers.jcv_index is unknown", Known("biomarkers.jcv_index", True)),
    ("biomarkers.jcv_index is known", Known("biomarkers.jcv_index")),
    ("biomarkers.jcv_index is not unknown", Known("biomarkers.jcv_index")),
    ("preferences.open_to_trials", Cmp("preferences.open_to_trials", "==", True)),
    ("demographics.effective_contraception == false", Cmp("demographics.effective_contraception", "==", False)),
    ("treatment.current == null", Cmp("treatment.current", "==", "none")),
    ("treatment.current == option", Cmp("treatment.current", "==", "fingolimod")),
    ("preferences.routes not in option.routes", Has("preferences.routes", ("oral",), True)),
    ('"natalizumab" in offered', Has("offered", ("natalizumab",))),
    ("highly_active and not mri.gd_enhancing_lesions >= 1",
     All((Ref("highly_active"), Not(Cmp("mri.gd_enhancing_lesions", ">=", 1))))),
    ("3.0 <= disease_course.edss <= 6.5", All((Cmp("disease_course.edss", ">=", 3.0),
                                               Cmp("disease_course.edss", "<=", 6.5)))),
    ("biomarkers.serum_nfl_z_score > -1.5", Cmp("biomarkers.serum_nfl_z_score", ">", -1.5)),
])
def test_parses(text, tree):
    assert parse(text) == tree


@pytest.mark.parametrize("text, col, code, words", [
    ("disease_course.edds <= 6.5", 0, "unknown-field", "did you mean 'disease_course.edss'"),
    ("relapses_12m >= 1", 0, "unknown-field", "did you mean 'disease_course.relapses_12m'"),
    ("disease_course.edss <= 12", 23, "range", "outside disease_course.edss's range"),
    ('disease_course.phenotype == "RMS"', 28, "enum", "did you mean 'RRMS'"),
    ('disease_course.edss == "high"', 23, "type", "must be compared with a number"),
    ("disease_course.phenotype > 3", 0, "type", "not a number"),
    ('__import__("os").system("x")', 0, "condition", "is not allowed in a condition"),
    ("disease_course.edss + 1 > 3", 0, "condition", "no arithmetic"),
    ("demographics.age <=", 19, "condition-syntax", "cannot read"),
    ("comorbidities == \"hiv\"", 0, "type", "is a list"),
    ("treatment.current in bad", 21, "enum", "not a value of treatment.current"),
    ("disease_course.edss", 0, "type", "not a yes/no field"),
    ("mri.t2_lesion_count in []", 23, "never-true", "empty list"),
    ("demographics.age == null", 20, "type", "null is only meaningful"),
])
def test_errors_point_at_the_problem(text, col, code, words):
    err = fail(text)
    assert (err.col, err.code) == (col, code), err.message
    assert words in err.message


def facts(**values):
    flat = {k.replace("__", "."): (frozenset(v) if isinstance(v, list) else v) for k, v in values.items()}
    return flat.get


def truth(text, get, refs=None):
    return evaluate(parse(text), get, (refs or {}).get)


@pytest.mark.parametrize("text, expected", [
    ("disease_course.edss <= 6.5", U),
    ("disease_course.edss <= 6.5 or mri.gd_enhancing_lesions >= 1", T),  # true wins an or
    ("disease_course.edss <= 6.5 and mri.gd_enhancing_lesions >= 2", F),  # false wins an and
    ("disease_course.edss <= 6.5 and mri.gd_enhancing_lesions >= 1", U),
    ("not disease_course.edss <= 6.5", U),
    ("disease_course.edss is unknown", T),
    ("mri.gd_enhancing_lesions is known", T),
    ('"hiv" in comorbidities', F),
    ('comorbidities in ["hiv", "diabetes"]', T),
    ('comorbidities not in ["hiv", "diabetes"]', F),
    ('"natalizumab" in treatment.prior', U),
])
def test_three_valued_truth(text, expected):
    get = facts(mri__gd_enhancing_lesions=1, comorbidities=["diabetes"])
    assert truth(text, get) is expected


def test_definitions_and_missing_fields():
    expr = parse("highly_active and disease_course.edss <= 6.5")
    get = facts()
    predicates = {"highly_active": parse("disease_course.relapses_12m >= 2")}
    refs = {"highly_active": U}
    assert evaluate(expr, get, refs.get) is U
    assert unknown_fields(expr, get, refs.get, predicates) == {"disease_course.relapses_12m", "disease_course.edss"}
    refs = {"highly_active": F}
    assert evaluate(expr, get, refs.get) is F
    assert unknown_fields(expr, get, refs.get, predicates) == set()


def test_kleene_tables():
    vals = {T: "mri.gd_enhancing_lesions >= 1", F: "mri.gd_enhancing_lesions >= 5", U: "disease_course.edss > 2"}
    get = facts(mri__gd_enhancing_lesions=1)
    for a in (T, F, U):
        for b in (T, F, U):
            conj = evaluate(All((parse(vals[a]), parse(vals[b]))), get, {}.get)
            disj = evaluate(AnyOf((parse(vals[a]), parse(vals[b]))), get, {}.get)
            assert conj is (F if F in (a, b) else U if U in (a, b) else T)
            assert disj is (T if T in (a, b) else U if U in (a, b) else F)
