"""Hostile input never ends in a 5xx: deep JSON, long example names, dates beyond any calendar."""

from __future__ import annotations

import json

import pytest

from tests.web.conftest import form_data

DEEP_ARRAY = "[" * 1000 + "]" * 1000
DEEP_OBJECT = '{"a":' * 1000 + "1" + "}" * 1000
JUST_TOO_DEEP = '{"demographics": ' + "[" * 40 + "]" * 40 + "}"  # parses, but deeper than any profile


@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT, JUST_TOO_DEEP], ids=["array", "object", "40-levels"])
def test_deep_json_is_a_clear_400_on_the_api(client, body):
    r = client.post("/api/v1/evaluate", data=body, content_type="application/json")
    assert r.status_code == 400
    assert r.mimetype == "application/problem+json"
    assert "nested more than 32 levels" in r.get_json()["detail"]


@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
def test_deep_json_is_a_clear_400_on_cds_hooks(client, body):
    r = client.post("/cds-services/ms-dmt-options", data=body, content_type="application/json")
    assert r.status_code == 400
    issue = r.get_json()["issue"][0]
    assert "nested more than 32 levels" in issue["details"]["text"]


def test_deep_prefetch_profile_is_a_400_on_cds_hooks(client):
    body = '{"hook": "patient-view", "hookInstance": "x", "context": {}, "prefetch": {"msProfile": ' \
        + "[" * 40 + "]" * 40 + "}}"
    assert client.post("/cds-services/ms-dmt-options", data=body, content_type="application/json").status_code == 400


@pytest.mark.parametrize("url", ["/edit", "/download/json", "/download/markdown", "/grid", "/handout"])
@pytest.mark.parametrize("body", [DEEP_ARRAY, DEEP_OBJECT], ids=["array", "object"])
def test_deep_json_reposted_from_the_result_page_is_a_400(client, url, body):
    r = client.post(url, data={"profile": body})
    assert r.status_code == 400
    assert b"There is a problem with what was sent" in r.data


@pytest.mark.parametrize("name", ["a" * 251, "a" * 5000, "demo-001" + "-x" * 200])
def test_long_example_name_is_not_found(client, name):
    assert client.get("/", query_string={"example": name}).status_code == 404


def test_example_still_loads(client):
    r = client.get("/", query_string={"example": "demo-001"})
    assert r.status_code == 200


@pytest.mark.parametrize("year", ["2147483648", "99999999999999999999", "10000", "0"])
def test_out_of_range_year_is_a_field_error(client, demo, year):
    data = form_data(demo)
    data.update({"as_of-day": "1", "month": "1", "as_of-month": "1", "as_of-year": year})
    r = client.post("/result", data=data)
    assert r.status_code == 400
    text = r.get_data(as_text=True)
    assert "must be a real date" in text
    assert 'href="#f-as_of-day"' in text


@pytest.mark.parametrize("path,shown", [
    ("/x%0a2026-12-05 12:00:00,000 GET /admin 200 1.0ms", "/x%0A2026-12-05"),
    ("/x%0d%0aforged", "/x%0D%0Aforged"),
    ("/x%1b[31mred", "/x%1B[31mred"),
    ("/x%e2%80%a8sep", "/x%E2%80%A8sep"),
])
def test_control_characters_in_a_url_cannot_forge_a_log_line(client, caplog, path, shown):
    import logging

    with caplog.at_level(logging.INFO, logger="msdecide.web.access"):
        client.get(path)
    lines = [r.getMessage() for r in caplog.records if r.name == "msdecide.web.access"]
    assert len(lines) == 1
    assert "\n" not in lines[0] and "\r" not in lines[0] and "\x1b" not in lines[0] and "\u2028" not in lines[0]
    assert lines[0].startswith(f"GET {shown}")


def test_waitress_refuses_a_body_over_the_apps_limit_before_reading_it(app):
    import socket
    import threading

    from waitress import wasyncore
    from waitress.server import create_server

    from msdecide.web import MAX_BODY_BYTES, waitress_settings

    assert waitress_settings(app)["max_request_body_size"] == app.config["MAX_CONTENT_LENGTH"] == MAX_BODY_BYTES
    server = create_server(app, host="127.0.0.1", port=0, threads=1, **waitress_settings(app))
    stop = threading.Event()

    def loop() -> None:
        while not stop.is_set():
            wasyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        with socket.create_connection(("127.0.0.1", server.effective_port), timeout=10) as s:
            # announce 1 GB, send only the headers: waitress answers without waiting for the body
            s.sendall(b"POST /api/v1/evaluate HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                      b"Content-Length: 1073741824\r\n\r\n{")
            head = s.recv(4096)
        assert head.startswith(b"HTTP/1.1 413"), head[:100]
    finally:
        stop.set()
        thread.join(5)
        wasyncore.close_all(server._map)  # the server's socket and the connection it accepted
        server.task_dispatcher.shutdown()


def test_422_for_thousands_of_bad_list_entries_stays_small(client):
    bad = {"treatment": {"prior": [f"not-a-drug-{i}" for i in range(3000)]},
           "comorbidities": [f"x{i}" for i in range(100)],
           "lifestyle": {f"unknown_{i}": 1 for i in range(30)}}
    body = json.dumps(bad)
    assert 50_000 < len(body) < 64 * 1024
    r = client.post("/api/v1/evaluate", data=body, content_type="application/json")
    assert r.status_code == 422
    assert len(r.data) < 10_000, len(r.data)
    errors = {e["field"]: e["message"] for e in r.get_json()["errors"]}
    assert len(errors) == 32
    assert "'not-a-drug-0' (item 0)" in errors["treatment.prior"] and "and 2995 more entries" in errors["treatment.prior"]
    assert errors["treatment.prior"].count("natalizumab") == 1


def test_errors_stop_at_50_with_a_count(client):
    bad = {"lifestyle": {f"unknown_{i}": 1 for i in range(2000)}}
    r = client.post("/api/v1/evaluate", json=bad)
    assert r.status_code == 422
    errors = r.get_json()["errors"]
    assert len(errors) == 51
    assert errors[-1] == {"field": "profile", "message": "and 1950 more errors not shown: correct these first"}


def _form_fields() -> list[str]:
    from msdecide.profile import FIELDS

    names = []
    for path, spec in FIELDS.items():
        names += [f"{path}-{part}" for part in ("day", "month", "year")] if spec.kind == "date" else [path]
    return names


def test_random_form_posts_never_give_a_5xx(client):
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    text = st.one_of(st.text(max_size=30), st.sampled_from(["1e400", "-0", "nan", "99999999999999999999", "1.5",
                                                            "yes", "no", "none", "2026", "13", "0"]))
    form = st.dictionaries(st.sampled_from(_form_fields()), text, max_size=12)

    @settings(max_examples=150, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
    @given(form)
    def post(data):
        r = client.post("/result", data=data)
        assert r.status_code in (200, 400), (r.status_code, data)

    post()
