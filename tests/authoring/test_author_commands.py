"""`msdecide rules new`, `rules diff`, `rules schema` and `rules docs`."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from msdecide.cli import main
from msdecide.rulebook.catalogue import render_catalogue
from msdecide.rulebook.loader import load_rulebook
from msdecide.rulebook.schema import rule_file_schema

from .helpers import EXAMPLES, EXERCISE, FILES, ROOT, RULES, SMOKING, make_book, replace

EX, SM = "lifestyle/msr-9001-exercise.yaml", "lifestyle/msr-9003-smoking.yaml"


# --------------------------------------------------------------------------- rules new


def test_new_rule_gets_the_next_free_id_and_todays_dates(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    code = main(["rules", "new", "--option", "healthy-diet", "--theme", "lifestyle", "--dir", str(root),
                 "--today", "2026-11-25"])
    out = capsys.readouterr().out
    path = root / "lifestyle" / "msr-9004-healthy-diet.yaml"
    assert code == 0 and path.is_file()
    assert f"Wrote {path} (MSR-9004, status: draft)." in out.splitlines()[0]
    text = path.read_text()
    assert "rule: MSR-9004\n" in text and "created: 2026-11-25\n" in text and "review_by: 2027-11-25" in text
    assert "option: healthy-diet\n" in text and "expect: offered" in text and "expect: not offered" in text
    # the new file loads; its TODOs are reported; its placeholder "does not fire" test fails
    code = main(["rules", "check", str(root), "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1 and "rules/lifestyle/msr-9004-healthy-diet.yaml:5:9: error[template-text]" in out
    code = main(["rules", "test", str(root), "--rule", "MSR-9004"])
    out = capsys.readouterr().out
    assert code == 1 and "FAIL MSR-9004 test 2 'TODO: a patient for whom it does not'" in out


def test_new_rule_in_an_empty_theme_and_other_actions(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    assert main(["rules", "new", "--option", "natalizumab", "--theme", "safety", "--action", "caution",
                 "--caution", "pml-risk", "--dir", str(root), "--slug", "pml-test"]) == 0
    path = root / "safety" / "msr-9004-pml-test.yaml"  # after the highest id of the rulebook
    text = path.read_text()
    assert "action: caution\ncaution: pml-risk\n" in text and "expect: caution" in text and "expect: no caution" in text
    assert main(["rules", "new", "--option", "natalizumab", "--theme", "safety", "--action", "exclude",
                 "--dir", str(root)]) == 0
    text = (root / "safety" / "msr-9005-natalizumab.yaml").read_text()
    assert "strength: absolute" in text and "expect: excluded" in text
    assert load_rulebook(root).paths["MSR-9005"].name == "msr-9005-natalizumab.yaml"
    capsys.readouterr()


def test_new_rule_mistakes_exit_2_with_a_hint(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    assert main(["rules", "new", "--option", "natalizumabb", "--theme", "immunotherapy", "--dir", str(root)]) == 2
    err = capsys.readouterr().err
    assert "'natalizumabb' is not an option" in err and "(did you mean 'natalizumab'?)" in err
    assert main(["rules", "new", "--option", "natalizumab", "--theme", "safety", "--action", "caution",
                 "--dir", str(root)]) == 2
    assert "needs --caution" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["rules", "new", "--option", "natalizumab", "--theme", "surgery", "--dir", str(root)])
    capsys.readouterr()


# --------------------------------------------------------------------------- rules diff


@pytest.fixture
def two_books(tmp_path: Path) -> tuple[Path, Path, Path]:
    old = make_book(tmp_path / "old" / "rules")
    new = make_book(tmp_path / "new" / "rules", {
        **FILES,
        EX: replace(replace(EXERCISE, "exercise_min_per_week < 150", "exercise_min_per_week < 120"),
                    "minutes a week.", "minutes a week (target 150)."),
        SM: replace(SMOKING, 'when: lifestyle.smoking == "current"',
                    'when: lifestyle.smoking == "current" or lifestyle.smoking == "former"'),
        "lifestyle/msr-9004-no-exercise-with-heart-failure.yaml": """\
rule: MSR-9004
title: Supervised exercise only with heart failure (test)
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
option: exercise-programme
action: exclude
strength: absolute
when: '"heart_failure" in comorbidities'
because:
  - "Heart failure: a cardiac rehabilitation team decides."
evidence:
  - citation: Nobody 2020. A made-up source for a test.
    level: expert-opinion
tests:
  - name: heart failure
    profile: {comorbidities: [heart_failure], lifestyle: {exercise_min_per_week: 30}}
    expect: excluded
  - name: none
    profile: {}
    expect: not excluded
