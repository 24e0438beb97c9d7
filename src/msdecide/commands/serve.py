"""`msdecide serve`: the clinician web app on a production WSGI server (waitress).

With `--workers N` (default: the number of cores) the app and its compiled rulebook are built once,
the listening socket is bound once, and N worker processes are forked to serve it: durable-rules
holds the GIL for a whole evaluation, so processes, not threads, use the other cores. The parent
only watches its workers: it restarts one that dies and stops them all on Ctrl+C or SIGTERM.
"""

from __future__ import annotations

import argparse
import errno
import logging
import os
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

from .common import UserError

THREADS = 4  # per worker: waitress threads wait on sockets; evaluations take turns on durable's lock
MAX_RESTARTS = 10  # a worker that keeps dying stops the server instead of looping


def _whole(lo: int, hi: int, rule: str) -> Callable[[str], int]:
    """An argparse type: a whole number from lo to hi, else a usage error (exit 2) saying `rule`."""
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number: {rule}") from None
        if not lo <= value <= hi:
            raise argparse.ArgumentTypeError(f"{value} is out of range: {rule}")
        return value
    return parse


_port = _whole(0, 65535, "a port is 1 to 65535, or 0 for any free port")
_workers = _whole(1, 64, "use 1 to 64 worker processes")


def cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the clinician web form and the JSON API")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=_port, default=8000, help="1 to 65535, or 0 for any free port (default 8000)")
    p.add_argument("--workers", type=_workers, default=None, metavar="N",
                   help=f"worker processes behind the one port (default: the number of cores, here {cores()})")
    p.add_argument("--rules", metavar="DIR", help="rulebook directory (default: the bundled rulebook)")
    p.add_argument("--watch-rules", action="store_true",
                   help="reload the rulebook when its files change (only if it loads and its tests pass; "
                        "otherwise the last good rulebook keeps serving); each worker watches for itself")
    p.add_argument("--watch-interval", type=float, default=1.0, metavar="SECONDS",
                   help="how often --watch-rules looks at the rule files (default 1)")
    p.set_defaults(run=run_serve)


def listen(host: str, port: int) -> socket.socket:
    """The bound, listening socket. Raises UserError (exit 2) when the address cannot be used."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise UserError(f"--host {host}: cannot resolve this address ({exc.strerror})") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # restart without waiting for TIME_WAIT
        sock.bind(address)
        sock.listen(1024)
    except OSError as exc:
        sock.close()
        if exc.errno == errno.EADDRINUSE:
            raise UserError(f"{host}:{port} is already in use (another server is listening there): "
                            "stop it or choose another --port") from None
        if exc.errno == errno.EACCES:
            raise UserError(f"{host}:{port}: permission denied (ports below 1024 need privileges): "
                            "choose another --port") from None
        raise UserError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    return sock


def url(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def run_serve(args: argparse.Namespace) -> int:
    from ..web import create_app

    workers = args.workers or (cores() if hasattr(os, "fork") else 1)
    if workers > 1 and not hasattr(os, "fork"):
        raise UserError("--workers above 1 needs fork (Linux, macOS): use --workers 1 here")
    sock = listen(args.host, args.port)  # before the slow part, so a busy port fails at once
    try:
        app = create_app({"RULES_DIR": args.rules} if args.rules else None)
        print(f"msdecide is serving on {url(sock)} with {workers} worker process{'es' * (workers > 1)} "
              "(Ctrl+C to stop)", flush=True)
        warning = reload_warning(app.config, workers, args.watch_rules)
        if warning:
            print(f"warning: {warning}", file=sys.stderr, flush=True)
        if args.watch_rules:
            print(f"Watching {app.extensions['msdecide'].root} for rule changes (reloads only a rulebook that "
                  "loads and passes its tests)", flush=True)
        if workers == 1:
            _serve(app, sock, args)
        else:
            _supervise(app, sock, args, workers)
    finally:
        sock.close()
    return 0


def reload_warning(config: Any, workers: int, watching: bool) -> str | None:
    """A reload request reaches one worker only: say so when the endpoint is on and workers can disagree."""
    if workers > 1 and config.get("RELOAD_TOKEN") and not watching:
        return (f"POST /api/v1/rulebook/reload reloads only the worker that receives it; with {workers} workers "
                "use --watch-rules (each worker reloads itself) or --workers 1")
    return None


def _serve(app: Any, sock: socket.socket, args: argparse.Namespace) -> None:
    """Serve on `sock` in this process until stopped."""
    from waitress import serve

    from ..web import waitress_settings

    watcher = None
    if args.watch_rules:
        from ..watch import RulebookWatcher

        logging.getLogger("msdecide.watch").addHandler(logging.StreamHandler())
        service = app.extensions["msdecide"]
        watcher = RulebookWatcher(service, interval=max(args.watch_interval, 0.1)).start()
    try:
        serve(app, sockets=[sock], threads=THREADS, ident="msdecide", **waitress_settings(app))  # body limit
    finally:
        if watcher is not None:
            watcher.stop()


def _fork(app: Any, sock: socket.socket, args: argparse.Namespace) -> int:
    pid = os.fork()
    if pid == 0:  # the worker: default signals, serve, never return into the parent's code
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)
        status = 0
        try:
            _serve(app, sock, args)
        except BaseException:  # noqa: BLE001 - a worker reports through its exit status only
            status = 1
        finally:
            sys.stdout.flush()
            os._exit(status)
    return pid


def _supervise(app: Any, sock: socket.socket, args: argparse.Namespace, n: int) -> None:
    """Fork `n` workers on the shared socket; restart one that dies; stop all on SIGINT/SIGTERM."""
    stopping = [False]

    def stop(signum: int, frame: Any) -> None:
        stopping[0] = True

    previous = {s: signal.signal(s, stop) for s in (signal.SIGINT, signal.SIGTERM)}
    children = {_fork(app, sock, args) for _ in range(n)}
    restarts = 0
    try:
        while not stopping[0]:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid == 0:
                time.sleep(0.2)
                continue
            children.discard(pid)
            if stopping[0]:
                break
            restarts += 1
            if restarts > MAX_RESTARTS:
                raise UserError(f"workers keep stopping (exit status {status}); giving up", 3)
            print(f"a worker stopped (status {status}); starting another", file=sys.stderr, flush=True)
            children.add(_fork(app, sock, args))
    finally:
        for pid in children:
            try:
                os.kill(pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + 10
        for pid in children:
            while time.monotonic() < deadline:
                try:
                    if os.waitpid(pid, os.WNOHANG)[0]:
                        break
                except ChildProcessError:
                    break
                time.sleep(0.05)
            else:
                try:
                    os.kill(pid, signal.SIGKILL)
                    os.waitpid(pid, 0)
                except (ProcessLookupError, ChildProcessError):
                    pass
        for s, handler in previous.items():
            signal.signal(s, handler)
