"""Latency of `POST /api/v1/evaluate` against a real `msdecide serve` (waitress) on loopback.

Starts `msdecide serve` on a free port, waits for /healthz, sends warm-up requests, then N
(default 1,000) sequential POSTs of the contract's example profile over one keep-alive
connection, and prints the median and 95th percentile. Bounded: at most N requests and
--timeout seconds in all; the server is stopped at the end whatever happens.

    .venv/bin/python bench/api_latency.py [--requests 1000] [--profile examples/demo-001.json]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def msdecide_command() -> list[str]:
    script = Path(sys.executable).with_name("msdecide")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from msdecide.cli import main; "
                                                                        "raise SystemExit(main())"]


def wait_ready(port: int, proc: subprocess.Popen, deadline: float) -> None:
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"msdecide serve exited with {proc.returncode} before it was ready")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                conn.close()
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("msdecide serve did not answer /healthz in time")


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(p / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--requests", type=int, default=1000)
    ap.add_argument("--warmup", type=int, default=50)
    ap.add_argument("--profile", default=str(ROOT / "examples" / "demo-001.json"))
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds for the whole run, start-up included")
    ap.add_argument("--json", metavar="FILE", help="also write the numbers to FILE")
    args = ap.parse_args(argv)
    if not 1 <= args.requests <= 100_000:
        ap.error("--requests must be between 1 and 100000")

    body = json.dumps(json.loads(Path(args.profile).read_text())).encode()
    port = free_port()
    deadline = time.monotonic() + args.timeout
    env = {**os.environ, "MSDECIDE_SECRET_KEY": os.environ.get("MSDECIDE_SECRET_KEY", "bench-only-key")}
    proc = subprocess.Popen([*msdecide_command(), "serve", "--host", "127.0.0.1", "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=ROOT)
    times: list[float] = []
    try:
        wait_ready(port, proc, deadline)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        headers = {"Content-Type": "application/json", "Connection": "keep-alive"}

        def once() -> float:
            t0 = time.perf_counter()
            conn.request("POST", "/api/v1/evaluate", body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            elapsed = time.perf_counter() - t0
            if response.status != 200:
                raise SystemExit(f"POST /api/v1/evaluate answered {response.status}: {data[:300]!r}")
            return elapsed

        for _ in range(args.warmup):
            once()
        for _ in range(args.requests):
            if time.monotonic() > deadline:
                print(f"stopped after {len(times)} requests: --timeout {args.timeout:g}s reached", file=sys.stderr)
                break
            times.append(once())
        conn.close()
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()

    ms = [t * 1000 for t in times]
    result = {
        "requests": len(ms), "profile": Path(args.profile).name, "server": "msdecide serve (waitress, 4 threads)",
        "median_ms": round(statistics.median(ms), 2), "p95_ms": round(percentile(ms, 95), 2),
        "p99_ms": round(percentile(ms, 99), 2), "min_ms": round(min(ms), 2), "max_ms": round(max(ms), 2),
        "python": platform.python_version(), "machine": platform.machine(),
    }
    print(f"POST /api/v1/evaluate x{result['requests']} on loopback ({result['profile']}, sequential, keep-alive): "
          f"median {result['median_ms']:.2f} ms, p95 {result['p95_ms']:.2f} ms "
          f"(p99 {result['p99_ms']:.2f}, min {result['min_ms']:.2f}, max {result['max_ms']:.2f})")
    if args.json:
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
