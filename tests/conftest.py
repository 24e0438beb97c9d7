"""Shared fixtures: the repository's paths and the contract's example profile."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
RULES = ROOT / "rules"
EXAMPLES = ROOT / "examples"


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".json", ".yaml"))


@pytest.fixture
def demo() -> dict[str, Any]:
    return json.loads((EXAMPLES / "demo-001.json").read_text())
