"""The result page: the report's own summary first (urgent items, the ranked treatment choice, cautions,
not offered, the most decisive missing data), the full detail collapsed by tier, and the region."""

from __future__ import annotations

import html
import json
import re

import pytest

from msdecide.commands.common import read_profile
from msdecide.render.groups import REGION_TITLES, TIER_TITLES, option_groups
from msdecide.web.forms import input_id
from msdecide.web.views import contraindicated
from tests.conftest import EXAMPLES, example_files
from tests.web.conftest import form_data

SUMMARY_WORDS = 250


def result_page(client, profile) -> str:
    r = client.post("/result", data=form_data(profile))
    assert r.status_code == 200, r.text[:2000]
    return r.text


def summary_html(page: str) -> str:
    """The summary section: from its start to the action buttons that follow it."""
    return page[page.index('<section id="summary"'):page.index('<div class="msd-actions')]


def block(page: str, block_id: str) -> str:
    """One block of the summary (e.g. summary-urgent), up to the end of its section."""
    part = summary_html(page)
    start = part.rindex("<", 0, part.index(f'id="{block_id}"'))  # from its opening tag
    return part[start:part.index("</section>", start)]


def visible_text(fragment: str) -> str:
    """What is on screen: tags, hidden inputs and visually hidden text removed."""
    fragment = re.sub(r'<([a-z0-9]+) class="nhsuk-u-visually-hidden"[^>]*>.*?</\1>', " ", fragment, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment))


def words(fragment: str) -> list[str]:
    return [w for w in visible_text(fragment).split() if re.search(r"\w", w)]


def text_of(fragment: str) -> str:
    return " ".join(visible_text(fragment).split())


def one_line(text: str) -> str:
    return " ".join(text.split())


def profile_of(path) -> dict:
    return json.loads(json.dumps(read_profile(str(path)), default=str))  # YAML dates as ISO strings


def hidden_profile(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'name="profile" value="([^"]*)"', page).group(1)))


# --------------------------------------------------------------------------- the summary


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_summary_shows_the_reports_summary_within_250_words(client, service, path):
    profile = profile_of(path)
    page = result_page(client, profile)
    report = service.evaluate(profile)
    s = report.summary
    part = summary_html(page)
    shown = text_of(part)
    assert len(words(part)) <= SUMMARY_WORDS, len(words(part))
    assert "<details" not in part  # nothing in the summary is collapsed
    for item in s.urgent + s.also_recommended + s.cautions + s.missing:
        assert one_line(item.title) in shown and one_line(item.text) in shown, item
    for item in s.not_offered:  # a contraindication names every option ('A, B and C', never 'and 2 more')
        names = [report.not_offered_item(i).title for i in item.ids]
        assert one_line(item.text) in shown
        assert all(n in shown for n in names) if contraindicated(item, report) else item.title in shown
    if s.switch:
        assert one_line(s.switch.title) in shown and one_line(s.switch.text) in shown
    for item in s.recommended:
        assert one_line(item.text) in shown
    # every line of the summary and nothing else: one list item per summary item
    for block_id, items in (("summary-urgent", s.urgent), ("summary-cautions", s.cautions),
                            ("summary-not-offered", s.not_offered), ("summary-missing", s.missing)):
        if items:
            assert block(page, block_id).count("<li") == len(items)
        else:
            assert f'id="{block_id}"' not in part
    assert len(re.findall(r'<div class="msd-ranked">', part)) == len(s.recommended)
    for m in s.missing:  # each with its "Add" button back to the form field
        assert f'action="/edit#{input_id(m.ids[0])}"' in block(page, "summary-missing")
    assert REGION_TITLES[report.region] in shown and report.rulebook.version in shown


@pytest.mark.parametrize("name", ["demo-001", "naive-highly-active-rrms", "phq9-item9-positive",
                                  "lymphopenia-on-fumarate"])
