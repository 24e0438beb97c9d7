"""`msdecide rules new`: a new rule file from a template, with the next free id and today's dates."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from pathlib import Path

from ruamel.yaml import YAML

from ..options_ids import THEMES
from .model import EXPECTATIONS

ID_IN_NAME = re.compile(r"^msr-(\d{4})", re.I)
ID_IN_TEXT = re.compile(r"^rule:\s*MSR-(\d{4})\s*$", re.M)

TEMPLATE = """\
# Written by `msdecide rules new` on {today}. Replace every TODO, then run
#   msdecide rules check   and   msdecide rules test --rule {rid}
# The format is explained in docs/writing-rules.md.
rule: {rid}
title: "TODO: {title} - the situation, in a few words"
status: draft             # draft until a clinical reviewer has checked it; then active
version: 1
authors: [TODO your name]
reviewed_by: []           # the reviewer's name, needed before status: active
created: {today}
review_by: {review}     # one year from now: when the evidence must be looked at again

option: {option}
action: {action}
{extra}when:
  all:                    # every line must hold; one comparison per line
    - always              # TODO, e.g. disease_course.phenotype == "RRMS"
because:
  - "TODO: why {{option}} is in question for this patient; show their values with a field in braces, as in EDSS (disease_course.edss in braces)."

evidence:
  - citation: "TODO: authors, year, title, journal (or guideline and section)"
    level: guideline      # guideline, consensus, systematic-review, rct, observational, expert-opinion, label, regulatory
    verified: false       # true once checked against the source

tests:
  - name: "TODO: a patient for whom the rule {fires_word}"
    profile: {{}}           # TODO, e.g. {{disease_course: {{phenotype: RRMS, edss: 3.0}}}}
    expect: {fires}
  - name: "TODO: a patient for whom it does not"
    profile: {{}}
    expect: {quiet}
"""


class TemplateError(ValueError):
    """The option, theme or caution given to `rules new` is not in the rulebook."""


def _catalogue(root: Path) -> tuple[dict[str, str], set[str]]:
    path = root / "options.yaml"
    if not path.is_file():
        raise TemplateError(f"{root}: no options.yaml here: is this a rulebook directory?")
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")) or {}
    options = {o["id"]: o.get("title", o["id"]) for o in data.get("options", []) if isinstance(o, dict) and "id" in o}
    cautions = {c["id"] for c in data.get("cautions", []) if isinstance(c, dict) and "id" in c}
    return options, cautions


def used_ids(root: Path) -> dict[int, Path]:
    """Every rule number in the rulebook (retired rules too: ids are never reused)."""
    out: dict[int, Path] = {}
    for path in sorted(root.glob("*/*.yaml")):
        m = ID_IN_NAME.match(path.name)
        if m:
            out[int(m.group(1))] = path
        text = path.read_text(encoding="utf-8", errors="replace")
        for m in ID_IN_TEXT.finditer(text):
            out.setdefault(int(m.group(1)), path)
    return out


def next_id(root: Path, theme: str) -> int:
    """After the highest number in the theme's folder (rules of a theme stay together), else after all."""
    used = used_ids(root)
    in_theme = [n for n, p in used.items() if p.parent.name == theme]
    n = (max(in_theme) if in_theme else max(used, default=0)) + 1
    while n in used:
        n += 1
    if n > 9999:
        raise TemplateError("no free rule id left below MSR-9999")
    return n


def _hint(value: str, known: list[str]) -> str:
    close = difflib.get_close_matches(value, known, n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def new_rule(root: Path, *, option: str, theme: str, action: str = "offer", caution: str | None = None,
             slug: str | None = None, today: dt.date | None = None) -> tuple[Path, str]:
    """Write the template; returns the new file and its rule id."""
    today = today or dt.date.today()
    root = Path(root)
    options, cautions = _catalogue(root)
    if option not in options:
        raise TemplateError(f"'{option}' is not an option in {root / 'options.yaml'}{_hint(option, list(options))}")
    if theme not in THEMES:
        raise TemplateError(f"'{theme}' is not a theme: one of {', '.join(THEMES)}")
    if action == "caution" and not caution:
        raise TemplateError("a caution rule needs --caution: the caution id it adds")
    if caution is not None and caution not in cautions:
        raise TemplateError(f"'{caution}' is not a caution id in {root / 'options.yaml'}"
                            f"{_hint(caution, sorted(cautions))}")
    slug = slug or option
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]*", slug):
        raise TemplateError(f"--slug '{slug}': use lower-case letters, digits and '-'")
    number = next_id(root, theme)
    rid = f"MSR-{number:04d}"
    extra = ""
    if action == "exclude":
        extra = "strength: absolute      # absolute, specialist (stays offered with a caution) or preference\n"
        if caution:
            extra += f"caution: {caution}\n"
    elif action == "caution":
        extra = f"caution: {caution}\n"
    fires, quiet, _ = EXPECTATIONS[action]
    try:
        review = today.replace(year=today.year + 1)
    except ValueError:  # 29 February
        review = today + dt.timedelta(days=365)
    text = TEMPLATE.format(today=today.isoformat(), review=review.isoformat(), rid=rid, option=option,
                           title=options[option], action=action, extra=extra, fires=fires, quiet=quiet,
                           fires_word={"offer": "offers it", "exclude": "excludes it",
                                       "caution": "adds the caution"}[action])
    folder = root / theme
    folder.mkdir(exist_ok=True)
    path = folder / f"{rid.lower()}-{slug}.yaml"
    if path.exists():
        raise TemplateError(f"{path} exists already")
    path.write_text(text, encoding="utf-8")
    return path, rid
