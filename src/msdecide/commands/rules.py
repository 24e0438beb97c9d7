"""`msdecide rules ...`: the guideline authors' tools."""

from __future__ import annotations

import argparse
import json

from ..rulebook.loader import RulebookError, load_rulebook
from ..rulebook.testing import run_rule_tests
from .common import default_rules_path


def register(sub: argparse._SubParsersAction) -> None:
    rules = sub.add_parser("rules", help="check and test rule files")
    rsub = rules.add_subparsers(dest="rules_command", required=True, metavar="ACTION")
    check = rsub.add_parser("check", help="check rule files; every problem as path:line:col")
    check.add_argument("dir", nargs="?", help="rulebook directory (default: the bundled rulebook)")
    check.add_argument("--format", choices=["text", "json"], default="text")
    check.set_defaults(run=run_check)
    test = rsub.add_parser("test", help="run the tests embedded in rule files through both engines")
    test.add_argument("dir", nargs="?", help="rulebook directory (default: the bundled rulebook)")
    test.set_defaults(run=run_test)


def run_check(args: argparse.Namespace) -> int:
    root = args.dir or default_rules_path()
    try:
        book = load_rulebook(root)
        diagnostics, count = book.warnings, len(book.rules)
    except RulebookError as exc:
        diagnostics, count = exc.diagnostics, 0
    errors = [d for d in diagnostics if d.severity == "error"]
    if args.format == "json":
        print(json.dumps({"errors": len(errors), "warnings": len(diagnostics) - len(errors),
                          "diagnostics": [d.to_dict() for d in diagnostics]}, indent=2))
    else:
        for d in diagnostics:
            print(d.format())
        summary = f"{len(errors)} error(s), {len(diagnostics) - len(errors)} warning(s)"
        print(f"{root}: {summary}" + (f"; {count} rules loaded" if not errors else ""))
    return 1 if errors else 0


def run_test(args: argparse.Namespace) -> int:
    book = load_rulebook(args.dir or default_rules_path())
    outcomes = run_rule_tests(book)
    failed = [o for o in outcomes if not o.passed]
    for o in failed:
        path = book.paths[o.rule.rule]
        print(f"{path}: {o.rule.rule} test {o.index} '{o.test.name}' [{o.engine}]: expected {o.test.expect} "
              f"({o.expected.value}), got {o.got.value}"
              + (f"; missing {sorted(o.missing)}, expected {sorted(o.test.missing)}" if o.test.missing else ""))
        for truth, items in o.conditions.items():
            for item in items:
                print(f"    {truth}: {item}")
    print(f"{len(outcomes) - len(failed)} passed, {len(failed)} failed")
    return 1 if failed else 0