def test_treatment_options_are_numbered_in_rank_order(client, service, name):
    profile = profile_of(EXAMPLES / f"{name}.json")
    report = service.evaluate(profile)
    treatment = block(result_page(client, profile), "summary-treatment")
    shown = re.findall(r'<span class="msd-rankno">(\d+)</span> <a href="#option-([^"]+)">', treatment)
    expected = [i for item in report.summary.recommended for i in item.ids]
    assert expected, "the example should put a treatment forward"
    assert [oid for _, oid in shown] == expected
    ranks = [report.option(oid).rank for oid in expected]
    assert [int(n) for n, _ in shown] == ranks == sorted(ranks)  # numbered by the rank the detail shows
    # a reason shared by several options is said once
    for item in report.summary.recommended:
        assert text_of(treatment).count(one_line(item.text)) == 1


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.stem)
def test_nothing_safety_relevant_is_only_in_the_detail(client, service, path):
    """Urgent options, the forced-switch notice and every contraindication of an option being considered
    are in the (never collapsed) summary."""
    profile = profile_of(path)
    report = service.evaluate(profile)
    page = result_page(client, profile)
    urgent = [o for o in report.options if o.tier == "urgent"]
    forced = report.switch is not None and report.switch.kind == "forced"
    if urgent or forced:
        panel = block(page, "summary-urgent")
        assert 'nhsuk-card--care--urgent' in panel and "Urgent" in text_of(panel)
        titles = re.findall(r"<li[^>]*><a [^>]*>([^<]+)</a>", panel)
        expected = ([f"Switch needed from {report.switch.title}"] if forced else []) + [o.title for o in urgent]
        assert [html.unescape(t) for t in titles] == expected  # the forced switch first, then urgent options
    else:
        assert 'id="summary-urgent"' not in page
    contraindicated = [n for n in report.not_offered if n.considered and n.strength == "absolute"
                       and not (report.switch and n.id == report.switch.current)]
    if contraindicated:
        shown = block(page, "summary-not-offered")
        for n in contraindicated:
            [line] = [li for li in re.findall(r"<li.*?</li>", shown, re.S) if n.title in text_of(li)]
            assert text_of(line).startswith("Ruled out"), n.id


def test_escalation_is_a_notice_not_an_urgent_item(client, service):
    profile = profile_of(EXAMPLES / "demo-001.json")
    report = service.evaluate(profile)
    assert report.switch and report.switch.kind == "escalation" and report.summary.switch
    page = result_page(client, profile)
    assert 'id="summary-urgent"' not in page
    notice = summary_html(page)[summary_html(page).index('class="msd-escalation"'):]
    assert report.summary.switch.title in html.unescape(notice.split("</div>")[0])


# --------------------------------------------------------------------------- the detail


def test_detail_has_every_option_by_tier_collapsed(client, service, demo):
    page = result_page(client, demo)
    text = html.unescape(page)
    report = service.evaluate(demo)
    assert report.disclaimer in text
    assert report.rulebook.version in page and report.rulebook.sha256 in page
    detail = page[page.index('id="detail"'):]
    sections = re.findall(r'<details class="nhsuk-details msd-section-details" id="([^"]+)"( open)?>', detail)
    assert all(not is_open for _, is_open in sections)  # the detail opens on demand
    tiers = [i for i, _ in sections if i.startswith("tier-")]
    assert tiers == [f"tier-{items[0].tier}" for _, items in option_groups(report)]
    assert {i for i, _ in sections} >= {"not-offered", "missing-data"}
    # every option card once, in the report's rank order, inside its tier's section
    positions = [detail.index(f'id="option-{o.id}"') for o in report.options]
    assert positions == sorted(positions)
    for o in report.options:
        start = detail.index(f'id="tier-{o.tier}"')
        end = detail.index("</details>\n", detail.index(f'id="option-{o.id}"'))
        assert start < detail.index(f'id="option-{o.id}"') < end
        card = detail[detail.index(f'id="option-{o.id}"'):]
        card = html.unescape(card[:card.index("</article>")])
        assert TIER_TITLES[o.tier].rstrip("s") in card and o.tier_reason in card and "Why this rank" in card
        assert f"{o.rank}" in re.search(r'msd-option__rank">(.*?)</span>\s', card, re.S).group(0)
        for b in o.because:
            assert b in card
        for c in o.cautions:
            assert c.text in card
        if o.checks:
            assert o.checks in card
        for e in o.evidence:
            assert e.citation in card
    for n in report.not_offered:
        assert f'id="not-offered-{n.id}"' in detail
    for m in report.missing_data:
        assert m.label in text
        assert f'action="/edit#{input_id(m.field)}"' in detail  # "Add" goes straight to the field
    assert hidden_profile(page) == demo


