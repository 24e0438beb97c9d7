"""Loading rule files: every mistake reported as path:line:col with the offending line, all in one run."""

from __future__ import annotations

from pathlib import Path

import pytest

from msdecide.rulebook.loader import RulebookError, load_rulebook
from tests.authoring.helpers import EXERCISE
from tests.authoring.helpers import make_book as make_test_book
from tests.conftest import RULES

GOOD = EXERCISE


def make_book(tmp_path: Path, rule_text: str, name: str = "msr-9001-test.yaml") -> Path:
    """A fresh rulebook (bundled catalogue and definitions) holding one rule file."""
    n = len(list(tmp_path.glob("book*")))
    return make_test_book(tmp_path / f"book{n}" / "rules", {f"lifestyle/{name}": rule_text})


def diagnostics(tmp_path: Path, rule_text: str, name: str = "msr-9001-test.yaml") -> list[str]:
    with pytest.raises(RulebookError) as exc:
        load_rulebook(make_book(tmp_path, rule_text, name))
    return [d.format(frame=False) for d in exc.value.diagnostics if d.severity == "error"]


def test_good_rule_loads(tmp_path):
    book = load_rulebook(make_book(tmp_path, GOOD))
    assert [r.rule for r in book.rules] == ["MSR-9001"]
    assert book.version == "2026.11.0" and len(book.sha256) == 64


def test_typo_in_a_key_gets_did_you_mean(tmp_path):
    out = diagnostics(tmp_path, GOOD.replace("review_by:", "reviewby:"))
    assert "rules/lifestyle/msr-9001-test.yaml:8:1: error[extra_forbidden]: 'reviewby' is not a known key here " \
           "(did you mean 'review_by'?)" in out
    assert any(":1:1: error[missing]: review_by" in d for d in out)


def test_typo_in_a_condition_field_points_at_the_field(tmp_path):
    out = diagnostics(tmp_path, GOOD.replace("lifestyle.exercise_min_per_week <", "lifestyle.exercise_min_per_wek <"))
    assert out == ["rules/lifestyle/msr-9001-test.yaml:13:7: error[unknown-field]: when.all.0: unknown profile field "
                   "or definition 'lifestyle.exercise_min_per_wek' (did you mean 'lifestyle.exercise_min_per_week'?)"]


def test_column_inside_a_quoted_condition(tmp_path):
    text = GOOD.replace("    - lifestyle.exercise_min_per_week < 150", '    - "lifestyle.exercise_min_per_week < 5000"')
    out = diagnostics(tmp_path, text)
    assert out[0].startswith("rules/lifestyle/msr-9001-test.yaml:13:42: error[range]: when.all.0: 5000 is outside")


def test_code_frame_has_a_caret(tmp_path):
    with pytest.raises(RulebookError) as exc:
        load_rulebook(make_book(tmp_path, GOOD.replace("status: active", "status: approved")))
    d = exc.value.diagnostics[0]
    assert (d.line, d.col, d.code) == (3, 9, "literal_error")
    assert d.format().splitlines()[1:] == [" 3 | status: approved", "   |         ^"]
    assert "must be 'draft', 'active' or 'retired'" in d.message


def test_every_error_in_one_run_sorted_by_line(tmp_path):
    text = GOOD.replace("status: active", "status: approved").replace("created: 2026-11-25", "created: 25-11-2026") \
        .replace("level: consensus", "level: NICE")
    out = diagnostics(tmp_path, text)
    lines = [int(d.split(":")[1]) for d in out]
    assert lines == sorted(lines) and len(out) == 3
    assert any(":7:10: error[" in d and "YYYY-MM-DD" in d for d in out)


def test_yaml_syntax_error_position(tmp_path):
    out = diagnostics(tmp_path, GOOD.replace("title: Exercise programme", "title: Exercise: programme"))
    assert out[0].startswith("rules/lifestyle/msr-9001-test.yaml:2:16: error[yaml-syntax]")


