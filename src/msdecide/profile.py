"""The patient profile: `../shared/domain/profile-contract.md` in code, the one source of truth.

Every field is optional and a missing field is *unknown*, never zero or false. Each section
forbids unknown keys. `FIELDS` describes every leaf field (type, range, choices, label, unit)
for the rule checker, the web form and the JSON Schema, so none of them can drift from here.
"""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from annotated_types import Ge, Le
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, field_validator, model_validator

from .jsontext import NestingError, too_deep
from .options_ids import CATALOGUE_IDS, HISTORY_ONLY_IDS, REGIONS

Sex = Literal["female", "male", "other"]
Pregnancy = Literal["none", "planning", "pregnant", "breastfeeding"]
Phenotype = Literal["RIS", "CIS", "RRMS", "SPMS", "PPMS"]
PosNeg = Literal["positive", "negative"]
Genotype = Literal["*1/*1", "*1/*2", "*1/*3", "*2/*2", "*2/*3", "*3/*3"]
Comorbidity = Literal[
    "bradyarrhythmia", "heart_block", "pacemaker", "long_qtc", "ischaemic_heart_disease",
    "heart_failure", "stroke_or_tia", "uncontrolled_hypertension", "macular_edema_risk",
    "diabetes", "active_infection", "latent_tuberculosis", "hiv", "hepatitis_c",
    "hepatic_impairment", "renal_impairment", "active_malignancy", "immunodeficiency",
    "autoimmune_thyroid_disease", "other_autoimmune_disease", "epilepsy", "kidney_stones",
    "eating_disorder", "recurrent_infections",
]
Smoking = Literal["current", "former", "never"]
Diet = Literal["omnivore", "mediterranean", "vegetarian", "vegan", "ketogenic", "other"]
Route = Literal["oral", "injection", "infusion"]
OptionId = Literal[CATALOGUE_IDS]  # type: ignore[valid-type]
# treatment.current: "option id of the current disease-modifying therapy": the immunotherapy options of
# kind dmt, off-label or investigational (a trial drug), never a test, a referral or a lifestyle option
CURRENT_DMT_IDS: tuple[str, ...] = (
    "interferon-beta", "glatiramer-acetate", "teriflunomide", "dimethyl-fumarate", "diroximel-fumarate",
    "fingolimod", "siponimod", "ozanimod", "ponesimod", "cladribine", "natalizumab", "ocrelizumab",
    "ofatumumab", "ublituximab", "alemtuzumab", "rituximab", "tolebrutinib", "fenebrutinib",
)
CurrentDmtId = Literal[CURRENT_DMT_IDS]  # type: ignore[valid-type]
TreatmentId = Literal[CATALOGUE_IDS + HISTORY_ONLY_IDS]  # type: ignore[valid-type]

EDSS_STEPS = (0.0,) + tuple(x / 2 for x in range(2, 21))


def _int(lo: int, hi: int, label: str, unit: str = "", hint: str = "") -> Any:
    return Field(default=None, ge=lo, le=hi, strict=True, title=label,
                 json_schema_extra={"unit": unit, "hint": hint})


def _num(lo: float, hi: float, label: str, unit: str = "", hint: str = "") -> Any:
    return Field(default=None, ge=lo, le=hi, strict=True, allow_inf_nan=False, title=label,
                 json_schema_extra={"unit": unit, "hint": hint})


def _opt(label: str, hint: str = "") -> Any:
    return Field(default=None, title=label, json_schema_extra={"unit": "", "hint": hint})


def _flag(label: str) -> Any:
    return Field(default=None, title=label, strict=True, json_schema_extra={"unit": "", "hint": ""})


# --------------------------------------------------------------------------- cross-field checks
# Each returns (field path, message). The models raise the first; `parse_profile` also runs them on
# the raw data, so every cross-field problem is reported at once, even beside other errors.

Problem = tuple[str, str]


