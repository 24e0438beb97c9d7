"""Error pages in the app's style, never a stack trace; the vendored nhsuk-frontend assets."""

from __future__ import annotations

import re

import pytest

from msdecide.resources import web_dir
from tests.web.conftest import form_data


def _styled(page: str) -> bool:
    return "msd-header" in page and "/assets/nhsuk-frontend.min.css" in page


@pytest.mark.parametrize("url", ["/nope", "/result/", "/static/nope.css", "/assets/images/nhs-logo.svg",
                                 "/download/json/extra"])
def test_404_page(client, url):
    r = client.get(url)
    assert r.status_code == 404
    if not url.startswith(("/static", "/assets")):
        assert _styled(r.text) and "Page not found" in r.text
        assert "<title>Page not found – msdecide</title>" in r.text


def test_405_page_for_a_form_url(client):
    r = client.get("/download/json")
    assert r.status_code == 405 and _styled(r.text)


def test_500_page_without_traceback(app, client, demo, monkeypatch):
    service = app.extensions["msdecide"]

    def broken(profile):
        raise ZeroDivisionError("secret detail from the engine")

    monkeypatch.setattr(service, "evaluate", broken)
    r = client.post("/result", data=form_data(demo))
    assert r.status_code == 500
    assert _styled(r.text) and "Sorry, there is a problem with the service" in r.text
    for leak in ("Traceback", "ZeroDivisionError", "secret detail", "File \""):
        assert leak not in r.text
    for url, kwargs in (("/api/v1/evaluate", {"json": demo}),
                        ("/cds-services/ms-dmt-options", {"json": {"hook": "patient-view", "hookInstance": "1",
                                                                  "context": {}, "prefetch": {"msProfile": demo}}})):
        r = client.post(url, **kwargs)
        assert r.status_code == 500 and r.json["status"] == 500
        assert "secret detail" not in r.text and "Traceback" not in r.text
    r = client.post("/download/markdown", data={"profile": "{}"})
    assert r.status_code == 500 and "Traceback" not in r.text


def test_csrf_error_page_on_other_forms_is_styled(csrf_app):
    r = csrf_app.test_client().post("/download/json", data={"profile": "{}"})
    assert r.status_code == 400 and _styled(r.text) and "This page has expired" in r.text


# --------------------------------------------------------------------------- assets


VENDOR = web_dir() / "static" / "vendor" / "nhsuk-frontend"


def test_vendored_nhsuk_frontend_has_its_licence_and_version():
    assert "MIT License" in (VENDOR / "LICENSE").read_text()
    version = (VENDOR / "VERSION").read_text()
    assert version.startswith("nhsuk-frontend 10.6.1")
    for name in ("nhsuk-frontend.min.css", "nhsuk-frontend.min.js"):
        assert (VENDOR / name).is_file()
    # no NHS logo, favicon or app icons
    assert not [p for p in VENDOR.rglob("*") if re.search(r"logo|favicon|nhsuk-icon-\d+|opengraph", p.name)]


def test_every_asset_the_css_asks_for_is_served(client):
    css = client.get("/assets/nhsuk-frontend.min.css")
    assert css.status_code == 200 and css.mimetype == "text/css"
    text = css.text
    assert "@font-face" not in text and "assets.nhs.uk" not in text and "sourceMappingURL" not in text
    for url in sorted(set(re.findall(r"url\((/[^)]+)\)", text))):
        with client.get(url) as r:
            assert r.status_code == 200, url
    again = client.get("/assets/nhsuk-frontend.min.css", headers={"If-None-Match": css.headers["ETag"].strip('"')})
    assert again.status_code == 304


def test_pages_link_only_to_assets_that_exist(client):
    page = client.get("/").text
    for url in re.findall(r'(?:href|src)="(/(?:static|assets)/[^"]+)"', page):
        with client.get(url) as r:
            assert r.status_code == 200, url
    with client.get("/static/js/app.js") as r:
        js = r.get_data(as_text=True)
    assert 'from "../vendor/nhsuk-frontend/nhsuk-frontend.min.js"' in js
    assert (web_dir() / "static" / "js" / "../vendor/nhsuk-frontend/nhsuk-frontend.min.js").resolve().is_file()


def test_print_stylesheet_is_linked_for_print(client):
    page = client.get("/").text
    assert re.search(r'<link rel="stylesheet" href="/static/css/print.css" media="print">', page)
    css = (web_dir() / "static" / "css" / "print.css").read_text()
    assert "break-inside: avoid" in css and ".msd-no-print" in css
