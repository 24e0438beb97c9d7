"""What the subcommands share: reading profile files, choosing a rulebook."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from ..resources import rules_dir
from ..rulebook.loader import load_rulebook
from ..rulebook.model import Rulebook


class UserError(Exception):
    """A mistake in what the user gave us; `code` is the exit status."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def parse_text(text: str, name: str) -> Any:
    """JSON or YAML text -> data, with the position of a syntax error."""
    if name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        try:
            return json.loads(text)
        except json.JSONDecodeError as exc:
            raise UserError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    try:
        return YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise UserError(f"{where}: not valid YAML: {exc.problem}") from None


def read_profile(path: str) -> Any:
    """A profile from a .json/.yaml file, or `-` for standard input."""
    if path == "-":
        return parse_text(sys.stdin.read(), "<stdin>")
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{path}: no such file")
    if p.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise UserError(f"{path}: a profile file must end in .json, .yaml or .yml")
    return parse_text(p.read_text(encoding="utf-8"), path)


def rulebook_from(path: str | None) -> Rulebook:
    """The rulebook in `path`, or the default one. Raises RulebookError."""
    if path is None:
        from ..api import default_rulebook
        return default_rulebook()
    if not Path(path).is_dir():
        raise UserError(f"{path}: no such rulebook directory", 1)
    return load_rulebook(path)


def default_rules_path() -> str:
    return str(rules_dir())