def _relapse_problems(r12: Any, r24: Any) -> list[Problem]:
    if _is_int(r12) and _is_int(r24) and r24 < r12:
        return [("disease_course.relapses_24m", f"{r24} is not allowed: must be at least relapses_12m ({r12}), "
                                                "because the 24 months include the last 12")]
    return []


def _jcv_problems(index: Any, status: Any) -> list[Problem]:
    if index is not None and status is None:
        return [("biomarkers.jcv_index", "an index is given without jcv_status: record the antibody result too")]
    return []


def _pregnancy_problems(sex: Any, pregnancy: Any) -> list[Problem]:
    if sex == "male" and pregnancy not in (None, "none"):
        return [("demographics.pregnancy", f"{pregnancy!r} is not allowed when sex is male: only 'none'")]
    return []


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def _raise_first(problems: list[Problem]) -> None:
    if problems:
        path, message = problems[0]
        raise ValueError(f"{path}: {message}")


def _cross_field(data: dict[str, Any]) -> list[Problem]:
    """Every cross-field problem of raw profile data (values of the wrong type are left to pydantic)."""
    def section(name: str) -> dict[str, Any]:
        value = data.get(name)
        return value if isinstance(value, dict) else {}

    course, bio, demo = section("disease_course"), section("biomarkers"), section("demographics")
    return (_relapse_problems(course.get("relapses_12m"), course.get("relapses_24m"))
            + _jcv_problems(bio.get("jcv_index"), bio.get("jcv_status"))
            + _pregnancy_problems(demo.get("sex"), demo.get("pregnancy") if isinstance(demo.get("pregnancy"), str)
                                  else None))


# --------------------------------------------------------------------------- the JSON Schema
# What JSON Schema can say of the checks above, so that `msdecide schema` and the validator agree.

NULL = {"type": "null"}


def _edss_schema(schema: dict[str, Any]) -> None:
    schema["properties"]["edss"]["anyOf"] = [{"const": 0}, {"type": "number", "minimum": 1, "maximum": 10,
                                                               "multipleOf": 0.5}, NULL]


def _course_schema(schema: dict[str, Any]) -> None:
    _edss_schema(schema)
    schema["description"] = "relapses_24m must be at least relapses_12m: the 24 months include the last 12"


def _biomarkers_schema(schema: dict[str, Any]) -> None:
    schema["description"] = "jcv_index needs jcv_status"
    schema["if"] = {"properties": {"jcv_index": {"type": "number"}}, "required": ["jcv_index"]}
    schema["then"] = {"properties": {"jcv_status": {"type": "string"}}, "required": ["jcv_status"]}


def _demographics_schema(schema: dict[str, Any]) -> None:
    schema["description"] = "pregnancy may only be 'none' (or unknown) when sex is male"
    schema["if"] = {"properties": {"sex": {"const": "male"}}, "required": ["sex"]}
    schema["then"] = {"properties": {"pregnancy": {"anyOf": [{"const": "none"}, NULL]}}}


def _profile_schema(schema: dict[str, Any]) -> None:
    """Sections may be null (nothing in them known); as_of is a plain YYYY-MM-DD date."""
    props = schema["properties"]
    for name in SECTIONS:
        if name not in ("id", "as_of", "region") and "anyOf" not in props[name]:
            rest = {k: v for k, v in props[name].items() if k in ("title", "description", "default")}
            body = {k: v for k, v in props[name].items() if k not in rest}
            props[name] = {"anyOf": [body, NULL], **rest}
    props["as_of"]["anyOf"][0]["pattern"] = r"^\d{4}-\d{2}-\d{2}$"
    schema["description"] = ("A patient profile. Every field is optional: missing means unknown. Whole numbers "
                             "are written without a decimal point (2, not 2.0). Cross-field rules: see each "
                             "section's description.")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Demographics(_Section):
    model_config = ConfigDict(json_schema_extra=_demographics_schema)

    age: int | None = _int(0, 120, "Age", "years", "Under 18 is paediatric")
    sex: Sex | None = _opt("Sex")
    pregnancy: Pregnancy | None = _opt("Pregnancy", "Only 'none' when sex is male")
    effective_contraception: bool | None = _flag("Uses effective contraception")


