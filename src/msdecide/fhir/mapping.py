"""The code-to-field mapping (`mapping.yaml`, data that authors extend), loaded and checked.

A mapping that names a field, value or therapy the profile contract does not know is refused with
the file name and the entry, so that a typo never silently drops data.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from ..options_ids import CATALOGUE_IDS, HISTORY_ONLY_IDS
from ..profile import FIELDS

DEFAULT_PATH = Path(__file__).with_name("mapping.yaml")
Code = tuple[str, str]  # (system URL, code)


class MappingError(ValueError):
    """The mapping file is wrong; the message names the file and the entry."""


@dataclass(frozen=True)
class ObservationRule:
    field: str
    units: dict[str, float] | None = None
    values: dict[Code, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Mapping:
    """The mapping as look-up tables keyed by (system, code)."""

    path: str
    systems: dict[str, str]
    local: str
    diagnosis: dict[Code, str | None]
    comorbidities: dict[Code, str]
    observations: dict[Code, ObservationRule]
    medication_codes: dict[Code, str]
    medication_names: tuple[tuple[re.Pattern[str], str], ...]

    def observation_codes(self) -> list[str]:
        """`system|code` tokens for a FHIR search on the mapped observations (local system: all codes)."""
        return sorted({f"{s}|{c}" for s, c in self.observations}) + [f"{self.local}|"]


def _code(text: Any, systems: dict[str, str], where: str) -> Code:
    if not isinstance(text, str) or "|" not in text:
        raise MappingError(f"{where}: {text!r} is not a code written 'system|code'")
    short, _, code = text.partition("|")
    if short not in systems:
        raise MappingError(f"{where}: unknown system {short!r} (known: {', '.join(systems)})")
    return systems[short], code


def _choices(path: str) -> tuple[Any, ...]:
    spec = FIELDS[path]
    if spec.kind == "int":
        return tuple(range(int(spec.ge or 0), int(spec.le or 0) + 1))
    return spec.choices


def _observation(entry: Any, m: dict[str, Any], systems: dict[str, str], where: str) -> tuple[list[Code], ObservationRule]:
    if not isinstance(entry, dict) or entry.get("field") not in FIELDS:
        raise MappingError(f"{where}: 'field' must be a profile field, got {entry!r}")
    path = entry["field"]
    values_in = entry.get("values") or {}
    if isinstance(values_in, str):
        values_in = (m.get("value_sets") or {}).get(values_in)
        if values_in is None:
            raise MappingError(f"{where}: unknown value set {entry['values']!r}")
    values: dict[Code, Any] = {}
    for value, codes in values_in.items():
        if value not in _choices(path):
            raise MappingError(f"{where}: {value!r} is not an allowed value of {path}")
        for c in codes:
            values[_code(c, systems, where)] = value
    units = entry.get("units")
    if units is not None and not all(isinstance(v, (int, float)) for v in units.values()):
        raise MappingError(f"{where}: unit factors must be numbers")
    codes = [_code(c, systems, where) for c in entry.get("codes") or []]
    return codes, ObservationRule(path, {str(k): float(v) for k, v in units.items()} if units else None, values)


def parse_mapping(data: Any, path: str) -> Mapping:
    """Check a parsed mapping file and build its look-up tables. Raises MappingError."""
    if not isinstance(data, dict) or data.get("version") != 1:
        raise MappingError(f"{path}: not an msdecide FHIR mapping (expected 'version: 1')")
    systems = dict(data.get("systems") or {})
    if "local" not in systems:
        raise MappingError(f"{path}: systems.local (the local code system URL) is required")
    phenotypes = FIELDS["disease_course.phenotype"].choices
    diagnosis: dict[Code, str | None] = {}
    for i, d in enumerate(data.get("diagnosis") or []):
        where = f"{path}: diagnosis[{i}]"
        if d.get("phenotype") not in (None, *phenotypes):
            raise MappingError(f"{where}: phenotype must be one of {', '.join(phenotypes)} or null")
        diagnosis[_code(d.get("code"), systems, where)] = d.get("phenotype")
    comorbidities: dict[Code, str] = {}
    for name, codes in (data.get("comorbidities") or {}).items():
        if name not in FIELDS["comorbidities"].choices:
            raise MappingError(f"{path}: comorbidities: {name!r} is not a contract comorbidity")
        comorbidities.update({_code(c, systems, f"{path}: comorbidities.{name}"): name for c in codes})
    observations: dict[Code, ObservationRule] = {}
    for i, entry in enumerate(data.get("observations") or []):
        codes, rule = _observation(entry, data, systems, f"{path}: observations[{i}]")
        observations.update({c: rule for c in codes})
    med_codes: dict[Code, str] = {}
    med_names: list[tuple[re.Pattern[str], str]] = []
    for drug, spec in (data.get("medications") or {}).items():
        if drug not in CATALOGUE_IDS + HISTORY_ONLY_IDS:
            raise MappingError(f"{path}: medications: {drug!r} is not a treatment id of the contract")
        med_codes.update({_code(c, systems, f"{path}: medications.{drug}"): drug for c in spec.get("codes") or []})
        med_names += [(re.compile(rf"\b{re.escape(n.lower())}\b"), drug) for n in spec.get("names") or []]
    return Mapping(path, systems, systems["local"], diagnosis, comorbidities, observations, med_codes,
                   tuple(med_names))


@lru_cache(maxsize=8)
def load_mapping(path: str | None = None) -> Mapping:
    """The mapping in `path`, else $MSDECIDE_FHIR_MAPPING, else the one shipped with msdecide."""
    where = Path(path or os.environ.get("MSDECIDE_FHIR_MAPPING") or DEFAULT_PATH)
    try:
        data = YAML(typ="safe", pure=True).load(where.read_text(encoding="utf-8"))
    except OSError as exc:
        raise MappingError(f"{where}: cannot read the FHIR mapping ({exc.strerror})") from None
    return parse_mapping(data, str(where))
