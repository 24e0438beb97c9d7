"""The on-disk rulebook cache: reused only for the same content, directory and msdecide; never
read from a directory others can write to; a broken entry is rebuilt."""

from __future__ import annotations

import shutil

import pytest

from msdecide import cache
from tests.conftest import RULES


@pytest.fixture
def rules(tmp_path):
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    return root


@pytest.fixture
def loads(monkeypatch, tmp_path):
    """Count real loads; the cache lives in a fresh private directory."""
    monkeypatch.setenv("MSDECIDE_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("MSDECIDE_CACHE", raising=False)
    calls = []
    real = cache.load_rulebook

    def counting(root):
        calls.append(root)
        return real(root)

    monkeypatch.setattr(cache, "load_rulebook", counting)
    return calls


def test_second_load_comes_from_the_cache(rules, loads):
    first = cache.load_cached(rules)
    second = cache.load_cached(rules)
    assert len(loads) == 1
    assert second is not first
    assert (second.sha256, [r.rule for r in second.rules]) == (first.sha256, [r.rule for r in first.rules])
    assert [i.key for i in second.live()] == [i.key for i in first.live()]


def test_changed_content_is_loaded_again(rules, loads):
    first = cache.load_cached(rules)
    rule = next(rules.glob("lifestyle/*.yaml"))
    rule.write_text(rule.read_text() + "\n# changed\n")
    assert cache.load_cached(rules).sha256 != first.sha256
    assert len(loads) == 2


def test_another_msdecide_never_reuses_an_entry(rules, loads, monkeypatch):
    cache.load_cached(rules)
    monkeypatch.setattr(cache, "code_fingerprint", lambda: "another version")
    cache.load_cached(rules)
    assert len(loads) == 2


def test_a_directory_others_can_write_to_is_not_trusted(rules, loads, tmp_path):
    cache.load_cached(rules)
    (tmp_path / "cache").chmod(0o777)
    cache.load_cached(rules)
    assert len(loads) == 2


def test_a_broken_entry_is_rebuilt(rules, loads, tmp_path):
    book = cache.load_cached(rules)
    entry = cache.entry_path(rules.resolve(), book.sha256)
    entry.write_bytes(b"not a pickle")
    assert cache.load_cached(rules).sha256 == book.sha256
    assert len(loads) == 2
    assert cache.load_cached(rules).sha256 == book.sha256
    assert len(loads) == 2  # the rebuilt entry is used again


def test_cache_off_writes_nothing(rules, loads, monkeypatch, tmp_path):
    monkeypatch.setenv("MSDECIDE_CACHE", "off")
    cache.load_cached(rules)
    cache.load_cached(rules)
    assert len(loads) == 2
    assert not (tmp_path / "cache").exists()


def test_the_fingerprint_follows_pydantic(monkeypatch):
    import pydantic

    before = cache.code_fingerprint()
    cache.code_fingerprint.cache_clear()
    monkeypatch.setattr(pydantic, "VERSION", "0.0.0")
    try:
        assert cache.code_fingerprint() != before
    finally:
        cache.code_fingerprint.cache_clear()