class DiseaseCourse(_Section):
    model_config = ConfigDict(json_schema_extra=_course_schema)

    phenotype: Phenotype | None = _opt("Type of MS")
    years_since_onset: float | None = _num(0, 80, "Years since onset", "years")
    edss: float | None = _num(0, 10, "EDSS score", "", "0, or 1.0 to 10 in steps of 0.5")
    relapses_12m: int | None = _int(0, 50, "Relapses in the last 12 months")
    relapses_24m: int | None = _int(0, 50, "Relapses in the last 24 months", "", "At least the 12-month count")
    years_since_last_relapse: float | None = _num(0, 80, "Years since the last relapse", "years")
    progression_independent_of_relapse: bool | None = _flag(
        "Confirmed worsening without relapse in the last 24 months")

    @field_validator("edss")
    @classmethod
    def _edss_scale(cls, v: float | None) -> float | None:
        if v is not None and v not in EDSS_STEPS:
            raise ValueError("EDSS is 0, or 1.0 to 10 in steps of 0.5 (there is no 0.5)")
        return v

    @model_validator(mode="after")
    def _relapse_windows(self) -> DiseaseCourse:
        _raise_first(_relapse_problems(self.relapses_12m, self.relapses_24m))
        return self


class Mri(_Section):
    t2_lesion_count: int | None = _int(0, 1000, "T2 lesions on the latest scan")
    new_t2_lesions_12m: int | None = _int(0, 500, "New or enlarging T2 lesions in the last 12 months")
    gd_enhancing_lesions: int | None = _int(0, 500, "Gadolinium-enhancing lesions on the latest scan")
    spinal_cord_lesions: int | None = _int(0, 100, "Spinal cord lesions")
    paramagnetic_rim_lesions: int | None = _int(0, 100, "Paramagnetic rim lesions")
    central_vein_sign_fraction: float | None = _num(0, 1, "Fraction of lesions with a central vein sign",
                                                    "", "From 0 to 1, for example 0.45")
    years_since_new_lesion: float | None = _num(0, 80, "Years since the last new lesion", "years")
    months_since_last_mri: int | None = _int(0, 600, "Months since the last MRI", "months")


class Biomarkers(_Section):
    model_config = ConfigDict(json_schema_extra=_biomarkers_schema)

    jcv_status: PosNeg | None = _opt("Anti-JCV antibody")
    jcv_index: float | None = _num(0, 10, "JCV index", "", "Leave blank if not tested")
    jcv_months_since_test: int | None = _int(0, 600, "Months since the JCV test", "months")
    serum_nfl_pg_ml: float | None = _num(0, 1000, "Serum neurofilament light", "pg/mL")
    serum_nfl_z_score: float | None = _num(-5, 10, "Serum neurofilament light Z-score", "",
                                           "Adjusted for age and BMI")
    lymphocytes_10e9_l: float | None = _num(0, 50, "Absolute lymphocyte count", "x10^9/L")
    lymphopenia_months: int | None = _int(0, 600, "Months with lymphocytes below 0.5", "months")
    vitamin_d_nmol_l: float | None = _num(0, 500, "25-OH vitamin D", "nmol/L")
    cyp2c9_genotype: Genotype | None = _opt("CYP2C9 genotype")
    vzv_igg: PosNeg | None = _opt("Varicella zoster IgG")
    hbsag: PosNeg | None = _opt("Hepatitis B surface antigen")
    hbv_core_antibody: PosNeg | None = _opt("Hepatitis B core antibody (anti-HBc)")
    igg_g_l: float | None = _num(0, 50, "Serum IgG", "g/L")
    csf_oligoclonal_bands: PosNeg | None = _opt("CSF oligoclonal bands")

    @model_validator(mode="after")
    def _index_needs_status(self) -> Biomarkers:
        _raise_first(_jcv_problems(self.jcv_index, self.jcv_status))
        return self