def test_forced_switch_is_explained_in_the_detail(client, service):
    profile = profile_of(EXAMPLES / "lymphopenia-on-fumarate.json")
    report = service.evaluate(profile)
    assert report.switch and report.switch.kind == "forced"
    page = result_page(client, profile)
    switch = page[page.index('id="switch"'):]
    switch = html.unescape(switch[:switch.index("</details>")])
    assert f"Switch needed from {report.switch.title}" in switch
    for b in report.switch.because:
        assert b in switch
    assert 'href="#switch"' in block(page, "summary-urgent")


# --------------------------------------------------------------------------- region


def test_region_is_a_form_field_defaulting_to_the_rulebook(client, service):
    page = client.get("/").text
    default = service.rulebook.meta.region
    radios = re.findall(r'name="region" type="radio" value="([^"]*)"\s*(checked)?', page)
    assert [v for v, _ in radios] == ["EU", "US", "UK", ""]
    assert [v for v, checked in radios if checked] == [""]
    assert f"Rulebook default ({default})" in page
    shown = result_page(client, {"disease_course": {"phenotype": "RRMS"}})
    assert f"<strong id=\"region\">{REGION_TITLES[default]}</strong>" in shown


def test_region_round_trips_through_result_edit_and_downloads(client, service):
    profile = {"region": "US", "disease_course": {"phenotype": "SPMS", "relapses_12m": 1}}
    page = result_page(client, profile)
    assert hidden_profile(page) == profile
    assert '<strong id="region">US labels</strong>' in page
    assert "US labels, rulebook" in text_of(summary_html(page))
    assert 'action="/edit#f-region"' in page  # "change" beside the region goes to that field
    edit = client.post("/edit", data={"profile": json.dumps(profile)}).text
    assert re.search(r'name="region" type="radio" value="US"\s+checked', edit)
    r = client.post("/download/json", data={"profile": json.dumps(profile)})
    assert r.json["region"] == "US"
    assert r.text == service.evaluate(profile).to_json()
    md = client.post("/download/markdown", data={"profile": json.dumps(profile)}).text
    assert "US labels" in md


def test_changing_the_region_can_change_the_report(client, service):
    base = {"disease_course": {"phenotype": "SPMS", "relapses_12m": 0}}
    eu, us = (service.evaluate({**base, "region": r}) for r in ("EU", "US"))
    assert (eu.region, us.region) == ("EU", "US")
    pages = {r: result_page(client, {**base, "region": r}) for r in ("EU", "US")}
    for region, report in (("EU", eu), ("US", us)):
        treatment = block(pages[region], "summary-treatment")
        assert re.findall(r'href="#option-([^"]+)"', treatment.split('class="msd-also"')[0]) == \
            [i for item in report.summary.recommended for i in item.ids]


def test_bad_region_on_the_form_is_a_field_error(client):
    r = client.post("/result", data={"region": "FR"})
    assert r.status_code == 400
    assert 'href="#f-region"' in r.text and "Whose labels apply" in html.unescape(r.text)


def test_not_offered_detail_says_each_reason_once(client, service):
    profile = profile_of(EXAMPLES / "breastfeeding.json")
    report = service.evaluate(profile)
    page = result_page(client, profile)
    for n in report.not_offered:
        row = page[page.index(f'id="not-offered-{n.id}"'):]
        row = text_of(row[:row.index("</tr>")])
        for b in n.because:
            assert one_line(b) in row
        for c in n.cautions:  # a caution merged from the reasons is not printed again
            assert one_line(c.text) in " ".join(n.because) or one_line(c.text) in row
        assert all(row.count(one_line(b)) == 1 for b in n.because if len(b) > 40)
