"""`msdecide rules ...`: the guideline authors' tools.

    rules check [DIR]      every problem, sorted by file and line, with the line and a caret
    rules test [DIR]       embedded tests through both engines; --coverage, --min-coverage N; conflicts
    rules new              a new rule file from the template, with the next free id
    rules diff OLD NEW     the clinical impact of a rulebook change on a set of profiles
    rules schema           JSON Schema for rule files (for an editor's YAML support)
    rules docs --out DIR   the readable rule catalogue, by theme

Exit codes: 0 clean; 1 the rulebook has errors, a test failed, a conflict was found or coverage is
below --min-coverage; 2 the command line is wrong.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from ..options_ids import THEMES
from ..rulebook.conditions import Truth
from ..rulebook.loader import Diagnostic, load_rulebook
from ..rulebook.model import EXPECTATIONS
from .common import UserError, default_rules_path


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def register(sub: argparse._SubParsersAction) -> None:
    rules = sub.add_parser("rules", help="check, test, create, compare and document rule files")
    rsub = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")

    check = rsub.add_parser("check", help="check rule files; every problem as path:line:col")
    check.add_argument("dir", nargs="?", help="rulebook directory (default: the bundled rulebook)")
    check.add_argument("--format", choices=["text", "json", "github"], default="text",
                       help="json for editors and CI; github for pull-request annotations")
    check.add_argument("--today", type=_date, help="check review dates as of this day (YYYY-MM-DD)")
    check.set_defaults(run=run_check)

    test = rsub.add_parser("test", help="run the tests embedded in rule files through both engines")
    test.add_argument("dir", nargs="?", help="rulebook directory (default: the bundled rulebook)")
    test.add_argument("--coverage", action="store_true",
                      help="per rule: did its tests make it fire and not fire; per condition: seen true and false")
    test.add_argument("--min-coverage", type=float, metavar="N", help="fail when coverage is below N percent")
    test.add_argument("--rule", action="append", metavar="ID", help="only this rule (repeatable)")
    test.add_argument("--format", choices=["text", "json"], default="text")
    test.set_defaults(run=run_test)

    new = rsub.add_parser("new", help="write a new rule file from the template, with the next free id")
    new.add_argument("--option", required=True, help="the option id from options.yaml")
    new.add_argument("--theme", required=True, choices=THEMES, help="the folder the rule goes in")
    new.add_argument("--action", choices=["offer", "exclude", "caution"], default="offer")
    new.add_argument("--caution", help="caution id (caution rules and specialist exclusions)")
    new.add_argument("--slug", help="the end of the file name (default: the option id)")
    new.add_argument("--dir", help="rulebook directory (default: the bundled rulebook)")
    new.add_argument("--today", type=_date, help=argparse.SUPPRESS)
    new.set_defaults(run=run_new)

    diff = rsub.add_parser("diff", help="the clinical impact of a rulebook change, profile by profile")
    diff.add_argument("old", help="the rulebook before: a directory, or REV:PATH from git (e.g. main:rules)")
    diff.add_argument("new", help="the rulebook after: a directory, or REV:PATH")
    diff.add_argument("--profiles", action="append", metavar="FILE_OR_DIR", default=[],
                      help="profile file or directory of .json/.yaml profiles (repeatable)")
    diff.add_argument("--rule-tests", action="store_true",
                      help="also use every test profile embedded in the two rulebooks")
    diff.add_argument("--format", choices=["text", "json", "markdown"], default="text")
    diff.add_argument("--engine", choices=["reference", "durable"], default="reference")
    diff.set_defaults(run=run_diff)

    schema = rsub.add_parser("schema", help="print the JSON Schema of a rule file (for editors)")
    schema.add_argument("dir", nargs="?", help="rulebook whose option and caution ids to use (default: the bundled)")
    schema.add_argument("--out", metavar="FILE", help="write it to FILE instead of printing it")
    schema.set_defaults(run=run_schema)

    docs = rsub.add_parser("docs", help="write the readable rule catalogue (Markdown), by theme")
    docs.add_argument("dir", nargs="?", help="rulebook directory (default: the bundled rulebook)")
    docs.add_argument("--out", required=True, metavar="DIR", help="where to write the catalogue")
    docs.set_defaults(run=run_docs)


# --------------------------------------------------------------------------- check


def _github(d: Diagnostic) -> str:
    kind = "error" if d.severity == "error" else "warning"
    msg = d.message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return f"::{kind} file={d.path},line={d.line},col={d.col},title={d.code}::{msg}"


def run_check(args: argparse.Namespace) -> int:
    from ..rulebook.lint import check_directory

    root = args.dir or default_rules_path()
    if not Path(root).is_dir():
        raise UserError(f"{root}: no such rulebook directory", 1)
    diagnostics, book = check_directory(root, args.today)
    errors = [d for d in diagnostics if d.severity == "error"]
    warnings = len(diagnostics) - len(errors)
    if args.format == "json":
        print(json.dumps({"errors": len(errors), "warnings": warnings, "rules": len(book.rules) if book else None,
                          "diagnostics": [d.to_dict() for d in diagnostics]}, indent=2))
    elif args.format == "github":
        for d in diagnostics:
            print(_github(d))
    else:
        for d in diagnostics:
            print(d.format())
        summary = f"{len(errors)} error(s), {warnings} warning(s)"
        print(f"{root}: {summary}" + (f"; {len(book.rules)} rules loaded" if book is not None else ""))
    return 1 if errors else 0


# --------------------------------------------------------------------------- test


def _fmt_missing(items: set[str] | list[str]) -> str:
    return ", ".join(sorted(items)) or "none"


def run_test(args: argparse.Namespace) -> int:
    from ..rulebook.coverage import _runs, conflicts, coverage, test_line, total_percent
    from ..rulebook.testing import run_rule_tests

    root = Path(args.dir or default_rules_path()).resolve()
    if not root.is_dir():
        raise UserError(f"{root}: no such rulebook directory", 1)
    book = load_rulebook(root)
    only = set(args.rule) if args.rule else None
    if only:
        unknown = sorted(only - {r.rule for r in book.rules})
        if unknown:
            raise UserError(f"no rule {', '.join(unknown)} in {root}", 2)
    outcomes = run_rule_tests(book, rule_ids=only)
    by_test: dict[tuple[str, int], list[Any]] = {}
    for o in outcomes:
        by_test.setdefault((o.rule.rule, o.index), []).append(o)
    failed = {k: v for k, v in by_test.items() if not all(o.passed for o in v)}
    runs = _runs(book)  # conflicts need every test: an exclusion's test can show a conflict is intended
    found = [c for c in conflicts(book, root, runs) if not only or c.rule.rule in only]
    mine = [r for r in runs if not only or r.rule.rule in only]
    cov = coverage(book, root, only, mine) if (args.coverage or args.min_coverage is not None) else []
    percent = total_percent(cov) if cov else None
    below = args.min_coverage is not None and percent is not None and percent < args.min_coverage

    if args.format == "json":
        print(json.dumps(_test_json(book, root, by_test, failed, found, cov, percent, args.min_coverage), indent=2))
        return 1 if failed or found or below else 0

    for (rid, index), outs in failed.items():
        rule, test = outs[0].rule, outs[0].test
        shown, line, col = test_line(book, root, rule, index)
        print(f"{shown}:{line}:{col}: FAIL {rid} test {index + 1} '{test.name}'")
        bad = [o for o in outs if not o.passed]
        same = len({(o.got, frozenset(o.missing)) for o in outs}) == 1
        groups = [("both engines" if same and len(outs) > 1 else o.engine, o) for o in (outs[:1] if same else bad)]
        for label, o in groups:
            print(f"    expected: {test.expect}" + (f" (with {_fmt_missing(test.missing)} reported as needed)"
                                                     if test.missing else ""))
            got = {Truth.TRUE: EXPECTATIONS[rule.action][0], Truth.FALSE: EXPECTATIONS[rule.action][1],
                   Truth.UNKNOWN: "data needed"}[o.got]
            print(f"    actual ({label}): {got}" + (f" (needed: {_fmt_missing(o.missing)})"
                                                    if o.got is Truth.UNKNOWN or test.missing else ""))
            for truth in ("true", "false", "unknown"):
                for item in o.conditions.get(truth, []):
                    if truth == "unknown":
                        item = item.removeprefix("not met: ")
                    print(f"      {truth:>7}: {item}")
        if not same:
            print("    the two engines disagree: please report this to the msdecide developers")
    tests = len(by_test)
    print(f"{tests} tests in {len({k[0] for k in by_test})} rules, each through both engines: "
          f"{tests - len(failed)} passed, {len(failed)} failed")

    if found:
        print()
        print(f"{len(found)} conflict(s): an option offered by one rule and excluded by another on a test profile, "
              "with no test of the exclusion expecting it:")
        for c in found:
            by = ", ".join(f"{r} ({s})" for r, s in c.excluded_by)
            print(f"{c.path}:{c.line}:{c.col}: {c.rule.rule} test {c.index + 1} '{c.test.name}': {c.option} is offered by "
                  f"{', '.join(c.offered_by)} and excluded by {by}")
            print(f"    if that is intended, add a test with this profile and `expect: excluded` to "
                  f"{c.excluded_by[0][0]}; otherwise narrow one of the rules")
    if cov:
        print()
        _print_coverage(cov, percent)
        if below:
            print(f"coverage {percent:.1f}% is below --min-coverage {args.min_coverage:g}%")
    return 1 if failed or found or below else 0


def _mark(seen: set[Truth], truth: Truth) -> str:
    return "yes" if truth in seen else "NO "


def _print_coverage(cov: list[Any], percent: float | None) -> None:
    print("Coverage: does each rule's own tests make it fire and not fire, and each condition line true and false")
    for c in cov:
        gaps = c.covered < c.items
        head = f"{c.rule.rule} {c.percent:5.1f}%  fires: {_mark(c.seen, Truth.TRUE)} " + \
               ("not fires: n/a (always)" if c.always_true else f"not fires: {_mark(c.seen, Truth.FALSE)}") + \
               f"  {c.path}"
        print(head)
        if gaps:
            for cond in c.conditions:
                if cond.covered < 2:
                    missing = " and ".join(w for w, t in (("true", Truth.TRUE), ("false", Truth.FALSE))
                                           if t not in cond.seen)
                    print(f"    {c.path}:{cond.line}: {cond.loc} `{cond.text}` never seen {missing}")
    full = sum(1 for c in cov if c.covered == c.items)
    print(f"coverage {percent:.1f}% ({sum(c.covered for c in cov)} of {sum(c.items for c in cov)} outcomes); "
          f"{full} of {len(cov)} rules fully covered")


def _test_json(book: Any, root: Path, by_test: dict[tuple[str, int], list[Any]], failed: dict[Any, Any],
               found: list[Any], cov: list[Any], percent: float | None, minimum: float | None) -> dict[str, Any]:
    from ..rulebook.coverage import test_line

    tests = []
    for (rid, index), outs in by_test.items():
        shown, line, col = test_line(book, root, outs[0].rule, index)
        tests.append({"rule": rid, "index": index, "name": outs[0].test.name, "path": shown, "line": line,
                      "expect": outs[0].test.expect, "passed": (rid, index) not in failed,
                      "engines": {o.engine: {"got": o.got.value, "missing": sorted(o.missing),
                                             "conditions": o.conditions} for o in outs}})
    return {
        "passed": len(by_test) - len(failed), "failed": len(failed), "tests": tests,
        "conflicts": [{"path": c.path, "line": c.line, "rule": c.rule.rule, "test": c.test.name,
                       "option": c.option, "offered_by": c.offered_by,
                       "excluded_by": [{"rule": r, "strength": s} for r, s in c.excluded_by]} for c in found],
        "coverage": None if not cov else {
            "percent": round(percent or 0, 2), "minimum": minimum,
            "rules": [{"rule": c.rule.rule, "path": c.path, "percent": round(c.percent, 2),
                       "fired": Truth.TRUE in c.seen, "not_fired": Truth.FALSE in c.seen, "always": c.always_true,
                       "conditions": [{"loc": d.loc, "line": d.line, "text": d.text,
                                       "seen_true": Truth.TRUE in d.seen, "seen_false": Truth.FALSE in d.seen}
                                      for d in c.conditions]} for c in cov]},
    }


# --------------------------------------------------------------------------- new


def run_new(args: argparse.Namespace) -> int:
    from ..rulebook.template import TemplateError, new_rule

    root = Path(args.dir or default_rules_path())
    try:
        path, rid = new_rule(root, option=args.option, theme=args.theme, action=args.action,
                             caution=args.caution, slug=args.slug, today=args.today or dt.date.today())
    except TemplateError as exc:
        raise UserError(str(exc)) from None
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    print(f"Wrote {shown} ({rid}, status: draft).")
    print("Next: replace every TODO (title, conditions, because, evidence, tests), then run")
    print(f"  msdecide rules check {root}    and    msdecide rules test {root} --rule {rid}")
    print("Its placeholder test 'does not fire' fails until the conditions are written, so a server watching "
          "the rules keeps the last good rulebook meanwhile.")
    return 0


# --------------------------------------------------------------------------- diff


def run_diff(args: argparse.Namespace) -> int:
    from ..rulebook.impact import ImpactError, collect_profiles, impact, open_rulebook, render_impact

    if not args.profiles and not args.rule_tests:
        raise UserError("give --profiles FILE_OR_DIR (e.g. --profiles examples/) or --rule-tests")
    try:
        with open_rulebook(args.old) as old, open_rulebook(args.new) as new:
            profiles = collect_profiles(args.profiles, [old, new] if args.rule_tests else [])
            result = impact(old, new, profiles, engine=args.engine, old_name=args.old, new_name=args.new)
    except ImpactError as exc:
        raise UserError(str(exc)) from None
    print(render_impact(result, args.format), end="")
    return 0


# --------------------------------------------------------------------------- schema, docs


def run_schema(args: argparse.Namespace) -> int:
    from ..rulebook.schema import rule_file_schema

    text = json.dumps(rule_file_schema(args.dir or default_rules_path()), indent=2) + "\n"
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
        print(f"Wrote {args.out}", file=sys.stderr)
    else:
        print(text, end="")
    return 0


def run_docs(args: argparse.Namespace) -> int:
    from ..rulebook.catalogue import write_catalogue

    root = args.dir or default_rules_path()
    book = load_rulebook(root)
    written = write_catalogue(book, Path(args.out))
    print(f"Wrote {len(written)} files of the rule catalogue ({len(book.rules)} rules) to {args.out}")
    return 0
