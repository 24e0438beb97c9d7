"""The `msdecide` command: a thin shell over the Python API.

Exit codes: 0 done; 1 the rulebook has errors (or a check or test failed); 2 the input (a profile,
a file name, the command line) is wrong. No tracebacks for user errors.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from .commands import batch as batch_cmd
from .commands import evaluate as evaluate_cmd
from .commands import fhir as fhir_cmd
from .commands import rules as rules_cmd
from .commands import serve as serve_cmd
from .commands.common import UserError
from .profile import ProfileError
from .rulebook.loader import RulebookError

COMMANDS = (evaluate_cmd, rules_cmd, serve_cmd, fhir_cmd, batch_cmd)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="msdecide", description="Explained, research-backed options to discuss "
                                     "in multiple sclerosis care, from declarative rule files.")
    parser.add_argument("--version", action="version", version="msdecide 0.1.0")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except ProfileError as exc:
        print("error: the profile does not follow the contract:", file=sys.stderr)
        for e in exc.errors:
            print(f"  {e}", file=sys.stderr)
        return 2
    except RulebookError as exc:
        for d in exc.diagnostics:
            print(d.format(), file=sys.stderr)
        errors = sum(d.severity == "error" for d in exc.diagnostics)
        print(f"error: the rulebook has {errors} error(s); nothing was evaluated", file=sys.stderr)
        return 1
    except UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: no tracebacks for users
        if os.environ.get("MSDECIDE_DEBUG"):
            raise
        print(f"internal error ({type(exc).__name__}); set MSDECIDE_DEBUG=1 for details", file=sys.stderr)
        return 3


if __name__ == "__main__":
    sys.exit(main())