""",
    }, version="2026.11.1")
    profiles = tmp_path / "profiles"
    profiles.mkdir()
    (profiles / "a-130-minutes.json").write_text(json.dumps(
        {"as_of": "2026-11-25", "lifestyle": {"exercise_min_per_week": 130, "smoking": "never"}}))
    (profiles / "b-former-smoker.yaml").write_text("as_of: 2026-11-25\nlifestyle: {smoking: former}\n")
    (profiles / "c-heart-failure.json").write_text(json.dumps(
        {"as_of": "2026-11-25", "comorbidities": ["heart_failure"], "lifestyle": {"exercise_min_per_week": 30}}))
    (profiles / "d-unchanged.json").write_text(json.dumps({"as_of": "2026-11-25",
                                                           "mental_health": {"phq9_item9": 0}}))
    return old, new, profiles


def test_diff_per_profile_and_by_option(two_books, capsys):
    old, new, profiles = two_books
    code = main(["rules", "diff", str(old), str(new), "--profiles", str(profiles)])
    out = capsys.readouterr().out
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith(": 3 of 4 profiles change")
    p = str(profiles)
    assert lines[2:] == [
        f"{p}/a-130-minutes.json",
        "  no longer offered: exercise-programme",
        f"{p}/b-former-smoker.yaml",
        "  offered now: smoking-cessation",
        f"{p}/c-heart-failure.json",
        "  no longer offered: exercise-programme",
        "  now shown as not offered: exercise-programme",
        "",
        "Summary by option:",
        "  exercise-programme: no longer offered to 2 profiles; now not offered for 1 profile",
        "  smoking-cessation: offered to 1 profile",
    ]


def test_diff_json_and_markdown(two_books, capsys):
    old, new, profiles = two_books
    assert main(["rules", "diff", str(old), str(new), "--profiles", str(profiles), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["old"]["version"] == "2026.11.0" and data["new"]["version"] == "2026.11.1"
    assert data["profiles"] == 4 and len(data["changed"]) == 3
    heart = next(c for c in data["changed"] if c["profile"].endswith("c-heart-failure.json"))
    assert heart["lost"] == ["exercise-programme"] and heart["to_not_offered"] == ["exercise-programme"]
    assert {o["option"]: o["gained"] for o in data["options"]}["smoking-cessation"] == \
        [str(profiles / "b-former-smoker.yaml")]
    assert main(["rules", "diff", str(old), str(new), "--profiles", str(profiles), "--format", "markdown"]) == 0
    md = capsys.readouterr().out
    assert md.startswith("# Clinical impact of the rulebook change")
    assert "no longer offered to 2 profiles; now not offered for 1 profile |" in md
    assert f"### {profiles}/c-heart-failure.json\n\n- no longer offered: exercise-programme\n" in md


def test_diff_changed_cautions_wording_and_data_needed(tmp_path, capsys):
    old = make_book(tmp_path / "old" / "rules")
    caution = """\
rule: MSR-9005
title: Smoking caution on the exercise programme (test)
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
option: exercise-programme
action: caution
caution: depression-risk
when: lifestyle.bmi >= 30
because:
  - "BMI {lifestyle.bmi}: build up exercise slowly."
evidence:
  - citation: Nobody 2020. A made-up source for a test.
    level: expert-opinion
tests:
  - name: BMI 32
    profile: {lifestyle: {bmi: 32.0}}
    expect: caution
  - name: BMI 24
    profile: {lifestyle: {bmi: 24.0}}
    expect: no caution
