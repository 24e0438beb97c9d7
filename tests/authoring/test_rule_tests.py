"""`msdecide rules test`: failures with their file and line, both engines, coverage and conflicts."""

from __future__ import annotations

import json
from pathlib import Path

from msdecide.cli import main

from .helpers import EXERCISE, SELF_HARM, SMOKING, make_book, replace

EX, SH, SM = "lifestyle/msr-9001-exercise.yaml", "mental-health/msr-9002-self-harm.yaml", "lifestyle/msr-9003-smoking.yaml"
NO_EXERCISE_WHEN_SMOKING = """\
rule: MSR-9004
title: No exercise programme for smokers (a made-up conflict)
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
option: exercise-programme
action: exclude
strength: absolute
when: lifestyle.smoking == "current"
because:
  - "Smokes."
evidence:
  - citation: Nobody 2020. A made-up source for a test.
    level: expert-opinion
tests:
  - name: smokes
    profile: {lifestyle: {smoking: current}}
    expect: excluded
  - name: does not smoke
    profile: {lifestyle: {smoking: never}}
    expect: not excluded
"""


def run(tmp_path: Path, capsys, book: dict[str, str], *args: str) -> tuple[int, str]:
    root = make_book(tmp_path / "rules", book)
    code = main(["rules", "test", str(root), *args])
    return code, capsys.readouterr().out


def test_passing_tests_exit_0(tmp_path, capsys):
    code, out = run(tmp_path, capsys, {EX: EXERCISE, SH: SELF_HARM, SM: SMOKING})
    assert code == 0
    assert out.splitlines()[-1] == "6 tests in 3 rules, each through both engines: 6 passed, 0 failed"


def test_a_failing_test_shows_where_expected_actual_and_conditions(tmp_path, capsys):
    broken = replace(EXERCISE, "exercise_min_per_week: 300}}", "exercise_min_per_week: 100}}")
    code, out = run(tmp_path, capsys, {EX: broken, SH: SELF_HARM})
    assert code == 1
    assert out.splitlines()[:4] == [
        f"rules/{EX}:23:5: FAIL MSR-9001 test 2 'enough exercise'",
        "    expected: not offered",
        "    actual (both engines): offered",
        "         true: lifestyle.exercise_min_per_week < 150 (patient: 100)",
    ]
    assert "4 tests in 2 rules, each through both engines: 3 passed, 1 failed" in out


def test_data_needed_and_missing_fields(tmp_path, capsys):
    rule = replace(SELF_HARM, "profile: {mental_health: {phq9: 14, phq9_item9: 0}}\n    expect: not offered",
                   "profile: {mental_health: {phq9: 14}}\n    expect: not offered")
    code, out = run(tmp_path, capsys, {SH: rule})
    assert code == 1
    assert out.splitlines()[:4] == [
        f"rules/{SH}:22:5: FAIL MSR-9002 test 2 'item 9 scored 0'",
        "    expected: not offered",
        "    actual (both engines): data needed (needed: mental_health.phq9_item9)",
        "      unknown: mental_health.phq9_item9 >= 1 (patient: unknown)",
    ]


def test_conflict_without_a_test_that_intends_it(tmp_path, capsys):
    exercise = replace(EXERCISE, "profile: {lifestyle: {exercise_min_per_week: 30}}",
                       "profile: {lifestyle: {exercise_min_per_week: 30, smoking: current}}")
    book = {EX: exercise, SM: SMOKING, "lifestyle/msr-9004-no-exercise.yaml": NO_EXERCISE_WHEN_SMOKING}
    code, out = run(tmp_path, capsys, book)
    assert code == 1
    assert f"rules/{EX}:20:5: MSR-9001 test 1 'little exercise': exercise-programme is offered by MSR-9001 and " \
           "excluded by MSR-9004 (absolute)" in out.splitlines()
    assert "0 failed" in out and "1 conflict:" in out
    # a test of the exclusion that expects it on such a profile makes it intended
    intended = NO_EXERCISE_WHEN_SMOKING + """\
  - name: smokes and exercises little
    profile: {lifestyle: {smoking: current, exercise_min_per_week: 30}}
    expect: excluded
"""
    code, out = run(tmp_path, capsys, {**book, "lifestyle/msr-9004-no-exercise.yaml": intended})
    assert code == 0 and "conflict" not in out


