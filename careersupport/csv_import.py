"""Reading an uploaded CSV for an all-or-nothing import (people's invitations, job leads):
its problems are reported by line and column, and nothing is written unless there are none."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass


@dataclass
class ImportProblem:
    line: int
    column: str
    message: str


def read_csv(
    data: bytes, *, columns: list[str], required: list[str], max_rows: int
) -> tuple[list[tuple[int, dict]], list[ImportProblem]]:
    """(line number, row) pairs with stripped values and blank rows left out, or the
    problems with the file as a whole (encoding, header, no rows, too many rows)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [], [ImportProblem(1, "", "The file is not UTF-8 text. Save it as CSV (UTF-8).")]
    reader = csv.DictReader(io.StringIO(text))
    header = [h.strip().lower() for h in (reader.fieldnames or [])]
    missing = [c for c in required if c not in header]
    if missing:
        return [], [ImportProblem(1, c, "This column is missing from the header.") for c in missing]
    unknown = [h for h in header if h and h not in columns]
    if unknown:
        return [], [ImportProblem(1, h, "Unknown column.") for h in unknown]
    reader.fieldnames = header
    rows = []
    for row in reader:
        clean = {k: (v or "").strip() for k, v in row.items() if k}
        if not any(clean.values()):
            continue
        rows.append((reader.line_num, clean))
    if not rows:
        return [], [ImportProblem(2, "", "The file has no rows under the header.")]
    if len(rows) > max_rows:
        return [], [ImportProblem(1, "", f"At most {max_rows} rows per file.")]
    return rows, []