"""
    new = make_book(tmp_path / "new" / "rules", {**FILES, "lifestyle/msr-9005-caution.yaml": caution})
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps([{"as_of": "2026-11-25", "lifestyle": {"exercise_min_per_week": 30,
                                                                          "bmi": 32.0}},
                                   {"as_of": "2026-11-25", "lifestyle": {"exercise_min_per_week": 30}}]))
    assert main(["rules", "diff", str(old), str(new), "--profiles", str(profile)]) == 0
    out = capsys.readouterr().out
    assert f"{profile}#1\n  cautions on exercise-programme: added depression-risk\n" in out
    assert f"{profile}#2\n  data now needed: lifestyle.bmi\n" in out
    assert main(["rules", "diff", str(old), str(new), "--profiles", str(profile), "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)["changed"][0]
    assert first["wording"] == [{"option": "exercise-programme", "caution": "depression-risk", "before": [],
                                 "after": ["BMI 32: build up exercise slowly."]}]


def test_diff_with_the_rule_tests_and_from_git(tmp_path, capsys, monkeypatch):
    repo = tmp_path / "repo"
    old = make_book(repo / "rules")
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    subprocess.run(["git", "-C", str(repo), "add", "rules"], check=True)
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q",
                    "-m", "rules"], check=True)
    (old / EX).write_text(replace(EXERCISE, "exercise_min_per_week < 150", "exercise_min_per_week < 20"))
    monkeypatch.chdir(repo)
    code = main(["rules", "diff", "HEAD:rules", "rules", "--rule-tests"])
    out = capsys.readouterr().out
    assert code == 0
    assert "MSR-9001 test 'little exercise'\n  no longer offered: exercise-programme" in out


def test_diff_mistakes_exit_2(two_books, tmp_path, capsys):
    old, new, profiles = two_books
    assert main(["rules", "diff", str(old), str(new)]) == 2
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"lifestyle": {"smoking": "sometimes"}}))
    assert main(["rules", "diff", str(old), str(new), "--profiles", str(bad)]) == 2
    assert "bad.json: not a valid profile: lifestyle.smoking" in capsys.readouterr().err
    assert main(["rules", "diff", str(tmp_path / "none"), str(new), "--profiles", str(profiles)]) == 2
    capsys.readouterr()


def test_diff_of_the_bundled_rulebook_with_itself_is_empty(capsys):
    assert main(["rules", "diff", str(RULES), str(RULES), "--profiles", str(EXAMPLES)]) == 0
    assert "No profile's report changes." in capsys.readouterr().out


# --------------------------------------------------------------------------- rules schema


def test_schema_is_valid_and_accepts_every_bundled_rule(capsys):
    jsonschema = pytest.importorskip("jsonschema")
    assert main(["rules", "schema"]) == 0
    schema = json.loads(capsys.readouterr().out)
    jsonschema.Draft7Validator.check_schema(schema)
    assert '"$defs"' not in json.dumps(schema) and '#/$defs/' not in json.dumps(schema)
    validator = jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())
    yaml = YAML(typ="safe", pure=True)
    for path in sorted(RULES.glob("*/*.yaml")):
        data = json.loads(json.dumps(yaml.load(path.read_text()), default=str))
        errors = [e.message for e in validator.iter_errors(data)]
        assert errors == [], f"{path}: {errors[:3]}"
    broken = json.loads(json.dumps(YAML(typ="safe").load(replace(EXERCISE, "review_by:", "reviewby:")), default=str))
    messages = " ".join(e.message for e in validator.iter_errors(broken))
    assert "'review_by' is a required property" in messages and "'reviewby' was unexpected" in messages
    wrong = json.loads(json.dumps(YAML(typ="safe").load(replace(EXERCISE, "option: exercise-programme",
                                                                   "option: exercise")), default=str))
    assert any("is not valid under any of the given schemas" in e.message or "is not one of" in e.message
               for e in validator.iter_errors(wrong))


def test_committed_schema_is_up_to_date(tmp_path, capsys):
    committed = ROOT / "docs" / "rule-file.schema.json"
    assert main(["rules", "schema", "--out", str(tmp_path / "s.json")]) == 0
    capsys.readouterr()
    assert committed.read_text() == (tmp_path / "s.json").read_text(), \
        "docs/rule-file.schema.json is out of date: run `msdecide rules schema --out docs/rule-file.schema.json`"
    assert json.loads(committed.read_text()) == rule_file_schema(RULES)


# --------------------------------------------------------------------------- rules docs


def test_docs_writes_a_catalogue_by_theme(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    out = tmp_path / "catalogue"
    (out).mkdir()
    (out / "stale.md").write_text("<!-- generated by `msdecide rules docs`: do not edit; change the rule files and "
                                  "regenerate -->\nold\n")
    (out / "notes.md").write_text("mine\n")
    assert main(["rules", "docs", str(root), "--out", str(out)]) == 0
    assert "Wrote 4 files of the rule catalogue (3 rules)" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == ["README.md", "definitions.md", "lifestyle.md", "mental-health.md",
                                                     "notes.md"]
    page = (out / "lifestyle.md").read_text()
    assert "### MSR-9001: Exercise programme for people who exercise little" in page
    assert "**Offers** " in page and "(`exercise-programme`)." in page
    assert "- `lifestyle.exercise_min_per_week < 150`" in page
    assert "- {lifestyle.exercise_min_per_week} minutes a week." in page
    assert "**review by 2027-11-25**" in page
    assert "1. Kalb R et al. 2020." in page and "level: consensus" in page
    assert "- File: [../rules/lifestyle/msr-9001-exercise.yaml](../rules/lifestyle/msr-9001-exercise.yaml)" in page
    index = (out / "README.md").read_text()
    assert "| [Lifestyle](lifestyle.md) | 2 | 2 | 0 | 0 |" in index


def test_committed_catalogue_is_up_to_date():
    """docs/catalogue is generated from rules/: regenerate it with `msdecide rules docs --out docs/catalogue`."""
    target = ROOT / "docs" / "catalogue"
    expected = render_catalogue(load_rulebook(RULES), target)
    committed = {p.name: p.read_text() for p in target.glob("*.md")} if target.is_dir() else {}
    stale = sorted(n for n in set(expected) | set(committed) if expected.get(n) != committed.get(n))
    assert not stale, f"docs/catalogue is out of date ({', '.join(stale)}): run " \
                      "`msdecide rules docs --out docs/catalogue` and commit the result"


def test_docs_on_the_bundled_rulebook_mentions_every_rule(tmp_path, capsys):
    assert main(["rules", "docs", "--out", str(tmp_path)]) == 0
    capsys.readouterr()
    text = "\n".join(p.read_text() for p in tmp_path.glob("*.md"))
    book = load_rulebook(RULES)
    assert all(f"### {r.rule}: " in text for r in book.rules)


def test_git_tools_available():
    assert shutil.which("git"), "git is needed for `rules diff REV:PATH`"
