"""Security: headers and CSP without inline script, CSRF on the form, secret key, nothing about the patient logged."""

from __future__ import annotations

import json
import logging
import re

from msdecide.web import create_app
from tests.web.conftest import form_data


def _pages(client, demo):
    yield client.get("/")
    yield client.get("/?example=demo-001")
    yield client.post("/result", data=form_data(demo))
    yield client.post("/result", data={"disease_course.edss": "x"})
    yield client.post("/edit", data={"profile": json.dumps(demo)})
    yield client.get("/nope")


def test_security_headers_on_every_response(client, demo):
    responses = list(_pages(client, demo)) + [client.post("/api/v1/evaluate", json=demo), client.get("/healthz"),
                                              client.get("/static/css/app.css")]
    for r in responses:
        r.close()
        csp = r.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert r.headers["X-Content-Type-Options"] == "nosniff"
        assert r.headers["Referrer-Policy"] == "same-origin"
        assert r.headers["X-Frame-Options"] == "DENY"


def test_pages_with_patient_data_are_never_cached(client, demo):
    for r in _pages(client, demo):
        assert r.headers["Cache-Control"] == "no-store"
    with client.get("/static/css/app.css") as r:
        assert "no-store" not in r.headers.get("Cache-Control", "")


def test_no_inline_script_or_style_in_any_page(client, demo):
    """The CSP allows neither: an inline script or style attribute would silently not work."""
    for r in _pages(client, demo):
        page = r.text
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", page), "inline <script>"
        assert not re.search(r"<style\b", page)
        assert not re.search(r"\sstyle=", page)
        assert not re.search(r"\son[a-z]+=", page), "inline event handler"
        assert "nhsuk-header__logo" not in page  # no NHS logo


def test_csrf_protects_the_form(csrf_app, demo):
    client = csrf_app.test_client()
    form = client.get("/").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    data = form_data(demo)
    # without the token: refused, but nothing typed is lost
    r = client.post("/result", data=data)
    assert r.status_code == 400
    assert "Error: " in r.text and "select &#39;Show options&#39; again" in r.text
    assert 'value="demo-001"' in r.text and 'value="34"' in r.text
    assert client.post("/result", data={**data, "csrf_token": "forged"}).status_code == 400
    # with it: the result
    r = client.post("/result", data={**data, "csrf_token": token})
    assert r.status_code == 200 and "Options to discuss" in r.text
    # the result page's own forms carry a token that works
    token2 = re.search(r'name="csrf_token" value="([^"]+)"', r.text).group(1)
    profile = json.dumps(demo)
    assert client.post("/download/json", data={"profile": profile}).status_code == 400
    assert client.post("/download/json", data={"profile": profile, "csrf_token": token2}).status_code == 200
    r = client.post("/edit", data={"profile": profile})
    assert r.status_code == 400 and "This page has expired" in r.text
    assert client.post("/edit", data={"profile": profile, "csrf_token": token2}).status_code == 200


def test_session_cookie_holds_no_patient_data(csrf_app, demo):
    client = csrf_app.test_client()
    client.get("/")
    cookie = client.get_cookie("msdecide_session")
    assert cookie is not None and cookie.http_only and cookie.same_site == "Lax"
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/").text).group(1)
    r = client.post("/result", data={**form_data(demo), "csrf_token": token})
    assert "Set-Cookie" not in r.headers or "demo-001" not in r.headers["Set-Cookie"]
    from flask.sessions import SecureCookieSessionInterface
    serializer = SecureCookieSessionInterface().get_signing_serializer(csrf_app)
    assert set(serializer.loads(client.get_cookie("msdecide_session").value)) == {"csrf_token"}


def test_secret_key_from_the_environment(monkeypatch):
    monkeypatch.setenv("MSDECIDE_SECRET_KEY", "from-the-environment")
    app = create_app()
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert not app.testing  # the factory's defaults are production ones


def test_secret_key_generated_with_a_warning(monkeypatch, caplog):
    monkeypatch.delenv("MSDECIDE_SECRET_KEY", raising=False)
    monkeypatch.delenv("FLASK_SECRET_KEY", raising=False)
    with caplog.at_level(logging.WARNING, logger="msdecide.web"):
        a, b = create_app({"TESTING": True}), create_app({"TESTING": True})
    assert len(a.config["SECRET_KEY"]) == 64 and a.config["SECRET_KEY"] != b.config["SECRET_KEY"]
    assert any("MSDECIDE_SECRET_KEY is not set" in r.getMessage() for r in caplog.records)


def test_logs_hold_method_path_status_duration_only(client, demo, caplog):
    marker = "zz-patient-7731"
    profile = {**demo, "id": marker, "mental_health": {"phq9": 23, "phq9_item9": 2}}
    with caplog.at_level(logging.DEBUG):
        client.post("/result", data=form_data(profile))
        client.post("/result", data={**form_data(profile), "disease_course.edss": "0.5"})
        client.post("/api/v1/evaluate", json=profile)
        client.post("/api/v1/evaluate", json={**profile, "demographics": {"age": 999}})
        client.post("/download/markdown", data={"profile": json.dumps(profile)})
        client.get("/?example=demo-001")
    access = [r.getMessage() for r in caplog.records if r.name == "msdecide.web.access"]
    assert len(access) == 6
    for line in access:
        assert re.fullmatch(r"(GET|POST) /[a-z0-9/._-]* \d{3} \d+\.\dms", line), line
    assert "POST /result 200" in access[0] and "GET / 200" in access[-1]  # the query string is left out
    for record in caplog.records:
        text = record.getMessage()
        assert marker not in text and "demographics.age" not in text and "999 " not in text


def test_500_is_logged_without_the_exception_message(app, client, demo, caplog, monkeypatch):
    service = app.extensions["msdecide"]

    def broken(profile):
        raise RuntimeError(f"engine broke on {profile.get('id')}")

    monkeypatch.setattr(service, "evaluate", broken)
    with caplog.at_level(logging.ERROR):
        r = client.post("/result", data=form_data(demo))
    assert r.status_code == 500
    errors = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert errors and "RuntimeError" in errors[0] and "POST /result" in errors[0]
    assert all("demo-001" not in e for e in errors)
