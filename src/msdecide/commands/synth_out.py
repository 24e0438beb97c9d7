"""Writing a cohort of profiles as JSON Lines, CSV (dotted columns, lists `;`-separated) or Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..batch.cohort import cohort_format
from ..profile import FIELDS


def flatten(profile: dict[str, Any]) -> dict[str, Any]:
    """{"disease_course": {"edss": 2.0}} -> {"disease_course.edss": 2.0} (top-level fields kept as they are)."""
    flat: dict[str, Any] = {}
    for key, value in profile.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{name}": v for name, v in value.items()})
        else:
            flat[key] = value
    return flat


def _csv_cell(path: str, value: Any) -> str:
    if value is None:
        return "null" if path == "treatment.current" else ""
    if isinstance(value, list):
        return ";".join(map(str, value))
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def write_cohort(profiles: Iterable[dict[str, Any]], path: str | Path) -> None:
    """Write profiles in the format the file name says (the formats `msdecide batch` reads)."""
    fmt = cohort_format(path)
    if fmt == "jsonl":
        with open(path, "w", encoding="utf-8") as f:
            for p in profiles:
                f.write(json.dumps(p, ensure_ascii=False, separators=(",", ":")) + "\n")
    elif fmt == "csv":
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(FIELDS)
            for p in profiles:
                flat = flatten(p)
                writer.writerow([_csv_cell(c, flat[c]) if c in flat else "" for c in FIELDS])
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        rows = [{c: _parquet_cell(c, flat) for c in FIELDS} for flat in map(flatten, profiles)]
        pq.write_table(pa.Table.from_pylist(rows, schema=_schema(pa)), path)


def _parquet_cell(path: str, flat: dict[str, Any]) -> Any:
    """A null there is unknown, so "no current therapy" is written as the text "null" (as in CSV)."""
    if path == "treatment.current" and path in flat and flat[path] is None:
        return "null"
    return flat.get(path)


def _schema(pa: Any) -> Any:
    kinds = {"int": pa.int64(), "number": pa.float64(), "bool": pa.bool_(), "list": pa.list_(pa.string())}
    return pa.schema([(path, kinds.get(spec.kind, pa.string())) for path, spec in FIELDS.items()])