class Treatment(_Section):
    current: CurrentDmtId | None = _opt("Current disease-modifying therapy", "null means no current therapy")
    months_on_current: int | None = _int(0, 600, "Months on the current therapy", "months")
    prior: list[TreatmentId] | None = _opt("Previous therapies")


class Lifestyle(_Section):
    smoking: Smoking | None = _opt("Smoking")
    bmi: float | None = _num(10, 80, "Body mass index", "kg/m²")
    exercise_min_per_week: int | None = _int(0, 3000, "Moderate exercise", "minutes a week")
    diet: Diet | None = _opt("Usual diet")
    alcohol_units_per_week: float | None = _num(0, 300, "Alcohol", "UK units a week")


class MentalHealth(_Section):
    phq9: int | None = _int(0, 27, "PHQ-9 total")
    phq9_item9: int | None = _int(0, 3, "PHQ-9 item 9 (thoughts of self-harm)")
    gad7: int | None = _int(0, 21, "GAD-7 total")
    mfis: int | None = _int(0, 84, "Modified Fatigue Impact Scale total")
    sdmt_z: float | None = _num(-10, 5, "SDMT Z-score")


class Preferences(_Section):
    routes: list[Route] | None = _opt("Acceptable routes")
    family_planning_2y: bool | None = _flag("Wishes to conceive within 2 years")
    open_to_trials: bool | None = _flag("Open to clinical trials")
    interested_in: list[OptionId] | None = _opt("Options the person asks about")


ProfileId = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")]


