"""`msdecide serve`: port checks, a busy port, the real address for --port 0, and several worker
processes behind one port that stop together."""

from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from msdecide.cli import main
from msdecide.commands.serve import reload_warning
from tests.conftest import EXAMPLES


@pytest.mark.parametrize("args, message", [
    (["--port=-1"], "-1 is out of range: a port is 1 to 65535, or 0 for any free port"),
    (["--port", "99999"], "99999 is out of range: a port is 1 to 65535"),
    (["--port", "http"], "'http' is not a whole number: a port is"),
    (["--workers", "0"], "0 is out of range: use 1 to 64 worker processes"),
])
def test_bad_port_or_workers_is_a_usage_error(args, message, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["serve", *args])
    assert exc.value.code == 2
    err = capsys.readouterr().err
    assert message in err and "usage:" in err and "Traceback" not in err


def test_busy_port_is_a_clear_error_before_anything_is_served(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    out, err = capsys.readouterr()
    assert "serving on" not in out
    assert f"127.0.0.1:{port} is already in use" in err and "another --port" in err


def _post(port: int, body: bytes) -> tuple[int, bytes]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request("POST", "/api/v1/evaluate", body=body, headers={"Content-Type": "application/json"})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        conn.close()


def _children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _running(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status")
    return status.exists() and "zombie" not in status.read_text()


def test_workers_share_the_real_port_and_stop_together(tmp_path):
    env = {**os.environ, "MSDECIDE_SECRET_KEY": "test-only-key", "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "msdecide.cli", "serve", "--port", "0", "--workers", "2"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    try:
        line = proc.stdout.readline()
        found = re.search(r"serving on http://127\.0\.0\.1:(\d+)/ with 2 worker processes", line)
        assert found, line
        port = int(found.group(1))
        assert port != 0
        body = (EXAMPLES / "demo-001.json").read_bytes()
        deadline = time.monotonic() + 120
        while True:  # the workers answer once forked
            try:
                status, data = _post(port, body)
                break
            except OSError:
                assert time.monotonic() < deadline, "no worker answered"
                time.sleep(0.2)
        assert status == 200 and json.loads(data)["options"]
        assert _post(port, b"[" * 70_000)[0] == 413  # waitress refuses a body over the app's limit
        workers = _children(proc.pid)
        assert len(workers) == 2
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(30) == 0
        assert not [w for w in workers if _running(w)]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()


@pytest.mark.parametrize("workers, token, watching, warned", [
    (2, "a-token-of-sixteen+", False, True), (1, "a-token-of-sixteen+", False, False),
    (2, None, False, False), (2, "a-token-of-sixteen+", True, False),
])
def test_a_reload_token_with_several_workers_is_warned_about(workers, token, watching, warned):
    message = reload_warning({"RELOAD_TOKEN": token}, workers, watching)
    assert (message is not None) == warned
    assert not warned or "--watch-rules" in message
