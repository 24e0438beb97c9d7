"""Reading a cohort: JSON Lines, CSV (dotted column names, lists `;`-separated) or Parquet.

An empty CSV cell and a Parquet null are unknown; the text `null` in `treatment.current` means
"no current therapy" in both. Each record comes out as (row, profile dict, errors): `row` is the record's 1-based number in the
file (blank JSON Lines lines are not records; the CSV header is not one). A record that cannot even
be read as a profile (bad JSON, "abc" in a number column) carries its field errors instead, so that
one bad row never stops a run.
"""

from __future__ import annotations

import csv
import difflib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..commands.common import UserError
from ..profile import FIELDS, SECTIONS

Row = tuple[int, Any, list[dict[str, str]]]
FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".parquet": "parquet", ".pq": "parquet"}
TRUE, FALSE = ("true", "yes", "1"), ("false", "no", "0")


def cohort_format(path: str | Path) -> str:
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        raise UserError(f"{path}: a cohort must be .jsonl/.ndjson (JSON Lines), .csv or .parquet")
    return fmt


def _pyarrow_parquet() -> Any:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise UserError("Parquet needs pyarrow: pip install 'msdecide[batch]'") from None
    return pq


def count_rows(path: str | Path) -> int:
    """How many records the cohort holds (for the progress bar)."""
    fmt = cohort_format(path)
    if fmt == "parquet":
        return int(_pyarrow_parquet().ParquetFile(path).metadata.num_rows)
    with open(path, encoding="utf-8", newline="") as f:
        if fmt == "jsonl":
            return sum(1 for line in f if line.strip())
        return max(0, sum(1 for _ in csv.reader(f)) - 1)


def read_rows(path: str | Path) -> Iterator[Row]:
    """The cohort's records, in file order."""
    p = Path(path)
    if not p.is_file():
        raise UserError(f"{path}: no such file")
    return {"jsonl": _jsonl, "csv": _csv, "parquet": _parquet}[cohort_format(p)](p)


def _jsonl(path: Path) -> Iterator[Row]:
    with open(path, encoding="utf-8") as f:
        row = 0
        for line in f:
            if not line.strip():
                continue
            row += 1
            try:
                yield row, json.loads(line), []
            except json.JSONDecodeError as exc:
                yield row, None, [{"field": "profile", "message": f"not valid JSON: {exc.msg} (column {exc.colno})"}]


def _cell(path: str, text: str) -> Any:
    """One CSV cell as the field's type; raises ValueError with the reason."""
    spec = FIELDS[path]
    if path == "treatment.current" and text.lower() == "null":
        return None
    if spec.kind == "int":
        try:
            return int(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a whole number") from None
    if spec.kind == "number":
        try:
            return float(text)
        except ValueError:
            raise ValueError(f"{text!r} is not a number") from None
    if spec.kind == "bool":
        if text.lower() in TRUE + FALSE:
            return text.lower() in TRUE
        raise ValueError(f"{text!r} is not true or false")
    if spec.kind == "list":
        return [item.strip() for item in text.split(";") if item.strip()]
    return text


def nest(flat: dict[str, Any]) -> dict[str, Any]:
    """{"disease_course.edss": 2.0} -> {"disease_course": {"edss": 2.0}}."""
    out: dict[str, Any] = {}
    for path, value in flat.items():
        section, _, name = path.partition(".")
        if name:
            out.setdefault(section, {})[name] = value
        else:
            out[section] = value
    return out


def _columns(path: Path, header: list[str]) -> None:
    unknown = [c for c in header if c not in FIELDS]
    if unknown:
        hints = "; ".join(f"'{c}'" + "".join(f" (did you mean '{m}'?)" for m in difflib.get_close_matches(
            c, list(FIELDS), n=1, cutoff=0.6)) for c in unknown)
        raise UserError(f"{path}: unknown column(s): {hints}. Columns are profile field paths such as "
                        f"disease_course.edss (sections: {', '.join(SECTIONS)})")


def _csv(path: Path) -> Iterator[Row]:
    with open(path, encoding="utf-8-sig", newline="") as f:  # utf-8-sig: spreadsheets often start with a BOM
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader, [])]
        _columns(path, header)
        for row, cells in enumerate(reader, start=1):
            flat: dict[str, Any] = {}
            errors = []
            for column, text in zip(header, cells):
                if not text.strip():
                    continue
                try:
                    flat[column] = _cell(column, text.strip())
                except ValueError as exc:
                    errors.append({"field": column, "message": str(exc)})
            yield row, nest(flat), errors


def _drop_nulls(value: Any) -> Any:
    """Parquet holds every column for every row: null there means unknown, so it is left out."""
    if isinstance(value, dict):
        return {k: _drop_nulls(v) for k, v in value.items() if v is not None}
    return value


def _no_therapy(profile: dict[str, Any]) -> dict[str, Any]:
    """The text "null" in treatment.current: known to have no current therapy."""
    if (profile.get("treatment") or {}).get("current") == "null":
        profile["treatment"]["current"] = None
    return profile


def _parquet(path: Path) -> Iterator[Row]:
    pq = _pyarrow_parquet()
    source = pq.ParquetFile(path)
    flat = all(name in FIELDS for name in source.schema_arrow.names)
    row = 0
    for batch in source.iter_batches(batch_size=2000):
        for record in batch.to_pylist():
            row += 1
            yield row, _no_therapy(nest(_drop_nulls(record)) if flat else _drop_nulls(record)), []
