"""Profile -> facts: a flat map of known field values. A field that is not in the map is unknown."""

from __future__ import annotations

from typing import Any

from ..profile import FIELDS, Profile
from ..rulebook.conditions import NONE_VALUE

Facts = dict[str, Any]


def profile_facts(profile: Profile) -> Facts:
    """Known values by field path. Lists become frozensets; `treatment.current: null` becomes 'none'."""
    facts: Facts = {}
    for path, spec in FIELDS.items():
        if spec.kind in ("date", "text"):
            continue
        value = profile.value(path)
        if value is None:
            if path == "treatment.current" and profile.is_current_known():
                facts[path] = NONE_VALUE
            continue
        facts[path] = frozenset(value) if spec.kind == "list" else value
    return facts


def with_offered(facts: Facts, offered: set[str]) -> Facts:
    """Facts for the second pass: which options the first pass offered."""
    return {**facts, "offered": frozenset(offered)}
