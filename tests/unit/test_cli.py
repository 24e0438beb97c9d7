"""The command line: reports, exit codes, field-level errors, no tracebacks."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

import pytest

from msdecide.cli import main
from tests.conftest import EXAMPLES, RULES, example_files

CONTRACT_KEYS = {"profile_id", "as_of", "rulebook", "options", "not_offered", "missing_data", "warnings"}


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_every_example_gives_a_report(capsys, path):
    code, out, err = run(capsys, "evaluate", str(path), "--format", "json")
    assert code == 0, err
    report = json.loads(out)
    assert CONTRACT_KEYS <= set(report)
    assert set(report["rulebook"]) >= {"version", "sha256"}
    for option in report["options"]:
        assert option["because"], option["id"]
        assert option["evidence"], option["id"]


def test_same_command_twice_same_output(capsys):
    first = run(capsys, "evaluate", str(EXAMPLES / "demo-001.json"), "--format", "json")[1]
    assert first == run(capsys, "evaluate", str(EXAMPLES / "demo-001.json"), "--format", "json")[1]


@pytest.mark.parametrize("fmt, marker", [("text", "NOT OFFERED"), ("markdown", "# Options to discuss")])
def test_text_and_markdown(capsys, fmt, marker):
    code, out, _ = run(capsys, "evaluate", str(EXAMPLES / "demo-001.json"), "--format", fmt)
    assert code == 0 and marker in out and "demo-001" in out


def test_reference_engine_gives_the_same_report(capsys):
    path = str(EXAMPLES / "demo-001.json")
    assert run(capsys, "evaluate", path, "--format", "json")[1] == \
        run(capsys, "evaluate", path, "--format", "json", "--engine", "reference")[1]


def test_misspelled_field_exits_2_naming_it(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"disease_course": {"phenotyp": "RRMS", "edss": 11}}))
    code, out, err = run(capsys, "evaluate", str(bad))
    assert code == 2 and out == ""
    assert "disease_course.phenotyp: 'phenotyp' is not a profile field (did you mean 'phenotype'?)" in err
    assert "disease_course.edss: 11" in err
    assert "Traceback" not in err


def test_yaml_profile_and_stdin(monkeypatch, capsys):
    import io
    monkeypatch.setattr(sys, "stdin", io.StringIO("disease_course: {phenotype: RRMS}\n"))
    code, out, _ = run(capsys, "evaluate", "-", "--format", "json")
    assert code == 0 and json.loads(out)["profile_id"] is None


@pytest.mark.parametrize("content, words", [("{not json", "not valid JSON"), ("[1, 2]", "must be an object")])
def test_unreadable_profiles_exit_2(tmp_path, capsys, content, words):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    code, _, err = run(capsys, "evaluate", str(bad))
    assert code == 2 and words in err


def test_missing_file_exits_2(capsys):
    code, _, err = run(capsys, "evaluate", "no-such-profile.json")
    assert code == 2 and "no such file" in err


def test_broken_rulebook_exits_1_with_position(tmp_path, capsys):
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    rule = next(root.glob("mental-health/msr-1001-*.yaml"))
    rule.write_text(rule.read_text().replace("mental_health.phq9_item9 >= 1", "mental_health.phq9_itme9 >= 1"))
    code, _, err = run(capsys, "evaluate", str(EXAMPLES / "demo-001.json"), "--rules", str(root))
    assert code == 1
    assert f"rules/mental-health/{rule.name}:" in err and "error[unknown-field]" in err
    assert "did you mean 'mental_health.phq9_item9'" in err
    code, out, _ = run(capsys, "rules", "check", str(root))
    assert code == 1 and "error[unknown-field]" in out


def test_rules_check_and_test_clean_on_bundled(capsys):
    code, out, _ = run(capsys, "rules", "check")
    assert code == 0, out
    code, out, _ = run(capsys, "rules", "test")
    assert code == 0, out
    assert " passed, 0 failed" in out


def test_schema(capsys):
    code, out, _ = run(capsys, "schema")
    assert code == 0 and json.loads(out)["title"] == "Profile"


def test_console_script_has_no_traceback_on_bad_input(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("demographics: {age: old}\n")
    proc = subprocess.run([sys.executable, "-m", "msdecide.cli", "evaluate", str(bad)], capture_output=True, text=True)
    assert proc.returncode == 2 and "demographics.age" in proc.stderr and "Traceback" not in proc.stderr
