"""Authoring notes left in clinical text: phrases such as "from memory" or "unverified" belong in an
evidence `note:`, never in a title or a `because` sentence that clinicians and patients read.

The phrases checked are `PHRASES` plus those a rulebook adds in `lint.yaml` at its top level:

    authoring_phrases: ["to be confirmed", "ask pharmacy"]
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Any, Iterator

from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from .loader import Diagnostic
from .model import RuleFile, Sentence

LINT_FILE = "lint.yaml"
PHRASES = ("from memory", "unverified", "not verified", "check before publishing", "to be checked",
           "I think", "I believe", "FIXME", "evidence file section")
CODE = "authoring-note"


class LintConfig(BaseModel):
    """`lint.yaml`: phrases added to the built-in list of authoring notes."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    authoring_phrases: list[Annotated[str, StringConstraints(min_length=2, strip_whitespace=True)]] = []


def load_phrases(root: Path, out: list[Diagnostic]) -> tuple[str, ...]:
    """The built-in phrases plus the rulebook's own; a broken `lint.yaml` is reported and ignored."""
    path = root / LINT_FILE
    if not path.is_file():
        return PHRASES
    name = f"{root.name}/{LINT_FILE}"
    try:
        config = LintConfig.model_validate(YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")) or {})
    except (YAMLError, ValidationError) as exc:
        first = str(exc).splitlines()[0] if isinstance(exc, YAMLError) else "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'file'}: {e['msg']}" for e in exc.errors())
        out.append(Diagnostic(name, 1, 1, "error", "lint-config",
                              f"{LINT_FILE} is not valid: {first} (expected `authoring_phrases: [...]`)", ""))
        return PHRASES
    return PHRASES + tuple(p for p in config.authoring_phrases if p.lower() not in {q.lower() for q in PHRASES})


def phrase_pattern(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One case-insensitive pattern; a phrase matches as whole words ("unverified", not "unverifiedness")."""
    return re.compile("|".join(rf"(?<!\w){re.escape(p)}(?!\w)" for p in sorted(phrases, key=len, reverse=True)),
                      re.I)


def clinical_texts(rule: RuleFile) -> Iterator[tuple[tuple[Any, ...], str]]:
    """(location, text) of every text shown to readers: the title and each `because` sentence."""
    yield ("title",), rule.title
    for i, item in enumerate(rule.because):
        if isinstance(item, Sentence):
            yield ("because", i, "say"), item.say
        else:
            yield ("because", i), item


def authoring_notes(rule: RuleFile, lines: list[str], line_of: Any, name: str,
                    pattern: re.Pattern[str]) -> list[Diagnostic]:
    """An error at each authoring phrase in the rule's title and `because` sentences (retired rules aside)."""
    if rule.status == "retired":
        return []
    found: list[Diagnostic] = []
    items = list(clinical_texts(rule))
    starts = sorted({line_of(loc) for loc, _ in items})
    for loc, text in items:
        if not pattern.search(text):
            continue
        first = line_of(loc)
        later = [n for n in starts if n > first] + [n for n, s in enumerate(lines, start=1)
                                                    if n > first and s[:1] not in ("", " ", "\t")]
        last = min(later, default=len(lines) + 1) - 1
        for n in range(first, last + 1):
            for m in pattern.finditer(lines[n - 1]):
                found.append(Diagnostic(
                    name, n, m.start() + 1, "error", CODE,
                    f"authoring note in clinical text: '{m.group(0)}' - readers of the report see this text; move "
                    "the note to an evidence `note:` (or remove it)", lines[n - 1]))
    return found
