"""The option attributes, the option grid and the plain-language handout (issue 13).

The grid's words come only from the rulebook's attributes.yaml; the handout lists exactly the
report's options in the report's order and reads at Flesch-Kincaid grade 8 or lower.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import textstat

from msdecide.api import default_rulebook, evaluate
from msdecide.commands.common import read_profile
from msdecide.render import render
from msdecide.render.grid import Column, Grid, Preferences, build_grid, grid_markdown
from msdecide.render.handout import build_handout, handout_plain_text, render_handout
from msdecide.rulebook.attributes import needs_attributes
from msdecide.rulebook.loader import RulebookError, content_hash, load_rulebook
from msdecide.rulebook.model import ATTRIBUTES
from tests.conftest import EXAMPLES, RULES, example_files

MAX_GRADE = 8.0


@pytest.fixture(scope="module")
def book():
    return default_rulebook()


def copy_rules(tmp_path: Path) -> Path:
    root = tmp_path / "rules"
    shutil.copytree(RULES, root)
    return root


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def errors(root: Path) -> list[str]:
    with pytest.raises(RulebookError) as exc:
        load_rulebook(root, include_tests=False)
    return [d.format(frame=False) for d in exc.value.diagnostics if d.severity == "error"]


# --------------------------------------------------------------------------- the catalogue


def test_every_therapy_has_every_attribute_each_cited(book):
    dmts = [o for o in book.options.values() if needs_attributes(o)]
    assert len(dmts) == 16
    for o in dmts:
        entry = book.attributes.options[o.id]
        for name in ATTRIBUTES:
            attr = getattr(entry, name)
            assert attr.text and attr.cite, (o.id, name)
            for key in attr.cite:
                assert book.attributes.sources[key].citation


def test_no_attribute_or_plain_line_gives_a_dose(book):
    texts = [getattr(e, n).text for e in book.attributes.options.values() for n in ATTRIBUTES]
    texts += [p.text for p in book.plain.options.values()]
    assert not [t for t in texts if re.search(r"\d\s*(mg|mcg|µg|ml)\b", t)]


def test_a_missing_attribute_is_an_error_with_its_position(tmp_path):
    root = copy_rules(tmp_path)
    edit(root / "attributes.yaml", '    onset: {text: "Works within weeks", cite: [R25], verified: false}\n', "")
    found = errors(root)
    assert len(found) == 1
    assert re.match(r"rules/attributes\.yaml:\d+:5: error\[missing\]: options\.natalizumab\.onset: 'onset' is missing",
                    found[0])


def test_an_attribute_without_a_citation_is_an_error(tmp_path):
    root = copy_rules(tmp_path)
    edit(root / "attributes.yaml", 'stays: {text: "About 1 week", cite: [R20, R80]}', 'stays: {text: "About 1 week", cite: []}')
    found = errors(root)
    assert len(found) == 1 and "options.ponesimod.stays.cite" in found[0] and "at least 1" in found[0]
    line = int(found[0].split(":")[1])
    assert "About 1 week" in (root / "attributes.yaml").read_text().splitlines()[line - 1]


def test_a_therapy_without_attributes_an_unknown_source_and_a_dose_are_errors(tmp_path):
    root = copy_rules(tmp_path)
    edit(root / "attributes.yaml", "  alemtuzumab:\n", "  alemtuzumab-x:\n")
    edit(root / "attributes.yaml", 'route: {text: "Tablet by mouth once a day", cite: [R53]}',
         'route: {text: "Tablet by mouth, 14 mg once a day", cite: [R99]}')
    found = "\n".join(errors(root))
    assert "error[missing-attributes]: alemtuzumab (dmt) has no attributes" in found
    assert "error[unknown-option]: options.alemtuzumab-x" in found
    assert "error[unknown-source]: options.teriflunomide.route: source 'R99'" in found
    assert "error[dose]: options.teriflunomide.route.text: '14 mg' looks like a dose" in found


def test_an_option_without_plain_wording_is_an_error(tmp_path):
    root = copy_rules(tmp_path)
    edit(root / "plain-language.yaml", "  fatigue-management: {", "  fatigue-managment: {")
    found = "\n".join(errors(root))
    assert "plain-language.yaml" in found and "'fatigue-management' has no plain-language wording" in found


def test_rules_check_fails_on_a_missing_attribute(tmp_path):
    root = copy_rules(tmp_path)
    edit(root / "attributes.yaml", '    onset: {text: "Works within weeks", cite: [R25], verified: false}\n', "")
    run = subprocess.run([sys.executable, "-m", "msdecide.cli", "rules", "check", str(root)],
                         capture_output=True, text=True)
    assert run.returncode == 1
    assert re.search(r"attributes\.yaml:\d+:\d+: error\[missing\]", run.stdout + run.stderr)


def test_the_content_hash_covers_the_attributes(tmp_path):
    root = copy_rules(tmp_path)
    before = content_hash(root)
    edit(root / "attributes.yaml", "About 1 week", "About a week")
    assert content_hash(root) != before


# --------------------------------------------------------------------------- the grid


def test_the_grid_comes_only_from_the_catalogue(tmp_path, demo):
    root = copy_rules(tmp_path)
    edit(root / "attributes.yaml", 'route: {text: "Tablet by mouth once a day", cite: [R53]}',
         'route: {text: "Tablet by mouth, each morning (edited in a test)", cite: [R53]}')
    book = load_rulebook(root)
    report = evaluate(demo, book, engine="reference")
    grid = build_grid(report, book, demo)
    route = next(r for r in grid.rows if r.key == "route")
    col = [c.id for c in grid.columns].index("teriflunomide")
    assert route.cells[col].text == "Tablet by mouth, each morning (edited in a test)"
    assert "Tablet by mouth, each morning (edited in a test)" in "\n".join(grid_markdown(report, book, demo))
    for row in grid.rows:  # every cell is the catalogue's line, and its sources the catalogue's
        for column, cell in zip(grid.columns, row.cells):
            attr = getattr(book.attributes.options[column.id], row.key)
            assert cell.text == attr.text
            assert [grid.sources[n - 1] for n in cell.refs] == [book.attributes.sources[k] for k in attr.cite]


def test_grid_columns_are_the_report_therapies_in_report_order(book):
    for path in example_files():
        data = read_profile(str(path))
        report = evaluate(data, book)
        grid = build_grid(report, book, data)
        assert [c.id for c in grid.columns] == [o.id for o in report.options if o.id in book.attributes.options]


def test_the_grid_never_uses_another_rulebook(tmp_path, demo, book):
    other = load_rulebook(copy_rules(tmp_path))
    edit(other.root / "attributes.yaml", "About 1 week", "About a week")
    changed = load_rulebook(other.root)
    assert build_grid(evaluate(demo, book), changed, demo).columns == ()


def test_stated_preferences_are_highlighted(book, demo):
    grid = build_grid(evaluate(demo, book), book, demo)
    says = {r.key: r.says for r in grid.rows}
    assert says["route"] == "acceptable routes: oral, infusion" and not says["pregnancy"]
    route = next(r for r in grid.rows if r.key == "route")
    for column, cell in zip(grid.columns, route.cells):
        assert cell.match == bool(set(book.options[column.id].routes) & {"oral", "infusion"})
    assert Preferences.of({"demographics": {"pregnancy": "breastfeeding"}}).says("breastfeeding") == "breastfeeding"
    assert Preferences.of({"preferences": {"family_planning_2y": True}}).family == "wishing to conceive within 2 years"
    assert Preferences.of(None) == Preferences()


def test_tiers_label_consecutive_columns():
    cols = (Column("a", "A", "recommended", False), Column("b", "B", "recommended", False),
            Column("c", "C", "alternative", False))
    assert Grid(cols, (), ()).tiers == [("Recommended", 2), ("Alternative", 1)]
    assert Grid((Column("a", "A", None, False),), (), ()).tiers == []


def test_the_printed_grid_keeps_the_highest_ranked(book):
    data = read_profile(str(EXAMPLES / "naive-highly-active-rrms.json"))
    report = evaluate(data, book)
    full = build_grid(report, book, data)
    assert [c.id for c in full.columns] == [o.id for o in report.options if o.id in book.attributes.options]
    assert len(full.columns) > 12
    assert build_grid(report, book, data, limit=12).columns == full.columns[:12]
    last, first = full.columns[-1].id, full.columns[0].id
    chosen = build_grid(report, book, data, only=[last, first])
    assert [c.id for c in chosen.columns] == [first, last]  # report order, not the request's


# --------------------------------------------------------------------------- the handout


@pytest.mark.parametrize("path", example_files(), ids=lambda p: p.name)
def test_handout_reads_at_grade_8_and_lists_the_report_options_in_order(book, path):
    data = read_profile(str(path))
    report = evaluate(data, book)
    sheet = build_handout(report, book, data)
    assert sheet.option_ids == report.option_ids
    grade = textstat.flesch_kincaid_grade(handout_plain_text(sheet))
    assert grade <= MAX_GRADE, f"{path.name}: Flesch-Kincaid grade {grade}"


def test_handout_explains_its_jargon(book):
    terms = {t.term for t in book.plain.glossary}
    jargon = {"MRI": "MRI scan", "relapse": "Relapse", "drip": "Drip (infusion)", "immune system": "Immune system",
              "licensed": "Licensed", "washed out": "Washout", "study": "Study (trial)"}
    for path in example_files():
        data = read_profile(str(path))
        text = handout_plain_text(build_handout(evaluate(data, book), book, data)).lower()
        for word, term in jargon.items():
            if word.lower() in text:
                assert term in terms, (path.name, word)


def test_handout_shows_pregnancy_status_only_with_family_plans(book):
    data = read_profile(str(EXAMPLES / "pregnancy-planning-on-teriflunomide.yaml"))
    sheet = build_handout(evaluate(data, book), book, data)
    options = {o.id: o for g in sheet.groups for o in g.options}
    assert options["interferon-beta"].pregnancy == book.plain.status["compatible"]
    demo = read_profile(str(EXAMPLES / "demo-001.json"))
    assert all(not o.pregnancy for g in build_handout(evaluate(demo, book), book, demo).groups for o in g.options)


def test_urgent_review_comes_first_in_the_handout(book):
    data = read_profile(str(EXAMPLES / "phq9-item9-positive.json"))
    sheet = build_handout(evaluate(data, book), book, data)
    assert sheet.groups[0].heading == book.plain.tiers["urgent"]
    assert sheet.groups[0].options[0].id == "urgent-self-harm-review"


def test_cli_formats(tmp_path):
    demo = str(EXAMPLES / "demo-001.json")
    out = subprocess.run([sys.executable, "-m", "msdecide.cli", "evaluate", demo, "--format", "handout"],
                         capture_output=True, text=True, check=True).stdout
    assert out.startswith("# Your MS choices") and "## Questions you could ask" in out
    md = subprocess.run([sys.executable, "-m", "msdecide.cli", "evaluate", demo, "--format", "markdown"],
                        capture_output=True, text=True, check=True).stdout
    assert "## Option grid" in md and "**How it is taken** (said: acceptable routes: oral, infusion)" in md


def test_render_without_a_rulebook_has_no_grid(book, demo):
    report = evaluate(demo, book)
    assert "## Option grid" not in render(report, "markdown")
    assert render_handout(report, book, demo) == render(report, "handout", rulebook=book, profile=demo)


def test_plain_wording_agrees_with_the_cited_pregnancy_status(book):
    """What the handout says about pregnancy in a medicine's own text matches the grid's status."""
    said = {"must not be used in pregnancy": {"contraindicated"}, "can be used in pregnancy": {"compatible"}}
    checked = 0
    for oid, attrs in book.attributes.options.items():
        text = book.plain.options[oid].text.lower()
        for phrase, statuses in said.items():
            if phrase in text:
                assert attrs.pregnancy.status in statuses, (oid, phrase, attrs.pregnancy.status)
                checked += 1
    assert checked >= 6
