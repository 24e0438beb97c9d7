"""The report: what `evaluate` returns. Options to discuss, never orders."""

from __future__ import annotations

import datetime as dt
import json

from pydantic import BaseModel, ConfigDict, Field

DISCLAIMER = ("Options to discuss with the person and the MS team, not orders or prescriptions. No doses are "
              "given. Check every option against the current product information and local policy.")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class RulebookRef(_Model):
    name: str
    version: str
    sha256: str


class CautionItem(_Model):
    id: str
    title: str
    text: str
    rule: str


class EvidenceItem(_Model):
    citation: str
    level: str
    url: str | None = None
    pmid: str | None = None
    doi: str | None = None
    verified: bool = True


class OptionItem(_Model):
    id: str
    title: str
    theme: str
    kind: str
    label: str = Field(description="kind in words: licensed therapy, off-label, clinical trial only, ...")
    urgent: bool = False
    priority: bool = Field(default=False, description="listed right after urgent options")
    current: bool = False
    rules: list[str]
    because: list[str]
    criteria: list[str] = Field(description="the conditions that were met, with the patient's values")
    checks: str = Field(default="", description="label-required checks before a start (not for the current drug)")
    cautions: list[CautionItem]
    evidence: list[EvidenceItem]


class NotOfferedItem(_Model):
    id: str
    title: str
    theme: str
    kind: str
    strength: str = Field(description="absolute or preference (an exclusion), not-met (criteria not met) or "
                                      "undecided (data missing)")
    rules: list[str]
    because: list[str]
    cautions: list[CautionItem] = Field(default_factory=list)
    evidence: list[EvidenceItem] = Field(default_factory=list)


class MissingItem(_Model):
    field: str
    label: str
    why: str
    options: list[str]
    rules: list[str]


class WarningItem(_Model):
    code: str
    text: str


class Report(_Model):
    """An explained list of options to discuss for one profile, from one rulebook."""

    profile_id: str | None
    as_of: dt.date
    rulebook: RulebookRef
    disclaimer: str = DISCLAIMER
    options: list[OptionItem]
    not_offered: list[NotOfferedItem]
    missing_data: list[MissingItem]
    warnings: list[WarningItem]

    def to_json(self, indent: int | None = 2) -> str:
        """Deterministic JSON: same profile and rulebook, same bytes."""
        return json.dumps(self.model_dump(mode="json"), indent=indent, ensure_ascii=False, sort_keys=False) + "\n"

    def option(self, option_id: str) -> OptionItem | None:
        return next((o for o in self.options if o.id == option_id), None)

    def not_offered_item(self, option_id: str) -> NotOfferedItem | None:
        return next((o for o in self.not_offered if o.id == option_id), None)

    @property
    def option_ids(self) -> list[str]:
        return [o.id for o in self.options]

    @property
    def not_offered_ids(self) -> list[str]:
        return [o.id for o in self.not_offered]

    @property
    def missing_fields(self) -> list[str]:
        return [m.field for m in self.missing_data]
