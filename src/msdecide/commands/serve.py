"""`msdecide serve`: the clinician web app on a production WSGI server (waitress)."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the clinician web form and the JSON API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--rules", metavar="DIR", help="rulebook directory (default: the bundled rulebook)")
    p.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from waitress import serve

    from ..web import create_app

    app = create_app({"RULES_DIR": args.rules} if args.rules else None)
    print(f"msdecide is serving on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    serve(app, host=args.host, port=args.port, threads=4, ident="msdecide")
    return 0
