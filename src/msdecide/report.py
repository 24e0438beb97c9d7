"""The report: what `evaluate` returns. Options to discuss, never orders."""

from __future__ import annotations

import datetime as dt
import json

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from .rulebook.model import Region, Tier

DISCLAIMER = ("Options to discuss with the person and the MS team, not orders or prescriptions. No doses are "
              "given. Check every option against the current product information and local policy.")


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True)


class RulebookRef(_Model):
    name: str
    version: str
    sha256: str


class CautionItem(_Model):
    """One caution topic on one option: the texts of every rule that raised it, merged."""

    id: str
    title: str
    text: str
    rule: str = Field(description="the first rule that raised it")
    rules: list[str] = Field(default_factory=list, description="every rule whose text is merged here")
    key: bool = Field(default=False, description="a topic that changes the choice: shown in the summary")


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
    tier: Tier = Field(description="urgent, recommended, alternative or also-possible: how well it fits")
    tier_reason: str = Field(description="why it has that tier, in the patient's values")
    rank: int = Field(description="position in the report, 1 = best fit (urgent items first)")
    urgent: bool = Field(default=False, description="tier == urgent (kept for existing API users)")
    priority: bool = Field(default=False, description="tier == recommended (kept for existing API users)")
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
    considered: bool = Field(default=True, description="offered, current or asked about; false when shown only "
                                                       "because its rule says so (e.g. a negative trial)")
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


class SwitchNotice(_Model):
    """The current drug is barred: a forced switch (safety, pregnancy; urgent) or an escalation."""

    current: str
    title: str
    kind: Literal["forced", "escalation"]
    because: list[str]
    rules: list[str]


class SummaryItem(_Model):
    """One line of the summary: an option, a caution, a not-offered group or a missing field."""

    ids: list[str] = Field(description="option ids (or the field path for missing data)")
    title: str
    text: str


class Summary(_Model):
    """What a clinician reads first: at most about 25 lines; everything else is in the detail."""

    urgent: list[SummaryItem] = Field(description="a forced switch first, then urgent options")
    switch: SummaryItem | None = Field(default=None, description="an escalation after breakthrough (not urgent)")
    recommended: list[SummaryItem] = Field(description="the treatment choice: best-fitting DMTs, one reason each")
    also_recommended: list[SummaryItem] = Field(description="recommended options beyond the treatment choice "
                                                            "(care, lifestyle, monitoring), titles only")
    cautions: list[SummaryItem]
    not_offered: list[SummaryItem]
    missing: list[SummaryItem]
    more: dict[str, int] = Field(description="options per tier that the summary does not list")


class Report(_Model):
    """An explained list of options to discuss for one profile, from one rulebook."""

    profile_id: str | None
    as_of: dt.date
    region: Region = Field(description="whose labels apply: EU, US or UK")
    rulebook: RulebookRef
    disclaimer: str = DISCLAIMER
    switch: SwitchNotice | None = None
    summary: Summary
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
