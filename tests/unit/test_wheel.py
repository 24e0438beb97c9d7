"""The wheel carries the rulebook, the web assets and the examples, and works outside the source tree."""

from __future__ import annotations

import json
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pytest

from tests.conftest import EXAMPLES, ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)], check=True)
    return next(out.glob("msdecide-*.whl"))


def test_wheel_contents(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "msdecide/_bundled/rules/options.yaml" in names
    assert "msdecide/_bundled/rules/definitions.yaml" in names
    assert any(n.startswith("msdecide/_bundled/rules/immunotherapy/msr-") for n in names)
    assert any(n.startswith("msdecide/_bundled/web/templates/") for n in names)
    assert "msdecide/_bundled/examples/demo-001.json" in names


def test_installed_wheel_evaluates_an_example(wheel, tmp_path):
    env = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env)
    py = env / "bin" / "python"
    subprocess.run([str(py), "-m", "pip", "install", "-q", str(wheel)], check=True, cwd=tmp_path)
    demo = (EXAMPLES / "demo-001.json").read_text()
    proc = subprocess.run([str(env / "bin" / "msdecide"), "evaluate", "-", "--format", "json"], input=demo,
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert report["profile_id"] == "demo-001" and report["options"]
    where = subprocess.run([str(py), "-c", "from msdecide.resources import rules_dir, web_dir; "
                            "print(rules_dir()); print(web_dir())"], capture_output=True, text=True, cwd=tmp_path)
    assert where.returncode == 0 and str(ROOT) not in where.stdout and "site-packages" in where.stdout
    check = subprocess.run([str(env / "bin" / "msdecide"), "rules", "check"], capture_output=True, text=True,
                           cwd=tmp_path)
    assert check.returncode == 0, check.stdout
