"""What a rule file, the option catalogue and the shared definitions look like (pydantic, strict keys)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal, Union

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from ..options_ids import KINDS, REGIONS, THEMES
from .conditions import Expr

RuleId = Annotated[str, StringConstraints(pattern=r"^MSR-\d{4}$")]
Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9-]*$")]
SetMember = Annotated[str, StringConstraints(pattern=r"^[A-Za-z0-9*/][A-Za-z0-9_*/-]*$")]
Name = Annotated[str, StringConstraints(pattern=r"^[a-z][a-z0-9_]*$")]
Text = Annotated[str, StringConstraints(min_length=1, strip_whitespace=True)]
Action = Literal["offer", "exclude", "caution", "rank"]
Strength = Literal["absolute", "specialist", "preference"]
Tier = Literal["urgent", "recommended", "alternative", "also-possible"]
TIERS: tuple[str, ...] = ("urgent", "recommended", "alternative", "also-possible")  # best first
Region = Literal[REGIONS]  # type: ignore[valid-type]
Expectation = Literal["offered", "not offered", "excluded", "not excluded", "caution", "no caution",
                      "ranked", "not ranked", "data needed"]
EXPECTATIONS: dict[str, tuple[str, ...]] = {
    "offer": ("offered", "not offered", "data needed"),
    "exclude": ("excluded", "not excluded", "data needed"),
    "caution": ("caution", "no caution", "data needed"),
    "rank": ("ranked", "not ranked", "data needed"),
}
EvidenceLevel = Literal["guideline", "consensus", "systematic-review", "rct", "observational",
                        "expert-opinion", "label", "regulatory"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class WhenBlock(_Strict):
    """Lines under `all` must all hold, `any` needs one, `none` must all be false."""

    all: list[Union[str, WhenBlock]] | None = None
    any: list[Union[str, WhenBlock]] | None = None
    none: list[Union[str, WhenBlock]] | None = None

    @model_validator(mode="after")
    def _not_empty(self) -> WhenBlock:
        if not (self.all or self.any or self.none):
            raise ValueError("a `when` block needs at least one of all, any, none with conditions in it")
        return self


When = Union[str, WhenBlock]


class Sentence(_Strict):
    """A `because` sentence shown only when its own condition holds."""

    say: Text
    when: When


class Evidence(_Strict):
    citation: Text
    level: EvidenceLevel
    url: Annotated[str, StringConstraints(pattern=r"^https?://\S+$")] | None = None
    pmid: Annotated[str, StringConstraints(pattern=r"^\d{6,9}$")] | None = None
    doi: Annotated[str, StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = None
    ref: Annotated[str, StringConstraints(pattern=r"^R\d+[a-z]?$")] | None = Field(
        default=None, description="reference number in the MS evidence file")
    options: list[Slug] | None = Field(default=None, description="in a class rule: cite this source only for "
                                                                 "these options (default: all of them)")
    verified: bool = Field(default=True, description="false when the source is marked 'from memory' or unverified")
    note: str | None = None


class EvidenceCheck(_Strict):
    """When the rule's evidence was last checked against its sources, and what was searched."""

    date: dt.date
    searched: Text = Field(description="what was looked up, where (e.g. 'PubMed records of the cited trials')")


class RuleTest(_Strict):
    name: Text
    profile: dict[str, Any]
    expect: Expectation
    option: Slug | None = Field(default=None, description="for a class rule: the option the test is about")
    missing: list[str] = Field(default_factory=list, description="fields reported as data needed")
    as_of: dt.date | None = None


