"""The rulebook a long-running server evaluates with, and safe reloading of it.

A reload loads the rule directory, runs every embedded rule test through both engines, and only
then swaps the new rulebook in (one reference assignment, so each request sees one rulebook from
start to end). If anything fails, the last good rulebook keeps serving and the errors are kept
for `GET /api/v1/rulebook` and the form page. A replaced rulebook's durable-rules rulesets are
deleted once no request is using them.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import evaluate, release
from .report import Report
from .resources import rules_dir
from .cache import load_cached
from .rulebook.loader import RulebookError, content_hash, load_rulebook
from .rulebook.model import Rulebook
from .rulebook.testing import run_rule_tests


@dataclass(frozen=True)
class ReloadResult:
    ok: bool
    version: str
    sha256: str
    errors: list[str] = field(default_factory=list)


class RulebookService:
    """Serve evaluations from the current rulebook; reload it without ever serving a broken one."""

    def __init__(self, root: str | Path | None = None, *, verify: bool = True, include_drafts: bool = False):
        self.root = Path(root) if root else rules_dir()
        self.verify = verify
        self.include_drafts = include_drafts  # draft rules reach reports only when the server was asked to
        self._book = load_rulebook(self.root, include_drafts=True) if include_drafts else load_cached(self.root)
        self._reload_lock = threading.Lock()
        self._count_lock = threading.Lock()
        self._in_flight: dict[int, int] = {}
        self._retired: dict[int, Rulebook] = {}
        self.last_errors: list[str] = []

    @property
    def rulebook(self) -> Rulebook:
        return self._book

    def evaluate(self, profile: Any) -> Report:
        with self._count_lock:  # read and count together, so a swap never releases a rulebook in use
            book = self._book  # the whole request uses this one rulebook
            key = id(book)
            self._in_flight[key] = self._in_flight.get(key, 0) + 1
        try:
            return evaluate(profile, book)
        finally:
            with self._count_lock:
                self._in_flight[key] -= 1
                done = self._in_flight[key] == 0 and key in self._retired
                old = self._retired.pop(key) if done else None
            if old is not None:
                release(old)

    def reload(self) -> ReloadResult:
        """Load, verify and swap in the rule directory; keep the current rulebook on any failure."""
        with self._reload_lock:
            try:
                return self._reload()
            except Exception as exc:  # noqa: BLE001 - a reload must never break serving
                return self._failed([f"the rulebook could not be reloaded ({type(exc).__name__}: {exc})"])

    def _reload(self) -> ReloadResult:
        for _ in range(3):  # files saved while they were read: read them again
            before = content_hash(Path(self.root).resolve())
            try:
                book = load_rulebook(self.root, include_drafts=self.include_drafts)
            except RulebookError as exc:
                return self._failed([d.format(frame=False) for d in exc.diagnostics if d.severity == "error"])
            if book.sha256 == before:
                break
        else:
            return self._failed(["the rule files kept changing while they were read: reload again when the "
                                 "edits are saved"])
        if book.sha256 == self._book.sha256:
            self.last_errors = []
            return ReloadResult(True, book.version, book.sha256)
        if self.verify:
            try:
                failures = [o for o in run_rule_tests(book) if not o.passed]
            except Exception:
                release(book)
                raise
            if failures:
                release(book)
                return self._failed([f"{book.paths[o.rule.rule].name}: {o.rule.rule} test '{o.test.name}' "
                                     f"[{o.engine}]: expected {o.test.expect}, got {o.got.value}"
                                     for o in failures])
        self.last_errors = []
        with self._count_lock:
            old, self._book = self._book, book
            idle = self._in_flight.get(id(old), 0) == 0
            if not idle:
                self._retired[id(old)] = old
        if idle:
            release(old)
        return ReloadResult(True, book.version, book.sha256)

    def _failed(self, errors: list[str]) -> ReloadResult:
        self.last_errors = errors
        return ReloadResult(False, self._book.version, self._book.sha256, errors)
