"""`msdecide rules check`: each check with a broken rule file, its exact message and position."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from msdecide.cli import main

from .helpers import EXERCISE, SELF_HARM, SMOKING, make_book, replace

EX, SH, SM = "lifestyle/msr-9001-exercise.yaml", "mental-health/msr-9002-self-harm.yaml", "lifestyle/msr-9003-smoking.yaml"


def files(exercise: str = EXERCISE, self_harm: str = SELF_HARM, smoking: str = SMOKING) -> dict[str, str]:
    return {EX: exercise, SH: self_harm, SM: smoking}


def check(tmp_path: Path, capsys, book: dict[str, str], *args: str) -> tuple[int, list[str], str]:
    """Exit code, the diagnostics about the test's rule files (head lines only), and the whole output."""
    root = make_book(tmp_path / "rules", book)
    code = main(["rules", "check", str(root), "--today", "2026-11-25", *args])
    out = capsys.readouterr().out
    return code, [line for line in out.splitlines() if line.startswith("rules/") and "/msr-9" in line], out


def with_line(rule: str, old: str, extra: str) -> str:
    return replace(rule, old, old + "\n" + extra)


EXERCISE_LINE = "    - lifestyle.exercise_min_per_week < 150"

CASES = {
    # -------- the loader's checks, run by `rules check`
    "duplicate-id": (
        files(smoking=replace(SMOKING, "rule: MSR-9003", "rule: MSR-9001")),
        f"rules/{SM}:1:7: error[duplicate-id]: rule id MSR-9001 is already used by {EX}"),
    "id-file-mismatch": (
        files(smoking=replace(SMOKING, "rule: MSR-9003", "rule: MSR-9004")),
        f"rules/{SM}:1:7: error[id-file-mismatch]: rule MSR-9004 is in msr-9003-smoking.yaml: the file name must "
        "start with 'msr-9004'"),
    "unknown-option": (
        files(exercise=replace(EXERCISE, "option: exercise-programme", "option: exercise-program")),
        f"rules/{EX}:9:9: error[unknown-option]: 'exercise-program' is not in options.yaml (did you mean "
        "'exercise-programme'?)"),
    "unknown-caution": (
        files(smoking=replace(replace(replace(SMOKING, "action: offer", "action: caution\ncaution: pml-riks"),
                                      "expect: offered", "expect: caution"), "expect: not offered", "expect: no caution")),
        f"rules/{SM}:11:10: error[unknown-caution]: 'pml-riks' is not a caution id in options.yaml (did you mean "
        "'pml-risk'?)"),
    "placeholder-not-read": (
        files(smoking=replace(SMOKING, "Smokes now:", "Smokes now ({lifestyle.bmi}):")),
        f"rules/{SM}:13:5: error[placeholder-not-read]: because[0]: {{lifestyle.bmi}} is not read by this rule's "
        "conditions, so the sentence could show a value the decision did not use"),
    "no-evidence": (
        files(smoking=SMOKING.split("evidence:")[0] + "tests:" + SMOKING.split("tests:")[1]),
        f"rules/{SM}:1:7: error[no-evidence]: an active rule needs at least one `evidence` entry"),
    "no-reviewer": (
        files(smoking=replace(SMOKING, "reviewed_by: [reviewer]", "reviewed_by: []")),
        f"rules/{SM}:3:9: error[no-reviewer]: an active rule needs `reviewed_by`"),
    "range": (
        files(exercise=replace(EXERCISE, "exercise_min_per_week < 150", "exercise_min_per_week < 5000")),
        f"rules/{EX}:13:41: error[range]: when.all.0: 5000 is outside lifestyle.exercise_min_per_week's range: a "
        "whole number from 0 to 3000 minutes a week"),
    "enum": (
        files(smoking=replace(SMOKING, 'lifestyle.smoking == "current"', 'lifestyle.smoking == "currently"')),
        f"rules/{SM}:11:28: error[enum]: when: 'currently' is not a value of lifestyle.smoking (did you mean "
        "'current'?): one of current, former, never"),
    # -------- lint
    "review-passed": (
        files(smoking=replace(replace(SMOKING, "review_by: 2027-11-25", "review_by: 2026-11-01"),
                              "created: 2026-11-25", "created: 2025-11-01")),
        f"rules/{SM}:8:12: warning[review-passed]: review_by 2026-11-01 has passed (24 days ago): review the rule "
        "against current evidence, then set a new review_by"),
    "review-overdue": (
        files(smoking=replace(replace(SMOKING, "review_by: 2027-11-25", "review_by: 2026-06-01"),
                              "created: 2026-11-25", "created: 2025-11-01")),
        f"rules/{SM}:8:12: error[review-overdue]: review_by 2026-06-01 passed 177 days ago (more than 90): review "
        "this active rule against current evidence and set a new review_by, or set its status to draft or retired"),
    "review-overdue-draft-is-a-warning": (
        files(smoking=replace(replace(replace(SMOKING, "review_by: 2027-11-25", "review_by: 2026-06-01"),
                                      "created: 2026-11-25", "created: 2025-11-01"), "status: active", "status: draft")),
        f"rules/{SM}:8:12: warning[review-passed]: review_by 2026-06-01 has passed (177 days ago): review the rule "
        "against current evidence, then set a new review_by"),
    "dates": (
        files(smoking=replace(SMOKING, "review_by: 2027-11-25", "review_by: 2026-11-01")),
        f"rules/{SM}:8:12: error[dates]: review_by 2026-11-01 is before created 2026-11-25"),
    "never-true-bounds": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE, "    - lifestyle.exercise_min_per_week > 200")),
        f"rules/{EX}:14:7: error[never-true]: when.all.1: this rule can never fire: `lifestyle.exercise_min_per_week "
        "> 200` contradicts `lifestyle.exercise_min_per_week < 150` (line 13): no value of "
        "lifestyle.exercise_min_per_week meets both"),
    "never-true-on-one-line": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE, "    - disease_course.edss > 7 and disease_course.edss < 3")),
        f"rules/{EX}:14:35: error[never-true]: when.all.1: this rule can never fire: `disease_course.edss < 3` "
        "contradicts `disease_course.edss > 7`: no value of disease_course.edss meets both"),
    "never-true-in-sets": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE, '    - lifestyle.diet in ["vegan", "vegetarian"]\n'
                                                        '    - lifestyle.diet in ["omnivore", "ketogenic"]')),
        f"rules/{EX}:15:7: error[never-true]: when.all.2: this rule can never fire: `lifestyle.diet in "
        '["omnivore", "ketogenic"]` contradicts `lifestyle.diet in ["vegan", "vegetarian"]` (line 14): no value of '
        "lifestyle.diet meets both"),
    "never-true-equal-twice": (
        files(smoking=replace(SMOKING, 'when: lifestyle.smoking == "current"',
                              'when: lifestyle.smoking == "current" and lifestyle.smoking == "former"')),
        f'rules/{SM}:11:42: error[never-true]: when: this rule can never fire: `lifestyle.smoking == "former"` '
        'contradicts `lifestyle.smoking == "current"`: no value of lifestyle.smoking meets both'),
    "never-true-through-a-definition": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE, '    - disease_course.phenotype == "PPMS"\n    - relapsing')),
        f"rules/{EX}:15:7: error[never-true]: when.all.2: this rule can never fire: `disease_course.phenotype in "
        "[\"CIS\", \"RRMS\"]` (in definition 'relapsing') contradicts `disease_course.phenotype == \"PPMS\"` "
        "(line 14): no value of disease_course.phenotype meets both"),
    "never-true-unknown-and-compared": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE, "    - lifestyle.exercise_min_per_week is unknown")),
        f"rules/{EX}:14:7: error[never-true]: when.all.1: this rule can never fire: `lifestyle.exercise_min_per_week "
        "is unknown` contradicts `lifestyle.exercise_min_per_week < 150` (line 13): a comparison is never true "
        "while lifestyle.exercise_min_per_week is unknown"),
    "never-true-no-allowed-value": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE, "    - disease_course.edss > 10")),
        f"rules/{EX}:14:7: error[never-true]: when.all.1: this rule can never fire: `disease_course.edss > 10` is "
        "never true: disease_course.edss is 0, or 1.0 to 10 in steps of 0.5"),
    "never-true-branch": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE,
                                 "    - lifestyle.bmi >= 30 or lifestyle.exercise_min_per_week >= 300")),
        f"rules/{EX}:14:30: warning[never-true-branch]: when.all.1: the alternative "
        "`lifestyle.exercise_min_per_week >= 300` can never be true together with the rule's other conditions: "
        "`lifestyle.exercise_min_per_week >= 300` contradicts `lifestyle.exercise_min_per_week < 150` (line 13): "
        "no value of lifestyle.exercise_min_per_week meets both"),
    "never-shown": (
        files(exercise=with_line(EXERCISE, '  - "{lifestyle.exercise_min_per_week} minutes a week."',
                                 '  - say: "Already very active."\n    when: lifestyle.exercise_min_per_week > 300')),
        f"rules/{EX}:17:11: warning[never-shown]: because.1.when: this sentence can never be shown when the rule "
        "fires: `lifestyle.exercise_min_per_week > 300` contradicts `lifestyle.exercise_min_per_week < 150` "
        "(line 13): no value of lifestyle.exercise_min_per_week meets both"),
    "shadowed": (
        {**files(), "lifestyle/msr-9004-exercise-smokers.yaml": with_line(
            replace(EXERCISE, "MSR-9001", "MSR-9004"), EXERCISE_LINE, '    - lifestyle.smoking == "current"')},
        "rules/lifestyle/msr-9004-exercise-smokers.yaml:11:1: warning[shadowed]: MSR-9004 is shadowed by MSR-9001 "
        f"({EX}): both offer exercise-programme, and every condition of MSR-9001 is also a condition here, so "
        "MSR-9001 fires whenever this rule does; merge them or make the conditions differ"),
    "tests-one-sided": (
        files(smoking=SMOKING.split("  - name: never smoked")[0]),
        f"rules/{SM}:17:1: warning[tests-one-sided]: no test shows this rule not firing: add a test with "
        "`expect: not offered`"),
    "engine-limit": (
        files(exercise=with_line(EXERCISE, EXERCISE_LINE, "\n".join(
            f"    - lifestyle.bmi >= {20 + n} or lifestyle.alcohol_units_per_week >= {n + 1}" for n in range(15)))),
        f"rules/{EX}:12:3: error[engine-limit]: MSR-9001: the condition needs 17 and/or groups when true; "
        "durable-rules holds at most 15: split the rule or move part of it into a definition"),
    "authoring-note": (
        files(smoking=replace(SMOKING, "disability progression.", "disability progression (from memory).")),
        f"rules/{SM}:13:57: error[authoring-note]: authoring note in clinical text: 'from memory' - readers of the "
        "report see this text; move the note to an evidence `note:` (or remove it)"),
    "authoring-note-in-title": (
        files(smoking=replace(SMOKING, "title: Smoking cessation support for people who smoke",
                              "title: Smoking cessation support for people who smoke (unverified)")),
        f"rules/{SM}:2:56: error[authoring-note]: authoring note in clinical text: 'unverified' - readers of the "
        "report see this text; move the note to an evidence `note:` (or remove it)"),
    "template-text": (
        files(smoking=replace(SMOKING, "title: Smoking cessation", "title: TODO Smoking cessation")),
        f"rules/{SM}:2:8: error[template-text]: TODO left from the template: replace it with the rule's content"),
}


