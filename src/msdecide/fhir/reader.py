"""A FHIR R4 record (a Bundle, or the resources of a CDS Hooks prefetch) -> a contract profile.

Every resource is parsed with `fhir.resources` (its R4B models, which read R4 Patient, Condition,
Observation, MedicationStatement and MedicationRequest unchanged). What fills a field is decided by
the mapping file; each resource that fills nothing is listed in `unmapped` with its type, id, code
and the reason. Nothing is guessed: unknown codes, units, statuses and conflicting values leave the
field unknown and are listed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from fhir.resources.R4B import get_fhir_model_class
from pydantic import ValidationError

from ..profile import FIELDS, ProfileError, parse_profile
from .mapping import Mapping, ObservationRule, load_mapping
from .values import Unreadable, codings, read_value

PROFILE_ID = re.compile(r"[A-Za-z0-9_.-]{1,64}")
READ_TYPES = ("Patient", "Condition", "Observation", "MedicationStatement", "MedicationRequest", "Medication")
ROUTINE = ("not read by msdecide", "not in the mapping")  # reasons that are no news to a clinician
OBSERVATION_OK = ("final", "amended", "corrected")
NOT_A_CONDITION = ("refuted", "entered-in-error")
ACTIVE_CONDITION = ("active", "recurrence", "relapse")
MED_CURRENT = {"MedicationStatement": ("active",), "MedicationRequest": ("active",)}
MED_PRIOR = {"MedicationStatement": ("completed", "stopped"), "MedicationRequest": ("completed", "stopped")}


class FhirInputError(ValueError):
    """The input is not a FHIR record msdecide can read (not a Bundle, two patients, ...)."""


@dataclass(frozen=True)
class Unmapped:
    """A resource (or a value in it) that filled no profile field, and why."""

    resource: str  # "Observation/abc"
    code: str  # "system|code", or the text when uncoded; "" when not applicable
    reason: str

    def __str__(self) -> str:
        return f"{self.resource}{f' [{self.code}]' if self.code else ''}: {self.reason}"


@dataclass
class FhirProfile:
    """The profile read from a record, where each field came from, and what was not used."""

    profile: dict[str, Any]
    sources: dict[str, str]
    unmapped: list[Unmapped]
    ms_diagnosis: bool
    notes: list[str] = field(default_factory=list)

    def caveats(self) -> list[str]:
        """The notes, and each entry not used for a reason other than "msdecide does not map this code"."""
        return self.notes + [str(u) for u in self.unmapped if not u.reason.endswith(ROUTINE)]

    def to_dict(self) -> dict[str, Any]:
        return {"profile": self.profile, "ms_diagnosis": self.ms_diagnosis, "sources": self.sources,
                "notes": self.notes, "unmapped": [asdict(u) for u in self.unmapped]}


@dataclass(frozen=True)
class _Candidate:
    field: str
    value: Any
    when: dt.datetime | None
    source: str


def is_fhir(data: Any) -> bool:
    """True for a FHIR resource (it has a resourceType), e.g. a Bundle given to `msdecide evaluate`."""
    return isinstance(data, dict) and isinstance(data.get("resourceType"), str)


def _moment(value: Any) -> dt.datetime | None:
    """A FHIR date or dateTime as a naive UTC datetime (dates at midnight) for ordering."""
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day)
    return None


def _code_text(concept: Any) -> str:
    pairs = codings(concept)
    if pairs:
        return ", ".join(f"{s}|{c}" for s, c in pairs)
    return (getattr(concept, "text", None) or "") if concept is not None else ""


def _months(start: dt.datetime, end: dt.date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return max(0, months - (1 if end.day < start.day else 0))


class _Reader:
    def __init__(self, mapping: Mapping, as_of: dt.date):
        self.m = mapping
        self.as_of = as_of
        self.limit = dt.datetime.combine(as_of, dt.time.max)
        self.unmapped: list[Unmapped] = []
        self.notes: list[str] = []
        self.candidates: list[_Candidate] = []
        self.comorbidities: dict[str, str] = {}
        self.ms_conditions: list[str] = []
        self.patient_refs: set[str] = set()
        self.medications: dict[str, Any] = {}
        self.therapy: list[tuple[str, str, dt.datetime | None, str]] = []  # (drug, current|prior, start, source)

    def skip(self, ref: str, code: str, reason: str) -> None:
        self.unmapped.append(Unmapped(ref, code, reason))

    # ------------------------------------------------------------------ resources

    def parse(self, entries: list[tuple[str | None, dict[str, Any]]]) -> list[tuple[str, Any]]:
        parsed: list[tuple[str, Any]] = []
        for full_url, raw in entries:
            kind = raw.get("resourceType") if isinstance(raw, dict) else None
            ref = f"{kind}/{raw.get('id')}" if kind and raw.get("id") else f"{kind or 'entry'}/{full_url or '?'}"
            if kind not in READ_TYPES:
                self.skip(ref, "", f"{kind or 'an entry without resourceType'} is not read by msdecide")
                continue
            try:
                res = get_fhir_model_class(kind).model_validate(raw)
            except ValidationError as exc:
                first = exc.errors(include_url=False)[0]
                where = ".".join(str(p) for p in first["loc"])
                self.skip(ref, "", f"not valid FHIR R4 ({where}: {first['msg']})")
                continue
            if kind == "Medication":
                for key in filter(None, (f"Medication/{res.id}" if res.id else None, full_url)):
                    self.medications[key] = res
                continue
            if kind == "Patient":
                self.patient_refs |= {r for r in (f"Patient/{res.id}" if res.id else None, full_url) if r}
            parsed.append((ref, res))
        return parsed

    def about_patient(self, ref: str, res: Any) -> bool:
        subject = getattr(res, "subject", None) or getattr(res, "patient", None)
        target = getattr(subject, "reference", None)
        if not target or not self.patient_refs or target in self.patient_refs or \
                any(target.endswith("/" + p) for p in self.patient_refs if p.startswith("Patient/")):
            return True
        self.skip(ref, "", f"about another subject ({target})")
        return False

    def patient(self, ref: str, res: Any) -> dict[str, Any]:
        demo: dict[str, Any] = {}
        if res.gender in ("female", "male", "other"):
            demo["sex"] = res.gender
        birth = res.birthDate
        if isinstance(birth, dt.date):
            age = self.as_of.year - birth.year - ((self.as_of.month, self.as_of.day) < (birth.month, birth.day))
            demo["age"] = age
        elif birth is not None:
            self.skip(ref, "", f"birthDate {birth} is not a full date: age left unknown")
        for key in demo:
            self.candidates.append(_Candidate(f"demographics.{key}", demo[key], None, ref))
        return demo

    def condition(self, ref: str, res: Any) -> None:
        code = _code_text(res.code)
        verification = codings(res.verificationStatus)
        if any(c in NOT_A_CONDITION for _, c in verification):
            self.skip(ref, code, "verification status refuted or entered-in-error")
            return
        clinical = [c for _, c in codings(res.clinicalStatus)]
        pairs = codings(res.code)
        local = [c for s, c in pairs if s == self.m.local]
        diagnosis = [self.m.diagnosis[p] for p in pairs if p in self.m.diagnosis]
        if diagnosis:
            self.ms_conditions.append(ref)
            when = _moment(res.recordedDate) or _moment(res.onsetDateTime) or \
                _moment(res.onsetPeriod.start if res.onsetPeriod else None)
            for phenotype in {p for p in diagnosis if p}:
                self.candidates.append(_Candidate("disease_course.phenotype", phenotype, when, ref))
            onset = _moment(res.onsetDateTime) or _moment(res.onsetPeriod.start if res.onsetPeriod else None)
            if onset is not None and onset <= self.limit:
                years = round((dt.datetime.combine(self.as_of, dt.time()) - onset).days / 365.25, 1)
                self.candidates.append(_Candidate("disease_course.years_since_onset", max(years, 0.0),
                                                  dt.datetime.min, ref))
            return
        names = [self.m.comorbidities[p] for p in pairs if p in self.m.comorbidities]
        names += [c for c in local if c in FIELDS["comorbidities"].choices]
        if not names:
            self.skip(ref, code, "condition code not in the mapping")
        elif clinical and not set(clinical) & set(ACTIVE_CONDITION):
            self.skip(ref, code, f"clinical status {', '.join(clinical)}: not a current comorbidity")
        else:
            for name in names:
                self.comorbidities.setdefault(name, ref)

    def observation(self, ref: str, res: Any) -> None:
        code = _code_text(res.code)
        if res.status not in OBSERVATION_OK:
            self.skip(ref, code, f"status {res.status}: only final, amended or corrected results are used")
            return
        when = _moment(res.effectiveDateTime) or _moment(res.effectiveInstant) or \
            _moment(res.effectivePeriod.end or res.effectivePeriod.start if res.effectivePeriod else None) or \
            _moment(res.issued)
        if when is not None and when > self.limit:
            self.skip(ref, code, f"dated after the profile's as_of ({self.as_of})")
            return
        used = self._values(ref, res, res.code, when)
        for part in res.component or []:
            used |= self._values(f"{ref}#component", part, part.code, when)
        if not used:
            self.skip(ref, code, "observation code not in the mapping")

    def _values(self, ref: str, obj: Any, concept: Any, when: dt.datetime | None) -> bool:
        rule = next((self.m.observations[p] for p in codings(concept) if p in self.m.observations), None)
        if rule is None:
            local = next((c for s, c in codings(concept) if s == self.m.local and c in FIELDS), None)
            if local is None:
                return False
            rule = ObservationRule(local)
        try:
            value = read_value(obj, rule, self.m.local)
        except Unreadable as exc:
            self.skip(ref, _code_text(concept), str(exc))
            return True
        self.candidates.append(_Candidate(rule.field, value, when, ref.removesuffix("#component")))
        return True

    def medication(self, ref: str, res: Any, kind: str) -> None:
        concept = res.medicationCodeableConcept
        if concept is None and res.medicationReference is not None:
            target = res.medicationReference.reference or ""
            med = self.medications.get(target) or next(
                (c for c in (res.contained or []) if target == f"#{c.id}"), None)
            concept = getattr(med, "code", None)
        code = _code_text(concept)
        drug = next((self.m.medication_codes[p] for p in codings(concept) if p in self.m.medication_codes), None)
        if drug is None and concept is not None:
            text = " ".join(filter(None, [concept.text] + [c.display for c in concept.coding or []])).lower()
            drug = next((d for pattern, d in self.m.medication_names if pattern.search(text)), None)
        if drug is None:
            self.skip(ref, code, "not a disease-modifying therapy: not in the mapping")
            return
        if kind == "MedicationStatement":
            start = _moment(res.effectivePeriod.start if res.effectivePeriod else None) or _moment(res.effectiveDateTime)
        else:
            validity = res.dispenseRequest.validityPeriod if res.dispenseRequest else None
            start = _moment(validity.start if validity else None) or _moment(res.authoredOn)
        if start is not None and start > self.limit:
            self.skip(ref, code, f"starts after the profile's as_of ({self.as_of})")
        elif res.status in MED_CURRENT[kind]:
            self.therapy.append((drug, "current", start, ref))
        elif res.status in MED_PRIOR[kind]:
            self.therapy.append((drug, "prior", start, ref))
        else:
            self.skip(ref, code, f"status {res.status}: only active (current) and completed or stopped (prior) "
                                 "therapies are used")

    # ------------------------------------------------------------------ the profile

    def settle(self) -> tuple[dict[str, Any], dict[str, str]]:
        """The latest candidate per field; conflicts on the latest date leave the field unknown."""
        values: dict[str, Any] = {}
        sources: dict[str, str] = {}
        by_field: dict[str, list[_Candidate]] = {}
        for c in self.candidates:
            by_field.setdefault(c.field, []).append(c)
        for path, cands in by_field.items():
            key = max(c.when or dt.datetime.min for c in cands)
            latest = [c for c in cands if (c.when or dt.datetime.min) == key]
            if FIELDS[path].kind == "list":
                values[path] = list(dict.fromkeys(v for c in latest for v in (c.value if isinstance(c.value, list)
                                                                                 else [c.value])))
            elif len({repr(c.value) for c in latest}) > 1:
                shown = "; ".join(f"{c.value!r} ({c.source})" for c in latest)
                self.notes.append(f"{path}: conflicting values on the same date ({shown}): left unknown")
                for c in latest:
                    self.skip(c.source, "", f"conflicts with another value for {path}")
                continue
            else:
                values[path] = latest[0].value
            sources[path] = ", ".join(dict.fromkeys(c.source for c in latest))
        self._treatment(values, sources)
        if self.comorbidities:
            values["comorbidities"] = sorted(self.comorbidities)
            sources["comorbidities"] = ", ".join(self.comorbidities[c] for c in sorted(self.comorbidities))
        return values, sources

    def _treatment(self, values: dict[str, Any], sources: dict[str, str]) -> None:
        current = sorted({d for d, state, _, _ in self.therapy if state == "current"})
        if len(current) > 1:
            self.notes.append(f"treatment.current: more than one active therapy ({', '.join(current)}): left unknown")
        elif current and current[0] in FIELDS["treatment.current"].choices:
            drug = current[0]
            values["treatment.current"] = drug
            refs = [(s, r) for d, state, s, r in self.therapy if d == drug and state == "current"]
            sources["treatment.current"] = ", ".join(r for _, r in refs)
            starts = [s for s, _ in refs if s is not None]
            if starts:
                values["treatment.months_on_current"] = _months(min(starts), self.as_of)
                sources["treatment.months_on_current"] = sources["treatment.current"]
        elif current:
            self.notes.append(f"treatment.current: {current[0]} is recorded as active but is not a current MS "
                              "therapy of the catalogue: left unknown")
        prior = [(s or dt.datetime.min, d, r) for d, state, s, r in self.therapy
                 if state == "prior" and d not in current]
        if prior:
            values["treatment.prior"] = list(dict.fromkeys(d for _, d, _ in sorted(prior)))
            sources["treatment.prior"] = ", ".join(dict.fromkeys(r for _, _, r in sorted(prior)))


def _nest(flat: dict[str, Any]) -> dict[str, Any]:
    """Dotted paths -> the contract's sections, in the contract's order."""
    out: dict[str, Any] = {}
    for path in FIELDS:
        if path in flat:
            section, _, name = path.partition(".")
            if name:
                out.setdefault(section, {})[name] = flat[path]
            else:
                out[section] = flat[path]
    return out


def _validated(reader: _Reader, head: dict[str, Any], values: dict[str, Any], sources: dict[str, str]) -> dict[str, Any]:
    """Drop (and list) any value the contract rejects, e.g. an EDSS of 2.25, until the profile is valid."""
    for _ in range(len(values) + 1):
        profile = head | _nest(values)
        try:
            parse_profile(profile)
            return profile
        except ProfileError as exc:
            bad = [e for e in exc.errors if e.field in values] or []
            if not bad:
                raise
            for e in bad:
                reader.skip(sources.pop(e.field, "profile"), "", f"{e.field}: {e.message}")
                values.pop(e.field, None)
    raise AssertionError("unreachable: every pass drops a field")


def read_resources(entries: list[tuple[str | None, dict[str, Any]]], *, as_of: dt.date | None = None,
                   mapping: Mapping | None = None) -> FhirProfile:
    """Read (fullUrl, resource) pairs of one patient's record into a contract profile."""
    m = mapping or load_mapping()
    reader = _Reader(m, as_of or dt.date.today())
    parsed = reader.parse(entries)
    patients = [(ref, res) for ref, res in parsed if res.get_resource_type() == "Patient"]
    if len(patients) > 1:
        raise FhirInputError(f"the record holds {len(patients)} patients ({', '.join(r for r, _ in patients)}): "
                             "give one patient's record")
    head: dict[str, Any] = {"as_of": reader.as_of.isoformat()}
    for ref, res in parsed:
        if res.get_resource_type() == "Patient":
            reader.patient(ref, res)
            if res.id and PROFILE_ID.fullmatch(res.id):
                head = {"id": res.id} | head
        elif not reader.about_patient(ref, res):
            continue
        elif res.get_resource_type() == "Condition":
            reader.condition(ref, res)
        elif res.get_resource_type() == "Observation":
            reader.observation(ref, res)
        else:
            reader.medication(ref, res, res.get_resource_type())
    values, sources = reader.settle()
    ms = bool(reader.ms_conditions)
    if not ms:
        reader.notes.insert(0, "no multiple sclerosis diagnosis: the record has no Condition with an MS code of the "
                               "mapping, so the MS phenotype is unknown (nothing was guessed)")
    elif "disease_course.phenotype" not in values:
        reader.notes.insert(0, f"multiple sclerosis is recorded ({', '.join(reader.ms_conditions)}) but not its "
                               "course (RRMS, SPMS, PPMS, CIS or RIS): the phenotype is unknown")
    if not patients:
        reader.notes.append("no Patient resource: age and sex are unknown")
    profile = _validated(reader, head, values, sources)
    return FhirProfile(profile, sources, reader.unmapped, ms, reader.notes)


def read_bundle(bundle: Any, *, as_of: dt.date | None = None, mapping: Mapping | None = None) -> FhirProfile:
    """Read a FHIR Bundle (any type: collection, searchset, transaction, ...) of one patient."""
    if not is_fhir(bundle) or bundle["resourceType"] != "Bundle":
        kind = bundle.get("resourceType") if isinstance(bundle, dict) else type(bundle).__name__
        raise FhirInputError(f"expected a FHIR Bundle, got {kind!r}")
    entries = bundle.get("entry") or []
    if not isinstance(entries, list):
        raise FhirInputError("Bundle.entry must be a list")
    if as_of is None and isinstance(bundle.get("timestamp"), str) and len(bundle["timestamp"]) >= 10:
        try:
            as_of = dt.date.fromisoformat(bundle["timestamp"][:10])
        except ValueError:
            raise FhirInputError(f"Bundle.timestamp {bundle['timestamp']!r} is not a FHIR instant") from None
    pairs = [(e.get("fullUrl"), e.get("resource")) for e in entries if isinstance(e, dict) and e.get("resource")]
    return read_resources(pairs, as_of=as_of, mapping=mapping)
