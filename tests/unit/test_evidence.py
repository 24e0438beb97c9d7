"""Every evidence entry in the bundled rulebook against the project's reference list
(docs/evidence-references.yaml): identifiers well formed and unique per paper, each entry naming its
source, year and level, nothing cited that the list does not hold."""

from __future__ import annotations

import re
from collections import defaultdict

import pytest
from ruamel.yaml import YAML

from msdecide.api import default_rulebook
from tests.conftest import ROOT

BOOK = default_rulebook()
REFERENCES = {r["ref"]: r for r in YAML(typ="safe", pure=True).load(
    (ROOT / "docs" / "evidence-references.yaml").read_text(encoding="utf-8"))["references"]}
ENTRIES = [(rule.rule, i, e) for rule in BOOK.rules for i, e in enumerate(rule.evidence)]
PMID = re.compile(r"^[1-9]\d{5,8}$")
DOI = re.compile(r"^10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;:]$")
YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
STATUSES = {"confirmed", "carried", "unconfirmed"}


def test_the_reference_list_is_well_formed():
    assert REFERENCES, "docs/evidence-references.yaml holds no references"
    for ref, r in REFERENCES.items():
        assert re.fullmatch(r"R\d+[a-z]?", ref), ref
        assert r["status"] in STATUSES, (ref, r["status"])
        assert YEAR.search(r["citation"]), f"{ref}: no year in the citation"
        assert r.get("pmid") is None or PMID.match(r["pmid"]), (ref, r.get("pmid"))
        assert r.get("doi") is None or DOI.match(r["doi"]), (ref, r.get("doi"))
        if r["status"] == "confirmed":
            assert r.get("checked"), f"{ref}: a confirmed reference says what was checked and where"


@pytest.mark.parametrize("kind", ["pmid", "doi"])
def test_an_identifier_belongs_to_one_reference(kind):
    owners = defaultdict(set)
    for ref, r in REFERENCES.items():
        if r.get(kind):
            owners[r[kind].lower()].add(ref)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


@pytest.mark.parametrize("rule_id, index, entry", ENTRIES, ids=[f"{r}#{i}" for r, i, _ in ENTRIES])
def test_entry_names_its_source_year_and_level_and_matches_the_list(rule_id, index, entry):
    assert entry.level, rule_id
    assert entry.ref in REFERENCES, f"{rule_id}: ref {entry.ref} is not in docs/evidence-references.yaml"
    r = REFERENCES[entry.ref]
    assert YEAR.search(entry.citation), f"{rule_id}: no year in {entry.citation!r}"
    assert entry.citation == r["citation"], f"{rule_id}: the citation of {entry.ref} differs from the list"
    assert (entry.pmid, entry.doi) == (r.get("pmid"), r.get("doi")), f"{rule_id}: identifiers of {entry.ref}"
    if r["status"] == "unconfirmed":
        assert not entry.verified, f"{rule_id}: {entry.ref} is unconfirmed, so the entry says `verified: false`"


@pytest.mark.parametrize("kind", ["pmid", "doi"])
def test_the_same_identifier_is_never_given_two_citations(kind):
    seen = defaultdict(set)
    for _, _, e in ENTRIES:
        ident = getattr(e, kind)
        if ident:
            assert (PMID if kind == "pmid" else DOI).match(ident), ident
            seen[ident.lower()].add(e.citation)
    assert {k: v for k, v in seen.items() if len(v) > 1} == {}


PIVOTAL = {"R10": "OPERA", "R11": "ORATORIO", "R13": "ULTIMATE", "R15": "CARE-MS I", "R15b": "CARE-MS II",
           "R25": "AFFIRM", "R28": "CLARITY", "R30": "FREEDOMS", "R31": "DEFINE", "R32": "TEMSO",
           "R33": "RADIANCE", "R33b": "SUNBEAM", "R34": "OPTIMUM", "R36": "HERCULES", "R37": "GEMINI"}


@pytest.mark.parametrize("ref", sorted(PIVOTAL))
def test_pivotal_trials_are_confirmed_and_never_shown_unverified(ref):
    assert REFERENCES[ref]["status"] == "confirmed" and PIVOTAL[ref] in REFERENCES[ref]["citation"]
    cited = [(rid, e) for rid, _, e in ENTRIES if e.ref == ref]
    assert cited, f"{ref} ({PIVOTAL[ref]}) is not cited by any rule"
    assert [rid for rid, e in cited if not e.verified] == []
