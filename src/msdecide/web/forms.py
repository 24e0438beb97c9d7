"""The profile form, built from `msdecide.profile.FIELDS` (the one source of truth).

This module only does what a web form must do itself: lay the contract's fields out as inputs,
turn the posted strings into numbers, booleans and lists (empty means unknown and is not sent),
and map `ProfileError` field paths back to the inputs for the GOV.UK/NHS error pattern. Every
other check (ranges, choices, cross-field rules) is `parse_profile`'s.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from ..profile import FIELDS, ProfileError, parse_profile
from ..rulebook.model import Rulebook

NONE_VALUE = "_none"  # treatment.current: "no current therapy" (null); not a valid option id
HISTORY_ONLY_TITLES = {"mitoxantrone": "Mitoxantrone", "azathioprine": "Azathioprine",
                       "methotrexate": "Methotrexate", "cyclophosphamide": "Cyclophosphamide",
                       "mycophenolate": "Mycophenolate"}

# list fields where "none" (an empty list, known) differs from "not known" (left out)
NONE_OPTIONS = {"treatment.prior": "None: no previous disease-modifying therapy",
                "preferences.routes": "None of these"}

SECTIONS: tuple[tuple[str, str, str], ...] = (
    # (key, heading, intro); "about" holds the top-level fields id and as_of
    ("about", "About this profile", ""),
    ("demographics", "Demographics", ""),
    ("disease_course", "Disease course", ""),
    ("mri", "MRI", "Radiologist-reported counts"),
    ("biomarkers", "Biomarkers and screening", "Leave blank what has not been tested"),
    ("treatment", "Treatment", ""),
    ("comorbidities", "Comorbidities", ""),
    ("lifestyle", "Lifestyle", ""),
    ("mental_health", "Mental health", "Screening questionnaire scores"),
    ("preferences", "Preferences", "What the person wants"),
)

CHOICE_LABELS: dict[str, str] = {
    "RIS": "RIS (radiologically isolated syndrome)", "CIS": "CIS (clinically isolated syndrome)",
    "RRMS": "RRMS (relapsing-remitting)", "SPMS": "SPMS (secondary progressive)",
    "PPMS": "PPMS (primary progressive)",
    "none": "None", "planning": "Planning a pregnancy", "pregnant": "Pregnant", "breastfeeding": "Breastfeeding",
    "current": "Current smoker", "former": "Former smoker", "never": "Never smoked",
    "heart_block": "Heart block (second or third degree)", "long_qtc": "Long QTc", "stroke_or_tia": "Stroke or TIA",
    "hiv": "HIV", "hepatitis_c": "Hepatitis C", "macular_edema_risk": "Macular oedema risk",
    "latent_tuberculosis": "Latent tuberculosis", "active_malignancy": "Active malignancy",
    "EU": "EU (EMA)", "US": "US (FDA)", "UK": "UK (MHRA)",
}
UNIT_DISPLAY = {"x10^9/L": "×10⁹/L"}
NUMBER_EXAMPLES = {"disease_course.edss": "3.5", "mri.central_vein_sign_fraction": "0.45",
                   "biomarkers.jcv_index": "1.8", "biomarkers.lymphocytes_10e9_l": "0.8",
                   "lifestyle.bmi": "24.5", "biomarkers.serum_nfl_z_score": "1.5", "mental_health.sdmt_z": "-1.5"}
_CROSS = re.compile(r"\b([a-z][a-z0-9_]*\.[a-z][a-z0-9_]*|[a-z][a-z0-9]*_[a-z0-9_]+)\b")


def choice_label(value: str) -> str:
    return CHOICE_LABELS.get(value, value.replace("_", " ").capitalize() if value[:1].isalpha() else value)


def input_id(path: str) -> str:
    """The id of a field's (first) input: what the error summary links to."""
    return "f-" + path.replace(".", "-")


@dataclass
class Widget:
    """One question on the form."""

    path: str
    kind: str  # text | date | int | number | radios | select | checkboxes
    label: str
    hint: str = ""
    suffix: str = ""
    width: int = 4
    inline: bool = False
    choices: list[tuple[str, str]] = field(default_factory=list)  # (value, label)
    groups: list[tuple[str, list[tuple[str, str]]]] = field(default_factory=list)  # grouped checkboxes
    columns: bool = False
    collapsible: bool = False
    none_label: str = ""  # an exclusive "None" checkbox (value NONE_VALUE): the empty list

    @property
    def id(self) -> str:
        return input_id(self.path)

    @property
    def anchor(self) -> str:
        """Where an error link lands: the first input of the question."""
        return self.id + ("-day" if self.kind == "date" else "")

    @property
    def wide(self) -> bool:
        return self.kind in ("radios", "checkboxes", "select", "date") and not (self.kind == "radios" and self.inline
                                                                              and len(self.choices) <= 3)


