"""The option grid and the person's handout in a real browser: read, printed to PDF, checked by axe.

Screenshots and PDFs go to test-results/screenshots/ for people to look at.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from tests.conftest import EXAMPLES
from tests.e2e.conftest import ARTEFACTS, run_axe

pytestmark = pytest.mark.browser

WIDEST = "naive-highly-active-rrms"  # the most therapies offered of all examples (16; 12 printed by default)
WITH_THERAPIES = ["active-spms", "breakthrough-on-platform", "breastfeeding", "demo-001", "early-ppms",
                  "lymphopenia-on-fumarate", "natalizumab-jcv-positive-30-months", "phq9-item9-positive",
                  "smoker-low-activity", "stable-over-55"]


def report_of(page: Page, base: str, name: str) -> dict:
    profile = json.loads((EXAMPLES / f"{name}.json").read_text())
    r = page.request.post(f"{base}/api/v1/evaluate", data=json.dumps(profile),
                          headers={"Content-Type": "application/json"})
    assert r.ok
    return r.json()


def open_result(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}/?example={name}")
    page.locator("#submit").click()
    expect(page).to_have_title(re.compile("^Options to discuss"))


def pdf_pages(path) -> list[tuple[float, float]]:
    return [(float(p.mediabox.width), float(p.mediabox.height)) for p in PdfReader(path).pages]


@pytest.mark.parametrize("name", [WIDEST, *WITH_THERAPIES])
def test_grid_prints_on_one_landscape_a4_page(page: Page, live_server, shots, console_errors, name):
    open_result(page, live_server, name)
    report = report_of(page, live_server, name)
    grid = page.get_by_role("table", name=re.compile("^Option grid"))
    dmts = [o for o in report["options"] if o["theme"] == "immunotherapy" and o["kind"] in ("dmt", "off-label")]
    headers = grid.locator("thead tr").last.get_by_role("columnheader")
    expect(headers).to_have_count(len(dmts))
    for i, o in enumerate(dmts):  # the report's order
        expect(headers.nth(i)).to_contain_text(o["title"])
    page.locator("#decide-together").screenshot(path=shots / f"grid-on-result-{name}.png")

    page.get_by_role("button", name="Option grid to print").click()
    expect(page).to_have_title(re.compile("^Option grid"))
    printed = page.get_by_role("table", name=re.compile("^Option grid")).locator("thead tr").last
    expect(printed.get_by_role("columnheader")).to_have_count(min(len(dmts), 12))  # the highest ranked first
    page.screenshot(path=shots / f"grid-{name}.png", full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=shots / f"grid-print-{name}.png", full_page=True)
    pdf = ARTEFACTS / "screenshots" / f"grid-{name}.pdf"
    page.pdf(path=pdf, prefer_css_page_size=True, print_background=True)
    pages = pdf_pages(pdf)
    assert len(pages) == 1, f"the grid takes {len(pages)} pages"
    width, height = pages[0]
    assert (round(width / 72 * 25.4), round(height / 72 * 25.4)) == (297, 210)  # A4 landscape, in mm
    assert console_errors == []


def test_preferences_are_highlighted(page: Page, live_server):
    open_result(page, live_server, "demo-001")  # routes oral and infusion; no family plans
    grid = page.get_by_role("table", name=re.compile("^Option grid"))
    route = grid.locator("tr.msd-optgrid__row-route")
    expect(route).to_have_class(re.compile("msd-optgrid__row--said"))
    expect(route.get_by_role("rowheader")).to_contain_text("Person said: acceptable routes: oral, infusion")
    expect(grid.locator("tr.msd-optgrid__row-pregnancy")).not_to_have_class(re.compile("said"))
    open_result(page, live_server, "breastfeeding")
    grid = page.get_by_role("table", name=re.compile("^Option grid"))
    expect(grid.locator("tr.msd-optgrid__row-breastfeeding").get_by_role("rowheader")).to_contain_text(
        "Person said: breastfeeding")


def test_handout_lists_the_report_options_and_prints(page: Page, live_server, shots, console_errors):
    open_result(page, live_server, "demo-001")
    report = report_of(page, live_server, "demo-001")
    page.get_by_role("button", name="Handout for the person").first.click()
    expect(page).to_have_title(re.compile("^Your MS choices"))
    ids = page.locator("[data-option]").evaluate_all("els => els.map(e => e.dataset.option)")
    assert ids == [o["id"] for o in report["options"]]
    expect(page.get_by_role("heading", name="Questions you could ask")).to_be_visible()
    expect(page.get_by_role("heading", name="Words on this sheet")).to_be_visible()
    page.screenshot(path=shots / "handout.png", full_page=True)
    page.screenshot(path=shots / "handout-top.png")
    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    pdf = ARTEFACTS / "screenshots" / "handout.pdf"
    page.pdf(path=pdf, prefer_css_page_size=True)
    pages = pdf_pages(pdf)
    assert pages and all(w < h for w, h in pages)  # portrait
    assert console_errors == []


def test_accessibility_of_the_grid_and_the_handout(page: Page, live_server):
    open_result(page, live_server, "phq9-item9-positive")
    for d in page.locator("details").all():
        d.evaluate("d => d.open = true")
    serious = [v for v in run_axe(page) if v["impact"] in ("serious", "critical")]
    assert serious == []
    page.get_by_role("button", name="Option grid to print").click()
    expect(page).to_have_title(re.compile("^Option grid"))
    assert [v for v in run_axe(page) if v["impact"] in ("serious", "critical")] == []
    page.get_by_role("button", name="Handout for the person").click()
    expect(page).to_have_title(re.compile("^Your MS choices"))
    found = run_axe(page)
    (ARTEFACTS / "axe").mkdir(parents=True, exist_ok=True)
    (ARTEFACTS / "axe" / "handout.json").write_text(json.dumps(found, indent=2))
    assert [v for v in found if v["impact"] in ("serious", "critical")] == []


def test_grid_and_handout_reflow_at_320_px(page: Page, live_server):
    """WCAG 1.4.10: the grid scrolls inside its own region; the page itself never scrolls sideways."""
    page.set_viewport_size({"width": 320, "height": 640})
    open_result(page, live_server, "demo-001")
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Option grid to print").click()
    expect(page).to_have_title(re.compile("^Option grid"))
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.get_by_role("button", name="Handout for the person").click()
    expect(page).to_have_title(re.compile("^Your MS choices"))
    page.wait_for_load_state("load")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
