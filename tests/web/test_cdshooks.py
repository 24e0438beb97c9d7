"""CDS Hooks 2.0: discovery, the ms-dmt-options service, and the card renderer (cds-anchors §4)."""

from __future__ import annotations

import itertools
import json

import pytest

from msdecide.render.cdshooks import SUMMARY_MAX, render_cards
from tests.conftest import EXAMPLES, example_files


def _request(profile):
    return {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            "context": {"userId": "Practitioner/example", "patientId": "1288992"},
            "prefetch": {"msProfile": profile}, "fhirServer": "https://ehr.example.org/fhir"}


def _no_empty_values(node, where="card"):
    if isinstance(node, dict):
        for k, v in node.items():
            assert v not in (None, "", [], {}), f"{where}.{k} is empty"
            _no_empty_values(v, f"{where}.{k}")
    elif isinstance(node, list):
        for i, v in enumerate(node):
            _no_empty_values(v, f"{where}[{i}]")


def check_card(card):
    assert set(card) >= {"uuid", "summary", "indicator", "source"}
    assert len(card["summary"]) < 140
    assert card["indicator"] in ("info", "warning", "critical")
    assert card["source"]["label"]
    assert "suggestions" not in card and "selectionBehavior" not in card  # options to discuss, nothing to apply
    for link in card.get("links", []):
        assert link["type"] == "absolute" and link["url"].startswith("http") and link["label"]
    for reason in card.get("overrideReasons", []):
        assert set(reason) == {"system", "code", "display"}
    assert "<" not in card.get("detail", "").replace("\\<", "")  # Markdown, no raw HTML
    _no_empty_values(card)


def test_discovery(client, service):
    r = client.get("/cds-services")
    assert r.status_code == 200
    [svc] = r.json["services"]
    assert svc["id"] == "ms-dmt-options" and svc["hook"] == "patient-view"
    assert svc["description"] and svc["title"]
    assert svc["extension"]["org.msdecide.knowledge"]["sha256"] == service.rulebook.sha256
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_preflight_allows_browser_clients(client):
    r = client.options("/cds-services/ms-dmt-options", headers={"Origin": "https://sandbox.cds-hooks.org",
                                                                 "Access-Control-Request-Method": "POST"})
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == "*"
    assert "Authorization" in r.headers["Access-Control-Allow-Headers"]


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_service_returns_cards_for_every_example(client, service, path):
    from msdecide.commands.common import read_profile

    profile = json.loads(json.dumps(read_profile(str(path)), default=str))  # YAML dates as ISO strings
    r = client.post("/cds-services/ms-dmt-options", json=_request(profile))
    assert r.status_code == 200, r.text
    cards = r.json["cards"]
    report = service.evaluate(profile)
    for card in cards:
        check_card(card)
    outcomes = [c["extension"]["org.msdecide.explanation"]["outcome"] for c in cards]
    assert outcomes.count("option") == len(report.options)
    assert ("data-needed" in outcomes) == bool(report.missing_data)
    assert ("not-offered" in outcomes) == bool(report.not_offered)
    options = [c["extension"]["org.msdecide.explanation"]["optionId"] for c in cards if "optionId" in
               c["extension"]["org.msdecide.explanation"]]
    assert options == report.option_ids  # the report's order: by rank, urgent first
    assert [report.option(i).rank for i in options] == list(range(1, len(options) + 1))
    assert len({c["uuid"] for c in cards}) == len(cards)


def test_urgent_option_is_a_critical_card(client):
    from msdecide.commands.common import read_profile

    profile = read_profile(str(EXAMPLES / "phq9-item9-positive.json"))
    cards = client.post("/cds-services/ms-dmt-options", json=_request(profile)).json["cards"]
    assert cards[0]["indicator"] == "critical" and cards[0]["summary"].startswith("Urgent: ")


def test_data_needed_card_lists_the_missing_fields(client, service):
    profile = {"disease_course": {"phenotype": "RRMS"}}
    cards = client.post("/cds-services/ms-dmt-options", json=_request(profile)).json["cards"]
    [needed] = [c for c in cards if c["source"]["topic"]["code"] == "data-needed"]
    report = service.evaluate(profile)
    for m in report.missing_data:
        assert f"`{m.field}`" in needed["detail"]
    assert needed["summary"].startswith(f"{len(report.missing_data)} missing input")


@pytest.mark.parametrize("body, status", [
    ({"hook": "patient-view", "hookInstance": "x", "context": {}}, 412),
    ({"hook": "patient-view", "hookInstance": "x", "context": {}, "prefetch": {"msProfile": None}}, 412),
    ({"hook": "patient-view", "hookInstance": "x", "context": {}, "prefetch": None}, 412),
    ({"hook": "patient-view", "hookInstance": "x", "context": {},
      "prefetch": {"msProfile": {"disease_course": {"edss": 0.5}}}}, 400),
    ([1, 2], 400),
])
def test_service_errors_are_operation_outcomes(client, body, status):
    r = client.post("/cds-services/ms-dmt-options", json=body)
    assert r.status_code == status
    assert r.json["resourceType"] == "OperationOutcome" and r.json["issue"][0]["severity"] == "error"


def test_service_rejects_non_json(client):
    r = client.post("/cds-services/ms-dmt-options", data="hook=patient-view")
    assert r.status_code == 415 and r.json["resourceType"] == "OperationOutcome"
    r = client.post("/cds-services/ms-dmt-options", data="{", content_type="application/json")
    assert r.status_code == 400


def test_invalid_profile_names_the_fields(client):
    r = client.post("/cds-services/ms-dmt-options", json=_request({"disease_course": {"edss": 0.5}}))
    assert any("disease_course.edss" in i.get("diagnostics", "") for i in r.json["issue"])


def test_render_cards_is_deterministic_with_given_uuids(service, demo):
    report = service.evaluate(demo)
    counter = itertools.count()
    cards = render_cards(report, new_uuid=lambda: f"uuid-{next(counter)}")["cards"]
    assert [c["uuid"] for c in cards] == [f"uuid-{i}" for i in range(len(cards))]
    counter2 = itertools.count()
    assert render_cards(report, new_uuid=lambda: f"uuid-{next(counter2)}")["cards"] == cards
    first = cards[0]
    o = report.options[0]
    assert o.title in first["summary"]
    for b in o.because:
        assert b.split(" ")[0] in first["detail"]
    ext = first["extension"]["org.msdecide.explanation"]
    assert ext["rulebook"]["sha256"] == report.rulebook.sha256 and ext["rules"] == o.rules


def test_long_summaries_are_cut_below_140():
    from msdecide.render.cdshooks import _summary

    assert len(_summary("x" * 500)) == SUMMARY_MAX and _summary("short") == "short"


def test_empty_report_gives_no_cards(service):
    from msdecide.report import Report, RulebookRef
    from msdecide.summary import summarise

    report = Report(profile_id=None, as_of="2026-11-25", region="EU",
                    rulebook=RulebookRef(name="n", version="1", sha256="0" * 64),
                    summary=summarise([], [], [], None, {}), options=[], not_offered=[], missing_data=[], warnings=[])
    assert render_cards(report) == {"cards": []}