@dataclass
class Section:
    key: str
    title: str
    intro: str
    widgets: list[Widget]

    @property
    def id(self) -> str:
        return "section-" + self.key.replace("_", "-")


def _fmt(x: float | None) -> str:
    return "" if x is None else str(int(x)) if float(x).is_integer() else str(x)


def _range_hint(spec: Any) -> str:
    unit = UNIT_DISPLAY.get(spec.unit, spec.unit)
    text = f"{_fmt(spec.ge)} to {_fmt(spec.le)}" + (f" {unit}" if unit else "")
    if spec.hint and " to " in spec.hint:  # the hint already states the range (EDSS, CVS fraction)
        return spec.hint
    return f"{spec.hint} ({text})" if spec.hint else text[0].upper() + text[1:]


def _widget(spec: Any, rulebook: Rulebook) -> Widget:
    w = Widget(path=spec.path, kind=spec.kind, label=spec.label)
    if spec.kind in ("int", "number"):
        w.hint = _range_hint(spec)
        w.suffix = UNIT_DISPLAY.get(spec.unit, spec.unit)
        biggest = max(len(_fmt(spec.ge)), len(_fmt(spec.le)))
        w.width = 3 if spec.kind == "int" and biggest <= 3 else 4 if biggest <= 3 else 5
        return w
    if spec.kind == "bool":
        return Widget(path=spec.path, kind="radios", label=spec.label, inline=True,
                      choices=[("yes", "Yes"), ("no", "No"), ("", "Not known")])
    if spec.kind == "text":
        return Widget(path=spec.path, kind="text", label=spec.label, width=20,
                      hint="A clinic reference, never the person's name (letters, digits, '.', '_', '-')")
    if spec.kind == "date":
        return Widget(path=spec.path, kind="date", label=spec.label,
                      hint="For example, 25 11 2026. Leave blank for today")
    if spec.path == "treatment.current":
        dmts = [(o.id, o.title) for o in rulebook.options.values()
                if o.theme == "immunotherapy" and o.kind in ("dmt", "off-label", "investigational")]
        return Widget(path=spec.path, kind="select", label=spec.label,
                      choices=[("", "Not known"), (NONE_VALUE, "None: not on a disease-modifying therapy")] + dmts)
    if spec.kind == "choice":
        choices = [(c, choice_label(c)) for c in spec.choices]
        if len(choices) > 5:
            return Widget(path=spec.path, kind="select", label=spec.label, hint=spec.hint,
                          choices=[("", "Not known")] + choices)
        hint = spec.hint
        if spec.path == "region":
            choices.append(("", f"Rulebook default ({rulebook.meta.region})"))
            hint = "Whose product labels (licensing and label wording) the options follow"
        else:
            choices.append(("", "Not known"))
        short = sum(len(label) for _, label in choices) <= 60
        return Widget(path=spec.path, kind="radios", label=spec.label, hint=hint, inline=short, choices=choices)
    # list fields: checkboxes
    w = Widget(path=spec.path, kind="checkboxes", label=spec.label, none_label=NONE_OPTIONS.get(spec.path, ""))
    if spec.path == "treatment.prior":
        w.choices = [(o.id, o.title) for o in rulebook.options.values()
                     if o.theme == "immunotherapy" and o.kind in ("dmt", "off-label", "investigational", "referral")]
        w.choices += list(HISTORY_ONLY_TITLES.items())
        w.columns, w.hint = True, "Select all that apply. Leave empty if not known"
    elif spec.path == "preferences.interested_in":
        by_theme: dict[str, list[tuple[str, str]]] = {}
        for o in rulebook.options.values():
            if o.id in spec.choices:
                by_theme.setdefault(o.theme, []).append((o.id, o.title))
        from ..render.groups import THEME_TITLES
        w.groups = [(THEME_TITLES.get(t, t), items) for t, items in by_theme.items()]
        w.choices = [c for _, items in w.groups for c in items]
        w.collapsible, w.hint = True, "Options the person has asked about are always shown in the result, with the reason"
    elif spec.path == "comorbidities":
        w.choices = [(c, choice_label(c)) for c in spec.choices]
        w.columns, w.hint = True, "Select all that apply. Not selected means not present"
    else:
        w.choices = [(c, choice_label(c)) for c in spec.choices]
        w.inline, w.hint = True, "Select all that apply"
    return w