class RuleFile(_Strict):
    """One rule: header, the option(s) it is about, what it does, when, why, evidence, tests."""

    rule: RuleId
    title: Annotated[str, StringConstraints(min_length=5, max_length=120)]
    status: Literal["draft", "active", "retired"]
    version: Annotated[int, Field(ge=1)]
    authors: Annotated[list[Text], Field(min_length=1)]
    reviewed_by: list[Text] = Field(default_factory=list)
    created: dt.date
    modified: dt.date | None = None
    review_by: dt.date
    last_evidence_check: EvidenceCheck | None = None
    option: Slug | None = None
    options: Union[Name, list[Slug]] | None = Field(default=None, description="a set name or a list: a class rule")
    action: Action
    strength: Strength | None = None
    caution: Slug | None = None
    report: Literal["if-considered", "always"] = "if-considered"
    switch: Literal["forced", "escalation"] = Field(
        default="forced", description="absolute exclusions of the current drug: a forced switch (safety, "
                                      "pregnancy) is urgent; an escalation (breakthrough) is not")
    tier: Tier | None = Field(default=None, description="rank rules: the tier the option gets when the rule applies")
    limit: Literal["at-least", "at-most"] = Field(
        default="at-least", description="rank rules: at-least lifts the option to the tier, at-most caps it there")
    when: When
    because: Annotated[list[Union[Text, Sentence]], Field(min_length=1)]
    evidence: list[Evidence] = Field(default_factory=list)
    tests: list[RuleTest] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> RuleFile:
        if (self.option is None) == (self.options is None):
            raise ValueError("give exactly one of `option` (one option id) or `options` (a set name or list)")
        if self.action == "exclude" and self.strength is None:
            raise ValueError("an exclude rule needs `strength`: absolute, specialist or preference")
        if self.action != "exclude" and self.strength is not None:
            raise ValueError("`strength` belongs to exclude rules only")
        if self.action == "caution" and self.caution is None:
            raise ValueError("a caution rule needs `caution`: the caution id it adds")
        if self.action == "exclude" and self.strength == "specialist" and self.caution is None:
            raise ValueError("a specialist exclusion needs `caution`: the caution id it is shown under")
        if self.action != "exclude" and self.report != "if-considered":
            raise ValueError("`report` belongs to exclude rules only")
        if (self.action == "rank") != (self.tier is not None):
            raise ValueError("a rank rule needs `tier` (urgent, recommended, alternative or also-possible), "
                             "and only rank rules have one")
        if self.action != "rank" and self.limit != "at-least":
            raise ValueError("`limit` belongs to rank rules only")
        if self.switch != "forced" and not (self.action == "exclude" and self.strength == "absolute"):
            raise ValueError("`switch` belongs to absolute exclusions only")
        for name in self.authors + self.reviewed_by:
            if name.count("(") != name.count(")"):
                raise ValueError(f"'{name}': unbalanced brackets; a comma inside [...] splits a name in two: "
                                 "put the name in quotes")
        for t in self.tests:
            if t.expect not in EXPECTATIONS[self.action]:
                raise ValueError(f"test '{t.name}': a {self.action} rule's test expects one of "
                                 + ", ".join(EXPECTATIONS[self.action]))
        return self


class OptionEntry(_Strict):
    id: Slug
    title: Text
    theme: Literal[THEMES]  # type: ignore[valid-type]
    kind: Literal[KINDS]  # type: ignore[valid-type]
    routes: list[Literal["oral", "injection", "infusion"]] = Field(default_factory=list)
    screening: str = Field(default="", description="label-required checks before a start, named in warnings")


class CautionEntry(_Strict):
    id: Slug
    title: Text
    key: bool = Field(default=False, description="a topic that changes the choice: shown in the report summary")


class Catalogue(_Strict):
    options: list[OptionEntry]
    cautions: list[CautionEntry]


class Predicate(_Strict):
    title: Text
    when: When
    source: str | None = None


class Definitions(_Strict):
    sets: dict[Name, list[SetMember]] = Field(default_factory=dict)
    predicates: dict[Name, Predicate] = Field(default_factory=dict)


class RulebookMeta(_Strict):
    name: Text
    version: Annotated[str, StringConstraints(pattern=r"^\d{4}\.\d{1,2}\.\d+$")]
    description: str = ""
    region: Region = Field(default="EU", description="whose labels apply when a profile names no region")


# --------------------------------------------------------------------------- option attributes (grid, handout)

SourceKey = Annotated[str, StringConstraints(pattern=r"^R\d+[a-z]?$")]
EfficacyClass = Literal["modest", "moderate-high", "high"]
Compatibility = Literal["compatible", "specialist", "avoid", "contraindicated"]
ATTRIBUTES: dict[str, str] = {  # key in attributes.yaml -> row title in the option grid
    "route": "How it is taken", "monitoring": "Tests and how often", "efficacy": "How well it works",
    "pregnancy": "Pregnancy", "breastfeeding": "Breastfeeding", "risks": "Main risks", "onset": "Time to work",
    "stays": "How long it stays in the body"}


