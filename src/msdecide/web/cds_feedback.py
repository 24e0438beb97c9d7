"""CDS Hooks feedback, append-only in SQLite: which cards were accepted or overridden, against which rules.

Two tables. `issued_cards` keeps, per card uuid, what the card was about (option id, rule ids,
rulebook version and sha256) so that feedback, which carries only the uuid, can be tied to the rules.
`feedback` keeps each outcome. No patient data is stored: no patient or encounter id, no hook
instance, no free text (a user comment is recorded only as "given"). Triggers refuse UPDATE and
DELETE, so the history cannot be rewritten through this database file's normal use.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import threading
from pathlib import Path
from typing import Any

SCHEMA = """
CREATE TABLE IF NOT EXISTS issued_cards (
    uuid TEXT PRIMARY KEY, service TEXT NOT NULL, outcome TEXT NOT NULL, option_id TEXT,
    rules TEXT NOT NULL, rulebook_version TEXT NOT NULL, rulebook_sha256 TEXT NOT NULL, issued_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS feedback (
    id INTEGER PRIMARY KEY AUTOINCREMENT, service TEXT NOT NULL, card TEXT NOT NULL, outcome TEXT NOT NULL,
    override_system TEXT, override_code TEXT, comment_given INTEGER NOT NULL, accepted_suggestions INTEGER NOT NULL,
    option_id TEXT, rules TEXT, rulebook_sha256 TEXT, outcome_timestamp TEXT NOT NULL, received_at TEXT NOT NULL);
"""
APPEND_ONLY = [f"CREATE TRIGGER IF NOT EXISTS {table}_no_{op.lower()} BEFORE {op} ON {table} "
               f"BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END;"
               for table in ("issued_cards", "feedback") for op in ("UPDATE", "DELETE")]


def card_rules(card: dict[str, Any]) -> tuple[str, str | None, list[str]]:
    """(outcome, option id, rule ids) of a rendered card, from its msdecide extension."""
    ext = next(iter(card.get("extension", {}).values()), {})
    rules = list(ext.get("rules", []))
    for item in ext.get("notOffered", []) + ext.get("missing", []):
        rules += item.get("rules", [])
    return ext.get("outcome", "unknown"), ext.get("optionId"), sorted(set(rules))


class FeedbackStore:
    """One SQLite database (a file, or ":memory:" for tests), shared by the threads of one server."""

    def __init__(self, path: str | Path):
        self.path = str(path)
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(self.path, check_same_thread=False, timeout=10, isolation_level=None)
        with self._lock:
            self._db.executescript(SCHEMA + "\n".join(APPEND_ONLY))

    def issue(self, service: str, cards: list[dict[str, Any]], version: str, sha256: str) -> None:
        now = _now()
        rows = [(c["uuid"], service, *_flat(card_rules(c)), version, sha256, now) for c in cards]
        with self._lock:
            self._db.executemany("INSERT OR IGNORE INTO issued_cards VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows)

    def record(self, service: str, items: list[dict[str, Any]]) -> int:
        """Append validated feedback items; returns how many of their cards this store had issued."""
        now, known, rows = _now(), 0, []
        with self._lock:
            for item in items:
                issued = self._db.execute("SELECT option_id, rules, rulebook_sha256 FROM issued_cards WHERE uuid = ?",
                                          (item["card"],)).fetchone()
                known += issued is not None
                reason = (item.get("overrideReason") or {}).get("reason") or {}
                rows.append((service, item["card"], item["outcome"], reason.get("system"), reason.get("code"),
                             int(bool((item.get("overrideReason") or {}).get("userComment"))),
                             len(item.get("acceptedSuggestions") or []), *(issued or (None, None, None)),
                             item["outcomeTimestamp"], now))
            self._db.executemany("INSERT INTO feedback (service, card, outcome, override_system, override_code, "
                                 "comment_given, accepted_suggestions, option_id, rules, rulebook_sha256, "
                                 "outcome_timestamp, received_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)
        return known

    def rows(self) -> list[dict[str, Any]]:
        """Every feedback row, oldest first (for audits and tests)."""
        with self._lock:
            cur = self._db.execute("SELECT * FROM feedback ORDER BY id")
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r)) | {"rules": json.loads(r[names.index("rules")] or "null")}
                    for r in cur.fetchall()]


def _flat(info: tuple[str, str | None, list[str]]) -> tuple[str, str | None, str]:
    outcome, option, rules = info
    return outcome, option, json.dumps(rules)


def _now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def validate_feedback(body: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The feedback items of a CDS Hooks 2.0.1 feedback request, or the problems with it."""
    if not isinstance(body, dict) or not isinstance(body.get("feedback"), list) or not body["feedback"]:
        return [], ["feedback: a non-empty list of feedback items is required"]
    problems: list[str] = []
    for i, item in enumerate(body["feedback"]):
        where = f"feedback[{i}]"
        if not isinstance(item, dict):
            problems.append(f"{where}: must be an object")
            continue
        if not isinstance(item.get("card"), str) or not item["card"]:
            problems.append(f"{where}.card: the card's uuid is required")
        if item.get("outcome") not in ("accepted", "overridden"):
            problems.append(f"{where}.outcome: must be 'accepted' or 'overridden'")
        if not isinstance(item.get("outcomeTimestamp"), str):
            problems.append(f"{where}.outcomeTimestamp: an ISO timestamp is required")
        reason = item.get("overrideReason")
        if reason is not None and (item.get("outcome") != "overridden" or not isinstance(reason, dict)):
            problems.append(f"{where}.overrideReason: only an object, and only with outcome 'overridden'")
        accepted = item.get("acceptedSuggestions")
        if accepted is not None and (not isinstance(accepted, list) or
                                     not all(isinstance(a, dict) and isinstance(a.get("id"), str) for a in accepted)):
            problems.append(f"{where}.acceptedSuggestions: a list of {{\"id\": ...}}")
    return ([] if problems else body["feedback"]), problems
