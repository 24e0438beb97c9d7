"""Rule folders are read with limits: no links out of the folder, no loops, no dangling links, no huge
files; a misspelled field or key gets a position and a did-you-mean. Never `internal error`."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from msdecide.cli import main
from msdecide.rulebook.loader import MAX_FILE_BYTES, RulebookError, load_rulebook
from msdecide.service import RulebookService
from msdecide.watch import RulebookWatcher

from .helpers import EXERCISE, RULES, make_book, replace

EX = "lifestyle/msr-9001-exercise.yaml"


def check(root: Path, capsys) -> tuple[int, str]:
    code = main(["rules", "check", str(root), "--today", "2026-11-25"])
    out, err = capsys.readouterr()
    assert "internal error" not in out + err
    return code, out


def test_misspelled_field_in_definitions_has_a_position_and_a_suggestion(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    text = (RULES / "definitions.yaml").read_text()
    (root / "definitions.yaml").write_text(replace(text, "disease_course.relapses_12m >= 1",
                                                   "disease_course.relapse_12m >= 1"))
    code, out = check(root, capsys)
    assert code == 1
    line = next(n for n, t in enumerate((root / "definitions.yaml").read_text().splitlines(), 1)
                if "relapse_12m >= 1" in t)
    assert (f"rules/definitions.yaml:{line}:11: error[unknown-field]: predicates.active_disease.when.any.0: unknown "
            "profile field or definition 'disease_course.relapse_12m' (did you mean 'disease_course.relapses_12m'?)"
            ) in out


def test_misspelled_key_in_definitions_and_rule_files_gets_a_suggestion(tmp_path, capsys):
    root = make_book(tmp_path / "rules", {EX: replace(EXERCISE, "evidence:\n  - citation:", "evidence:\n  - citaton:")})
    text = (RULES / "definitions.yaml").read_text()
    (root / "definitions.yaml").write_text(replace(text, "    title: Adult", "    titel: Adult"))
    code, out = check(root, capsys)
    assert code == 1
    assert "error[extra_forbidden]: 'titel' is not a known key here (did you mean 'title'?)" in out
    (root / "definitions.yaml").write_text(text)
    code, out = check(root, capsys)
    assert "error[extra_forbidden]: 'citaton' is not a known key here (did you mean 'citation'?)" in out


@pytest.fixture
def links(tmp_path: Path) -> Path:
    root = make_book(tmp_path / "rules")
    outside = tmp_path / "secret.yaml"
    outside.write_text("secret: the first line must never be printed\n")
    (root / "lifestyle" / "msr-9990-out.yaml").symlink_to(outside)
    (root / "lifestyle" / "msr-9991-loop.yaml").symlink_to("msr-9991-loop.yaml")
    (root / "lifestyle" / "msr-9992-gone.yaml").symlink_to("nowhere.yaml")
    (root / "elsewhere").symlink_to(tmp_path, target_is_directory=True)
    return root


def test_links_out_loops_and_dangling_links_are_clear_errors(links, capsys):
    code, out = check(links, capsys)
    assert code == 1
    assert ("rules/lifestyle/msr-9990-out.yaml:1:1: error[symlink-outside]: a symbolic link to a file outside the "
            "rulebook folder is not read") in out
    assert "rules/lifestyle/msr-9991-loop.yaml:1:1: error[symlink-loop]: a symbolic link that loops back" in out
    assert ("rules/lifestyle/msr-9992-gone.yaml:1:1: error[dangling-link]: a symbolic link to nowhere.yaml, which "
            "does not exist") in out
    assert "rules/elsewhere:1:1: error[symlink-outside]: a symbolic link to a folder outside" in out
    assert "secret" not in out


def test_a_link_inside_the_folder_is_fine(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    (root / "shared" / "drafts").mkdir(parents=True)  # two folders down: not read as a rule itself
    os.replace(root / EX, root / "shared" / "drafts" / "exercise.yaml")
    (root / EX).symlink_to(Path("..", "shared", "drafts", "exercise.yaml"))
    assert {r.rule for r in load_rulebook(root).rules} >= {"MSR-9001"}


def test_a_file_over_the_size_limit_is_refused_before_parsing(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    big = root / "lifestyle" / "msr-9994-big.yaml"
    big.write_text("rule: [" + "1, " * (MAX_FILE_BYTES // 3) + "]\n")
    code, out = check(root, capsys)
    assert code == 1
    assert "rules/lifestyle/msr-9994-big.yaml:1:1: error[file-too-large]:" in out
    assert f"at most {MAX_FILE_BYTES // 1024} KB" in out


def test_a_rule_file_that_is_not_utf8_is_a_clear_error(tmp_path, capsys):
    root = make_book(tmp_path / "rules")
    (root / "lifestyle" / "msr-9995-latin1.yaml").write_bytes(b"rule: MSR-9995\ntitle: caf\xe9\n")
    code, out = check(root, capsys)
    assert code == 1
    assert "rules/lifestyle/msr-9995-latin1.yaml:1:1: error[not-utf8]: not UTF-8 text" in out


def test_the_watcher_reports_a_dangling_link_and_keeps_going(tmp_path):
    root = make_book(tmp_path / "rules")
    service = RulebookService(root)
    first = service.rulebook.sha256
    results = []
    watcher = RulebookWatcher(service, interval=0.01, on_reload=results.append)
    link = root / "lifestyle" / "msr-9992-gone.yaml"
    link.symlink_to("nowhere.yaml")
    for _ in range(2):  # seen, then settled
        watcher.poll()
    assert results and not results[-1].ok
    assert any("error[dangling-link]" in e and "msr-9992-gone.yaml" in e for e in results[-1].errors)
    assert service.rulebook.sha256 == first  # the last good rulebook keeps serving
    link.unlink()
    (root / EX).write_text(replace(EXERCISE, "< 150", "< 140"))
    for _ in range(2):
        watcher.poll()
    assert results[-1].ok and service.rulebook.sha256 != first


def test_load_rulebook_raises_with_every_link_problem(links):
    with pytest.raises(RulebookError) as exc:
        load_rulebook(links)
    codes = sorted(d.code for d in exc.value.diagnostics)
    assert codes == ["dangling-link", "symlink-loop", "symlink-outside", "symlink-outside"]


def test_the_watcher_says_when_it_cannot_read_the_folder_and_keeps_polling(tmp_path, monkeypatch, caplog):
    import logging

    import msdecide.watch as watch

    root = make_book(tmp_path / "rules")
    watcher = RulebookWatcher(RulebookService(root), interval=0.01)
    real = watch.content_hash

    def unreadable(path):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(watch, "content_hash", unreadable)
    with caplog.at_level(logging.WARNING, logger="msdecide.watch"):
        assert watcher.poll() is None and watcher.poll() is None
    said = [r.getMessage() for r in caplog.records if "cannot read the rule files" in r.getMessage()]
    assert len(said) == 1 and "(PermissionError: Permission denied)" in said[0]
    monkeypatch.setattr(watch, "content_hash", real)
    (root / EX).write_text(replace(EXERCISE, "< 150", "< 140"))
    watcher.poll()
    assert watcher.poll().ok  # back to normal once readable
