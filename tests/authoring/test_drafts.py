"""Draft rules (such as the output of `rules new`) never reach a report unless asked for explicitly;
`rules check` fails on TODO left from the template; `rules test` still runs a draft's own tests."""

from __future__ import annotations

import json

from msdecide import evaluate
from msdecide.api import release, with_drafts
from msdecide.cli import main
from msdecide.rulebook.loader import load_rulebook

from .helpers import make_book

PROFILE = {"id": "p1", "as_of": "2026-11-25", "lifestyle": {"exercise_min_per_week": 200}}


def new_draft(tmp_path, monkeypatch, capsys):
    """`rules new` without --dir, on a rulebook given as the default ($MSDECIDE_RULES)."""
    root = make_book(tmp_path / "rules")
    monkeypatch.setenv("MSDECIDE_RULES", str(root))
    assert main(["rules", "new", "--option", "healthy-diet", "--theme", "lifestyle", "--today", "2026-11-25"]) == 0
    out = capsys.readouterr().out
    assert "status: draft" in out and "--include-drafts" in out
    path = root / "lifestyle" / "msr-9004-healthy-diet.yaml"
    assert path.is_file() and "status: draft" in path.read_text()
    return root, path


def offered(report_json: str) -> list[str]:
    return [o["id"] for o in json.loads(report_json)["options"]]


def test_new_rule_without_dir_does_not_reach_a_report(tmp_path, monkeypatch, capsys):
    root, _ = new_draft(tmp_path, monkeypatch, capsys)
    profile = tmp_path / "p.json"
    profile.write_text(json.dumps(PROFILE))
    assert main(["evaluate", str(profile), "--format", "json"]) == 0
    out = capsys.readouterr().out
    assert "healthy-diet" not in offered(out) and "TODO" not in out
    assert main(["evaluate", str(profile), "--format", "json", "--include-drafts"]) == 0
    out = capsys.readouterr().out
    report = json.loads(out)
    assert "healthy-diet" in offered(out)  # the template's `when: always` fires for everyone
    assert any(w["code"] == "draft-rules" and "MSR-9004" in w["text"] for w in report["warnings"])


def test_rules_check_fails_on_the_template_todo(tmp_path, monkeypatch, capsys):
    root, _ = new_draft(tmp_path, monkeypatch, capsys)
    code = main(["rules", "check", "--today", "2026-11-25"])
    out = capsys.readouterr().out
    assert code == 1
    assert "rules/lifestyle/msr-9004-healthy-diet.yaml:5:9: error[template-text]: TODO left from the template" in out


def test_rules_test_runs_a_drafts_tests(tmp_path, monkeypatch, capsys):
    root, path = new_draft(tmp_path, monkeypatch, capsys)
    code = main(["rules", "test", "--rule", "MSR-9004"])
    out = capsys.readouterr().out
    assert code == 1 and "FAIL MSR-9004 test 2 'TODO: a patient for whom it does not'" in out
    text = path.read_text().replace("    - always              # TODO, e.g. disease_course.phenotype == \"RRMS\"",
                                    "    - lifestyle.diet == \"other\"")
    text = text.replace("    profile: {}           # TODO, e.g. {disease_course: {phenotype: RRMS, edss: 3.0}}",
                        "    profile: {lifestyle: {diet: other}}")
    text = text.replace("    profile: {}\n", "    profile: {lifestyle: {diet: vegan}}\n")
    path.write_text(text)
    assert main(["rules", "test", "--rule", "MSR-9004"]) == 0
    assert "2 tests in 1 rule, each through both engines: 2 passed, 0 failed" in capsys.readouterr().out


def test_api_leaves_drafts_out_unless_asked(tmp_path, monkeypatch, capsys):
    root, _ = new_draft(tmp_path, monkeypatch, capsys)
    book = load_rulebook(root)
    assert "MSR-9004" in {r.rule for r in book.rules}  # loaded and checked, just not evaluated
    for engine in ("durable", "reference"):
        assert "healthy-diet" not in offered(evaluate(PROFILE, book, engine=engine).to_json())
        assert "healthy-diet" in offered(evaluate(PROFILE, book, engine=engine, include_drafts=True).to_json())
    assert with_drafts(book) is with_drafts(book) and with_drafts(book).sha256 == book.sha256
    release(book)


def test_server_leaves_drafts_out_unless_configured(tmp_path, monkeypatch, capsys):
    from msdecide.web import create_app

    root, _ = new_draft(tmp_path, monkeypatch, capsys)
    monkeypatch.delenv("MSDECIDE_INCLUDE_DRAFTS", raising=False)
    plain = create_app({"RULES_DIR": str(root), "TESTING": True, "SECRET_KEY": "t"}).test_client()
    assert "healthy-diet" not in offered(plain.post("/api/v1/evaluate", json=PROFILE).data)
    monkeypatch.setenv("MSDECIDE_INCLUDE_DRAFTS", "1")
    drafts = create_app({"RULES_DIR": str(root), "TESTING": True, "SECRET_KEY": "t"}).test_client()
    assert "healthy-diet" in offered(drafts.post("/api/v1/evaluate", json=PROFILE).data)
