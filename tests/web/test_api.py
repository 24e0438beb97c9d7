"""The JSON API: evaluate, schema, rulebook, health, OpenAPI; every bad input is a 4xx, never a 500."""

from __future__ import annotations

import json
import re

import pytest

from msdecide.profile import Profile
from msdecide.render import render


def test_evaluate_returns_the_report(client, service, demo):
    r = client.post("/api/v1/evaluate", json=demo)
    assert r.status_code == 200 and r.mimetype == "application/json"
    assert r.text == service.evaluate(demo).to_json()
    assert r.headers["Cache-Control"] == "no-store"


def test_evaluate_as_markdown(client, service, demo):
    r = client.post("/api/v1/evaluate", json=demo, headers={"Accept": "text/markdown"})
    assert r.status_code == 200 and r.mimetype == "text/markdown"
    assert r.text == render(service.evaluate(demo), "markdown", rulebook=service.rulebook, profile=demo)
    assert "## Option grid" in r.text


def test_evaluate_an_empty_profile(client):
    r = client.post("/api/v1/evaluate", json={})
    assert r.status_code == 200 and "missing_data" in r.json


def test_region_query_parameter_overrides_the_body(client, service):
    body = {"region": "EU", "disease_course": {"phenotype": "SPMS", "relapses_12m": 0}}
    r = client.post("/api/v1/evaluate?region=US", json=body)
    assert r.status_code == 200
    assert r.json["region"] == "US"
    assert r.text == service.evaluate({**body, "region": "US"}).to_json()
    assert client.post("/api/v1/evaluate", json=body).json["region"] == "EU"
    assert client.post("/api/v1/evaluate", json={}).json["region"] == service.rulebook.meta.region
    md = client.post("/api/v1/evaluate?region=UK", json=body, headers={"Accept": "text/markdown"})
    assert md.status_code == 200 and "UK labels" in md.text


@pytest.mark.parametrize("query", ["region=FR", "region=us", "region=", "region=EU,US"])
def test_bad_region_query_parameter_is_422(client, query):
    r = client.post(f"/api/v1/evaluate?{query}", json={"disease_course": {"phenotype": "RRMS"}})
    assert r.status_code == 422 and r.mimetype == "application/problem+json"
    assert [e["field"] for e in r.json["errors"]] == ["region"]
    assert "EU, US, UK" in r.json["errors"][0]["message"]


def test_bad_region_in_the_body_is_a_field_error(client):
    r = client.post("/api/v1/evaluate", json={"region": "FR"})
    assert r.status_code == 422 and [e["field"] for e in r.json["errors"]] == ["region"]


@pytest.mark.parametrize("profile, fields", [
    ({"disease_course": {"edss": 0.5}}, ["disease_course.edss"]),
    ({"disease_course": {"edss": "2"}}, ["disease_course.edss"]),
    ({"demographics": {"agee": 30}}, ["demographics.agee"]),
    ({"mri": {"gd_enhancing_lesions": -1}, "lifestyle": {"smoking": "sometimes"}},
     ["lifestyle.smoking", "mri.gd_enhancing_lesions"]),
    ({"treatment": {"current": "aspirin"}}, ["treatment.current"]),
    ({"biomarkers": "positive"}, ["biomarkers"]),
    ([1, 2], ["profile"]),
    ("profile", ["profile"]),
    (None, ["profile"]),
])
def test_invalid_profile_is_422_with_field_errors(client, profile, fields):
    r = client.post("/api/v1/evaluate", data=json.dumps(profile), content_type="application/json")
    assert r.status_code == 422
    assert r.mimetype == "application/problem+json"
    body = r.json
    assert body["status"] == 422 and body["title"] == "Invalid profile"
    assert sorted(e["field"] for e in body["errors"]) == fields
    assert all(e["message"] for e in body["errors"])


def test_did_you_mean_reaches_the_api(client):
    r = client.post("/api/v1/evaluate", json={"demographics": {"agee": 30}})
    assert "did you mean 'age'" in r.json["errors"][0]["message"]


@pytest.mark.parametrize("body", ["{", "{'a': 1}", "", "\xff\xfe", '{"a": 1}}', "NaN-ish"])
def test_malformed_json_is_400(client, body):
    r = client.post("/api/v1/evaluate", data=body.encode("latin-1"), content_type="application/json")
    assert r.status_code == 400
    assert r.json["title"] == "Malformed JSON" and r.mimetype == "application/problem+json"


@pytest.mark.parametrize("content_type", ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data",
                                          "application/xml", None])
def test_wrong_content_type_is_415(client, demo, content_type):
    headers = {"Content-Type": content_type} if content_type else {}
    r = client.post("/api/v1/evaluate", data=json.dumps(demo), headers=headers)
    assert r.status_code == 415
    assert r.json["status"] == 415


