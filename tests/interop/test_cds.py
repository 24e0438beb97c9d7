"""CDS Hooks 2.0.1: discovery with FHIR prefetch, service calls from FHIR prefetch, 412, feedback."""

from __future__ import annotations

import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from msdecide.fhir import read_resources
from msdecide.fhir.prefetch import entries_of
from msdecide.web import create_app, get_service

from .conftest import DEMO_BUNDLE, LOCAL, RRMS, load, observation, patient, schema_errors

SERVICE = "/cds-services/ms-dmt-options"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    db = tmp_path_factory.mktemp("cds") / "feedback.sqlite3"
    return create_app({"TESTING": True, "SECRET_KEY": "test", "CDS_FEEDBACK_DB": str(db)})


@pytest.fixture
def client(app):
    return app.test_client()


def _searchset(*resources):
    return {"resourceType": "Bundle", "type": "searchset", "total": len(resources),
            "entry": [{"fullUrl": f"https://ehr.example.org/fhir/{r['resourceType']}/{r['id']}", "resource": r}
                      for r in resources]}


def prefetch_of(record):
    """The demo record as an EHR would prefetch it, by the discovery templates' keys."""
    by = {}
    for e in record["entry"]:
        by.setdefault(e["resource"]["resourceType"], []).append(e["resource"])
    return {"patient": by["Patient"][0], "conditions": _searchset(*by["Condition"]),
            "observations": _searchset(*by["Observation"]),
            "medicationStatements": _searchset(*by.get("MedicationStatement", [])), "medicationRequests": None}


def hook_request(prefetch, **extra):
    return {"hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
            "context": {"userId": "Practitioner/example", "patientId": "demo-001"}, "prefetch": prefetch} | extra


def test_discovery_validates_and_has_fhir_prefetch_templates(client):
    body = client.get("/cds-services").json
    assert schema_errors("discovery", body) == []
    [svc] = body["services"]
    assert svc["hook"] == "patient-view"
    assert set(svc["prefetch"]) == {"patient", "conditions", "observations", "medicationStatements",
                                    "medicationRequests"}
    assert svc["prefetch"]["patient"] == "Patient/{{context.patientId}}"
    assert "http://loinc.org|44260-8" in svc["prefetch"]["observations"]  # PHQ-9 item 9, from the mapping file
    assert f"{LOCAL}|" in svc["prefetch"]["observations"]


def test_fhir_prefetch_gives_the_cards_of_the_hand_written_profile(client, app):
    request = hook_request(prefetch_of(load(DEMO_BUNDLE)))
    assert schema_errors("request", request) == []
    r = client.post(SERVICE, json=request)
    assert r.status_code == 200, r.text
    assert schema_errors("response", r.json) == []
    with app.app_context():  # a CDS call reads the record as of today (the age is taken at today's date)
        entries = [pair for v in prefetch_of(load(DEMO_BUNDLE)).values() for pair in entries_of(v)]
        report = get_service().evaluate(read_resources(entries, as_of=dt.date.today()).profile)
    ext = [c["extension"]["org.msdecide.explanation"] for c in r.json["cards"]]
    assert [e["optionId"] for e in ext if e["outcome"] == "option"] == report.option_ids  # report order, unsorted
    for card, o in zip(r.json["cards"], report.options):
        assert len(card["summary"]) <= 140
        assert card["indicator"] == ("critical" if o.id == "urgent-self-harm-review" else
                                     "warning" if o.cautions else "info")
        hrefs = [h for e in o.evidence if (h := e.url or (f"https://doi.org/{e.doi}" if e.doi else None) or
                                           (f"https://pubmed.ncbi.nlm.nih.gov/{e.pmid}/" if e.pmid else None))]
        assert card["source"].get("url") == (hrefs[0] if hrefs else None)
        assert "**Why this option is shown**" in card["detail"]
    data_card = [c for c in r.json["cards"] if c["source"].get("topic", {}).get("code") == "data-needed"]
    assert bool(data_card) == bool(report.missing_data)