def build_sections(rulebook: Rulebook) -> list[Section]:
    """Every field of the contract, grouped into the contract's sections."""
    out = []
    for key, title, intro in SECTIONS:
        paths = [p for p in FIELDS if ("." not in p and key == "about" and p != "comorbidities")
                 or p.split(".")[0] == key]
        out.append(Section(key, title, intro, [_widget(FIELDS[p], rulebook) for p in paths]))
    return out


# --------------------------------------------------------------------------- values <-> profile


FormValues = dict[str, Any]  # path -> str, list[str] (checkboxes) or dict (date: day, month, year)


@dataclass
class FormError:
    path: str
    message: str
    anchor: str


def _number_text(path: str, value: Any) -> str:
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if path == "disease_course.edss":
            return f"{value:.1f}"
        return _fmt(value)
    return str(value)


def profile_to_values(data: Mapping[str, Any]) -> FormValues:
    """A profile dict (an example, or the one re-posted from a result page) as form values."""
    values: FormValues = {}
    for path, spec in FIELDS.items():
        head, _, tail = path.partition(".")
        section = data.get(head) if tail else None
        if tail and not isinstance(section, Mapping):
            continue
        if tail and tail not in section:  # type: ignore[operator]
            continue
        if not tail and head not in data:
            continue
        value = section[tail] if tail else data[head]  # type: ignore[index]
        if spec.kind == "list":
            values[path] = [str(v) for v in value] if isinstance(value, list) else []
            if value == [] and path in NONE_OPTIONS:
                values[path] = [NONE_VALUE]
        elif spec.kind == "bool":
            values[path] = "yes" if value is True else "no" if value is False else ""
        elif path == "treatment.current" and value is None:
            values[path] = NONE_VALUE
        elif spec.kind == "date":
            try:
                d = dt.date.fromisoformat(str(value))
                values[path] = {"day": str(d.day), "month": str(d.month), "year": str(d.year)}
            except ValueError:
                values[path] = {"day": "", "month": "", "year": str(value)}
        elif value is not None:
            values[path] = _number_text(path, value)
    return values


def read_values(form: Mapping[str, Any]) -> FormValues:
    """The posted answers, exactly as typed, to show back on the form."""
    values: FormValues = {}
    for path, spec in FIELDS.items():
        if spec.kind == "list":
            values[path] = form.getlist(path) if hasattr(form, "getlist") else list(form.get(path, []))
        elif spec.kind == "date":
            values[path] = {k: str(form.get(f"{path}-{k}", "")) for k in ("day", "month", "year")}
        else:
            values[path] = str(form.get(path, ""))
    return values


def _strip_unit(text: str, unit: str) -> str:
    """Allow the unit typed after the number ("34 years"): GOV.UK says do not show an error."""
    for u in {unit, UNIT_DISPLAY.get(unit, unit)} - {""}:
        if text.lower().endswith(u.lower()):
            return text[: -len(u)].strip()
    return text


def _example(spec: Any) -> str:
    return NUMBER_EXAMPLES.get(spec.path, "2" if spec.kind == "int" or (spec.le or 0) >= 2 else "0.5")


def _to_number(spec: Any, text: str) -> tuple[Any, str | None]:
    example = _example(spec)
    text = _strip_unit(text.strip(), spec.unit)
    try:
        number = float(text)
    except ValueError:
        number = math.nan
    if not math.isfinite(number):
        what = "a whole number" if spec.kind == "int" else "a number"
        return None, f"{spec.label} must be {what}, like {example}"
    if spec.kind == "int":
        if not number.is_integer():
            return None, f"{spec.label} must be a whole number, like {example}"
        return int(number), None
    return number, None


def _to_date(spec: Any, parts: Mapping[str, str]) -> tuple[Any, str | None]:
    day, month, year = (parts.get(k, "").strip() for k in ("day", "month", "year"))
    if not (day or month or year):
        return None, None
    missing = [n for n, v in (("day", day), ("month", month), ("year", year)) if not v]
    if missing:
        return None, f"{spec.label} must include a {' and a '.join(missing)}"
    try:
        return dt.date(int(year), int(month), int(day)).isoformat(), None
    except ValueError:
        return None, f"{spec.label} must be a real date, like 25 11 2026"