def test_oversize_body_is_413(client, app):
    big = json.dumps({"id": "x", "padding": "a" * (app.config["MAX_CONTENT_LENGTH"] + 1)})
    r = client.post("/api/v1/evaluate", data=big, content_type="application/json")
    assert r.status_code == 413
    assert r.mimetype == "application/problem+json" and r.json["status"] == 413


def test_oversize_form_post_is_413_page(client, app):
    r = client.post("/result", data={"id": "a" * (app.config["MAX_CONTENT_LENGTH"] + 1)})
    assert r.status_code == 413
    assert "too large" in r.text and "<header" in r.text


@pytest.mark.parametrize("payload", [
    {"demographics": {"age": 10 ** 400}}, {"demographics": {"age": 1e308}}, {"mri": {"t2_lesion_count": True}},
    {"disease_course": {"edss": float("inf")}}, {"comorbidities": "diabetes"}, {"comorbidities": [["x"]]},
    {"preferences": {"routes": {"oral": True}}}, {"as_of": "yesterday"}, {"as_of": "2026-02-30"},
    {"id": ""}, {"id": "a" * 65}, {"treatment": {"prior": None}}, {"": {}}, {"demographics": {"": 1}},
    {"disease_course": {"relapses_12m": 5, "relapses_24m": 2}},
])
def test_odd_inputs_never_give_500(client, payload):
    body = json.dumps(payload, allow_nan=True)
    r = client.post("/api/v1/evaluate", data=body, content_type="application/json")
    assert r.status_code in (200, 400, 422), r.text
    assert r.is_json


def test_method_not_allowed_is_json(client):
    r = client.get("/api/v1/evaluate")
    assert r.status_code == 405 and r.mimetype == "application/problem+json"
    assert "POST" in r.headers["Allow"]


def test_unknown_api_path_is_json_404(client):
    r = client.get("/api/v1/nope")
    assert r.status_code == 404 and r.json["title"] == "Not found"


def test_schema(client):
    r = client.get("/api/v1/schema")
    assert r.status_code == 200 and r.json == Profile.model_json_schema()


def test_rulebook(client, service):
    body = client.get("/api/v1/rulebook").json
    book = service.rulebook
    assert body["version"] == book.version and body["sha256"] == book.sha256
    assert [o["id"] for o in body["options"]] == list(book.options)
    assert {r["rule"] for r in body["rules"]} == {r.rule for r in book.rules}
    assert all(r["path"].endswith(".yaml") for r in body["rules"])
    assert body["errors"] == []


def test_healthz(client, service):
    body = client.get("/healthz").json
    assert body["status"] == "ok" and body["rulebook"]["sha256"] == service.rulebook.sha256


# --------------------------------------------------------------------------- OpenAPI


def _refs(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "$ref":
                yield v
            else:
                yield from _refs(v)
    elif isinstance(node, list):
        for v in node:
            yield from _refs(v)


def test_openapi_document_describes_every_json_route(client, app):
    doc = client.get("/api/v1/openapi.json").json
    assert doc["openapi"].startswith("3.1")
    routes = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith(("/api/", "/healthz", "/cds-services")):
            routes[rule.rule] = {m.lower() for m in rule.methods - {"HEAD", "OPTIONS"}}
    documented = {path: set(ops) for path, ops in doc["paths"].items()}
    assert documented == routes
    schemas = doc["components"]["schemas"]
    for ref in _refs(doc):
        assert ref.startswith("#/components/schemas/") and ref.rsplit("/", 1)[1] in schemas, ref
    evaluate = doc["paths"]["/api/v1/evaluate"]["post"]["responses"]
    assert {"200", "400", "413", "415", "422"} <= set(evaluate)
    assert set(schemas["Profile"]["properties"]) == set(Profile.model_fields)


def test_openapi_documents_the_region_parameter(client):
    evaluate = client.get("/api/v1/openapi.json").json["paths"]["/api/v1/evaluate"]["post"]
    [param] = evaluate["parameters"]
    assert param["name"] == "region" and param["in"] == "query" and not param["required"]
    assert param["schema"]["enum"] == ["EU", "US", "UK"]


def test_openapi_document_is_valid(client):
    from openapi_spec_validator import validate

    validate(client.get("/api/v1/openapi.json").json)


def test_api_needs_no_csrf_token(csrf_app, demo):
    r = csrf_app.test_client().post("/api/v1/evaluate", json=demo)
    assert r.status_code == 200
    assert "Set-Cookie" not in r.headers  # JSON only: no session, no cookie


def test_report_json_is_deterministic(client, demo):
    a = client.post("/api/v1/evaluate", json=demo).text
    b = client.post("/api/v1/evaluate", json=dict(reversed(list(demo.items())))).text
    assert a == b
    assert re.search(r'"sha256": "[0-9a-f]{64}"', a)
