"""Watch the rule directory and hot-reload the rulebook when its files change (`serve --watch-rules`).

A background thread polls the directory's content hash (every YAML file's path and bytes). When
the hash changes, it waits one more poll for the files to settle (an editor saving several files,
or `git pull`), then asks the `RulebookService` to reload: the new rulebook is swapped in only if it
loads and every embedded test passes through both engines; otherwise the last good rulebook keeps
serving and the errors are kept in `service.last_errors` (shown by `GET /api/v1/rulebook`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from pathlib import Path

from .rulebook.loader import content_hash
from .service import ReloadResult, RulebookService
from .words import count

log = logging.getLogger("msdecide.watch")


class RulebookWatcher:
    """Poll `service.root` every `interval` seconds; reload when its content settles on a new hash."""

    def __init__(self, service: RulebookService, interval: float = 1.0,
                 on_reload: Callable[[ReloadResult], None] | None = None):
        self.service = service
        self.interval = interval
        self.on_reload = on_reload or _log_result
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.reloads = 0
        self._tried = service.rulebook.sha256  # the last content a reload was attempted for
        self._pending: str | None = None  # new content seen once, waiting to settle
        self._unreadable = False  # the last look could not read the folder (logged once)

    def start(self) -> RulebookWatcher:
        self._thread = threading.Thread(target=self._run, name="msdecide-rule-watcher", daemon=True)
        self._thread.start()
        return self

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def poll(self) -> ReloadResult | None:
        """One look at the directory: reload when the content is new and unchanged since the last look."""
        try:
            current: str | None = content_hash(Path(self.service.root).resolve())
            self._unreadable = False
        except OSError as exc:  # a file vanished mid-save, or one the server may not read: say so once
            if not self._unreadable:
                log.warning("rule watcher: cannot read the rule files (%s: %s); still serving the last good "
                            "rulebook, looking again", type(exc).__name__, exc.strerror or exc)
            self._unreadable, current = True, None
        if current is None or current == self._tried:
            self._pending = None
            return None
        if self._pending != current:  # changed: wait one interval for it to settle
            self._pending = current
            return None
        self._pending = None
        self._tried = current
        result = self.service.reload()
        self.reloads += 1  # broken content is not retried: the next edit makes a new hash
        self.on_reload(result)
        return result

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                self.poll()
            except Exception:  # noqa: BLE001 - the watcher must never stop serving
                log.exception("rule watcher: unexpected error (the last good rulebook keeps serving)")


def _log_result(result: ReloadResult) -> None:
    if result.ok:
        log.warning("rulebook reloaded: version %s, sha256 %s", result.version, result.sha256[:12])
    else:
        log.warning("rulebook NOT reloaded; still serving version %s (sha256 %s). %s:\n  %s",
                    result.version, result.sha256[:12], count(len(result.errors), "problem"),
                    "\n  ".join(result.errors[:20]))
