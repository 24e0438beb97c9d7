"""Browser tests: Playwright driving Debian's chromium against a live server on 127.0.0.1.

Never `playwright install`: the browser is the system's chromium (`apt-get install chromium`,
which `make test` does), or $CHROMIUM. Without it, every browser test is skipped with a message.
Screenshots and PDFs go to test-results/ (gitignored) for people to look at.
"""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest
from waitress.server import create_server

from msdecide.web import create_app
from tests.conftest import ROOT

ARTEFACTS = ROOT / "test-results"
AXE = Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js"


def chromium_path() -> str | None:
    return os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    exe = chromium_path()
    if exe is None:
        pytest.skip("browser tests need Debian's chromium: apt-get install -y chromium (or set CHROMIUM=...); "
                    "`make test` installs it")
    return {**browser_type_launch_args, "executable_path": exe, "args": ["--disable-dev-shm-usage"]}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": {"width": 1280, "height": 900}, "locale": "en-GB"}


@pytest.fixture(scope="session")
def live_server():
    """The real app (CSRF on) on waitress, as `msdecide serve` runs it, on a free loopback port."""
    app = create_app({"TESTING": True, "SECRET_KEY": "e2e-secret-key"})
    server = create_server(app, host="127.0.0.1", port=0, threads=4, ident="msdecide-e2e")
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.effective_port}"
    server.close()
    thread.join(5)


@pytest.fixture(scope="session")
def shots() -> Path:
    out = ARTEFACTS / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    return out


@pytest.fixture
def console_errors(page):
    """Console errors and CSP violations seen by the page (must stay empty)."""
    seen: list[str] = []
    page.on("console", lambda m: seen.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: seen.append(str(e)))
    return seen


def run_axe(page) -> list[dict]:
    """axe-core (vendored from npm) injected into the page: WCAG 2.0-2.2 A and AA rules."""
    # Evaluated through the DevTools protocol, which the page's CSP does not apply to (a <script>
    # tag would be blocked: the CSP allows no inline script, as it should).
    page.evaluate(AXE.read_text(encoding="utf-8") + "\n;true")
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}});
        return r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                                       nodes: v.nodes.slice(0, 3).map(n => n.target.join(' '))}));
    }""")
    return result
