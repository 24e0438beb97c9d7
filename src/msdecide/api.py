"""The Python API: `evaluate(profile) -> Report`. Every interface is a thin shell over this."""

from __future__ import annotations

import dataclasses
import threading
from pathlib import Path
from typing import Any, Literal

from .cache import load_cached
from .engine.decide import Context, decide, offered_ids
from .engine.facts import profile_facts, with_offered
from .engine.reference import ReferenceEngine
from .profile import Profile, parse_profile
from .report import Report
from .resources import rules_dir
from .rulebook.loader import content_hash
from .rulebook.model import Rulebook

EngineName = Literal["durable", "reference"]
_lock = threading.Lock()
_defaults: dict[Path, Rulebook] = {}  # per default directory: $MSDECIDE_RULES may change
_engines: dict[tuple[int, str], Any] = {}
_by_path: dict[Path, Rulebook] = {}
_drafts: dict[int, tuple[Rulebook, Rulebook]] = {}  # id(rulebook) -> (rulebook, the same with drafts)


def default_rulebook() -> Rulebook:
    """The bundled rulebook (or $MSDECIDE_RULES as it is now), loaded once per directory (from the on-disk
    cache when it can)."""
    root = rules_dir()
    with _lock:
        if root not in _defaults:
            _defaults[root] = load_cached(root)
        return _defaults[root]


def engine_for(rulebook: Rulebook, engine: EngineName = "durable") -> Any:
    """The compiled engine for a rulebook, built once per rulebook object."""
    key = (id(rulebook), engine)
    with _lock:
        if key not in _engines:
            if engine == "durable":
                from .engine.durable import DurableEngine
                _engines[key] = DurableEngine(rulebook)
            elif engine == "reference":
                _engines[key] = ReferenceEngine(rulebook)
            else:
                raise ValueError(f"engine must be 'durable' or 'reference', not {engine!r}")
        return _engines[key]


def release(rulebook: Rulebook) -> None:
    """Forget a rulebook's compiled engines (and its with-drafts twin's) and free their rulesets."""
    with _lock:
        pair = _drafts.pop(id(rulebook), None)
        books = {id(rulebook)} | ({id(pair[1])} if pair is not None and pair[0] is rulebook else set())
        for key in [k for k in _engines if k[0] in books]:
            _engines.pop(key).close()


def with_drafts(rulebook: Rulebook) -> Rulebook:
    """The same rulebook with its draft rules evaluated too (made once per rulebook)."""
    if rulebook.include_drafts:
        return rulebook
    with _lock:
        pair = _drafts.get(id(rulebook))
        if pair is None or pair[0] is not rulebook:
            pair = (rulebook, dataclasses.replace(rulebook, include_drafts=True))
            _drafts[id(rulebook)] = pair
        return pair[1]


def evaluate(profile: Profile | dict[str, Any], rulebook: Rulebook | str | Path | None = None,
             engine: EngineName = "durable", region: str | None = None, include_drafts: bool = False) -> Report:
    """Evaluate a profile against a rulebook (default: the bundled one) and explain the options.

    Draft rules (not yet clinically reviewed) are left out unless `include_drafts` is true; the
    report then warns which drafts contributed.

    `region` (EU, US or UK) chooses whose labels apply; it overrides the profile's own `region`, and
    without either the rulebook's default applies. Raises `ProfileError` (field-level messages) for an
    invalid profile or region and `RulebookError` for a rulebook directory that does not load.
    """
    prof = parse_profile(profile)
    if region is not None:
        prof = parse_profile({**prof.model_dump(mode="json", exclude_unset=True), "region": region})
    book = default_rulebook() if rulebook is None else rulebook if isinstance(rulebook, Rulebook) \
        else rulebook_at(rulebook)
    if include_drafts:
        book = with_drafts(book)
    return decide(book, match(prof, book, engine), prof)


def rulebook_at(root: str | Path) -> Rulebook:
    """The rulebook in a directory, loaded once per content: a path given to `evaluate` again and again
    reuses its compiled engines, and a changed directory replaces (and frees) the old ones."""
    path = Path(root).resolve()
    digest = content_hash(path) if path.is_dir() else ""
    with _lock:
        cached = _by_path.get(path)
        if cached is not None and cached.sha256 == digest:
            return cached
    book = load_cached(path)
    with _lock:
        old, _by_path[path] = _by_path.get(path), book
    if old is not None:
        release(old)
    return book


def match(profile: Profile, rulebook: Rulebook, engine: EngineName = "durable") -> Context:
    """Run the engine: the truth of every definition and rule instance for one profile."""
    eng = engine_for(rulebook, engine)
    facts = profile_facts(profile)
    facts.setdefault("region", rulebook.meta.region)
    predicates = eng.predicates(facts)
    results = eng.rules(rulebook.phase(1), facts, predicates)
    if rulebook.phase(2):
        first = offered_ids(rulebook, Context(rulebook, facts, predicates, results))
        facts = with_offered(facts, first)
        results |= eng.rules(rulebook.phase(2), facts, predicates)
    return Context(rulebook, facts, predicates, results)
