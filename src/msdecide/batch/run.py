"""Evaluating a cohort in chunks: in this process, in local worker processes, or on a Dask cluster.

Whatever runs the chunks, results come back in the cohort's order, so the output is the same row
for row. Every worker evaluates with the rulebook it loads itself; each result row names that
rulebook's sha256 and the run stops if a worker used a different one than this process.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from typing import Any

from ..api import default_rulebook, evaluate, rulebook_at
from ..commands.common import UserError
from ..profile import ProfileError
from ..rulebook.model import Rulebook
from .cohort import Row
from .results import invalid_row, result_row


def _book(rules: str | None) -> Rulebook:
    return default_rulebook() if rules is None else rulebook_at(rules)


def evaluate_chunk(rows: list[Row], rules: str | None = None) -> list[dict[str, Any]]:
    """Result rows for a chunk of cohort records (runs in a worker)."""
    book = _book(rules)
    out = []
    for row, data, errors in rows:
        if errors:
            out.append(invalid_row(row, data, errors, book.sha256))
            continue
        try:
            out.append(result_row(row, evaluate(data, book)))
        except ProfileError as exc:
            out.append(invalid_row(row, data, [{"field": e.field, "message": e.message} for e in exc.errors],
                                   book.sha256))
    return out


def _warm(rules: str | None) -> None:
    """Load and compile the rulebook once per worker process, before the first chunk."""
    evaluate_chunk([(0, {}, [])], rules)


def chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


def _ordered(submit: Callable[[list[Row]], Any], result: Callable[[Any], list[dict[str, Any]]],
             parts: Iterator[list[Row]], in_flight: int) -> Iterator[list[dict[str, Any]]]:
    """Keep `in_flight` chunks running; yield their results in submission order."""
    pending: deque[Any] = deque()
    for part in parts:
        pending.append(submit(part))
        if len(pending) >= in_flight:
            yield result(pending.popleft())
    while pending:
        yield result(pending.popleft())


def run_batch(rows: Iterable[Row], *, workers: int = 1, scheduler: str | None = None, rules: str | None = None,
              chunk_size: int = 200) -> Iterator[list[dict[str, Any]]]:
    """Evaluate every record; yields lists of result rows, in the cohort's order."""
    expected = _book(rules).sha256
    parts = chunks(rows, chunk_size)
    if scheduler:
        stream = _on_dask(parts, scheduler, rules)
    elif workers > 1:
        stream = _on_processes(parts, workers, rules)
    else:
        stream = (evaluate_chunk(part, rules) for part in parts)
    for results in stream:
        if any(r["rulebook_sha256"] != expected for r in results):
            raise UserError("a worker evaluated with a different rulebook than this process (sha256 differs): "
                            "install the same msdecide and rules on every worker")
        yield results


def _on_processes(parts: Iterator[list[Row]], workers: int, rules: str | None) -> Iterator[list[dict[str, Any]]]:
    context = multiprocessing.get_context("spawn")  # a clean interpreter: no durable-rules state is inherited
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_warm, initargs=(rules,)) as pool:
        yield from _ordered(lambda part: pool.submit(evaluate_chunk, part, rules), Future.result, parts, workers * 3)


def _on_dask(parts: Iterator[list[Row]], address: str, rules: str | None) -> Iterator[list[dict[str, Any]]]:
    try:
        from distributed import Client
    except ImportError:
        raise UserError("--scheduler needs Dask: pip install 'msdecide[batch]'") from None
    try:
        client = Client(address, timeout="10s")
    except OSError as exc:
        raise UserError(f"cannot reach the Dask scheduler at {address}: {exc}") from None
    with client:
        threads = max(1, sum(client.nthreads().values()))
        yield from _ordered(lambda part: client.submit(evaluate_chunk, part, rules, pure=False),
                            lambda future: future.result(), parts, threads * 3)
