"""`msdecide fhir BUNDLE`: the contract profile read from a FHIR R4 Bundle, and what was not used."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from collections import Counter
from typing import Any

from ..fhir import FhirInputError, FhirProfile, MappingError, is_fhir, load_mapping, read_bundle
from .common import UserError, read_profile


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("fhir", help="print the profile read from a FHIR R4 Bundle (and list what was not used)")
    p.add_argument("bundle", help="a FHIR R4 Bundle of one patient (.json), or - for standard input")
    p.add_argument("--as-of", metavar="YYYY-MM-DD", type=_date,
                   help="the date the profile describes (default: Bundle.timestamp, else today)")
    p.add_argument("--mapping", metavar="FILE", help="a code-to-field mapping (default: the one shipped; "
                   "or $MSDECIDE_FHIR_MAPPING)")
    p.add_argument("--format", choices=["profile", "full"], default="profile",
                   help="profile: the profile only (for `evaluate -`); full: with sources, notes and unmapped")
    p.set_defaults(run=run_fhir)


def _date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date written YYYY-MM-DD") from None


def read_record(data: Any, *, as_of: dt.date | None = None, mapping: str | None = None) -> FhirProfile:
    """A parsed FHIR Bundle -> FhirProfile; input and mapping problems become user errors."""
    try:
        return read_bundle(data, as_of=as_of, mapping=load_mapping(mapping))
    except (FhirInputError, MappingError) as exc:
        raise UserError(str(exc)) from None


def explain(result: FhirProfile, out: Any = None) -> None:
    """The notes and a summary of what was not used, for people (standard error by default)."""
    out = out or sys.stderr
    for note in result.notes:
        print(f"note: {note}", file=out)
    if not result.unmapped:
        return
    n = len(result.unmapped)
    print(f"not used ({n} {'entry' if n == 1 else 'entries'}):", file=out)
    skipped_types = Counter(u.resource.split("/")[0] for u in result.unmapped if u.reason.endswith("not read by msdecide"))
    for u in result.unmapped:
        if not u.reason.endswith("not read by msdecide"):
            print(f"  {u}", file=out)
    if skipped_types:
        shown = ", ".join(f"{n} {kind}" for kind, n in sorted(skipped_types.items()))
        print(f"  resource types msdecide does not read: {shown}", file=out)


def profile_from_input(data: Any) -> Any:
    """`evaluate`'s input: a FHIR Bundle is read into a profile (notes on standard error); else unchanged."""
    if not is_fhir(data):
        return data
    result = read_record(data)
    explain(result)
    return result.profile


def run_fhir(args: argparse.Namespace) -> int:
    data = read_profile(args.bundle)
    if not is_fhir(data):
        raise UserError(f"{args.bundle}: not a FHIR resource (no resourceType): give a FHIR R4 Bundle")
    result = read_record(data, as_of=args.as_of, mapping=args.mapping)
    if args.format == "full":
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(json.dumps(result.profile, indent=2, ensure_ascii=False))
        explain(result)
    return 0
