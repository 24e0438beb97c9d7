"""JSON text to data with a nesting limit: deep input is a clear user error, never a RecursionError.

A profile is at most four levels deep (profile, section, list, item); anything nested deeper than
`MAX_DEPTH` is refused before validation, wherever it came from (API, CDS Hooks, form, CLI).
"""

from __future__ import annotations

import json
from typing import Any

MAX_DEPTH = 32


class NestingError(ValueError):
    """The data is nested more deeply than `MAX_DEPTH`."""

    def __init__(self, limit: int = MAX_DEPTH):
        super().__init__(f"nested more than {limit} levels deep (a profile needs at most 4)")


def too_deep(data: Any, limit: int = MAX_DEPTH) -> bool:
    """True when lists or mappings inside `data` nest more than `limit` levels (no recursion)."""
    stack = [(data, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = list(node.values())
        elif isinstance(node, (list, tuple)):
            children = list(node)
        else:
            continue
        if depth > limit:
            return True
        stack.extend((child, depth + 1) for child in children)
    return False


def loads(text: str | bytes) -> Any:
    """Parse JSON. Raises `json.JSONDecodeError` for bad syntax and `NestingError` for deep nesting."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise NestingError() from None
    if too_deep(data):
        raise NestingError()
    return data
