"""What the subcommands share: reading profile files, choosing a rulebook."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError

from ..jsontext import NestingError, loads, too_deep
from ..resources import rules_dir
from ..rulebook.loader import load_rulebook
from ..rulebook.model import Rulebook


class UserError(Exception):
    """A mistake in what the user gave us; `code` is the exit status."""

    def __init__(self, message: str, code: int = 2):
        super().__init__(message)
        self.code = code


def parse_text(text: str, name: str) -> Any:
    """JSON or YAML text -> data, with the position of a syntax error; deep nesting is refused."""
    if name.endswith(".json") or text.lstrip().startswith(("{", "[")):
        try:
            return loads(text)
        except json.JSONDecodeError as exc:
            raise UserError(f"{name}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
        except NestingError as exc:
            raise UserError(f"{name}: {exc}") from None
    try:
        data = YAML(typ="safe", pure=True).load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise UserError(f"{where}: not valid YAML: {exc.problem}") from None
    except RecursionError:
        raise UserError(f"{name}: {NestingError()}") from None
    if too_deep(data):
        raise UserError(f"{name}: {NestingError()}")
    return data


def read_text(path: Path) -> str:
    """A text file's contents; a file that is not UTF-8 text (or cannot be read) is a user error."""
    try:
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise UserError(f"{path}: not a UTF-8 text file (byte {exc.start + 1} is not valid UTF-8)") from None
    except OSError as exc:
        raise UserError(f"{path}: cannot be read ({exc.strerror or type(exc).__name__})") from None


def read_profile(path: str) -> Any:
    """A profile from a .json/.yaml file, or `-` for standard input."""
    if path == "-":
        try:
            return parse_text(sys.stdin.read(), "<stdin>")
        except UnicodeDecodeError:
            raise UserError("<stdin>: the profile is not UTF-8 text") from None
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{path}: no such file")
    if p.suffix.lower() not in (".json", ".yaml", ".yml"):
        raise UserError(f"{path}: a profile file must end in .json, .yaml or .yml")
    return parse_text(read_text(p), path)


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
