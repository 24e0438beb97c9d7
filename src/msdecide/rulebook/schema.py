"""JSON Schema for rule files, from the pydantic `RuleFile` model, for an editor's YAML support.

The schema adds what an editor can check while typing: the option and caution ids of the
rulebook's `options.yaml`, the profile fields a test's `missing` may name, and the patient-profile
schema for each test's `profile`. Conditions are text; `msdecide rules check` checks them.
Regenerate it when `options.yaml` changes.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..options_ids import CATALOGUE_IDS, CAUTION_IDS
from ..profile import FIELDS, Profile
from .model import RuleFile

SCHEMA_ID = "https://msdecide.example.org/schemas/rule-file.schema.json"

DESCRIPTIONS = {
    "rule": "MSR-NNNN: the rule id, never reused; the file name starts with it in lower case",
    "title": "5-120 characters: the option and the situation",
    "status": "draft (checked and tested, but left out of reports unless --include-drafts), active (reviewed), "
              "retired (never evaluated)",
    "version": "whole number, +1 on any change of meaning",
    "authors": "who wrote the rule",
    "reviewed_by": "who reviewed it clinically; needed for status: active",
    "created": "date written YYYY-MM-DD",
    "modified": "date of the last change, YYYY-MM-DD",
    "review_by": "when the evidence must be looked at again (YYYY-MM-DD); a warning once passed, an error 90 days "
                 "later for active rules",
    "last_evidence_check": "when the evidence was last checked against its sources (date) and what was searched",
    "option": "the option id from options.yaml the rule is about",
    "options": "a set name from definitions.yaml, or a list of option ids: a class rule, one instance per option",
    "action": "offer the option, exclude it, or add a caution to it",
    "strength": "exclusions: absolute (not offered), specialist (stays offered with a caution), preference "
                "(not offered, quoting the preference)",
    "caution": "caution id from options.yaml (caution rules; the topic of a specialist exclusion)",
    "report": "exclusions: if-considered (shown when the option was offered, current or asked about) or always",
    "when": "a condition line (e.g. disease_course.edss <= 6.5), `always`, or a block of all / any / none lists",
    "because": "sentences shown in the report; {section.field} shows the patient's value, {option} the option",
    "evidence": "citations; at least one for an active rule",
    "tests": "patient profiles with the expected outcome; run by `msdecide rules test`",
}


def catalogue_ids(root: str | Path | None) -> tuple[list[str], list[str]]:
    """Option and caution ids from a rulebook's options.yaml (the contract's ids when there is none)."""
    path = Path(root) / "options.yaml" if root else None
    if path is None or not path.is_file():
        return list(CATALOGUE_IDS), list(CAUTION_IDS)
    data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8")) or {}
    options = [o["id"] for o in data.get("options", []) if isinstance(o, dict) and "id" in o]
    cautions = [c["id"] for c in data.get("cautions", []) if isinstance(c, dict) and "id" in c]
    return options or list(CATALOGUE_IDS), cautions or list(CAUTION_IDS)


def rule_file_schema(root: str | Path | None = None) -> dict[str, Any]:
    """The schema, with the option and caution ids of the rulebook in `root` (None: the contract's)."""
    option_ids, caution_ids = catalogue_ids(root)
    schema = RuleFile.model_json_schema()
    defs = schema.setdefault("$defs", {})
    profile = copy.deepcopy(Profile.model_json_schema())
    for name, sub in profile.pop("$defs", {}).items():
        defs.setdefault(name, sub)
    profile["description"] = ("a partial patient profile: every field may be left out (unknown); "
                              "the same schema as `msdecide schema`")
    defs["Profile"] = profile
    props = schema["properties"]
    for key, text in DESCRIPTIONS.items():
        if key in props:
            props[key]["description"] = text
    props["option"] = {"anyOf": [{"enum": option_ids}, {"type": "null"}], "default": None,
                       "title": "Option", "description": DESCRIPTIONS["option"]}
    props["caution"] = {"anyOf": [{"enum": caution_ids}, {"type": "null"}], "default": None,
                        "title": "Caution", "description": DESCRIPTIONS["caution"]}
    test = defs["RuleTest"]["properties"]
    test["profile"] = {"$ref": "#/$defs/Profile"}  # made #/definitions/Profile below
    test["option"]["anyOf"][0] = {"enum": option_ids}
    test["missing"]["items"] = {"enum": list(FIELDS)}
    head = {
        "$schema": "http://json-schema.org/draft-07/schema#",  # yaml-language-server supports draft 7
        "$id": SCHEMA_ID,
        "title": "msdecide rule file",
        "description": "One rule of the msdecide MS rulebook (rules/<theme>/msr-NNNN-<slug>.yaml). "
                       "Generated by `msdecide rules schema`; the format is in docs/rule-format.md.",
    }
    schema.pop("title", None)
    schema.pop("description", None)
    return _draft7({**head, **schema})


def _draft7(node: Any) -> Any:
    """`$defs` and `#/$defs/` refs as draft 7's `definitions`."""
    if isinstance(node, dict):
        return {("definitions" if k == "$defs" else k):
                (v.replace("#/$defs/", "#/definitions/") if k == "$ref" and isinstance(v, str) else _draft7(v))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_draft7(v) for v in node]
    return node