def test_unknown_option_and_caution(tmp_path):
    out = diagnostics(tmp_path, GOOD.replace("option: exercise-programme", "option: excercise-programme"))
    assert "9:9: error[unknown-option]: 'excercise-programme' is not in options.yaml (did you mean " \
           "'exercise-programme'?)" in out[0]
    text = GOOD.replace("action: offer", "action: caution\ncaution: pml-risks").replace("expect: offered", "expect: caution") \
        .replace("expect: not offered", "expect: no caution")
    out = diagnostics(tmp_path, text)
    assert "error[unknown-caution]: 'pml-risks' is not a caution id" in out[0]


def test_placeholder_must_be_read_by_the_rule(tmp_path):
    out = diagnostics(tmp_path, GOOD.replace("{lifestyle.exercise_min_per_week} minutes", "{lifestyle.bmi} minutes"))
    assert "error[placeholder-not-read]: because[0]: {lifestyle.bmi} is not read" in out[0]
    out = diagnostics(tmp_path, GOOD.replace("{lifestyle.exercise_min_per_week} minutes", "{lifestyle.bmii} minutes"))
    assert "did you mean 'lifestyle.bmi'" in out[0]


def test_file_name_must_match_the_id(tmp_path):
    out = diagnostics(tmp_path, GOOD, name="msr-9002-test.yaml")
    assert "error[id-file-mismatch]" in out[0]


def test_active_rule_needs_evidence_and_reviewer(tmp_path):
    text = GOOD.replace("reviewed_by: [reviewer]", "reviewed_by: []").split("evidence:")[0] + GOOD.split("level: consensus\n")[1]
    out = diagnostics(tmp_path, text)
    assert any("error[no-evidence]" in d for d in out) and any("error[no-reviewer]" in d for d in out)


def test_test_profiles_are_validated(tmp_path):
    out = diagnostics(tmp_path, GOOD.replace("exercise_min_per_week: 30}", "exercise_min_per_week: -3}"))
    assert "21:" in out[0] and "error[test-profile]" in out[0] and "lifestyle.exercise_min_per_week" in out[0]


def test_investigational_offer_needs_open_to_trials(tmp_path):
    text = GOOD.replace("option: exercise-programme", "option: remyelination-trial")
    out = diagnostics(tmp_path, text)
    assert any("error[investigational-offer]" in d for d in out)
    ok = text.replace("    - lifestyle.exercise_min_per_week < 150",
                      "    - lifestyle.exercise_min_per_week < 150\n    - preferences.open_to_trials")
    assert load_rulebook(make_book(tmp_path / "b", ok)).rules


def test_duplicate_rule_ids(tmp_path):
    root = make_book(tmp_path, GOOD)
    (root / "lifestyle" / "msr-9001-copy.yaml").write_text(GOOD)
    with pytest.raises(RulebookError) as exc:
        load_rulebook(root)
    assert any(d.code == "duplicate-id" for d in exc.value.diagnostics)


def test_definition_cycle(tmp_path):
    root = make_book(tmp_path, GOOD)
    defs = (root / "definitions.yaml").read_text() + "\n  loop_a:\n    title: A\n    when: loop_b\n" \
                                                     "  loop_b:\n    title: B\n    when: loop_a\n"
    (root / "definitions.yaml").write_text(defs)
    with pytest.raises(RulebookError) as exc:
        load_rulebook(root)
    assert any(d.code == "definition-cycle" for d in exc.value.diagnostics)


def test_content_hash_changes_with_any_file(tmp_path):
    root = make_book(tmp_path, GOOD)
    first = load_rulebook(root).sha256
    (root / "lifestyle" / "msr-9001-test.yaml").write_text(GOOD.replace("minutes a week.", "minutes per week."))
    assert load_rulebook(root).sha256 != first


def test_bundled_rulebook_loads():
    book = load_rulebook(RULES)
    assert len(book.rules) >= 15
    assert len({r.rule for r in book.rules}) == len(book.rules)
