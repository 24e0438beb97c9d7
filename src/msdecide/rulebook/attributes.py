"""Checks of `attributes.yaml` and `plain-language.yaml` beyond their shape (the pydantic models).

Every disease-modifying therapy (an immunotherapy option of kind dmt or off-label) needs every
attribute, each citing a source defined in the file; every option and caution of the catalogue
needs plain wording for the handout; no line may give a dose. Problems are reported on the YAML
file (`path:line:col`) like every other loader error.
"""

from __future__ import annotations

import re
from typing import Any, Protocol, get_args

from .model import ATTRIBUTES, AttributeFile, OptionEntry, PlainLanguage, Tier

DOSE = re.compile(r"\b\d+(?:[.,]\d+)?\s*(?:mg|g|mcg|µg|ug|ml|mL|IU|units?)\b(?!/L)")


class Reporter(Protocol):
    def position(self, loc: Any, key_of_last: bool = False) -> tuple[int, int]: ...
    def report(self, line: int, col: int, code: str, message: str, severity: str = "error") -> None: ...


def needs_attributes(option: OptionEntry) -> bool:
    """The options the grid compares: disease-modifying therapies, licensed or off-label."""
    return option.theme == "immunotherapy" and option.kind in ("dmt", "off-label")


def check_attributes(attrs: AttributeFile, f: Reporter, options: dict[str, OptionEntry]) -> None:
    """Every DMT has an entry, every entry is a DMT, every `cite` names a source, no doses."""
    for oid, option in options.items():
        if needs_attributes(option) and oid not in attrs.options:
            line, col = f.position(["options"], key_of_last=True)
            f.report(line, col, "missing-attributes", f"{oid} ({option.kind}) has no attributes: add "
                     f"{', '.join(ATTRIBUTES)}, each with `cite`")
    for oid, entry in attrs.options.items():
        if oid not in options or not needs_attributes(options[oid]):
            line, col = f.position(["options", oid], key_of_last=True)
            f.report(line, col, "unknown-option", f"options.{oid}: attributes are for the disease-modifying "
                     "therapies of options.yaml (immunotherapy, kind dmt or off-label)")
            continue
        for name in ATTRIBUTES:
            attr = getattr(entry, name)
            for i, key in enumerate(attr.cite):
                if key not in attrs.sources:
                    line, col = f.position(["options", oid, name, "cite", i])
                    f.report(line, col, "unknown-source", f"options.{oid}.{name}: source '{key}' is not in "
                             "`sources`")
            _no_dose(attr.text, f, ["options", oid, name, "text"])


def check_plain(plain: PlainLanguage, f: Reporter, options: dict[str, OptionEntry], cautions: dict[str, Any]) -> None:
    """Plain wording for every option and caution of the catalogue, and for nothing else; no doses."""
    for section, ids in (("options", options), ("cautions", cautions)):
        given: dict[str, Any] = getattr(plain, section)
        for missing in [i for i in ids if i not in given]:
            line, col = f.position([section], key_of_last=True)
            f.report(line, col, "missing-plain", f"{section}: '{missing}' has no plain-language wording")
        for extra in [i for i in given if i not in ids]:
            line, col = f.position([section, extra], key_of_last=True)
            f.report(line, col, "unknown-option" if section == "options" else "unknown-caution",
                     f"{section}.{extra}: not in options.yaml")
    for tier in [t for t in get_args(Tier) if t not in plain.tiers]:
        line, col = f.position(["tiers"], key_of_last=True)
        f.report(line, col, "missing-plain", f"tiers: '{tier}' has no plain heading")
    for oid, entry in plain.options.items():
        _no_dose(entry.text, f, ["options", oid, "text"])


def _no_dose(text: str, f: Reporter, loc: list[Any]) -> None:
    m = DOSE.search(text)
    if m:
        line, col = f.position(loc)
        f.report(line, col, "dose", f"{'.'.join(map(str, loc))}: '{m.group(0)}' looks like a dose; say how "
                 "often, never how much")
