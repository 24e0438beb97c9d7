"""A clinician in a real browser: fill the form, read the result, fix errors, print, download.

Screenshots and PDFs are saved to test-results/screenshots/ for people to look at.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import EXAMPLES
from tests.e2e.conftest import ARTEFACTS, run_axe

pytestmark = pytest.mark.browser

DEMO = json.loads((EXAMPLES / "demo-001.json").read_text())


def radio(page: Page, question: str, answer: str) -> None:
    page.get_by_role("group", name=question, exact=True).get_by_label(answer, exact=True).check()


def enter_demo_profile(page: Page) -> None:
    """The contract's example profile, typed the way a clinician would."""
    page.get_by_label("Profile id").fill("demo-001")
    date = page.get_by_role("group", name="Date the profile describes")
    date.get_by_label("Day").fill("25")
    date.get_by_label("Month").fill("11")
    date.get_by_label("Year").fill("2026")
    page.get_by_label("Age", exact=True).fill("34")
    radio(page, "Sex", "Female")
    radio(page, "Pregnancy", "None")
    radio(page, "Type of MS", "RRMS (relapsing-remitting)")
    page.get_by_label("Years since onset").fill("3")
    page.get_by_label("EDSS score").fill("2.0")
    page.get_by_label("Relapses in the last 12 months").fill("2")
    page.get_by_label("Relapses in the last 24 months").fill("3")
    page.get_by_label("New or enlarging T2 lesions in the last 12 months").fill("4")
    page.get_by_label("Gadolinium-enhancing lesions on the latest scan").fill("2")
    radio(page, "Anti-JCV antibody", "Positive")
    page.get_by_label("JCV index").fill("1.8")
    radio(page, "Varicella zoster IgG", "Positive")
    radio(page, "Hepatitis B surface antigen", "Negative")
    radio(page, "Hepatitis B core antibody (anti-HBc)", "Negative")
    page.get_by_label("Current disease-modifying therapy").select_option(label="Dimethyl fumarate")
    page.get_by_label("Months on the current therapy").fill("14")
    radio(page, "Smoking", "Current smoker")
    page.get_by_label("Moderate exercise").fill("30")
    page.get_by_label("PHQ-9 total").fill("11")
    page.get_by_label("PHQ-9 item 9 (thoughts of self-harm)").fill("0")
    routes = page.get_by_role("group", name="Acceptable routes")
    routes.get_by_label("Oral", exact=True).check()
    routes.get_by_label("Infusion", exact=True).check()
    radio(page, "Wishes to conceive within 2 years", "No")


def api_report(page: Page, base: str, profile: dict) -> dict:
    r = page.request.post(f"{base}/api/v1/evaluate", data=json.dumps(profile),
                          headers={"Content-Type": "application/json"})
    assert r.ok
    return r.json()