@pytest.mark.parametrize("case", list(CASES))
def test_each_check_has_its_message_and_position(tmp_path, capsys, case):
    book, expected = CASES[case]
    code, found, out = check(tmp_path, capsys, book)
    assert found == [expected], out
    errors = " error[" in expected
    assert code == (1 if errors else 0), out


def test_clean_rulebook_exits_0(tmp_path, capsys):
    code, found, out = check(tmp_path, capsys, files())
    assert code == 0 and found == []
    assert out.rstrip().endswith("0 errors, 0 warnings; 3 rules loaded")


def test_code_frame_with_caret_under_the_condition(tmp_path, capsys):
    book = files(smoking=replace(SMOKING, 'when: lifestyle.smoking == "current"',
                                 'when: lifestyle.smoking == "current" and lifestyle.smoking == "former"'))
    _, _, out = check(tmp_path, capsys, book)
    lines = out.splitlines()
    i = next(n for n, line in enumerate(lines) if "error[never-true]" in line)
    assert lines[i + 1] == ' 11 | when: lifestyle.smoking == "current" and lifestyle.smoking == "former"'
    assert lines[i + 2] == "    | " + " " * 41 + "^"


def test_every_problem_in_one_run_sorted_by_file_and_line(tmp_path, capsys):
    """A file that does not load does not hide lint findings in the others; output sorted by file, line."""
    book = files(exercise=replace(EXERCISE, "option: exercise-programme", "option: exercise-program"),
                 smoking=replace(replace(SMOKING, 'when: lifestyle.smoking == "current"',
                                         'when: lifestyle.smoking == "current" and lifestyle.smoking == "former"'),
                                 "review_by: 2027-11-25", "review_by: 2026-11-01").replace("created: 2026-11-25",
                                                                                            "created: 2025-11-01"))
    code, found, out = check(tmp_path, capsys, book)
    assert code == 1
    assert [f.split(": ")[0] + ": " + f.split(": ")[1] for f in found] == [
        f"rules/{EX}:9:9: error[unknown-option]",
        f"rules/{SM}:8:12: warning[review-passed]",
        f"rules/{SM}:11:42: error[never-true]",
    ]
    assert "2 errors, 1 warning" in out


