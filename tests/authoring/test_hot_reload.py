"""Hot reload that cannot break a clinic: a broken rulebook is never served, and no request fails or
gets a report that mixes two rulebooks while reloads happen under concurrent requests."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from msdecide import evaluate
from msdecide.api import release
from msdecide.rulebook.loader import load_rulebook
from msdecide.service import RulebookService
from msdecide.watch import RulebookWatcher

from .helpers import EXERCISE, FILES, SELF_HARM, SMOKING, make_book, replace

EX, SH, SM = "lifestyle/msr-9001-exercise.yaml", "mental-health/msr-9002-self-harm.yaml", "lifestyle/msr-9003-smoking.yaml"

VERSION_B = {
    EX: replace(replace(EXERCISE, "exercise_min_per_week < 150", "exercise_min_per_week < 120"),
                "minutes a week.", "minutes a week (target 150)."),
    SH: replace(SELF_HARM, "same-day review.", "same-day review by a clinician."),
    SM: SMOKING,
}
BROKEN_YAML = {**FILES, EX: replace(EXERCISE, "title: Exercise programme", "title: Exercise: programme")}
BROKEN_TEST = {**VERSION_B, SM: replace(SMOKING, "smoking: never}}\n    expect: not offered",
                                        "smoking: never}}\n    expect: offered")}

PROFILES: list[dict[str, Any]] = [
    {"id": "p1", "as_of": "2026-11-25", "lifestyle": {"exercise_min_per_week": 130, "smoking": "current"}},
    {"id": "p2", "as_of": "2026-11-25", "mental_health": {"phq9": 6, "phq9_item9": 1}},
    {"id": "p3", "as_of": "2026-11-25", "lifestyle": {"exercise_min_per_week": 60, "smoking": "never"}},
    {"id": "p4", "as_of": "2026-11-25"},
]


def point(link: Path, target: Path) -> None:
    """Switch the rule directory atomically (a symlink replaced in one rename)."""
    tmp = link.with_name(link.name + ".new")
    if tmp.is_symlink():
        tmp.unlink()
    tmp.symlink_to(target, target_is_directory=True)
    os.replace(tmp, link)


@pytest.fixture
def versions(tmp_path: Path) -> dict[str, Path]:
    return {
        "A": make_book(tmp_path / "A" / "rules"),
        "B": make_book(tmp_path / "B" / "rules", VERSION_B, version="2026.11.1"),
        "broken-yaml": make_book(tmp_path / "C" / "rules", BROKEN_YAML),
        "broken-test": make_book(tmp_path / "D" / "rules", BROKEN_TEST, version="2026.11.2"),
    }


def expected_reports(paths: list[Path]) -> dict[str, list[dict[str, Any]]]:
    """For each valid version: its sha256 -> the report of each profile (computed on its own)."""
    out = {}
    for path in paths:
        book = load_rulebook(path)
        out[book.sha256] = [json.loads(evaluate(p, book).to_json()) for p in PROFILES]
        release(book)
    return out


TOKEN = "reload-token-for-tests-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def make_app(rules: Path, token: str | None = TOKEN) -> Any:
    from msdecide.web import create_app

    return create_app({"RULES_DIR": str(rules), "TESTING": True, "SECRET_KEY": "test", "RELOAD_TOKEN": token})


def test_broken_rulebook_keeps_the_last_good_one_and_reports_errors(tmp_path, versions):
    link = tmp_path / "current"
    point(link, versions["A"])
    app = make_app(link)
    client = app.test_client()
    good = client.get("/api/v1/rulebook").get_json()
    assert good["errors"] == [] and good["version"] == "2026.11.0"

    point(link, versions["broken-yaml"])
    r = client.post("/api/v1/rulebook/reload", headers=AUTH)
    body = r.get_json()
    assert r.status_code == 422 and body["ok"] is False
    assert body["serving"]["sha256"] == good["sha256"]
    assert any("yaml-syntax" in e and "msr-9001-exercise.yaml:2:" in e for e in body["errors"]), body["errors"]
    shown = client.get("/api/v1/rulebook").get_json()
    assert shown["sha256"] == good["sha256"] and shown["errors"] == body["errors"]
    report = client.post("/api/v1/evaluate", json=PROFILES[0]).get_json()
    assert report["rulebook"]["sha256"] == good["sha256"]

    point(link, versions["broken-test"])  # loads, but an embedded test fails
    body = client.post("/api/v1/rulebook/reload", headers=AUTH).get_json()
    assert body["ok"] is False and body["serving"]["sha256"] == good["sha256"]
    assert any("MSR-9003 test 'never smoked'" in e and "expected offered, got false" in e for e in body["errors"])

    point(link, versions["B"])
    r = client.post("/api/v1/rulebook/reload", headers=AUTH)
    body = r.get_json()
    assert r.status_code == 200 and body["ok"] is True and body["version"] == "2026.11.1" and body["errors"] == []
    assert client.get("/api/v1/rulebook").get_json()["errors"] == []
    assert client.get("/healthz").get_json()["rulebook"]["sha256"] == body["sha256"]


def test_reload_is_off_without_a_token(tmp_path, versions, monkeypatch):
    monkeypatch.delenv("MSDECIDE_RELOAD_TOKEN", raising=False)
    for token in (None, "", "too-short"):
        client = make_app(versions["A"], token).test_client()
        r = client.post("/api/v1/rulebook/reload", headers={"Authorization": "Bearer too-short"})
        assert r.status_code == 403 and "MSDECIDE_RELOAD_TOKEN" in r.get_json()["detail"]


def test_reload_needs_the_bearer_token(tmp_path, versions):
    client = make_app(versions["A"]).test_client()
    for headers in ({}, {"Authorization": "Bearer wrong-token-0123456789abc"}, {"Authorization": TOKEN},
                    {"Authorization": f"Basic {TOKEN}"}, {"Authorization": f"Bearer {TOKEN}x"}):
        r = client.post("/api/v1/rulebook/reload", headers=headers)
        assert r.status_code == 401, headers
        assert r.headers["WWW-Authenticate"].startswith("Bearer")
    # a DNS-rebinding page sends the attacker's Origin with the server's own Host: still refused without the token
    rebound = client.post("/api/v1/rulebook/reload", headers={"Origin": "http://localhost", "Host": "localhost"})
    assert rebound.status_code == 401
    # the token, not the client's address or headers, decides
    assert client.post("/api/v1/rulebook/reload", headers=AUTH,
                       environ_base={"REMOTE_ADDR": "192.0.2.7"}).status_code == 200
    assert client.post("/api/v1/rulebook/reload", headers={**AUTH, "X-Forwarded-For": "192.0.2.7"}).status_code == 200
    assert client.get("/api/v1/rulebook/reload").status_code == 405


def test_reload_token_from_the_environment(tmp_path, versions, monkeypatch):
    from msdecide.web import create_app

    monkeypatch.setenv("MSDECIDE_RELOAD_TOKEN", TOKEN)
    client = create_app({"RULES_DIR": str(versions["A"]), "TESTING": True, "SECRET_KEY": "test"}).test_client()
    assert client.post("/api/v1/rulebook/reload", headers=AUTH).status_code == 200


def test_concurrent_requests_during_many_reloads(tmp_path, versions, capsys):
    """Alternate two valid versions and two broken ones under 8 request threads: no request fails and
    every report is exactly the report of one valid version."""
    expected = expected_reports([versions["A"], versions["B"]])
    assert len(expected) == 2
    a_sha, b_sha = list(expected)
    assert expected[a_sha] != expected[b_sha]
    link = tmp_path / "current"
    point(link, versions["A"])
    app = make_app(link)
    stop = threading.Event()
    counts = {"requests": 0, "failed": 0, "mixed": 0, "reloads": 0, "swaps": 0, "refused": 0}
    seen: dict[str, int] = {a_sha: 0, b_sha: 0}
    problems: list[str] = []
    lock = threading.Lock()

    def requester(n: int) -> None:
        client = app.test_client()
        i = n
        while not stop.is_set():
            profile = PROFILES[i % len(PROFILES)]
            i += 1
            try:
                r = client.post("/api/v1/evaluate", json=profile)
                ok = r.status_code == 200
                report = r.get_json() if ok else None
            except Exception as exc:  # noqa: BLE001 - counted, reported below
                ok, report = False, None
                problems.append(repr(exc))
            with lock:
                counts["requests"] += 1
                if not ok:
                    counts["failed"] += 1
                    continue
                sha = report["rulebook"]["sha256"]
                if sha not in expected or report != expected[sha][PROFILES.index(profile)]:
                    counts["mixed"] += 1
                    problems.append(f"profile {profile['id']}: report of {sha[:12]} does not match")
                else:
                    seen[sha] += 1

    threads = [threading.Thread(target=requester, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    reloader = app.test_client()
    cycle = [("B", b_sha), ("broken-yaml", None), ("A", a_sha), ("broken-test", None)]
    serving = a_sha
    try:
        for k in range(60):
            name, sha = cycle[k % len(cycle)]
            point(link, versions[name])
            body = reloader.post("/api/v1/rulebook/reload", headers=AUTH).get_json()
            counts["reloads"] += 1
            if sha is None:
                counts["refused"] += 1
                assert body["ok"] is False and body["errors"], body
                assert body["serving"]["sha256"] == serving
            else:
                assert body["ok"] is True, body["errors"]
                assert body["sha256"] == sha
                serving = sha
                counts["swaps"] += 1
            time.sleep(0.01)
    finally:
        stop.set()
        for t in threads:
            t.join(30)
    with capsys.disabled():
        print(f"\nconcurrent reload: {counts['requests']} requests, {counts['reloads']} reloads "
              f"({counts['swaps']} swaps, {counts['refused']} broken rulebooks refused), "
              f"{counts['failed']} failed, {counts['mixed']} mixed; reports per version: "
              f"{seen[a_sha]} from A, {seen[b_sha]} from B")
    assert counts["failed"] == 0 and counts["mixed"] == 0, problems[:5]
    assert counts["requests"] >= 200 and seen[a_sha] > 0 and seen[b_sha] > 0


def test_watcher_reloads_on_change_and_keeps_the_last_good_rulebook(tmp_path):
    root = make_book(tmp_path / "rules")
    service = RulebookService(root)
    first = service.rulebook.sha256
    results = []
    watcher = RulebookWatcher(service, interval=0.05, on_reload=results.append).start()
    try:
        exercise = root / EX
        exercise.write_text(replace(EXERCISE, "minutes a week.", "minutes a week, target 150."))
        # the service swaps the rulebook before the watcher hands the result on: wait for both
        assert _wait(lambda: service.rulebook.sha256 != first and bool(results)), \
            "the watcher did not reload a valid change"
        second = service.rulebook.sha256
        assert results[-1].ok and service.last_errors == []

        exercise.write_text(replace(EXERCISE, "option: exercise-programme", "option: exercise-program"))
        # the service records the errors before the watcher hands the result on: wait for both
        assert _wait(lambda: bool(service.last_errors) and not results[-1].ok), \
            "the watcher did not report a broken change"
        assert service.rulebook.sha256 == second
        assert "unknown-option" in service.last_errors[0]
        reloads = watcher.reloads
        time.sleep(0.3)
        assert watcher.reloads == reloads, "a broken rulebook must not be retried until it changes"

        exercise.write_text(EXERCISE)
        assert _wait(lambda: service.rulebook.sha256 == first and not service.last_errors)
    finally:
        watcher.stop()


def _wait(condition: Any, timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.02)
    return False


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, data: bytes | None = None) -> tuple[int, dict[str, Any]]:
    req = urllib.request.Request(url, data=data, method="POST" if data is not None else "GET",
                                 headers={"Content-Type": "application/json", **AUTH})
    try:
        with urllib.request.urlopen(req, timeout=10) as r:
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_serve_watch_rules_end_to_end(tmp_path):
    root = make_book(tmp_path / "rules")
    port = _free_port()
    env = {**os.environ, "MSDECIDE_SECRET_KEY": "test", "MSDECIDE_RELOAD_TOKEN": TOKEN}
    proc = subprocess.Popen([sys.executable, "-m", "msdecide.cli", "serve", "--rules", str(root), "--port", str(port),
                             "--watch-rules", "--watch-interval", "0.1"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        assert _wait(lambda: _alive(base), 30), "the server did not start"
        first = _get(base + "/healthz")[1]["rulebook"]["sha256"]
        (root / EX).write_text(replace(EXERCISE, "exercise_min_per_week < 150", "exercise_min_per_week < 140"))
        assert _wait(lambda: _get(base + "/healthz")[1]["rulebook"]["sha256"] != first), "no reload"
        status, body = _get(base + "/api/v1/evaluate", json.dumps(PROFILES[0]).encode())
        assert status == 200 and "exercise-programme" in [o["id"] for o in body["options"]]
        (root / SM).write_text("rule: [\n")
        assert _wait(lambda: bool(_get(base + "/api/v1/rulebook")[1]["errors"]))
        status, body = _get(base + "/api/v1/rulebook/reload", b"")
        assert status == 422 and body["ok"] is False and "yaml-syntax" in " ".join(body["errors"])
        assert _get(base + "/api/v1/evaluate", json.dumps(PROFILES[0]).encode())[0] == 200
    finally:
        proc.terminate()
        out = proc.communicate(timeout=10)[0]
    assert "Watching" in out and "rulebook reloaded" in out and "NOT reloaded" in out, out


def _alive(base: str) -> bool:
    try:
        return _get(base + "/healthz")[0] == 200
    except OSError:
        return False