def test_clinician_enters_the_contract_example_and_reads_the_result(page: Page, live_server, shots, console_errors):
    page.goto(live_server + "/")
    expect(page).to_have_title("Patient profile – msdecide")
    page.screenshot(path=shots / "form.png", full_page=True)
    enter_demo_profile(page)
    page.locator("#submit").click()

    expect(page).to_have_title(re.compile(r"^Options to discuss: demo-001"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Options to discuss")
    report = api_report(page, live_server, DEMO)  # typed by hand, the same report as the file gives
    expect(page.locator(".msd-disclaimer")).to_contain_text(report["disclaimer"])
    summary = page.get_by_role("region", name="Summary")
    expect(summary).to_be_visible()
    treatment = summary.get_by_role("region", name=re.compile("^Treatment options"))
    ranked = [i for item in report["summary"]["recommended"] for i in item["ids"]]
    titles = {o["id"]: o["title"] for o in report["options"]}
    expect(treatment.locator(".msd-ranked__item")).to_have_text(
        [f"{n} {titles[i]}" for n, i in enumerate(ranked, start=1)])
    for o in report["options"]:  # every option is in the detail, collapsed
        card = page.locator(f"#option-{o['id']}")
        expect(card).to_be_attached()
        expect(card).to_be_hidden()
        for c in o["cautions"]:
            expect(card).to_contain_text(c["text"])
    for n in report["not_offered"]:
        expect(page.locator(f"#not-offered-{n['id']}")).to_contain_text(n["because"][0])
    expect(page.locator("#provenance")).to_contain_text(report["rulebook"]["sha256"])
    # a ranked option in the summary links to its card, which opens
    first = report["options"][0]
    treatment.get_by_role("link", name=first["title"], exact=True).click()
    expect(page).to_have_url(re.compile(f"#option-{first['id']}$"))
    card = page.locator(f"#option-{first['id']}")
    expect(card.get_by_role("heading", name=first["title"])).to_be_visible()
    expect(card).to_contain_text(first["tier_reason"])
    # evidence is one click away
    if first["evidence"]:
        card.get_by_text(re.compile(r"^Evidence \(\d+\)")).click()
        expect(card.locator(".msd-evidence li").first).to_be_visible()
    page.screenshot(path=shots / "result.png", full_page=True)

    # printing: the summary handout by default, every detail with "Print full report"
    page.emulate_media(media="print")
    expect(page.locator("header.nhsuk-header")).to_be_hidden()
    expect(page.locator(".msd-details-section")).to_be_hidden()
    expect(summary).to_be_visible()
    expect(page.locator("#profile")).to_be_visible()
    page.screenshot(path=shots / "result-print.png", full_page=True)
    page.pdf(path=ARTEFACTS / "screenshots" / "result-summary.pdf", format="A4")
    page.evaluate("document.body.classList.add('msd-print-full')")
    expect(page.locator(".msd-details-section")).to_be_visible()
    page.pdf(path=ARTEFACTS / "screenshots" / "result-full.pdf", format="A4")
    assert console_errors == []


def test_validation_errors_are_summarised_focused_and_fixable(page: Page, live_server, shots, console_errors):
    page.goto(live_server + "/?example=demo-001")
    page.get_by_label("EDSS score").fill("0.5")
    page.get_by_label("PHQ-9 total").fill("lots")
    page.get_by_label("Relapses in the last 24 months").fill("1")
    page.locator("#submit").click()

    expect(page).to_have_title(re.compile(r"^Error: Patient profile"))
    summary = page.locator(".nhsuk-error-summary")
    expect(summary).to_be_focused()  # keyboard focus moves to the summary
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    links = summary.get_by_role("link")
    expect(links).to_have_text([
        "EDSS score must be 0, or 1.0 to 10 in steps of 0.5, like 3.5",
        "Relapses in the last 24 months must be at least 'relapses in the last 12 months' (2), because the 24 "
        "months include the last 12",
        "PHQ-9 total must be a whole number, like 2",
    ])
    page.screenshot(path=shots / "form-errors.png")
    # the message is beside the field and every answer is kept
    expect(page.locator("#f-disease_course-edss-error")).to_contain_text("EDSS score must be")
    expect(page.get_by_label("EDSS score")).to_have_value("0.5")
    expect(page.get_by_label("PHQ-9 total")).to_have_value("lots")
    expect(page.get_by_label("Profile id")).to_have_value("demo-001")
    expect(page.get_by_role("group", name="Type of MS").get_by_label("RRMS (relapsing-remitting)")).to_be_checked()
    # a summary link takes the clinician to the field
    links.first.click()
    expect(page.get_by_label("EDSS score")).to_be_focused()
    page.keyboard.press("Control+a")
    page.keyboard.type("2.0")
    page.get_by_label("PHQ-9 total").fill("11")
    page.get_by_label("Relapses in the last 24 months").fill("3")
    page.locator("#submit").click()
    expect(page).to_have_title(re.compile(r"^Options to discuss: demo-001"))
    assert [e for e in console_errors if "400" not in e] == []  # the 400 itself is the expected error status


def test_load_an_example_then_change_the_answers(page: Page, live_server):
    page.goto(live_server + "/")
    page.get_by_label("Start from an example").select_option("sparse")
    page.get_by_role("button", name="Load example").click()
    expect(page.get_by_label("Profile id")).to_have_value("ex-sparse")
    page.get_by_role("button", name="Show options").first.click()
    expect(page).to_have_title(re.compile(r"^Options to discuss: ex-sparse"))
    # "Add" beside a missing item in the summary goes back to the form at that field, with the answers kept
    missing = page.locator("#summary-missing li").first
    label = missing.locator("strong").inner_text()
    missing.get_by_role("button", name=re.compile(r"^Add")).click()
    expect(page).to_have_title("Patient profile – msdecide")
    expect(page).to_have_url(re.compile(r"/edit#f-"))
    expect(page.get_by_label("Profile id")).to_have_value("ex-sparse")
    target = page.url.split("#", 1)[1]
    expect(page.locator(f"[id='{target}']")).to_be_in_viewport()
    assert label


def test_downloads_are_the_report_on_the_page(page: Page, live_server):
    page.goto(live_server + "/?example=demo-001")
    page.locator("#submit").click()
    with page.expect_download() as info:
        page.get_by_role("button", name="Download JSON").first.click()
    download = info.value
    assert download.suggested_filename == "msdecide-demo-001-2026-11-25.json"
    path = ARTEFACTS / "screenshots" / download.suggested_filename
    download.save_as(path)
    assert json.loads(path.read_text()) == api_report(page, live_server, DEMO)
    with page.expect_download() as info:
        page.get_by_role("button", name="Download Markdown").first.click()
    assert info.value.suggested_filename.endswith(".md")


def test_works_without_javascript(browser, live_server, shots):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(live_server + "/")
    page.get_by_label("EDSS score").fill("twelve")
    page.locator("#submit").click()
    expect(page).to_have_title(re.compile("^Error: "))
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    page.get_by_label("EDSS score").fill("3.5")
    page.get_by_role("group", name="Type of MS").get_by_label("SPMS (secondary progressive)").check()
    page.locator("#submit").click()
    expect(page).to_have_title(re.compile("^Options to discuss"))
    expect(page.get_by_role("button", name="Print summary")).to_be_hidden()  # needs JavaScript
    expect(page.get_by_role("button", name="Download JSON").first).to_be_visible()
    page.screenshot(path=shots / "result-no-js.png")
    # the detail opens without JavaScript: native <details>
    section = page.locator("#tier-also-possible, #tier-alternative, #tier-recommended").first
    expect(section.locator("article").first).to_be_hidden()
    section.locator("> summary").click()
    expect(section.locator("article").first).to_be_visible()
    # a summary line links to its card, and the browser opens the closed section for it
    page.goto(live_server + "/?example=demo-001")
    page.locator("#submit").click()
    link = page.locator("#summary-treatment .msd-ranked__item a").first
    target = link.get_attribute("href")
    expect(page.locator(target)).to_be_hidden()
    link.click()
    expect(page.locator(target)).to_be_visible()
    context.close()


def test_keyboard_user_can_skip_to_the_form(page: Page, live_server):
    page.goto(live_server + "/")
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('main') !== null")
    assert focused


@pytest.mark.parametrize("url", ["/", "/?example=phq9-item9-positive"])
def test_reflows_at_320_px(page: Page, live_server, url):
    """WCAG 1.4.10: no horizontal scrolling at 320 CSS pixels, on the form and on the result."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.locator("#submit").click()
    expect(page).to_have_title(re.compile("^Options to discuss"))
    page.wait_for_load_state("load")  # stylesheets applied
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for d in page.locator("details").all():  # the detail, opened, reflows too (tables scroll in their region)
        d.evaluate("d => d.open = true")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


# --------------------------------------------------------------------------- accessibility


def _serious(violations):
    return [v for v in violations if v["impact"] in ("serious", "critical")]


def _record(name, violations):
    out = ARTEFACTS / "axe"
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{name}.json").write_text(json.dumps(violations, indent=2))


def test_accessibility_of_form_errors_and_result(page: Page, live_server):
    page.goto(live_server + "/")
    found = run_axe(page)
    _record("form", found)
    assert _serious(found) == []

    page.get_by_label("EDSS score").fill("0.5")
    page.get_by_label("Profile id").fill("Jane Smith")
    page.locator("#submit").click()
    expect(page.locator(".nhsuk-error-summary")).to_be_visible()
    found = run_axe(page)
    _record("form-errors", found)
    assert _serious(found) == []

    page.goto(live_server + "/?example=phq9-item9-positive")
    page.locator("#submit").click()
    expect(page).to_have_title(re.compile("^Options to discuss"))
    for d in page.locator("details").all():
        d.evaluate("d => d.open = true")
    found = run_axe(page)
    _record("result", found)
    assert _serious(found) == []

    page.goto(live_server + "/no-such-page")
    found = run_axe(page)
    _record("not-found", found)
    assert _serious(found) == []


# --------------------------------------------------------------------------- the summary first


SUMMARY_EXAMPLES = sorted(p.stem for p in EXAMPLES.iterdir() if p.suffix in (".json", ".yaml"))


def open_result(page: Page, base: str, example: str) -> None:
    page.goto(f"{base}/?example={example}")
    page.locator("#submit").click()
    expect(page).to_have_title(re.compile("^Options to discuss"))
    page.wait_for_load_state("load")  # stylesheets applied


def visible_words(page: Page, selector: str) -> int:
    """Words a sighted reader sees in an element (visually hidden text left out)."""
    return page.locator(selector).evaluate("""el => {
        const copy = el.cloneNode(true);
        copy.querySelectorAll('.nhsuk-u-visually-hidden, [hidden], input').forEach(n => n.remove());
        return copy.textContent.split(/\\s+/).filter(w => /\\w/.test(w)).length;
    }""")


def boxes(page: Page, selector: str) -> list[dict]:
    return page.locator(selector).evaluate_all(
        "els => els.map(e => { const r = e.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, "
        "left: r.left, right: r.right}; })")


@pytest.mark.parametrize("example", SUMMARY_EXAMPLES)
def test_summary_is_above_the_fold_at_1280x900(page: Page, live_server, shots, example):
    """The whole summary (urgent panel, ranked options, cautions, not offered, missing data) on the first screen."""
    page.set_viewport_size({"width": 1280, "height": 900})
    open_result(page, live_server, example)
    [summary] = boxes(page, "#summary")
    assert 0 < summary["top"] and summary["bottom"] <= 900, summary
    for part in boxes(page, "#summary li, #summary h3, #summary p"):
        assert part["bottom"] <= 900 and part["right"] <= 1280
    words = visible_words(page, "#summary")
    assert words <= 250
    if example == "phq9-item9-positive":
        page.screenshot(path=shots / "result-summary-1280.png")
    _record_position(example, 1280, summary, words)


@pytest.mark.parametrize("example", SUMMARY_EXAMPLES)
def test_summary_comes_first_and_reflows_at_320_px(page: Page, live_server, shots, example):
    """At 320 px the summary starts on the first screen with its first block (the urgent panel when
    there is one, else the treatment options) whole, and nothing in it is wider than the screen."""
    page.set_viewport_size({"width": 320, "height": 640})
    open_result(page, live_server, example)
    [summary] = boxes(page, "#summary")
    first = "#summary-urgent" if page.locator("#summary-urgent").count() else "#summary-switch, #summary-treatment"
    [lead] = boxes(page, first)[:1]
    assert summary["top"] < 640 and lead["bottom"] <= 640, (summary, lead)
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    for part in boxes(page, "#summary li, #summary h3, #summary p, #summary button"):
        assert part["left"] >= 0 and part["right"] <= 320, part
    if example == "phq9-item9-positive":
        page.screenshot(path=shots / "result-summary-320.png")
        page.screenshot(path=shots / "result-summary-320-full.png", full_page=True,
                        clip={"x": 0, "y": 0, "width": 320, "height": summary["bottom"] + 8})
    _record_position(example, 320, summary, visible_words(page, "#summary"))


def _record_position(example: str, width: int, box: dict, words: int) -> None:
    """Where the summary is, and how many words it shows, for people to read (test-results/)."""
    out = ARTEFACTS / "summary-positions.jsonl"
    with out.open("a", encoding="utf-8") as f:
        f.write(json.dumps({"example": example, "width": width, "top": round(box["top"]),
                            "bottom": round(box["bottom"]), "words": words}) + "\n")


def test_urgent_panel_is_first_and_named(page: Page, live_server):
    open_result(page, live_server, "phq9-item9-positive")
    panel = page.get_by_role("region", name=re.compile("^Urgent"))
    expect(panel).to_be_visible()
    expect(panel.get_by_role("link")).to_have_text(["Same-day suicide-risk review",
                                                    re.compile("^Depression assessment and treatment")])
    colour = panel.locator(".nhsuk-card--care__heading-container").evaluate("e => getComputedStyle(e).backgroundColor")
    assert colour == "rgb(213, 40, 27)"  # NHS emergency red
    [urgent] = boxes(page, "#summary-urgent")
    [treatment] = boxes(page, "#summary-treatment")
    assert urgent["bottom"] <= treatment["top"]


def test_forced_switch_is_the_first_urgent_item(page: Page, live_server):
    open_result(page, live_server, "lymphopenia-on-fumarate")
    panel = page.get_by_role("region", name=re.compile("^Urgent"))
    expect(panel.get_by_role("listitem").first).to_contain_text("Switch needed from Dimethyl fumarate")
    panel.get_by_role("link", name="Switch needed from Dimethyl fumarate").click()
    expect(page.locator("#switch .nhsuk-details__text")).to_be_visible()  # the link opens the detail


def test_detail_opens_on_demand(page: Page, live_server, shots):
    open_result(page, live_server, "demo-001")
    section = page.locator("#tier-recommended")
    card = section.locator("article").first
    expect(card).to_be_hidden()
    section.locator("> summary").click()
    expect(card).to_be_visible()
    expect(card).to_contain_text("Why this rank")
    card.scroll_into_view_if_needed()
    section.locator("> summary").scroll_into_view_if_needed()
    page.screenshot(path=shots / "result-detail-open.png")
    section.locator("> summary").click()
    expect(card).to_be_hidden()


def test_accessibility_of_the_summary_with_the_detail_closed(page: Page, live_server):
    for example in ("phq9-item9-positive", "lymphopenia-on-fumarate", "demo-001"):
        open_result(page, live_server, example)
        found = run_axe(page)
        _record(f"result-summary-{example}", found)
        assert _serious(found) == []
