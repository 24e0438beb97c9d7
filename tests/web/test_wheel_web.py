"""The web app works from an installed wheel: templates, static files and vendored assets are in it."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow

CHECK = """
import msdecide, sys
from pathlib import Path
from msdecide.resources import web_dir
from msdecide.web import create_app
assert Path(msdecide.__file__).is_relative_to(sys.argv[1]), msdecide.__file__
assert web_dir().is_relative_to(sys.argv[1]), web_dir()
client = create_app({"TESTING": True, "SECRET_KEY": "k", "WTF_CSRF_ENABLED": False}).test_client()
assert client.get("/").status_code == 200
assert client.get("/?example=demo-001").status_code == 200
assert client.post("/result", data={"disease_course.phenotype": "RRMS"}).status_code == 200
for url in ("/assets/nhsuk-frontend.min.css", "/assets/images/nhsuk-icon-cross.svg", "/static/js/app.js",
            "/static/vendor/nhsuk-frontend/nhsuk-frontend.min.js", "/static/css/print.css"):
    with client.get(url) as r:
        assert r.status_code == 200, url
print("ok")
"""


def test_installed_wheel_serves_the_web_app(tmp_path):
    out = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)], check=True)
    wheel = next(out.glob("msdecide-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("msdecide/_bundled/web/templates/form.html", "msdecide/_bundled/web/templates/result.html",
                 "msdecide/_bundled/web/static/vendor/nhsuk-frontend/nhsuk-frontend.min.css",
                 "msdecide/_bundled/web/static/vendor/nhsuk-frontend/LICENSE", "msdecide/web/__init__.py"):
        assert name in names, name
    # Unpacked ahead of the source tree on sys.path: the dependencies come from this environment,
    # msdecide and its bundled files from the wheel only.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    proc = subprocess.run([sys.executable, "-c", CHECK, str(site)], capture_output=True, text=True,
                          cwd=tmp_path, env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"})
    assert proc.returncode == 0 and proc.stdout.strip() == "ok", proc.stderr
    assert not Path(site, "msdecide", "_bundled", "web", "templates", "form.html").read_text() == ""