def test_noqa_silences_a_warning_on_its_line(tmp_path, capsys):
    one_sided = SMOKING.split("  - name: never smoked")[0]
    quiet = replace(one_sided, "tests:", "tests:  # noqa: tests-one-sided - smoking status is never unknown here")
    code, found, _ = check(tmp_path, capsys, files(smoking=quiet))
    assert code == 0 and found == []
    # never an error
    todo = replace(quiet, "title: Smoking cessation", "title: TODO Smoking cessation  # noqa: template-text")
    code, found, _ = check(tmp_path, capsys, files(smoking=todo))
    assert code == 1 and "error[template-text]" in found[0]


def test_json_format(tmp_path, capsys):
    book = files(smoking=replace(SMOKING, "review_by: 2027-11-25", "review_by: 2026-11-01"))
    code, _, out = check(tmp_path, capsys, book, "--format", "json")
    data = json.loads(out)
    assert code == 1 and data["errors"] == 1 and data["rules"] == 3
    mine = [d for d in data["diagnostics"] if "msr-9" in d["path"]]
    assert mine == [{"path": f"rules/{SM}", "line": 8, "col": 12, "severity": "error", "code": "dates",
                     "message": "review_by 2026-11-01 is before created 2026-11-25"}]


def test_github_format(tmp_path, capsys):
    book = files(smoking=SMOKING.split("  - name: never smoked")[0])
    code, _, out = check(tmp_path, capsys, book, "--format", "github")
    assert code == 0
    assert f"::warning file=rules/{SM},line=17,col=1,title=tests-one-sided::no test shows this rule not firing: " \
           "add a test with `expect: not offered`" in out.splitlines()


