"""`msdecide evaluate PROFILE` and `msdecide schema`."""

from __future__ import annotations

import argparse
import json

from ..api import evaluate
from ..options_ids import REGIONS
from ..profile import Profile
from ..render import DEFAULT_DETAIL, DETAILS, RENDERERS, render
from .common import read_profile, rulebook_from
from .fhir import profile_from_input


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("evaluate", help="evaluate a patient profile and print the explained options")
    p.add_argument("profile", help="a .json or .yaml profile file (or a FHIR R4 Bundle), or - for standard input")
    p.add_argument("--format", choices=sorted(RENDERERS), default="text",
                   help="handout: the plain-language sheet for the person (Markdown)")
    p.add_argument("--detail", choices=DETAILS, default=None,
                   help="summary: one screen; full: the summary, then every option's reasons, cautions and "
                        "evidence (default: " + ", ".join(f"{k} for {f}" for f, k in DEFAULT_DETAIL.items()) + ")")
    p.add_argument("--region", choices=REGIONS, default=None,
                   help="whose labels apply (default: the profile's `region`, else the rulebook's)")
    p.add_argument("--rules", metavar="DIR", help="rulebook directory (default: the bundled rulebook)")
    p.add_argument("--engine", choices=["durable", "reference"], default="durable",
                   help="reference: the plain-Python oracle, for testing")
    p.set_defaults(run=run_evaluate)
    s = sub.add_parser("schema", help="print the JSON Schema of a patient profile")
    s.set_defaults(run=run_schema)


def run_evaluate(args: argparse.Namespace) -> int:
    data = profile_from_input(read_profile(args.profile))
    rulebook = rulebook_from(args.rules)
    report = evaluate(data, rulebook, engine=args.engine, region=args.region)
    print(render(report, args.format, args.detail, rulebook=rulebook, profile=data),
          end="" if args.format in ("json", "handout") else "\n")
    return 0


def run_schema(args: argparse.Namespace) -> int:
    print(json.dumps(Profile.model_json_schema(), indent=2))
    return 0