def test_self_harm_item_gives_a_critical_first_card(client):
    prefetch = prefetch_of(load(DEMO_BUNDLE))
    item9 = observation("i9", "http://loinc.org", "44260-8", when="2026-11-20", valueInteger=2)
    prefetch["observations"]["entry"].append({"resource": item9 | {"subject": {"reference": "Patient/demo-001"}}})
    cards = client.post(SERVICE, json=hook_request(prefetch)).json["cards"]
    assert cards[0]["indicator"] == "critical"
    assert cards[0]["extension"]["org.msdecide.explanation"]["optionId"] == "urgent-self-harm-review"


def test_no_ms_diagnosis_gives_no_cards(client):
    prefetch = {"patient": patient(), "conditions": None, "observations": None, "medicationStatements": None,
                "medicationRequests": None}
    r = client.post(SERVICE, json=hook_request(prefetch))
    assert r.status_code == 200 and r.json == {"cards": []}


@pytest.mark.parametrize("omit", ["patient", "conditions"])
def test_missing_required_prefetch_without_fetching_is_412(client, omit):
    prefetch = {"patient": patient(), "conditions": _searchset(RRMS)}
    del prefetch[omit]
    r = client.post(SERVICE, json=hook_request(prefetch, fhirServer="https://ehr.example.org/fhir"))
    assert r.status_code == 412 and r.json["resourceType"] == "OperationOutcome"
    assert any(f"'{omit}' absent" in i.get("diagnostics", "") for i in r.json["issue"])


def test_optional_prefetch_may_be_omitted(client):
    r = client.post(SERVICE, json=hook_request({"patient": patient(), "conditions": _searchset(RRMS)}))
    assert r.status_code == 200 and r.json["cards"]
    assert schema_errors("response", r.json) == []


def test_fhir_server_is_read_only_when_configured(tmp_path):
    calls = []

    def fake_fetch(server, query, authorization):
        calls.append((server, query, authorization["access_token"]))
        if query.startswith("Patient/"):
            return patient("p1")
        if query.startswith("Condition?"):
            return _searchset(RRMS)
        return {"resourceType": "Bundle", "type": "searchset", "total": 0}

    app = create_app({"TESTING": True, "SECRET_KEY": "t", "CDS_FHIR_FETCH": True, "CDS_FHIR_FETCHER": fake_fetch,
                      "CDS_FEEDBACK_DB": str(tmp_path / "f.sqlite3")})
    token = {"access_token": "abc", "token_type": "Bearer", "expires_in": 300, "scope": "user/*.read",
             "subject": "msdecide"}
    body = hook_request({}, fhirServer="https://ehr.example.org/fhir", fhirAuthorization=token)
    body["context"]["patientId"] = "p1"
    r = app.test_client().post(SERVICE, json=body)
    assert r.status_code == 200 and r.json["cards"]
    assert [q.split("?")[0].split("/")[0] for _, q, _ in calls] == ["Patient", "Condition", "Observation",
                                                                     "MedicationStatement", "MedicationRequest"]
    assert calls[0] == ("https://ehr.example.org/fhir", "Patient/p1", "abc")

    plain = body | {"fhirServer": "http://ehr.example.org/fhir"}  # the token is never sent without TLS
    calls.clear()
    assert app.test_client().post(SERVICE, json=plain).status_code == 412 and calls == []

    def unreachable(server, query, authorization):
        raise OSError("connection refused")

    app.config["CDS_FHIR_FETCHER"] = unreachable
    assert app.test_client().post(SERVICE, json=body).status_code == 412


def test_unknown_service_is_404(client):
    assert client.post("/cds-services/nope", json=hook_request({})).status_code == 404
    assert client.post("/cds-services/nope/feedback", json={"feedback": []}).status_code == 404