class Attribute(_Strict):
    """One cited fact about a therapy: a short line and the keys of its sources."""

    text: Text
    cite: Annotated[list[SourceKey], Field(min_length=1, description="keys of `sources`")]
    verified: bool = Field(default=True, description="false when the line is not yet checked against its sources")


class Efficacy(Attribute):
    efficacy_class: EfficacyClass = Field(alias="class")
    trial: Text


class Compatible(Attribute):
    status: Compatibility


class OptionAttributes(_Strict):
    route: Attribute
    monitoring: Attribute
    efficacy: Efficacy
    pregnancy: Compatible
    breastfeeding: Compatible
    risks: Attribute
    onset: Attribute
    stays: Attribute


class AttributeFile(_Strict):
    """`attributes.yaml`: the cited attributes of every disease-modifying therapy."""

    sources: dict[SourceKey, Evidence]
    options: dict[Slug, OptionAttributes]


class PlainOption(_Strict):
    name: Text
    text: Text


class GlossaryEntry(_Strict):
    term: Text
    means: Text


class PlainLanguage(_Strict):
    """`plain-language.yaml`: the handout's wording for every option and caution."""

    intro: Text
    tiers: dict[Tier, Text] = Field(description="a plain heading for each tier of the report")
    efficacy: dict[EfficacyClass, Text]
    status: dict[Compatibility, Text]
    options: dict[Slug, PlainOption]
    cautions: dict[Slug, Text]
    glossary: Annotated[list[GlossaryEntry], Field(min_length=1)]
    questions: Annotated[list[Text], Field(min_length=1)]
    next_steps: Annotated[list[Text], Field(min_length=1)]


# --------------------------------------------------------------------------- the loaded rulebook


@dataclass(frozen=True)
class Because:
    template: str
    when: Expr | None = None


@dataclass(frozen=True)
class RuleInstance:
    """One rule applied to one option: what the engines evaluate. Class rules give one per option."""

    key: str  # "MSR-0040" or "MSR-0040/fingolimod"
    rule: RuleFile
    option: str
    expr: Expr
    because: tuple[Because, ...]
    path: Path
    phase: int = 1  # 2 when the conditions read `offered`

    @property
    def id(self) -> str:
        return self.rule.rule

    @property
    def action(self) -> str:
        return self.rule.action


@dataclass
class Rulebook:
    """A loaded, checked rulebook: catalogue, definitions, rule files and their per-option instances."""

    root: Path
    meta: RulebookMeta
    sha256: str
    options: dict[str, OptionEntry]
    cautions: dict[str, CautionEntry]
    sets: dict[str, tuple[str, ...]]
    predicates: dict[str, Expr]
    predicate_titles: dict[str, str]
    layers: list[list[str]]  # predicates grouped so each layer reads only earlier ones
    rules: list[RuleFile]
    instances: list[RuleInstance]
    paths: dict[str, Path] = field(default_factory=dict)  # rule id -> file
    warnings: list[Any] = field(default_factory=list)
    attributes: AttributeFile | None = None  # attributes.yaml: the option grid's cited facts
    plain: PlainLanguage | None = None  # plain-language.yaml: the handout's wording
    include_drafts: bool = False  # drafts reach reports only when asked for (`--include-drafts`)

    @property
    def version(self) -> str:
        return self.meta.version

    def phase(self, n: int) -> list[RuleInstance]:
        return self._phases.get(n, [])

    def live(self) -> list[RuleInstance]:
        """Instances that count in evaluation: retired rules never do, drafts only with `include_drafts`."""
        return self._live

    def by_option(self) -> dict[str, list[RuleInstance]]:
        """The live instances of each option, in rule order."""
        return self._by_option

    def __post_init__(self) -> None:
        skip = {"retired"} if self.include_drafts else {"retired", "draft"}
        self._live = [i for i in self.instances if i.rule.status not in skip]
        self._phases: dict[int, list[RuleInstance]] = {}
        self._by_option: dict[str, list[RuleInstance]] = {}
        for inst in self._live:
            self._phases.setdefault(inst.phase, []).append(inst)
            self._by_option.setdefault(inst.option, []).append(inst)