def test_missing_directory_exits_1(tmp_path, capsys):
    assert main(["rules", "check", str(tmp_path / "nowhere")]) == 1
    assert "no such rulebook directory" in capsys.readouterr().err


def test_definitions_that_can_never_be_true(tmp_path, capsys):
    root = make_book(tmp_path / "rules", files())
    defs = root / "definitions.yaml"
    yaml = YAML(typ="rt")
    data = yaml.load(defs.read_text())
    data["predicates"]["contradictory"] = {"title": "Never", "when": "demographics.age < 18 and adult"}
    with defs.open("w") as f:
        yaml.dump(data, f)
    code = main(["rules", "check", str(root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert "error[never-true]: definition 'contradictory' can never be true: `demographics.age >= 18` (in " \
           "definition 'adult') contradicts `demographics.age < 18`: no value of demographics.age meets both" in out


def test_bundled_rulebook_is_clean(capsys):
    code = main(["rules", "check"])
    out = capsys.readouterr().out
    assert code == 0, out


CLASS_RULE = """\
rule: MSR-9005
title: Continue the current DMT (class rule test)
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
options: dmt
action: offer
when:
  all:
    - treatment.current == option
    - treatment.months_on_current >= 6
because:
  - "On {treatment.current}."
  - say: "Natalizumab: check the JCV status."
    when: treatment.current == "natalizumab"
  - say: "Never shown."
    when: treatment.current == "tolebrutinib"
evidence:
  - citation: Nobody 2020. A made-up source for a test.
    level: expert-opinion
tests:
  - name: on natalizumab
    profile: {treatment: {current: natalizumab, months_on_current: 12}}
    expect: offered
  - name: not long enough
    profile: {treatment: {current: natalizumab, months_on_current: 2}}
    expect: not offered
"""


def test_class_rules_are_judged_over_all_their_options(tmp_path, capsys):
    """A sentence about one option of a class rule is fine; one about an option outside the set is not."""
    code, found, out = check(tmp_path, capsys, {**files(), "immunotherapy/msr-9005-class.yaml": CLASS_RULE})
    assert code == 0, out
    assert found == ["rules/immunotherapy/msr-9005-class.yaml:20:11: warning[never-shown]: because.2.when: this "
                     "sentence can never be shown when the rule fires: `treatment.current == \"tolebrutinib\"` contradicts "
                     "`treatment.current == option` (line 13): no value of treatment.current meets both"]


AUTHOR_NOTE = "stopping slows disability progression (ask pharmacy)."


def test_authoring_note_in_a_conditional_sentence_is_found_on_its_line(tmp_path, capsys):
    exercise = with_line(EXERCISE, '  - "{lifestyle.exercise_min_per_week} minutes a week."',
                         '  - say: "Already active; I think more helps."\n    when: lifestyle.exercise_min_per_week > 100')
    code, found, _ = check(tmp_path, capsys, files(exercise=exercise))
    assert code == 1
    assert [f.split(": ")[0] + ": " + f.split(": ")[1] for f in found] == [f"rules/{EX}:16:27: error[authoring-note]"]


def test_authoring_phrase_in_an_evidence_note_is_allowed(tmp_path, capsys):
    smoking = replace(SMOKING, "    level: observational", "    level: observational\n    note: year from memory")
    code, found, _ = check(tmp_path, capsys, files(smoking=smoking))
    assert (code, found) == (0, [])


def test_authors_extend_the_phrase_list_in_lint_yaml(tmp_path, capsys):
    smoking = replace(SMOKING, "stopping slows disability progression.", AUTHOR_NOTE)
    assert check(tmp_path, capsys, files(smoking=smoking))[:2] == (0, [])
    root = make_book(tmp_path / "rules", files(smoking=smoking))
    (root / "lint.yaml").write_text('authoring_phrases: ["ask pharmacy"]\n')
    code = main(["rules", "check", str(root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert f"rules/{SM}:13:57: error[authoring-note]: authoring note in clinical text: 'ask pharmacy'" in out


def test_a_broken_lint_yaml_is_an_error_and_the_built_in_phrases_still_apply(tmp_path, capsys):
    smoking = replace(SMOKING, "disability progression.", "disability progression (from memory).")
    root = make_book(tmp_path / "rules", files(smoking=smoking))
    (root / "lint.yaml").write_text("phrases: [oops]\n")
    code = main(["rules", "check", str(root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert "rules/lint.yaml:1:1: error[lint-config]: lint.yaml is not valid: phrases: Extra inputs are not " \
           "permitted (expected `authoring_phrases: [...]`)" in out
    assert f"rules/{SM}:13:57: error[authoring-note]" in out
