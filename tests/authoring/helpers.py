"""Small rulebooks in temporary directories, for the author-tooling tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.conftest import EXAMPLES, ROOT, RULES  # noqa: F401 - re-exported for the authoring tests

EXERCISE = """\
rule: MSR-9001
title: Exercise programme for people who exercise little
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
option: exercise-programme
action: offer
when:
  all:
    - lifestyle.exercise_min_per_week < 150
because:
  - "{lifestyle.exercise_min_per_week} minutes a week."
evidence:
  - citation: Kalb R et al. 2020. Exercise recommendations for individuals with multiple sclerosis. Mult Scler.
    level: consensus
tests:
  - name: little exercise
    profile: {lifestyle: {exercise_min_per_week: 30}}
    expect: offered
  - name: enough exercise
    profile: {lifestyle: {exercise_min_per_week: 300}}
    expect: not offered
"""

SELF_HARM = """\
rule: MSR-9002
title: Same-day review when PHQ-9 item 9 shows thoughts of self-harm
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
option: urgent-self-harm-review
action: offer
when: mental_health.phq9_item9 >= 1
because:
  - "PHQ-9 item 9 = {mental_health.phq9_item9}: same-day review."
evidence:
  - citation: Kroenke K et al. 2001. The PHQ-9. J Gen Intern Med.
    pmid: "11556941"
    level: observational
tests:
  - name: item 9 scored 1
    profile: {mental_health: {phq9: 6, phq9_item9: 1}}
    expect: offered
  - name: item 9 scored 0
    profile: {mental_health: {phq9: 14, phq9_item9: 0}}
    expect: not offered
"""

SMOKING = """\
rule: MSR-9003
title: Smoking cessation support for people who smoke
status: active
version: 1
authors: [tester]
reviewed_by: [reviewer]
created: 2026-11-25
review_by: 2027-11-25
option: smoking-cessation
action: offer
when: lifestyle.smoking == "current"
because:
  - "Smokes now: stopping slows disability progression."
evidence:
  - citation: Hedstrom AK et al. 2013. Smoking and disability progression in multiple sclerosis. Mult Scler.
    level: observational
tests:
  - name: smokes
    profile: {lifestyle: {smoking: current}}
    expect: offered
  - name: never smoked
    profile: {lifestyle: {smoking: never}}
    expect: not offered
"""

FILES = {
    "lifestyle/msr-9001-exercise.yaml": EXERCISE,
    "mental-health/msr-9002-self-harm.yaml": SELF_HARM,
    "lifestyle/msr-9003-smoking.yaml": SMOKING,
}


def make_book(root: Path, files: dict[str, str] | None = None, version: str = "2026.11.0") -> Path:
    """A rulebook in `root` with the bundled catalogue and definitions and the given rule files."""
    if root.exists():
        shutil.rmtree(root)
    root.mkdir(parents=True)
    for name in ("options.yaml", "definitions.yaml", "attributes.yaml", "plain-language.yaml"):
        shutil.copy(RULES / name, root / name)
    (root / "rulebook.yaml").write_text(f"name: test rulebook\nversion: {version}\n")
    for name, text in (FILES if files is None else files).items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def replace(text: str, old: str, new: str) -> str:
    """str.replace that fails loudly when the text to replace is not there (so tests cannot go stale)."""
    assert old in text, f"{old!r} is not in the rule text"
    return text.replace(old, new)
