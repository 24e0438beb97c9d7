"""The README's Python API example runs as written, from any directory."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import ROOT


def python_example() -> str:
    text = (ROOT / "README.md").read_text()
    section = text[text.index("## Python API"):]
    return re.search(r"```python\n(.*?)```", section, re.S).group(1)


def test_readme_python_example_runs_in_an_empty_directory(tmp_path):
    script = tmp_path / "example.py"
    script.write_text(python_example())
    env = {k: v for k, v in os.environ.items() if k != "MSDECIDE_RULES"}
    result = subprocess.run([sys.executable, str(script)], cwd=tmp_path, env=env, capture_output=True, text=True,
                            timeout=300)
    assert result.returncode == 0, result.stderr
    assert '"rulebook"' in result.stdout  # the report's JSON
    assert "disease_course.edss: 0.5 is not allowed" in result.stdout


def test_readme_shows_the_real_summary_of_the_demo_profile():
    """The summary printed in the README is what `msdecide evaluate examples/demo-001.json` prints today."""
    import json

    from msdecide import evaluate
    from msdecide.render import render

    text = (ROOT / "README.md").read_text()
    section = text[text.index("## What a clinician reads first"):]
    shown = re.search(r"```text\n(.*?)\n```", section, re.S).group(1)
    report = evaluate(json.loads((ROOT / "examples" / "demo-001.json").read_text()))
    printed = render(report, "text")
    hashed = re.compile(r"\(([0-9a-f]{12})\)")  # the rulebook's content hash changes with any rule edit
    assert hashed.sub("(hash)", shown) == hashed.sub("(hash)", printed)
    assert len(shown.split()) <= 250