class Profile(_Section):
    """A validated MS patient profile. Missing means unknown."""

    model_config = ConfigDict(json_schema_extra=_profile_schema)

    id: ProfileId | None = Field(default=None, title="Profile id", description="Opaque id, never a name")
    as_of: dt.date | None = Field(default=None, title="Date the profile describes")
    region: Literal[REGIONS] | None = Field(  # type: ignore[valid-type]
        default=None, title="Whose labels apply", description="EU, US or UK; default: the rulebook's region",
        json_schema_extra={"unit": "", "hint": "EU, US or UK labels; blank: the rulebook's default"})
    demographics: Demographics = Field(default_factory=Demographics)
    disease_course: DiseaseCourse = Field(default_factory=DiseaseCourse)
    mri: Mri = Field(default_factory=Mri)
    biomarkers: Biomarkers = Field(default_factory=Biomarkers)
    treatment: Treatment = Field(default_factory=Treatment)
    comorbidities: list[Comorbidity] = Field(default_factory=list, title="Comorbidities",
                                             description="Not listed means absent")
    lifestyle: Lifestyle = Field(default_factory=Lifestyle)
    mental_health: MentalHealth = Field(default_factory=MentalHealth)
    preferences: Preferences = Field(default_factory=Preferences)

    @model_validator(mode="before")
    @classmethod
    def _null_sections_are_unknown(cls, data: Any) -> Any:
        """A section given as null means nothing in it is known (comorbidities: none recorded)."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (v is None and k in cls.model_fields and k not in
                                                          ("id", "as_of", "region"))}
        return data

    @field_validator("as_of", mode="before")
    @classmethod
    def _iso_date(cls, v: Any) -> Any:
        if isinstance(v, dt.datetime) or (isinstance(v, str) and len(v) != 10):
            raise ValueError("as_of must be a date written YYYY-MM-DD")
        return v

    @model_validator(mode="after")
    def _male_not_pregnant(self) -> Profile:
        _raise_first(_pregnancy_problems(self.demographics.sex, self.demographics.pregnancy))
        return self

    def value(self, path: str) -> Any:
        """The value at a dotted field path, or None when unknown."""
        obj: Any = self
        for part in path.split("."):
            obj = getattr(obj, part, None)
            if obj is None:
                return None
        return obj

    def is_current_known(self) -> bool:
        """True when `treatment.current` was given (null means 'no current therapy')."""
        return "current" in self.treatment.model_fields_set


# --------------------------------------------------------------------------- field catalogue


@dataclass(frozen=True)
class FieldSpec:
    """What the rule checker, the form and the docs need to know about one leaf field."""

    path: str
    kind: Literal["int", "number", "bool", "choice", "list", "date", "text"]
    label: str
    unit: str = ""
    hint: str = ""
    ge: float | None = None
    le: float | None = None
    choices: tuple[str, ...] = ()

    @property
    def section(self) -> str:
        return self.path.split(".")[0]

    def allowed(self) -> str:
        """Human wording of the allowed values."""
        if self.path == "disease_course.edss":
            return "0, or 1.0 to 10 in steps of 0.5"
        if self.path == "treatment.current":
            return "the id of a disease-modifying therapy (" + ", ".join(self.choices) + "), or null for none"
        if self.kind in ("int", "number"):
            whole = "a whole number " if self.kind == "int" else "a number "
            return f"{whole}from {_fmt(self.ge)} to {_fmt(self.le)}" + (f" {self.unit}" if self.unit else "")
        if self.kind == "bool":
            return "true or false"
        if self.kind in ("choice", "list"):
            return ("a list of " if self.kind == "list" else "one of ") + ", ".join(self.choices)
        if self.kind == "date":
            return "a date written YYYY-MM-DD"
        return "1-64 characters: letters, digits, '_', '.', '-'"


def _fmt(x: float | None) -> str:
    return str(int(x)) if x is not None and float(x).is_integer() else str(x)


def _spec(path: str, info: Any) -> FieldSpec:
    ann = info.annotation
    args = [a for a in get_args(ann) if a is not type(None)] if get_origin(ann) in (Union, type(int | None)) else [ann]
    base = args[0] if args else ann
    extra = info.json_schema_extra or {}
    common = {"path": path, "label": info.title or path, "unit": extra.get("unit", ""), "hint": extra.get("hint", "")}
    ge = next((m.ge for m in info.metadata if isinstance(m, Ge)), None)
    le = next((m.le for m in info.metadata if isinstance(m, Le)), None)
    if get_origin(base) is list:
        return FieldSpec(kind="list", choices=get_args(get_args(base)[0]), **common)
    if get_origin(base) is Literal:
        return FieldSpec(kind="choice", choices=get_args(base), **common)
    kind = {int: "int", float: "number", bool: "bool", dt.date: "date"}.get(base, "text")
    return FieldSpec(kind=kind, ge=ge, le=le, **common)  # type: ignore[arg-type]


def _catalogue() -> dict[str, FieldSpec]:
    out: dict[str, FieldSpec] = {}
    for name, info in Profile.model_fields.items():
        ann = info.annotation
        if isinstance(ann, type) and issubclass(ann, _Section):
            for sub, sinfo in ann.model_fields.items():
                out[f"{name}.{sub}"] = _spec(f"{name}.{sub}", sinfo)
        else:
            out[name] = _spec(name, info)
    return out


FIELDS: dict[str, FieldSpec] = _catalogue()
SECTIONS: tuple[str, ...] = tuple(Profile.model_fields)


# --------------------------------------------------------------------------- errors


@dataclass(frozen=True)
class FieldError:
    """One problem with one profile field, in words a clinician can act on."""

    field: str
    message: str
    value: Any = None

    def __str__(self) -> str:
        return f"{self.field}: {self.message}"


class ProfileError(ValueError):
    """The profile does not follow the contract. `errors` lists every problem by field."""

    def __init__(self, errors: list[FieldError]):
        self.errors = errors
        super().__init__("; ".join(str(e) for e in errors))


def _suggest(name: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _field_error(err: dict[str, Any]) -> FieldError:
    loc = [str(p) for p in err["loc"]]
    path = ".".join(p for p in loc if not p.isdigit())
    given = err.get("input")
    kind = err["type"]
    if kind == "extra_forbidden":
        parent = ".".join(loc[:-1])
        siblings = [f.split(".")[-1] for f in FIELDS if f.startswith(parent + ".")] if parent else list(SECTIONS)
        return FieldError(".".join(loc), f"'{loc[-1]}' is not a profile field{_suggest(loc[-1], siblings)}")
    spec = FIELDS.get(path)
    if kind in ("value_error", "assertion_error"):
        msg = str(err["msg"]).removeprefix("Value error, ")
        head, _, rest = msg.partition(": ")
        cross = head if head in FIELDS or not path else f"{path}.{head}"
        if rest and cross in FIELDS:  # a cross-field check names the field it is about
            return FieldError(cross, rest)
        return FieldError(path or "profile", f"{given!r} is not allowed: {msg}" if spec else msg, given)
    shown = f"{given!r}" if not isinstance(given, (dict, list)) else "this value"
    if spec is not None:
        item = f" (item {loc[-1]})" if loc[-1].isdigit() else ""
        return FieldError(path, f"{shown}{item} is not allowed: must be {spec.allowed()}", given)
    if path in SECTIONS and kind in ("model_type", "dict_type", "model_attributes_type"):
        return FieldError(path, f"must be a section of fields (an object), not {shown}", given)
    if path == "comorbidities":
        return FieldError(path, f"{shown} is not allowed: must be a list", given)
    return FieldError(path or "profile", str(err["msg"]), given)


def parse_profile(data: Any) -> Profile:
    """Validate a profile given as a dict (from JSON or YAML). Raises ProfileError."""
    if isinstance(data, Profile):
        return data
    if not isinstance(data, dict):
        raise ProfileError([FieldError("profile", "must be an object of sections (JSON object or YAML mapping)")])
    if too_deep(data):
        raise ProfileError([FieldError("profile", str(NestingError()))])
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raw = exc.errors(include_url=False)
        items = [e for e in raw if _list_item(e)]
        errors = [_field_error(e) for e in raw if not _list_item(e)] + _item_errors(items)
        errors += [FieldError(path, message) for path, message in _cross_field(data)]  # all at once
        unique = {(e.field, e.message): e for e in errors}
        raise ProfileError(_capped(sorted(unique.values(), key=lambda e: e.field))) from None


MAX_ERRORS = 50  # a hostile list of thousands of bad entries gets a short answer
SHOWN_ITEMS = 5


def _list_item(err: dict[str, Any]) -> bool:
    """A wrong entry of a list field (reported per field, the allowed values said once)."""
    loc = [str(p) for p in err["loc"]]
    spec = FIELDS.get(".".join(p for p in loc if not p.isdigit()))
    return spec is not None and spec.kind == "list" and bool(loc) and loc[-1].isdigit()


def _item_errors(errs: list[dict[str, Any]]) -> list[FieldError]:
    """One error per list field, naming the first few wrong entries and the allowed values once."""
    by_field: dict[str, list[str]] = {}
    for err in errs:
        loc = [str(p) for p in err["loc"]]
        given = err.get("input")
        shown = f"{given!r}" if not isinstance(given, (dict, list)) else "this value"
        by_field.setdefault(".".join(p for p in loc if not p.isdigit()), []).append(f"{shown} (item {loc[-1]})")
    out = []
    for path, wrong in by_field.items():
        more = len(wrong) - SHOWN_ITEMS
        listed = ", ".join(wrong[:SHOWN_ITEMS]) + (f" and {more} more {'entry' if more == 1 else 'entries'}"
                                                   if more > 0 else "")
        out.append(FieldError(path, f"{listed} {'is' if len(wrong) == 1 else 'are'} not allowed: "
                                    f"must be {FIELDS[path].allowed()}"))
    return out


def _capped(errors: list[FieldError]) -> list[FieldError]:
    if len(errors) <= MAX_ERRORS:
        return errors
    return errors[:MAX_ERRORS] + [FieldError("profile", f"and {len(errors) - MAX_ERRORS} more errors not shown: "
                                                        "correct these first")]
