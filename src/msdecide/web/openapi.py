"""The OpenAPI 3.1 document of the JSON API, with the profile and report schemas from the models."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from pydantic.json_schema import models_json_schema

from .. import __version__
from ..options_ids import REGIONS
from ..profile import Profile
from ..report import Report


@lru_cache(maxsize=1)
def _schemas() -> dict[str, Any]:
    _, defs = models_json_schema([(Profile, "validation"), (Report, "serialization")],
                                 ref_template="#/components/schemas/{model}")
    schemas: dict[str, Any] = dict(defs["$defs"])
    schemas["FieldError"] = {"type": "object", "required": ["field", "message"], "properties": {
        "field": {"type": "string", "description": "dotted profile path, e.g. disease_course.edss"},
        "message": {"type": "string"}}}
    schemas["Problem"] = {"type": "object", "description": "RFC 9457 problem details", "required": ["title", "status"],
                          "properties": {"type": {"type": "string"}, "title": {"type": "string"},
                                         "status": {"type": "integer"}, "detail": {"type": "string"},
                                         "errors": {"type": "array", "items": {"$ref": "#/components/schemas/FieldError"}}}}
    return schemas


_RELOAD = {"type": "object", "required": ["ok", "version", "sha256", "errors"],
           "properties": {"ok": {"type": "boolean"}, "version": {"type": "string"}, "sha256": {"type": "string"},
                          "errors": {"type": "array", "items": {"type": "string"}},
                          "serving": {"type": "object", "properties": {"version": {"type": "string"},
                                                                       "sha256": {"type": "string"}}}}}


def _problem(description: str) -> dict[str, Any]:
    return {"description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _json(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def openapi_document(server: str = "") -> dict[str, Any]:
    obj = {"type": "object"}
    doc: dict[str, Any] = {
        "openapi": "3.1.0",
        "info": {"title": "msdecide API", "version": __version__,
                 "description": "Explained, research-backed options to discuss in multiple sclerosis care. "
                                "Options are things to discuss with the person and the MS team, never orders. "
                                "Nothing sent is stored.",
                 "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"}},
        "paths": {
            "/api/v1/evaluate": {"post": {
                "operationId": "evaluate", "summary": "Evaluate a patient profile",
                "parameters": [{"name": "region", "in": "query", "required": False,
                                "schema": {"type": "string", "enum": list(REGIONS)},
                                "description": "Whose labels apply (EU, US or UK). Overrides the profile's `region`; "
                                               "without either, the rulebook's default. Another value is a 422 with "
                                               "a `region` field error."}],
                "requestBody": {"required": True, "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Profile"}}}},
                "responses": {
                    "200": {"description": "The explained report (send Accept: text/markdown for Markdown)",
                            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Report"}},
                                        "text/markdown": {"schema": {"type": "string"}}}},
                    "400": _problem("The body is not valid JSON"),
                    "413": _problem("The body is larger than the limit (64 KB)"),
                    "415": _problem("The body is not sent as application/json"),
                    "422": _problem("The profile (or the `region` parameter) does not follow the contract: "
                                    "`errors` lists each field"),
                }}},
            "/api/v1/schema": {"get": {"operationId": "profileSchema", "summary": "JSON Schema of a patient profile",
                                       "responses": {"200": _json("JSON Schema (draft 2020-12)", obj)}}},
            "/api/v1/rulebook": {"get": {
                "operationId": "rulebook", "summary": "The rulebook in use: version, hash, rules and options",
                "responses": {"200": _json("The rulebook; `errors` holds the problems of a failed reload", {
                    "type": "object", "required": ["version", "sha256", "rules", "options"],
                    "properties": {"name": {"type": "string"}, "version": {"type": "string"},
                                   "sha256": {"type": "string"}, "errors": {"type": "array", "items": {"type": "string"}},
                                   "rules": {"type": "array", "items": obj}, "options": {"type": "array", "items": obj},
                                   "cautions": {"type": "array", "items": obj}}})}}},
            "/api/v1/rulebook/reload": {"post": {
                "operationId": "reloadRulebook",
                "summary": "Reload the rule files: swapped in only if they load and their embedded tests pass",
                "description": "Accepted from this machine only (127.0.0.1 or ::1), not through a proxy.",
                "responses": {"200": _json("Reloaded (or unchanged)", _RELOAD),
                              "403": _problem("Not from this machine, through a proxy, or from another site's page"),
                              "422": _json("Not reloaded: the last good rulebook keeps serving; `errors` says why",
                                           _RELOAD)}}},
            "/api/v1/openapi.json": {"get": {"operationId": "openapi", "summary": "This document",
                                             "responses": {"200": _json("OpenAPI 3.1 document", obj)}}},
            "/healthz": {"get": {"operationId": "health", "summary": "Liveness, with the rulebook version",
                                 "responses": {"200": _json("Serving", {
                                     "type": "object", "properties": {"status": {"const": "ok"},
                                                                      "version": {"type": "string"},
                                                                      "rulebook": obj}})}}},
            "/cds-services": {"get": {"operationId": "cdsDiscovery", "summary": "CDS Hooks 2.0 discovery",
                                      "responses": {"200": _json("The services offered", obj)}}},
            "/cds-services/ms-dmt-options": {"post": {
                "operationId": "cdsMsDmtOptions",
                "summary": "CDS Hooks 2.0.1 patient-view service: FHIR prefetch (see discovery), or the msdecide "
                           "profile in prefetch.msProfile",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["hook", "hookInstance", "context"],
                    "properties": {"hook": {"type": "string"}, "hookInstance": {"type": "string"},
                                   "context": obj, "prefetch": {"type": "object", "properties": {
                                       "msProfile": {"$ref": "#/components/schemas/Profile"}}}}}}}},
                "responses": {"200": _json("CDS Hooks cards", {"type": "object", "properties": {
                    "cards": {"type": "array", "items": obj}}}),
                              "400": _json("Malformed request or invalid profile (OperationOutcome)", obj),
                              "412": _json("Neither prefetch.msProfile nor the Patient and Conditions, and no FHIR "
                                           "server may be read (OperationOutcome)", obj),
                              "415": _json("Not JSON (OperationOutcome)", obj)}}},
            "/cds-services/ms-dmt-options/feedback": {"post": {
                "operationId": "cdsMsDmtOptionsFeedback",
                "summary": "CDS Hooks 2.0.1 feedback: accepted or overridden cards, appended with their rule ids",
                "requestBody": {"required": True, "content": {"application/json": {"schema": {
                    "type": "object", "required": ["feedback"],
                    "properties": {"feedback": {"type": "array", "items": obj}}}}}},
                "responses": {"200": _json("Recorded", {"type": "object", "properties": {
                    "recorded": {"type": "integer"}, "knownCards": {"type": "integer"}}}),
                              "400": _json("Malformed feedback (OperationOutcome)", obj),
                              "415": _json("Not JSON (OperationOutcome)", obj)}}},
        },
        "components": {"schemas": _schemas()},
    }
    if server:
        doc["servers"] = [{"url": server}]
    return doc
