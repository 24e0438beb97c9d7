"""`msdecide serve`: the clinician web app on a production WSGI server (waitress)."""

from __future__ import annotations

import argparse
import logging


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the clinician web form and the JSON API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, default=8000)
    p.add_argument("--rules", metavar="DIR", help="rulebook directory (default: the bundled rulebook)")
    p.add_argument("--watch-rules", action="store_true",
                   help="reload the rulebook when its files change (only if it loads and its tests pass; "
                        "otherwise the last good rulebook keeps serving)")
    p.add_argument("--watch-interval", type=float, default=1.0, metavar="SECONDS",
                   help="how often --watch-rules looks at the rule files (default 1)")
    p.set_defaults(run=run_serve)


def run_serve(args: argparse.Namespace) -> int:
    from waitress import serve

    from ..web import create_app

    app = create_app({"RULES_DIR": args.rules} if args.rules else None)
    watcher = None
    if args.watch_rules:
        from ..watch import RulebookWatcher

        logging.getLogger("msdecide.watch").addHandler(logging.StreamHandler())
        service = app.extensions["msdecide"]
        watcher = RulebookWatcher(service, interval=max(args.watch_interval, 0.1)).start()
        print(f"Watching {service.root} for rule changes (reloads only a rulebook that loads and passes its tests)",
              flush=True)
    print(f"msdecide is serving on http://{args.host}:{args.port}/ (Ctrl+C to stop)", flush=True)
    try:
        serve(app, host=args.host, port=args.port, threads=4, ident="msdecide")
    finally:
        if watcher is not None:
            watcher.stop()
    return 0
