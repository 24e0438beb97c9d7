"""`msdecide batch COHORT --out RESULTS` and `msdecide synth N --out FILE`."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..batch import ResultWriter, count_rows, read_rows, run_batch
from ..batch.cohort import cohort_format
from ..batch.summary import Summary
from ..synth import cohort
from .common import UserError, rulebook_from
from .synth_out import write_cohort

SHOW_INVALID = 20


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("batch", help="evaluate a cohort (JSON Lines, CSV or Parquet); one result row per patient")
    p.add_argument("cohort", help="profiles: .jsonl/.ndjson, .csv (dotted column names, lists ';'-separated) "
                                  "or .parquet")
    p.add_argument("--out", required=True, metavar="RESULTS", help="results: .jsonl/.ndjson or .parquet")
    p.add_argument("--summary", metavar="HTML", help="also write the summary as a static HTML page with a chart")
    p.add_argument("--workers", type=_positive, default=os.cpu_count() or 1,
                   help="worker processes (default: all local cores; 1 evaluates in this process)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="run on a Dask distributed cluster (e.g. tcp://10.0.0.5:8786) instead of local processes")
    p.add_argument("--chunk-size", type=_positive, default=200, help="profiles per task (default 200)")
    p.add_argument("--rules", metavar="DIR", help="rulebook directory (default: the bundled rulebook)")
    p.add_argument("--no-progress", action="store_true", help="no progress bar")
    p.set_defaults(run=run_batch_cmd)
    s = sub.add_parser("synth", help="write N synthetic, contract-valid MS profiles (deterministic for a seed)")
    s.add_argument("n", type=_positive, help="how many profiles")
    s.add_argument("--seed", type=int, default=0)
    s.add_argument("--as-of", default="2026-11-25", metavar="YYYY-MM-DD",
                   help="the date every profile describes (fixed, so that a seed always gives the same file)")
    s.add_argument("--out", required=True, metavar="FILE", help=".jsonl/.ndjson, .csv or .parquet")
    s.set_defaults(run=run_synth)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


def run_batch_cmd(args: argparse.Namespace) -> int:
    cohort_format(args.cohort)
    if not Path(args.cohort).is_file():
        raise UserError(f"{args.cohort}: no such file")
    book = rulebook_from(args.rules)
    summary = Summary(book)
    total = count_rows(args.cohort)
    from tqdm import tqdm

    bar = tqdm(total=total, unit="profile", file=sys.stderr, disable=args.no_progress, dynamic_ncols=True,
               desc="evaluating")
    with ResultWriter(args.out) as out, bar:
        workers = 1 if total <= args.chunk_size else args.workers  # one chunk: no processes to start
        for results in run_batch(read_rows(args.cohort), workers=workers, scheduler=args.scheduler,
                                 rules=args.rules, chunk_size=args.chunk_size):
            for row in results:
                out.write(row)
                summary.add(row)
                if row["errors"] and len(summary.invalid) <= SHOW_INVALID:
                    shown = "; ".join(f"{e['field']}: {e['message']}" for e in row["errors"])
                    bar.write(f"row {row['row']}: invalid: {shown}", file=sys.stderr)
            bar.update(len(results))
    if len(summary.invalid) > SHOW_INVALID:
        print(f"... and {len(summary.invalid) - SHOW_INVALID} more invalid rows (see 'errors' in {args.out})",
              file=sys.stderr)
    print(summary.text())
    if args.summary:
        Path(args.summary).write_text(summary.html(f"msdecide batch: {Path(args.cohort).name}"), encoding="utf-8")
    return 0


def run_synth(args: argparse.Namespace) -> int:
    write_cohort(cohort(args.n, seed=args.seed, as_of=args.as_of), args.out)
    print(f"{args.n} synthetic profiles (seed {args.seed}) written to {args.out}", file=sys.stderr)
    return 0
