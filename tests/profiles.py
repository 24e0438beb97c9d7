"""Seeded random profiles that follow the contract: for differential tests and benchmarks."""

from __future__ import annotations

import random
from typing import Any

from msdecide.profile import EDSS_STEPS, FIELDS


def random_value(rng: random.Random, path: str) -> Any:
    spec = FIELDS[path]
    if path == "disease_course.edss":
        return rng.choice(EDSS_STEPS)
    if spec.kind == "bool":
        return rng.random() < 0.5
    if spec.kind == "choice":
        return rng.choice(spec.choices)
    if spec.kind == "list":
        return rng.sample(spec.choices, k=rng.randint(0, min(3, len(spec.choices))))
    lo, hi = spec.ge or 0, spec.le or 0
    if spec.kind == "int":  # mostly small, clinically plausible counts, sometimes anything in range
        return rng.randint(int(lo), int(min(hi, 30) if rng.random() < 0.9 else hi))
    return round(rng.uniform(lo, min(hi, 100) if rng.random() < 0.9 else hi), 1)


def random_profile(rng: random.Random, fill: float = 0.6) -> dict[str, Any]:
    """A valid profile with each field present with probability `fill`."""
    out: dict[str, Any] = {"id": f"rnd-{rng.randrange(10**6)}", "as_of": "2026-11-25"}
    for path, spec in FIELDS.items():
        if spec.kind in ("date", "text") or rng.random() > fill:
            continue
        section, name = path.split(".") if "." in path else (None, path)
        value = random_value(rng, path)
        if section is None:
            out[name] = value
        else:
            out.setdefault(section, {})[name] = value
    return consistent(out)


def consistent(out: dict[str, Any], jcv_status: str = "positive") -> dict[str, Any]:
    """Fix what the contract's cross-field checks reject: a pregnant man, more relapses in 12 months
    than in 24, a JCV index without a JCV status (given `jcv_status`)."""
    d, dc, b = out.get("demographics", {}), out.get("disease_course", {}), out.get("biomarkers", {})
    if d.get("sex") == "male" and "pregnancy" in d:
        d["pregnancy"] = "none"
    if "relapses_12m" in dc and "relapses_24m" in dc:
        dc["relapses_24m"] = max(dc["relapses_24m"], dc["relapses_12m"])
    if "jcv_index" in b and "jcv_status" not in b:
        b["jcv_status"] = jcv_status
    return out
