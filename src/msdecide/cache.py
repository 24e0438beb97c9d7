"""Loaded rulebooks cached on disk by content, so a CLI call does not parse every rule file again.

The key is the rulebook's sha256 (every YAML file's path and bytes), its directory, and a fingerprint
of this msdecide: its version, the Python and pydantic versions and the source of the modules whose
objects are stored. A changed rule file, another msdecide or an edited model therefore never reuses an entry.
Entries are pickles, so they are only read from a directory that belongs to this user and that no
one else can write to; anything unreadable is ignored and rebuilt. Set MSDECIDE_CACHE=off to
disable, or MSDECIDE_CACHE_DIR to move it (default $XDG_CACHE_HOME/msdecide or ~/.cache/msdecide).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import stat
import sys
import tempfile
from pathlib import Path

from .rulebook.loader import content_hash, load_rulebook
from .rulebook.model import Rulebook

_PACKAGE = Path(__file__).resolve().parent
_STORED_MODULES = ("rulebook/*.py", "profile.py", "options_ids.py", "report.py")


def cache_dir() -> Path | None:
    """Where entries live, or None when caching is off."""
    if os.environ.get("MSDECIDE_CACHE", "").lower() in ("off", "0", "no", "false"):
        return None
    if os.environ.get("MSDECIDE_CACHE_DIR"):
        return Path(os.environ["MSDECIDE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "msdecide"


@functools.cache
def code_fingerprint() -> str:
    """This msdecide as far as stored rulebooks are concerned: its version, Python's and pydantic's (the
    stored objects are pydantic models), and the source of the modules that define them."""
    import pydantic

    from . import __version__

    h = hashlib.sha256(f"{__version__}\0{sys.version}\0{pydantic.VERSION}\0".encode())
    for pattern in _STORED_MODULES:
        for p in sorted(_PACKAGE.glob(pattern)):
            h.update(p.name.encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _private(path: Path) -> bool:
    """True when `path` belongs to this user and no one else can write to it."""
    info = path.lstat()
    return info.st_uid == os.getuid() and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH) \
        and not stat.S_ISLNK(info.st_mode)


def entry_path(root: Path, digest: str) -> Path | None:
    where = cache_dir()
    if where is None:
        return None
    key = hashlib.sha256(f"{digest}\0{root}\0{code_fingerprint()}".encode()).hexdigest()
    return where / f"rulebook-{key[:32]}.pickle"


def _read(path: Path, root: Path, digest: str) -> Rulebook | None:
    try:
        if not (_private(path.parent) and _private(path)):
            return None
        with path.open("rb") as f:
            book = pickle.load(f)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        return None
    ok = isinstance(book, Rulebook) and book.sha256 == digest and book.root == root
    return book if ok else None


def _write(path: Path, book: Rulebook) -> None:
    """Atomically (a temporary file renamed into place); a cache that cannot be written is skipped."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent):
            return
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".rulebook-", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                pickle.dump(book, f, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        return


def load_cached(root: str | Path) -> Rulebook:
    """`load_rulebook(root)`, from the cache when the same content was loaded before by this msdecide.
    Raises RulebookError like `load_rulebook` (a rulebook with errors is never cached)."""
    path_root = Path(root).resolve()
    if not path_root.is_dir():
        return load_rulebook(path_root)
    digest = content_hash(path_root)
    entry = entry_path(path_root, digest)
    if entry is not None and entry.exists():
        book = _read(entry, path_root, digest)
        if book is not None:
            return book
    book = load_rulebook(path_root)
    if entry is not None and book.sha256 == digest:  # unchanged while it was read
        _write(entry, book)
    return book
