"""One FHIR value (an Observation's or a component's) -> the value of one profile field, or why not."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..profile import FIELDS
from .mapping import Code, ObservationRule


class Unreadable(ValueError):
    """The value cannot be read as the field asks; the message says why (it is listed, not guessed)."""


def codings(concept: Any) -> list[Code]:
    """(system, code) pairs of a CodeableConcept."""
    return [(c.system or "", c.code or "") for c in (getattr(concept, "coding", None) or [])]


def _number(value: Any, rule: ObservationRule, unit_of: Any) -> float:
    if isinstance(value, bool):
        raise Unreadable("a true/false value where a number is needed")
    if unit_of is not None and rule.units is not None:
        unit = unit_of.code or unit_of.unit
        factor = rule.units.get(unit or "")
        if factor is None:
            raise Unreadable(f"unit {unit!r} is not one msdecide converts for {rule.field}")
        return float(Decimal(str(value)) * Decimal(str(factor)))
    return float(value)


def _choice(obj: Any, rule: ObservationRule, local: str) -> Any:
    """A coded or text answer -> a contract value."""
    spec = FIELDS[rule.field]
    for system, code in codings(obj.valueCodeableConcept) if obj.valueCodeableConcept else []:
        if (system, code) in rule.values:
            return rule.values[(system, code)]
        if system == local and code in spec.choices:
            return code
    if obj.valueString is not None:
        text = obj.valueString.strip()
        for choice in spec.choices:
            if text.lower() == str(choice).lower():
                return choice
        raise Unreadable(f"{text!r} is not one of {', '.join(map(str, spec.choices))}")
    if obj.valueCodeableConcept:
        shown = ", ".join(f"{s}|{c}" for s, c in codings(obj.valueCodeableConcept)) or obj.valueCodeableConcept.text
        raise Unreadable(f"coded answer {shown} is not in the mapping for {rule.field}")
    raise Unreadable("no coded or text value")


def read_value(obj: Any, rule: ObservationRule, local: str) -> Any:
    """The profile value held by an Observation (or component) `obj`, converted; raises Unreadable."""
    spec = FIELDS[rule.field]
    if spec.kind in ("int", "number"):
        if rule.values and obj.valueCodeableConcept:
            return _choice(obj, rule, local)
        if obj.valueQuantity is not None and obj.valueQuantity.value is not None:
            if obj.valueQuantity.comparator:
                raise Unreadable(f"a bound ({obj.valueQuantity.comparator}{obj.valueQuantity.value}), not a value")
            number = _number(obj.valueQuantity.value, rule, obj.valueQuantity)
        elif getattr(obj, "valueInteger", None) is not None:
            number = _number(obj.valueInteger, rule, None)
        else:
            raise Unreadable("no numeric value (valueQuantity or valueInteger)")
        if spec.kind == "int":
            if not float(number).is_integer():
                raise Unreadable(f"{number} is not a whole number")
            return int(number)
        return round(number, 3)
    if spec.kind == "bool":
        if getattr(obj, "valueBoolean", None) is None:
            raise Unreadable("no valueBoolean")
        return bool(obj.valueBoolean)
    if spec.kind in ("choice", "list"):
        return _choice(obj, rule, local)
    raise Unreadable(f"{rule.field} cannot be read from an Observation")
