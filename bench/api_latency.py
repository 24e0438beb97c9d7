"""Latency of `POST /api/v1/evaluate` against a real `msdecide serve` (waitress) on loopback.

Starts `msdecide serve --port 0 --workers W`, reads the address it prints, waits for /healthz, sends
warm-up requests, then N requests (default 10,000) of the contract's example profile from C
concurrent clients (default 16), each on its own keep-alive connection, and reports requests/s,
p50/p95/p99 and errors. Bounded: at most N requests and --timeout seconds in all; the server is
stopped at the end whatever happens. The clients run on the same machine as the server.

    .venv/bin/python bench/api_latency.py [--requests 10000] [--clients 16] [--workers 2]
"""

from __future__ import annotations

import argparse
import http.client
import itertools
import json
import os
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def msdecide_command() -> list[str]:
    script = Path(sys.executable).with_name("msdecide")
    return [str(script)] if script.exists() else [sys.executable, "-m", "msdecide.cli"]


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def start_server(workers: int, deadline: float, log: Path) -> tuple[subprocess.Popen, int]:
    """Start the server with its output (one access-log line per request) going to `log`, a file: a pipe
    nobody reads would fill up and stall the workers."""
    env = {**os.environ, "MSDECIDE_SECRET_KEY": os.environ.get("MSDECIDE_SECRET_KEY", "bench-only-key")}
    with log.open("w") as out:
        proc = subprocess.Popen([*msdecide_command(), "serve", "--port", "0", "--workers", str(workers)],
                                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=ROOT)
    port = 0
    while not port and time.monotonic() < deadline and proc.poll() is None:
        found = re.search(r"serving on http://127\.0\.0\.1:(\d+)/", log.read_text())
        port = int(found.group(1)) if found else 0
        time.sleep(0.05)
    if not port:
        proc.kill()
        raise SystemExit(f"msdecide serve did not start: {log.read_text()[:300]!r}")
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/healthz")
            ok = conn.getresponse().status == 200
            conn.close()
            if ok:
                return proc, port
        except OSError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("msdecide serve did not answer /healthz in time")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    try:
        proc.wait(15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def measure(requests: int = 10_000, clients: int = 16, workers: int = 2, warmup: int = 100,
            timeout: float = 120.0, profile: Path = ROOT / "examples" / "demo-001.json") -> dict[str, Any]:
    """Run the load and return the figures (latencies in ms)."""
    body = json.dumps(json.loads(profile.read_text())).encode()
    deadline = time.monotonic() + timeout
    with tempfile.TemporaryDirectory() as tmp:
        return _load(body, requests, clients, workers, warmup, deadline, Path(tmp) / "serve.log", profile.name)


def _load(body: bytes, requests: int, clients: int, workers: int, warmup: int, deadline: float, log: Path,
          name: str) -> dict[str, Any]:
    proc, port = start_server(workers, deadline, log)
    tickets = itertools.count()
    times: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def client(n_warm: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Content-Type": "application/json", "Connection": "keep-alive"}
        mine: list[float] = []
        try:
            for i in itertools.count():
                if i >= n_warm and (next(tickets) >= requests or time.monotonic() > deadline):
                    break
                t0 = time.perf_counter()
                try:
                    conn.request("POST", "/api/v1/evaluate", body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                    status = response.status
                except (OSError, http.client.HTTPException) as exc:
                    status = type(exc).__name__
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                elapsed = time.perf_counter() - t0
                if i >= n_warm:
                    mine.append(elapsed)
                    if status != 200:
                        with lock:
                            errors.append(str(status))
        finally:
            conn.close()
            with lock:
                times.extend(mine)

    try:
        threads = [threading.Thread(target=client, args=(max(1, warmup // clients),)) for _ in range(clients)]
        start = time.perf_counter()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
    finally:
        stop_server(proc)
    ms = [t * 1000 for t in times]
    return {"requests": len(ms), "clients": clients, "workers": workers, "errors": len(errors),
            "requests_per_second": round(len(ms) / wall, 1) if wall else 0.0,
            "p50_ms": round(percentile(ms, 50), 2), "p95_ms": round(percentile(ms, 95), 2),
            "p99_ms": round(percentile(ms, 99), 2), "max_ms": round(max(ms), 2), "profile": name}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds for the whole run, start-up included")
    ap.add_argument("--json", metavar="FILE", help="also write the numbers to FILE")
    args = ap.parse_args(argv)
    if not 1 <= args.requests <= 1_000_000 or not 1 <= args.clients <= 256:
        ap.error("--requests must be 1 to 1000000 and --clients 1 to 256")
    result = measure(args.requests, args.clients, args.workers, timeout=args.timeout)
    print(json.dumps(result, indent=2))
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