def test_coverage_per_rule_and_condition(tmp_path, capsys):
    one_sided = EXERCISE.split("  - name: enough exercise")[0]
    code, out = run(tmp_path, capsys, {EX: one_sided, SM: SMOKING}, "--coverage")
    assert code == 0
    lines = out.splitlines()
    assert f"MSR-9001  50.0%  fires: yes not fires: NO   rules/{EX}" in lines
    assert f"    rules/{EX}:13: when.all.0 `lifestyle.exercise_min_per_week < 150` never seen false" in lines
    assert f"MSR-9003 100.0%  fires: yes not fires: yes  rules/{SM}" in lines
    assert lines[-1] == "coverage 75.0% (6 of 8 outcomes); 1 of 2 rules fully covered"


def test_min_coverage_fails_below(tmp_path, capsys):
    one_sided = EXERCISE.split("  - name: enough exercise")[0]
    code, out = run(tmp_path, capsys, {EX: one_sided, SM: SMOKING}, "--min-coverage", "80")
    assert code == 1 and "coverage 75.0% is below --min-coverage 80%" in out
    code, _ = run(tmp_path, capsys, {EX: one_sided, SM: SMOKING}, "--min-coverage", "75")
    assert code == 0


def test_condition_lines_of_a_block(tmp_path, capsys):
    rule = replace(EXERCISE, "    - lifestyle.exercise_min_per_week < 150",
                   '    - lifestyle.exercise_min_per_week < 150\n  none:\n    - lifestyle.smoking == "current"')
    rule = rule.replace("{exercise_min_per_week:", "{smoking: never, exercise_min_per_week:")
    code, out = run(tmp_path, capsys, {EX: rule}, "--coverage")
    assert code == 0
    assert f'    rules/{EX}:15: when.none.0 `lifestyle.smoking == "current"` never seen true' in out.splitlines()


def test_always_rules_need_no_not_firing_test(tmp_path, capsys):
    rule = replace(SMOKING, 'when: lifestyle.smoking == "current"', "when: always").split("  - name: never smoked")[0]
    code, out = run(tmp_path, capsys, {SM: rule}, "--coverage")
    assert code == 0
    assert f"MSR-9003 100.0%  fires: yes not fires: n/a (always)  rules/{SM}" in out.splitlines()


def test_json_output_and_one_rule(tmp_path, capsys):
    broken = replace(EXERCISE, "exercise_min_per_week: 300}}", "exercise_min_per_week: 100}}")
    code, out = run(tmp_path, capsys, {EX: broken, SM: SMOKING}, "--rule", "MSR-9001", "--format", "json",
                    "--coverage")
    data = json.loads(out)
    assert code == 1 and data["passed"] == 1 and data["failed"] == 1
    failed = [t for t in data["tests"] if not t["passed"]][0]
    assert (failed["path"], failed["line"], failed["expect"]) == (f"rules/{EX}", 23, "not offered")
    assert failed["engines"]["durable"]["got"] == failed["engines"]["reference"]["got"] == "true"
    assert [r["rule"] for r in data["coverage"]["rules"]] == ["MSR-9001"]


def test_unknown_rule_id_is_a_usage_error(tmp_path, capsys):
    code, _ = run(tmp_path, capsys, {SM: SMOKING}, "--rule", "MSR-0000")
    assert code == 2


def test_broken_rulebook_exits_1(tmp_path, capsys):
    root = make_book(tmp_path / "rules", {SM: replace(SMOKING, "option: smoking-cessation", "option: smoking")})
    assert main(["rules", "test", str(root)]) == 1
    assert "error[unknown-option]" in capsys.readouterr().err


def test_bundled_rulebook_tests_pass_with_coverage(capsys):
    code = main(["rules", "test", "--coverage"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert " passed, 0 failed" in out
