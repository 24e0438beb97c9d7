"""Find the bundled rulebook, web assets and examples: in a source checkout or in an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    bundled = _PACKAGE / "_bundled" / name  # inside a wheel (hatch force-include)
    if bundled.is_dir():
        return bundled
    source = _PACKAGE.parent.parent / name  # src/msdecide -> repository root
    if source.is_dir():
        return source
    raise FileNotFoundError(f"msdecide cannot find its bundled '{name}' directory (looked in {bundled} and {source})")


def rules_dir() -> Path:
    """The rulebook to use by default: $MSDECIDE_RULES, else the bundled one."""
    return Path(os.environ["MSDECIDE_RULES"]) if os.environ.get("MSDECIDE_RULES") else _find("rules")


def web_dir() -> Path:
    return _find("web")


def examples_dir() -> Path:
    return _find("examples")
