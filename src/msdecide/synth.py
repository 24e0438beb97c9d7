"""Synthetic MS cohorts: realistic, contract-valid profiles for demos, tests and benchmarks.

Deterministic for a seed (Python's `random.Random`, one stream per profile). The mix follows the
usual shape of a specialist MS clinic: phenotypes RRMS 70%, SPMS 12%, PPMS 10%, CIS 6%, RIS 2%;
age, EDSS, relapses and lesion counts by phenotype; about half anti-JCV positive; therapies as in
current practice (most RRMS treated, few PPMS); and fields left unknown at the rates clinic
records leave them. The numbers are plausible, not epidemiological estimates: never use a
synthetic cohort to draw clinical conclusions.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from .profile import EDSS_STEPS

PHENOTYPES = (("RRMS", 70), ("SPMS", 12), ("PPMS", 10), ("CIS", 6), ("RIS", 2))
# phenotype: (mean age, sd, min, max), female share, EDSS range, years since onset range
COURSE = {
    "RRMS": ((38, 10, 18, 70), 0.72, (0.0, 4.5), (0, 25)),
    "SPMS": ((53, 9, 30, 80), 0.65, (3.5, 7.5), (10, 35)),
    "PPMS": ((51, 9, 30, 80), 0.50, (2.5, 7.0), (1, 20)),
    "CIS": ((32, 8, 16, 55), 0.70, (0.0, 2.5), (0, 2)),
    "RIS": ((38, 10, 18, 65), 0.70, (0.0, 1.5), (0, 3)),
}
# therapy mix by phenotype; "none" = known to be untreated
THERAPIES = {
    "RRMS": (("ocrelizumab", 15), ("dimethyl-fumarate", 11), ("ofatumumab", 10), ("natalizumab", 8),
             ("teriflunomide", 7), ("fingolimod", 6), ("interferon-beta", 7), ("glatiramer-acetate", 7),
             ("cladribine", 5), ("rituximab", 4), ("diroximel-fumarate", 3), ("ozanimod", 3), ("ponesimod", 1),
             ("alemtuzumab", 2), ("ublituximab", 1), ("none", 25)),
    "SPMS": (("siponimod", 15), ("ocrelizumab", 18), ("natalizumab", 4), ("interferon-beta", 5),
             ("rituximab", 5), ("none", 53)),
    "PPMS": (("ocrelizumab", 38), ("rituximab", 6), ("none", 56)),
    "CIS": (("interferon-beta", 15), ("glatiramer-acetate", 12), ("teriflunomide", 5), ("none", 68)),
    "RIS": (("none", 97), ("dimethyl-fumarate", 3)),
}
PLATFORM = ("interferon-beta", "glatiramer-acetate", "teriflunomide", "dimethyl-fumarate", "fingolimod")
LYMPHOPENIC = ("dimethyl-fumarate", "diroximel-fumarate", "fingolimod", "siponimod", "ozanimod", "ponesimod",
               "cladribine", "alemtuzumab")
COMORBIDITY_RATES = (("diabetes", 0.07), ("autoimmune_thyroid_disease", 0.05), ("ischaemic_heart_disease", 0.02),
                     ("uncontrolled_hypertension", 0.03), ("epilepsy", 0.02), ("hepatic_impairment", 0.01),
                     ("renal_impairment", 0.01), ("other_autoimmune_disease", 0.04), ("bradyarrhythmia", 0.01),
                     ("macular_edema_risk", 0.01), ("active_malignancy", 0.005), ("latent_tuberculosis", 0.005),
                     ("kidney_stones", 0.02), ("eating_disorder", 0.005))
GENOTYPES = (("*1/*1", 65), ("*1/*2", 18), ("*1/*3", 11), ("*2/*2", 2), ("*2/*3", 2), ("*3/*3", 2))


def _pick(rng: random.Random, weighted: tuple[tuple[Any, float], ...]) -> Any:
    return rng.choices([v for v, _ in weighted], [w for _, w in weighted])[0]


def _edss(rng: random.Random, lo: float, hi: float) -> float:
    return rng.choice([s for s in EDSS_STEPS if lo <= s <= hi])


def _poisson(rng: random.Random, mean: float) -> int:
    count, p, limit = 0, rng.random(), 2.718281828459045 ** -mean
    while p > limit:
        count, p = count + 1, p * rng.random()
    return count


class _Draw:
    """Field values for one profile, each kept with the probability that clinic records hold it."""

    def __init__(self, rng: random.Random):
        self.rng = rng
        self.out: dict[str, dict[str, Any]] = {}

    def put(self, section: str, name: str, value: Any, known: float = 1.0) -> None:
        if value is not None and self.rng.random() < known:
            self.out.setdefault(section, {})[name] = value


def profile(rng: random.Random, pid: str, as_of: str) -> dict[str, Any]:
    """One synthetic profile."""
    d = _Draw(rng)
    phenotype = _pick(rng, PHENOTYPES)
    (mu, sd, amin, amax), female, (elo, ehi), (ylo, yhi) = COURSE[phenotype]
    age = int(min(amax, max(amin, rng.gauss(mu, sd))))
    sex = "female" if rng.random() < female else "male"
    years = round(min(max(age - 12, 0), rng.uniform(ylo, yhi)), 1)
    d.put("demographics", "age", age, 0.99)
    d.put("demographics", "sex", sex, 0.99)
    if sex == "female" and age <= 45:
        d.put("demographics", "pregnancy", _pick(rng, (("none", 85), ("planning", 8), ("pregnant", 4),
                                                      ("breastfeeding", 3))), 0.8)
        d.put("demographics", "effective_contraception", rng.random() < 0.55, 0.5)
    d.put("disease_course", "phenotype", phenotype, 0.97)
    d.put("disease_course", "years_since_onset", years, 0.85)
    d.put("disease_course", "edss", _edss(rng, elo, ehi), 0.85)
    relapse_rate = {"RRMS": 0.45, "SPMS": 0.08, "PPMS": 0.0, "CIS": 0.6, "RIS": 0.0}[phenotype]
    r12 = _poisson(rng, relapse_rate)
    d.put("disease_course", "relapses_12m", r12, 0.85)
    d.put("disease_course", "relapses_24m", r12 + _poisson(rng, relapse_rate * 0.7), 0.7)
    if r12 == 0:
        d.put("disease_course", "years_since_last_relapse", round(rng.uniform(1, max(1.0, years)), 1), 0.5)
    if phenotype in ("SPMS", "PPMS"):
        d.put("disease_course", "progression_independent_of_relapse", rng.random() < 0.45, 0.6)
    elif phenotype == "RRMS":
        d.put("disease_course", "progression_independent_of_relapse", rng.random() < 0.1, 0.4)

    lesions = {"RRMS": (5, 60), "SPMS": (20, 100), "PPMS": (10, 80), "CIS": (1, 20), "RIS": (3, 30)}[phenotype]
    activity = {"RRMS": 0.8, "SPMS": 0.2, "PPMS": 0.15, "CIS": 0.9, "RIS": 0.3}[phenotype]
    d.put("mri", "t2_lesion_count", rng.randint(*lesions), 0.6)
    d.put("mri", "new_t2_lesions_12m", _poisson(rng, activity), 0.75)
    d.put("mri", "gd_enhancing_lesions", _poisson(rng, activity * 0.35), 0.75)
    d.put("mri", "spinal_cord_lesions", rng.randint(0, 6), 0.4)
    d.put("mri", "paramagnetic_rim_lesions", rng.randint(0, 8), 0.1)
    d.put("mri", "central_vein_sign_fraction", round(rng.uniform(0.3, 0.95), 2), 0.05)
    d.put("mri", "months_since_last_mri", rng.randint(1, 36), 0.8)

    therapy = _pick(rng, THERAPIES[phenotype])
    if rng.random() < 0.9:  # otherwise the therapy is not recorded at all
        d.out.setdefault("treatment", {})["current"] = None if therapy == "none" else therapy
        if therapy != "none":
            d.put("treatment", "months_on_current", rng.randint(1, max(1, min(180, int(years * 12) + 1))), 0.85)
        prior = rng.sample([t for t in PLATFORM if t != therapy], k=_pick(rng, ((0, 55), (1, 30), (2, 15))))
        if prior:
            d.put("treatment", "prior", prior, 0.8)

    jcv = "positive" if rng.random() < 0.52 else "negative"
    if rng.random() < 0.7:
        d.put("biomarkers", "jcv_status", jcv)
        index = rng.lognormvariate(0.3, 0.7) if jcv == "positive" else rng.uniform(0.05, 0.39)
        d.put("biomarkers", "jcv_index", round(min(index, 9.9), 2), 0.8)
        d.put("biomarkers", "jcv_months_since_test", rng.randint(0, 24), 0.8)
    low = therapy in LYMPHOPENIC
    lymph = round(rng.uniform(0.3, 1.3) if low else rng.uniform(0.9, 3.2), 2)
    d.put("biomarkers", "lymphocytes_10e9_l", lymph, 0.75)
    if lymph < 0.5:
        d.put("biomarkers", "lymphopenia_months", rng.randint(0, 12), 0.6)
    d.put("biomarkers", "vitamin_d_nmol_l", round(rng.uniform(20, 125), 1), 0.6)
    d.put("biomarkers", "serum_nfl_pg_ml", round(rng.lognormvariate(2.3, 0.5), 1), 0.2)
    d.put("biomarkers", "serum_nfl_z_score", round(rng.gauss(0.6, 1.2), 2), 0.15)
    d.put("biomarkers", "cyp2c9_genotype", _pick(rng, GENOTYPES), 0.2)
    d.put("biomarkers", "vzv_igg", "positive" if rng.random() < 0.93 else "negative", 0.6)
    d.put("biomarkers", "hbsag", "positive" if rng.random() < 0.01 else "negative", 0.6)
    d.put("biomarkers", "hbv_core_antibody", "positive" if rng.random() < 0.05 else "negative", 0.55)
    d.put("biomarkers", "igg_g_l", round(rng.uniform(5.5, 15), 1), 0.3)
    d.put("biomarkers", "csf_oligoclonal_bands", "positive" if rng.random() < 0.88 else "negative", 0.4)

    comorbidities = [name for name, rate in COMORBIDITY_RATES if rng.random() < rate]
    if comorbidities:
        d.out["comorbidities"] = comorbidities  # type: ignore[assignment]
    d.put("lifestyle", "smoking", _pick(rng, (("current", 18), ("former", 25), ("never", 57))), 0.75)
    d.put("lifestyle", "bmi", round(min(60, max(16, rng.gauss(26.5, 5))), 1), 0.7)
    d.put("lifestyle", "exercise_min_per_week", rng.choice((0, 30, 60, 90, 120, 150, 200, 300)), 0.5)
    d.put("lifestyle", "diet", _pick(rng, (("omnivore", 60), ("mediterranean", 15), ("vegetarian", 10),
                                           ("vegan", 4), ("ketogenic", 2), ("other", 9))), 0.3)
    d.put("lifestyle", "alcohol_units_per_week", float(rng.choice((0, 2, 4, 8, 14, 20, 30))), 0.5)

    phq9 = min(27, _poisson(rng, 7))
    d.put("mental_health", "phq9", phq9, 0.6)
    d.put("mental_health", "phq9_item9", (1 if rng.random() < 0.05 else 0) if phq9 < 15 else rng.choice((0, 1, 2)),
          0.55)
    d.put("mental_health", "gad7", min(21, _poisson(rng, 6)), 0.5)
    d.put("mental_health", "mfis", rng.randint(5, 70), 0.3)
    d.put("mental_health", "sdmt_z", round(max(-10, min(5, rng.gauss(-0.6, 1.2))), 2), 0.25)

    d.put("preferences", "routes", sorted(rng.sample(("oral", "injection", "infusion"), k=rng.randint(1, 3))), 0.5)
    if sex == "female" and age < 42:
        d.put("preferences", "family_planning_2y", rng.random() < 0.2, 0.6)
    d.put("preferences", "open_to_trials", rng.random() < 0.4, 0.4)
    return {"id": pid, "as_of": as_of} | d.out


def cohort(n: int, seed: int = 0, as_of: str = "2026-11-25") -> Iterator[dict[str, Any]]:
    """`n` profiles; profile i depends only on (seed, i), so any slice can be made on its own."""
    for i in range(n):
        yield profile(random.Random(f"msdecide-synth:{seed}:{i}"), f"synth-{seed}-{i:07d}", as_of)
