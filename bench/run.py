"""`make bench`: every figure measured in one run on this machine, written to bench/results/ as JSON
and as a Markdown table, and copied into the README between its bench markers.

- engines: evaluations per CPU-second and per-evaluation p50/p95 (CPU time of the evaluating thread) on
  the same profiles, in interleaved rounds (machine noise hits every engine alike): durable-rules and the reference evaluator, full
  evaluation (report included) and match only; zen-engine (GoRules JDM) on the rules that translate
  to a decision table, match only (which rule instances are TRUE), checked equal to the reference
  evaluator first;
- memory: RSS growth over many evaluations, per engine;
- rulebook load: cold (no cache) and from the on-disk cache, each in a fresh process, engine compile
  included; CLI `msdecide evaluate examples/demo-001.json` wall time;
- API: `msdecide serve` under 16 concurrent keep-alive clients (bench/api_latency.py).

    make bench                                  # or: .venv/bin/python bench/run.py [--quick]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from api_latency import measure as api_measure, percentile  # noqa: E402

from msdecide import evaluate, parse_profile  # noqa: E402
from msdecide.api import default_rulebook, engine_for, match  # noqa: E402
from msdecide.engine.facts import profile_facts  # noqa: E402
from msdecide.rulebook.conditions import Truth  # noqa: E402
from tests.profiles import random_profile  # noqa: E402

RESULTS = ROOT / "bench" / "results"
README = ROOT / "README.md"
MARKERS = ("<!-- bench:start -->", "<!-- bench:end -->")


def machine() -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    return {"nproc": os.cpu_count(), "cpu": model, "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}", "load_average_at_start": os.getloadavg()[0]}


def rss_mib() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(fn: Callable[[Any], Any], items: list[Any], seconds: float) -> list[float]:
    """Per-call CPU seconds of this thread for about `seconds` of CPU, cycling through `items`. CPU time,
    not wall time: on a shared machine the wall clock also counts the time other processes had the core."""
    out: list[float] = []
    clock = time.thread_time
    start = clock()
    n = 0
    while clock() - start < seconds:
        t0 = clock()
        fn(items[n % len(items)])
        out.append(clock() - t0)
        n += 1
    return out


def in_fresh_process(code: str, env: dict[str, str]) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env={**os.environ, **env},
                         cwd=ROOT, timeout=120, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


LOAD = ("import json, time; t = time.perf_counter(); from msdecide.api import default_rulebook, engine_for; "
        "i = time.perf_counter(); b = default_rulebook(); l = time.perf_counter(); engine_for(b); "
        "c = time.perf_counter(); print(json.dumps({'import': i - t, 'load': l - i, 'compile': c - l}))")


def load_times(runs: int) -> dict[str, Any]:
    """Rulebook load + durable compile, in fresh processes: without a cache entry, then from it."""
    with tempfile.TemporaryDirectory() as cache:
        env = {"MSDECIDE_CACHE_DIR": cache}
        cold = [in_fresh_process(LOAD, env) for _ in range(2) if not [p.unlink() for p in Path(cache).glob("*")]]
        in_fresh_process(LOAD, env)  # writes the entry
        cached = [in_fresh_process(LOAD, env) for _ in range(runs)]
        cli = []
        for _ in range(runs):
            t0 = time.perf_counter()
            subprocess.run([str(Path(sys.executable).with_name("msdecide")), "evaluate", "examples/demo-001.json"],
                           cwd=ROOT, env={**os.environ, **env}, capture_output=True, check=True, timeout=60)
            cli.append(time.perf_counter() - t0)
    med = lambda rows, k: statistics.median(r[k] for r in rows)  # noqa: E731
    return {"cold_load_compile_s": round(med(cold, "load") + med(cold, "compile"), 3),
            "cached_load_compile_s": round(med(cached, "load") + med(cached, "compile"), 3),
            "import_s": round(med(cached, "import"), 3), "cli_evaluate_wall_s": round(statistics.median(cli), 3)}


def engines(profiles: list[Any], rounds: int, seconds: float, memory_evals: int
            ) -> tuple[dict[str, Any], dict[str, Any]]:
    from jdm import ZenMatcher

    book = default_rulebook()
    zen = ZenMatcher(book)
    reference = engine_for(book, "reference")
    facts = []
    for p in profiles:  # every engine gives the same answer before anything is timed
        assert evaluate(p, engine="durable").to_json() == evaluate(p, engine="reference").to_json()
        f = profile_facts(p)
        f.setdefault("region", book.meta.region)
        results = reference.rules(book.phase(1), f, reference.predicates(f))
        assert zen.true_keys(f) == {k for k in zen.keys if results[k] is Truth.TRUE}
        facts.append(f)
    runs: dict[str, Callable[[Any], Any]] = {
        "durable, full evaluation": lambda p: evaluate(p, engine="durable"),
        "reference, full evaluation": lambda p: evaluate(p, engine="reference"),
        "durable, match only": lambda p: match(p, book, "durable"),
        "reference, match only": lambda p: match(p, book, "reference"),
        "zen-engine (JDM), match only": zen.true_keys,
    }
    times: dict[str, list[float]] = {k: [] for k in runs}
    rates: dict[str, list[float]] = {k: [] for k in runs}
    for _ in range(rounds):
        for name, fn in runs.items():
            items = facts if name.startswith("zen") else profiles
            t = timed(fn, items, seconds)
            times[name] += t
            rates[name].append(len(t) / sum(t))
    table = {name: {"evals_per_s": round(statistics.median(rates[name]), 1),
                    "p50_ms": round(percentile(times[name], 50) * 1000, 3),
                    "p95_ms": round(percentile(times[name], 95) * 1000, 3)} for name in runs}
    for name, fn in runs.items():
        if "full" in name or name.startswith("zen"):
            table[name]["rss_growth_mib"] = memory(fn, facts if name.startswith("zen") else profiles, memory_evals)
    zen_info = {"instances_translated": len(zen.keys), "instances": len(book.live()), "table_rows": zen.rows,
                "not_translated": zen.skipped, "zen_engine": _version("zen-engine"), "memory_evals": memory_evals}
    return table, zen_info


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def memory(fn: Callable[[Any], Any], items: list[Any], n: int) -> float:
    """RSS growth in MiB over `n` calls (after one warm-up pass)."""
    for item in items:
        fn(item)
    before = rss_mib()
    for i in range(n):
        fn(items[i % len(items)])
    return round(rss_mib() - before, 1)


def markdown(r: dict[str, Any]) -> str:
    m, e, ld, api, z = r["machine"], r["engines"], r["load"], r["api"], r["zen"]
    ref_full = e["reference, full evaluation"]["evals_per_s"]
    lines = [f"Measured {r['date']} on {m['nproc']} cores ({m['cpu']}), Python {m['python']}, {m['system']}; "
             f"load average {m['load_average_at_start']:.1f} at the start (the machine is shared: compare ratios).",
             "", f"| engine | evals/s (CPU) | × reference full | p50 ms | p95 ms | RSS growth over "
                 f"{z['memory_evals']:,} evals |", "|---|---:|---:|---:|---:|---:|"]
    for name, row in e.items():
        growth = f"{row['rss_growth_mib']:.1f} MiB" if "rss_growth_mib" in row else "–"
        lines.append(f"| {name} | {row['evals_per_s']:,.0f} | {row['evals_per_s'] / ref_full:.2f} | "
                     f"{row['p50_ms']:.2f} | {row['p95_ms']:.2f} | {growth} |")
    lines += ["", "| measure | value |", "|---|---:|",
              f"| rulebook load + compile, cold (no cache) | {ld['cold_load_compile_s']:.2f} s |",
              f"| rulebook load + compile, from the cache | {ld['cached_load_compile_s']:.2f} s |",
              f"| `msdecide evaluate examples/demo-001.json`, wall | {ld['cli_evaluate_wall_s']:.2f} s |",
              f"| API `POST /api/v1/evaluate`, {api['clients']} clients, {api['workers']} workers, "
              f"{api['requests']:,} requests | {api['requests_per_second']:,.0f} req/s, p50 {api['p50_ms']:.1f} ms, "
              f"p95 {api['p95_ms']:.1f} ms, {api['errors']} errors |",
              "", f"zen-engine {z['zen_engine']}: {z['instances_translated']} of {z['instances']} rule instances "
              f"translate to one JDM decision table ({z['table_rows']:,} rows); not translated: "
              + ", ".join(f"{n} {why}" for why, n in z["not_translated"].items())
              + ". zen answers which instances are TRUE only; msdecide's engines also settle FALSE and "
              "UNKNOWN and the report's missing data."]
    return "\n".join(lines) + "\n"


def update_readme(table: str) -> None:
    text = README.read_text()
    start, end = MARKERS
    if start in text and end in text:
        before, rest = text.split(start, 1)
        README.write_text(before + start + "\n" + table + end + rest.split(end, 1)[1])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--seconds", type=float, default=1.0, help="per engine per round")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--memory-evals", type=int, default=2000, help="per engine, for RSS growth")
    ap.add_argument("--requests", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=16)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--quick", action="store_true", help="a short run while developing (nothing written)")
    args = ap.parse_args()
    if args.quick:
        args.seconds, args.rounds, args.memory_evals, args.requests = 0.3, 1, 300, 500

    result: dict[str, Any] = {"date": dt.date.today().isoformat(), "machine": machine()}
    rng = random.Random(2026)
    examples = [json.loads(p.read_text()) for p in sorted((ROOT / "examples").glob("*.json"))]
    profiles = [parse_profile(p) for p in examples + [random_profile(rng, fill) for fill in (0.2, 0.6, 0.9)
                                                       for _ in range(20)]]
    result["rulebook"] = {"rules": len(default_rulebook().rules), "instances": len(default_rulebook().live()),
                          "profiles": len(profiles)}
    result["engines"], result["zen"] = engines(profiles, args.rounds, args.seconds, args.memory_evals)
    result["load"] = load_times(3)
    result["api"] = api_measure(args.requests, args.clients, args.workers)
    table = markdown(result)
    print(json.dumps(result, indent=2))
    print(table)
    if not args.quick:
        RESULTS.mkdir(exist_ok=True)
        (RESULTS / "bench.json").write_text(json.dumps(result, indent=2) + "\n")
        (RESULTS / "bench.md").write_text(table)
        update_readme(table)


if __name__ == "__main__":
    main()
