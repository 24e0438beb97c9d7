"""The decision aids in the web app: the grid on the result page, the printable grid, the handout."""

from __future__ import annotations

import json
import re

from msdecide.render.handout import build_handout
from tests.conftest import EXAMPLES
from tests.web.conftest import form_data


def posted(profile: dict) -> dict:
    return {"profile": json.dumps(profile)}


def test_result_page_has_the_grid_and_the_handout_button(client, service, demo):
    r = client.post("/result", data=form_data(demo))
    assert r.status_code == 200
    report = service.evaluate(demo)
    html = r.text
    assert 'id="decide-together"' in html and "Option grid: therapies (columns)" in html
    heads = re.findall(r'<th class="nhsuk-table__header msd-optgrid__option" scope="col">([^<]+)', html)
    assert [h.strip() for h in heads] == [o.title for o in report.options if o.id in service.rulebook.attributes.options]
    assert html.count("Handout for the person") == 2  # top actions and the grid section
    assert "Person said: acceptable routes: oral, infusion" in html


def test_handout_page_lists_the_report_options_in_order(client, service, demo):
    r = client.post("/handout", data=posted(demo))
    assert r.status_code == 200 and "<title>Your MS choices: demo-001" in r.text
    ids = re.findall(r'data-option="([a-z0-9-]+)"', r.text)
    assert ids == service.evaluate(demo).option_ids
    sheet = build_handout(service.evaluate(demo), service.rulebook, demo)
    for g in sheet.groups:
        assert f">{g.heading}</h2>" in r.text.replace("&#39;", "'")
    assert "Questions you could ask" in r.text and "Words on this sheet" in r.text


def test_grid_page_prints_the_first_twelve_or_the_chosen(client, service):
    profile = json.loads((EXAMPLES / "naive-highly-active-rrms.json").read_text())
    dmts = [o for o in service.evaluate(profile).options if o.id in service.rulebook.attributes.options]
    r = client.post("/grid", data=posted(profile))
    assert r.status_code == 200 and f"12 of the {len(dmts)} disease-modifying therapies" in r.text
    heads = re.findall(r'msd-optgrid__option" scope="col">([^<]+)', r.text)
    assert [h.strip() for h in heads] == [o.title for o in dmts[:12]]  # the highest ranked
    r = client.post("/grid", data={**posted(profile), "compare": [dmts[-1].id, dmts[0].id]})
    heads = re.findall(r'msd-optgrid__option" scope="col">([^<]+)', r.text)
    assert [h.strip() for h in heads] == [dmts[0].title, dmts[-1].title]


def test_bad_or_missing_profile_is_400(client):
    for url in ("/handout", "/grid"):
        for body in ({"profile": "not json"}, {}, {"profile": json.dumps({"demographics": {"age": 500}})}):
            r = client.post(url, data=body)
            assert r.status_code == 400 and "Traceback" not in r.text


def test_decision_aids_need_the_csrf_token(csrf_app, demo):
    for url in ("/handout", "/grid"):
        assert csrf_app.test_client().post(url, data=posted(demo)).status_code == 400


def test_markdown_download_has_the_grid(client, demo):
    r = client.post("/download/markdown", data=posted(demo))
    assert "## Option grid" in r.text and "(said: acceptable routes: oral, infusion)" in r.text
