"""User mistakes on the command line end in a clear message and exit 1 or 2, never `internal error`."""

from __future__ import annotations

import io
import shutil

import pytest

from msdecide.cli import main
from tests.conftest import EXAMPLES, RULES


def run(capsys, *args):
    code = main(list(args))
    out, err = capsys.readouterr()
    assert "internal error" not in err and "Traceback" not in err
    return code, out, err


@pytest.mark.parametrize("name,content", [
    ("latin1.json", b'{"id": "caf\xe9"}'),
    ("utf16.yaml", "id: x\n".encode("utf-16")),
])
def test_non_utf8_profile_exits_2(tmp_path, capsys, name, content):
    path = tmp_path / name
    path.write_bytes(content)
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert f"{path}: not a UTF-8 text file" in err


def test_non_utf8_stdin_exits_2(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"id": "\xff"}'), encoding="utf-8"))
    code, _, err = run(capsys, "evaluate", "-")
    assert code == 2
    assert "<stdin>: the profile is not UTF-8 text" in err


@pytest.mark.parametrize("name,text", [
    ("deep.json", "[" * 1000 + "]" * 1000),
    ("deep40.json", '{"demographics": ' + "[" * 40 + "]" * 40 + "}"),
    ("deep.yaml", "a:\n" + "".join("  " * i + "- \n" for i in range(1, 60))),
    ("flow.yaml", "a: " + "[" * 1000 + "]" * 1000),
])
def test_deeply_nested_profile_exits_2(tmp_path, capsys, name, text):
    path = tmp_path / name
    path.write_text(text)
    code, _, err = run(capsys, "evaluate", str(path))
    assert code == 2
    assert "nested more than 32 levels deep" in err


def test_rules_diff_on_a_binary_profile_exits_2(tmp_path, capsys):
    binary = tmp_path / "photo.json"
    binary.write_bytes(bytes(range(256)))
    code, _, err = run(capsys, "rules", "diff", str(RULES), str(RULES), "--profiles", str(binary))
    assert code == 2
    assert f"{binary}: not a UTF-8 text file" in err


def test_serve_with_a_missing_rulebook_says_so(tmp_path, capsys):
    code, out, err = run(capsys, "serve", "--rules", str(tmp_path / "nonexistent"))
    assert code == 1
    assert f"error: {tmp_path / 'nonexistent'}: no such rulebook directory" in err
    assert "nothing was evaluated" not in err
    assert "serving" not in out


def test_broken_rulebook_message_counts_in_words(tmp_path, capsys):
    rules = tmp_path / "rules"
    shutil.copytree(RULES, rules)
    (rules / "rulebook.yaml").write_text("name: x\nversion: nope\n")
    code, _, err = run(capsys, "evaluate", str(EXAMPLES / "demo-001.json"), "--rules", str(rules))
    assert code == 1
    assert "error: the rulebook has 1 error, so it was not used" in err


def test_counts_are_singular_for_one(capsys):
    code, out, _ = run(capsys, "rules", "test", str(RULES), "--rule", "MSR-0001")
    assert code == 0
    assert "in 1 rule," in out and "1 rules" not in out


def test_unwritable_output_exits_2(tmp_path, capsys):
    target = tmp_path / "no-such-dir" / "schema.json"
    code, _, err = run(capsys, "rules", "schema", "--out", str(target))
    assert code == 2
    assert f"error: {target}: No such file or directory" in err


def test_closed_pipe_ends_quietly(tmp_path):
    import subprocess
    import sys

    shell = f"{sys.executable} -m msdecide.cli rules schema | head -c 10"
    result = subprocess.run(["bash", "-o", "pipefail", "-c", shell], capture_output=True, text=True, timeout=120)
    assert "internal error" not in result.stderr and "Traceback" not in result.stderr
    assert result.returncode in (0, 141)