def test_feedback_is_recorded_with_rules_and_rulebook_hash_and_no_patient_data(client, app):
    cards = client.post(SERVICE, json=hook_request(prefetch_of(load(DEMO_BUNDLE)))).json["cards"]
    first, second = cards[0], cards[1]
    feedback = {"feedback": [
        {"card": first["uuid"], "outcome": "overridden", "outcomeTimestamp": "2026-11-25T09:20:31Z",
         "overrideReason": {"reason": first["overrideReasons"][0], "userComment": "Patient demo-001 prefers oral"}},
        {"card": second["uuid"], "outcome": "accepted", "outcomeTimestamp": "2026-11-25T09:21:02Z"},
        {"card": "not-a-card-we-issued", "outcome": "accepted", "outcomeTimestamp": "2026-11-25T09:22:00Z"},
    ]}
    assert schema_errors("feedback", feedback) == []
    r = client.post(f"{SERVICE}/feedback", json=feedback)
    assert r.status_code == 200 and r.json == {"recorded": 3, "knownCards": 2}
    with app.app_context():
        from msdecide.web.cds import feedback_store
        rows = feedback_store().rows()[-3:]
        sha = get_service().rulebook.sha256
    ext = first["extension"]["org.msdecide.explanation"]
    assert rows[0]["outcome"] == "overridden" and rows[0]["rules"] == sorted(ext["rules"])
    assert rows[0]["option_id"] == ext["optionId"] and rows[0]["rulebook_sha256"] == sha
    assert rows[0]["override_code"] == first["overrideReasons"][0]["code"] and rows[0]["comment_given"] == 1
    assert rows[1]["outcome"] == "accepted" and rows[2]["rules"] is None
    raw = Path(app.config["CDS_FEEDBACK_DB"]).read_bytes()
    assert b"demo-001" not in raw and b"prefers oral" not in raw and b"d1577c69" not in raw


def test_feedback_file_is_append_only(client, app):
    client.post(SERVICE, json=hook_request(prefetch_of(load(DEMO_BUNDLE))))
    db = sqlite3.connect(app.config["CDS_FEEDBACK_DB"])
    for sql in ("DELETE FROM feedback", "UPDATE issued_cards SET rules = '[]'"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            db.execute(sql)
    db.close()


@pytest.mark.parametrize("body, where", [
    ({"feedback": []}, "feedback: a non-empty list"),
    ({"feedback": [{"card": "x", "outcome": "maybe", "outcomeTimestamp": "2026-11-25T09:00:00Z"}]}, "outcome"),
    ({"feedback": [{"card": "x", "outcome": "accepted"}]}, "outcomeTimestamp"),
    ({"feedback": [{"card": "x", "outcome": "accepted", "outcomeTimestamp": "t", "overrideReason": {}}]},
     "overrideReason"),
])
def test_bad_feedback_is_400_with_the_field(client, body, where):
    r = client.post(f"{SERVICE}/feedback", json=body)
    assert r.status_code == 400 and any(where in i.get("diagnostics", "") for i in r.json["issue"])


def test_record_values_that_could_not_be_read_are_shown_on_the_data_card(client):
    prefetch = {"patient": patient(), "conditions": _searchset(RRMS), "observations": _searchset(
        observation("ly", "http://loinc.org", "731-0", valueQuantity={"value": 30, "code": "%"}),
        observation("bp", "http://loinc.org", "85354-9", valueInteger=1))}
    cards = client.post(SERVICE, json=hook_request(prefetch)).json["cards"]
    [data] = [c for c in cards if c["source"]["topic"]["code"] == "data-needed"]
    assert "**In the record but not used**" in data["detail"]
    assert "Observation/ly" in data["detail"] and "unit '%'" in data["detail"]
    assert "Observation/bp" not in data["detail"]  # a code msdecide does not use is no news to the clinician
    assert schema_errors("response", {"cards": cards}) == []