def values_to_profile(values: FormValues) -> tuple[dict[str, Any], list[FormError]]:
    """Turn form values into a profile dict. Empty answers are unknown and left out."""
    profile: dict[str, Any] = {}
    errors: list[FormError] = []
    widgets_anchor = {p: input_id(p) + ("-day" if FIELDS[p].kind == "date" else "") for p in FIELDS}
    for path, spec in FIELDS.items():
        raw = values.get(path)
        value: Any
        if spec.kind == "list":
            items = [str(v) for v in (raw or []) if str(v)]
            if not items:
                continue
            if NONE_VALUE in items and path in NONE_OPTIONS:
                if len(set(items)) > 1:
                    errors.append(FormError(path, f"{spec.label}: select '{NONE_OPTIONS[path]}' or the ones that "
                                            "apply, not both", widgets_anchor[path]))
                    continue
                items = []
            value = list(dict.fromkeys(items))
        elif spec.kind == "date":
            value, problem = _to_date(spec, raw or {})
            if problem:
                errors.append(FormError(path, problem, widgets_anchor[path]))
            if value is None:
                continue
        else:
            text = str(raw or "").strip()
            if not text:
                continue
            if spec.kind in ("int", "number"):
                value, problem = _to_number(spec, text)
                if problem:
                    errors.append(FormError(path, problem, widgets_anchor[path]))
                    continue
            elif spec.kind == "bool":
                if text not in ("yes", "no"):
                    errors.append(FormError(path, f"Select whether: {spec.label.lower()}", widgets_anchor[path]))
                    continue
                value = text == "yes"
            elif path == "treatment.current" and text == NONE_VALUE:
                value = None
            else:
                value = text
        head, _, tail = path.partition(".")
        if tail:
            profile.setdefault(head, {})[tail] = value
        else:
            profile[head] = value
    return profile, errors


def _lower_first(label: str) -> str:
    first = label.split()[0]
    return label[0].lower() + label[1:] if first.isalpha() and first[1:].islower() else label


def _readable(path: str, message: str) -> str:
    """A ProfileError message as a GOV.UK-style sentence: '<label> must be ...'."""
    spec = FIELDS[path]
    section = path.split(".")[0] + "."

    def name(m: re.Match[str]) -> str:
        word = m.group(1)
        other = word if word in FIELDS else section + word
        return f"'{_lower_first(FIELDS[other].label)}'" if other in FIELDS and other != path else word

    message = _CROSS.sub(name, message)
    lead, sep, rest = message.partition(" is not allowed: ")
    if sep and rest.startswith("must be "):
        return f"{spec.label} {rest}"
    if sep and spec.kind in ("int", "number"):
        return f"{spec.label} must be {spec.allowed()}, like {_example(spec)}"
    if sep and not rest.startswith(("must", "only")):
        return f"{spec.label}: {rest[0].upper()}{rest[1:]}"
    return f"{spec.label}: {message}" if not message.startswith(spec.label) else message


def validate(values: FormValues) -> tuple[dict[str, Any], list[FormError]]:
    """Convert and validate. Returns the profile dict and every error (in form order).

    A field-level error stops pydantic before the cross-field checks of its section, so fields
    found wrong are set aside and the rest checked again: the clinician sees every problem at once.
    """
    profile, errors = values_to_profile(values)
    bad = {e.path for e in errors}
    for _ in range(4):
        try:
            parse_profile(_without(profile, bad))
            break
        except ProfileError as exc:
            new = 0
            for fe in exc.errors:
                path = fe.field if fe.field in FIELDS else ".".join(fe.field.split(".")[:2])
                if path in bad:
                    continue
                if path in FIELDS:
                    anchor = input_id(path) + ("-day" if FIELDS[path].kind == "date" else "")
                    errors.append(FormError(path, _readable(path, fe.message), anchor))
                else:
                    errors.append(FormError(fe.field, f"{fe.field}: {fe.message}", "profile-form"))
                bad.add(path)
                new += 1
            if not new:
                break
    order = list(FIELDS)
    errors.sort(key=lambda e: order.index(e.path) if e.path in FIELDS else len(order))
    return profile, errors


def _without(profile: dict[str, Any], paths: set[str]) -> dict[str, Any]:
    out = {k: (dict(v) if isinstance(v, dict) else v) for k, v in profile.items()}
    for path in paths:
        head, _, tail = path.partition(".")
        if tail and isinstance(out.get(head), dict):
            out[head].pop(tail, None)
        elif not tail:
            out.pop(head, None)
    return out
