"""Benchmarks: throughput of the durable-rules engine and the reference evaluator, measured in the same
run on the same profiles and reported as a ratio, plus memory growth over many evaluations.

    make bench              # or: .venv/bin/python bench/run.py [--seconds 1] [--rounds 5]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from msdecide import evaluate, parse_profile  # noqa: E402
from msdecide.api import default_rulebook, match  # noqa: E402
from tests.profiles import random_profile  # noqa: E402


def rss_mib() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def rate(fn, profiles, seconds: float) -> float:
    """Evaluations per second over about `seconds`."""
    n, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds:
        fn(profiles[n % len(profiles)])
        n += 1
    return n / (time.perf_counter() - start)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--memory-evals", type=int, default=3000)
    args = ap.parse_args()

    book = default_rulebook()
    rng = random.Random(2026)
    examples = [json.loads(p.read_text()) for p in sorted((ROOT / "examples").glob("*.json"))]
    profiles = [parse_profile(p) for p in examples + [random_profile(rng, 0.6) for _ in range(60)]]
    for p in profiles[:5]:  # warm up and check agreement before timing
        assert evaluate(p, engine="durable").to_json() == evaluate(p, engine="reference").to_json()

    results: dict[str, list[float]] = {"durable": [], "reference": [], "durable_match_only": [],
                                       "reference_match_only": []}
    for _ in range(args.rounds):  # interleave rounds so machine noise hits both engines alike
        for engine in ("durable", "reference"):
            results[engine].append(rate(lambda p, e=engine: evaluate(p, engine=e), profiles, args.seconds))
            results[f"{engine}_match_only"].append(rate(lambda p, e=engine: match(p, book, e), profiles,
                                                        args.seconds))
    med = {k: statistics.median(v) for k, v in results.items()}

    before = rss_mib()
    for i in range(args.memory_evals):
        evaluate(profiles[i % len(profiles)], engine="durable")
    after = rss_mib()

    summary = {
        "rulebook": {"version": book.version, "rules": len(book.rules), "instances": len(book.live()),
                     "definitions": len(book.predicates)},
        "profiles": len(profiles), "rounds": args.rounds, "seconds_per_round": args.seconds,
        "evals_per_second_median": {k: round(v, 1) for k, v in med.items()},
        "ratio_reference_over_durable": round(med["reference"] / med["durable"], 2),
        "ratio_match_only_reference_over_durable": round(med["reference_match_only"] / med["durable_match_only"], 2),
        "memory": {"evaluations": args.memory_evals, "rss_before_mib": round(before, 1),
                   "rss_after_mib": round(after, 1), "growth_mib": round(after - before, 1)},
    }
    out = ROOT / "bench" / "results"
    out.mkdir(exist_ok=True)
    (out / "engine.json").write_text(json.dumps(summary, indent=2))
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
