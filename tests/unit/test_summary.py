"""The summary a clinician reads first: short, complete on safety, and the same facts as the detail."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from msdecide import evaluate
from msdecide.render import render
from msdecide.report import Report
from msdecide.summary import first_sentence, short, titles
from tests.conftest import EXAMPLES

PROFILES = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".json", ".yaml"))


def _report(path: Path) -> Report:
    data = json.loads(path.read_text()) if path.suffix == ".json" else yaml.safe_load(path.read_text())
    return evaluate(data)


@pytest.fixture(scope="module", params=PROFILES, ids=lambda p: p.stem)
def report(request: pytest.FixtureRequest) -> Report:
    return _report(request.param)


def test_the_default_text_report_fits_one_screen(report: Report) -> None:
    text = render(report, "text")
    assert len(text.splitlines()) <= 60, text
    assert len(text.split()) <= 250, text


def test_every_urgent_item_and_the_forced_switch_are_in_the_summary(report: Report) -> None:
    listed = [i for item in report.summary.urgent for i in item.ids]
    assert [o.id for o in report.options if o.tier == "urgent"] == [i for i in listed if not (
        report.switch and i == report.switch.current)]
    if report.switch and report.switch.kind == "forced":
        assert report.summary.urgent[0].ids == [report.switch.current]
    text = render(report, "text")
    for item in report.summary.urgent:
        assert item.title in text


def test_every_contraindication_of_an_option_considered_is_in_the_summary(report: Report) -> None:
    shown = {i for item in report.summary.not_offered for i in item.ids}
    if report.switch:
        shown.add(report.switch.current)
    barred = {n.id for n in report.not_offered if n.strength == "absolute" and n.considered}
    assert barred <= shown, barred - shown


def test_summary_treatments_are_the_best_ranked_offered_drugs(report: Report) -> None:
    ids = [i for item in report.summary.recommended for i in item.ids]
    drugs = [o for o in report.options if o.theme == "immunotherapy"]
    best = next((t for t in ("recommended", "alternative") if any(o.tier == t for o in drugs)), None)
    assert ids == [o.id for o in drugs if o.tier == best][:6]


def test_the_summary_names_the_most_decisive_missing_data(report: Report) -> None:
    assert [m.ids[0] for m in report.summary.missing] == report.missing_fields[:3]


def test_one_caution_per_topic_per_option(report: Report) -> None:
    for o in report.options:
        ids = [c.id for c in o.cautions]
        assert len(ids) == len(set(ids)), (o.id, ids)


def test_options_are_in_rank_order_by_tier(report: Report) -> None:
    order = ["urgent", "recommended", "alternative", "also-possible"]
    assert [o.rank for o in report.options] == list(range(1, len(report.options) + 1))
    tiers = [order.index(o.tier) for o in report.options]
    assert tiers == sorted(tiers)
    assert all(o.tier_reason for o in report.options)


def test_full_detail_follows_the_summary(report: Report) -> None:
    full = render(report, "text", "full")
    summary = render(report, "text")
    assert full.startswith(summary)
    for o in report.options:
        assert o.title in full


def test_sentences_are_shortened_on_word_and_sentence_boundaries() -> None:
    assert first_sentence("JCV index 1.8 (> 1.5). Switching (e.g. to ocrelizumab) helps.") == "JCV index 1.8 (> 1.5)"
    assert first_sentence("A (see B. C) stays. Next") == "A (see B. C) stays"
    assert short("one two three four five", 3) == "one two three…"
    assert titles(["A", "B", "C", "D", "E"]) == "A, B and 3 more"
    assert titles(["A", "B"]) == "A and B"
