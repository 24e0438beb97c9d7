"""One result row per patient, and writing rows as JSON Lines or Parquet."""

from __future__ import annotations

import json
from pathlib import Path
from types import TracebackType
from typing import Any

from ..commands.common import UserError
from ..report import Report

COLUMNS = ("row", "id", "options", "not_offered", "missing_data", "rulebook_sha256", "errors")


def result_row(row: int, report: Report) -> dict[str, Any]:
    return {"row": row, "id": report.profile_id, "options": report.option_ids, "not_offered": report.not_offered_ids,
            "missing_data": report.missing_fields, "rulebook_sha256": report.rulebook.sha256, "errors": []}


def invalid_row(row: int, data: Any, errors: list[dict[str, str]], sha256: str) -> dict[str, Any]:
    pid = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
    return {"row": row, "id": pid, "options": [], "not_offered": [], "missing_data": [], "rulebook_sha256": sha256,
            "errors": errors}


class ResultWriter:
    """Writes result rows to .jsonl/.ndjson or .parquet (in batches, so memory stays flat)."""

    def __init__(self, path: str | Path, batch: int = 5000):
        self.path = Path(path)
        suffix = self.path.suffix.lower()
        if suffix not in (".jsonl", ".ndjson", ".parquet", ".pq"):
            raise UserError(f"{path}: results are written as .jsonl/.ndjson or .parquet")
        self.parquet = suffix in (".parquet", ".pq")
        self.batch = batch
        self._buffer: list[dict[str, Any]] = []
        self._writer: Any = None
        self._file: Any = None

    def __enter__(self) -> ResultWriter:
        if self.parquet:
            try:
                import pyarrow as pa
                import pyarrow.parquet as pq
            except ImportError:
                raise UserError("Parquet needs pyarrow: pip install 'msdecide[batch]'") from None
            strings = pa.list_(pa.string())
            self._schema = pa.schema([("row", pa.int64()), ("id", pa.string()), ("options", strings),
                                      ("not_offered", strings), ("missing_data", strings),
                                      ("rulebook_sha256", pa.string()),
                                      ("errors", pa.list_(pa.struct([("field", pa.string()),
                                                                     ("message", pa.string())])))])
            self._writer = pq.ParquetWriter(self.path, self._schema)
        else:
            self._file = open(self.path, "w", encoding="utf-8")
        return self

    def write(self, row: dict[str, Any]) -> None:
        if self._file is not None:
            self._file.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")
            return
        self._buffer.append(row)
        if len(self._buffer) >= self.batch:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            import pyarrow as pa
            self._writer.write_table(pa.Table.from_pylist(self._buffer, schema=self._schema))
            self._buffer = []

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self._file is not None:
            self._file.close()
        else:
            self._flush()
            self._writer.close()
