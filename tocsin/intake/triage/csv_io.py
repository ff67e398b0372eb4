"""`triage_csv`: the CSV contract of `tocsin intake triage --in CSV --out CSV`.

Input: UTF-8 (a BOM is fine), a header row with at least `id` and `text`; other columns are
carried through. Output: the input columns, then language, violation_type, risk_factors (RF
numbers joined by ";"), country_iso3, admin1, latitude, longitude, urgency, and after them
violation_confidence, admin2, cluster (the id of the first report of its near-duplicate
cluster) and model_version. The output file appears only when complete.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tocsin.atomic import atomic_output, check_writable
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.model_store import load_triage_model
from tocsin.intake.triage.pipeline import TriagePipeline, TriageResult

REQUIRED = ("id", "text")
CONTRACT_COLUMNS = (
    "language",
    "violation_type",
    "risk_factors",
    "country_iso3",
    "admin1",
    "latitude",
    "longitude",
    "urgency",
)
EXTRA_COLUMNS = ("violation_confidence", "admin2", "cluster", "model_version")


def _read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise IntakeInputError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise IntakeInputError(f"{path}: not UTF-8 text (byte {exc.start})") from None
    except OSError as exc:
        raise IntakeInputError(f"{path}: cannot read ({exc.strerror})") from None
    if not content.strip():
        raise IntakeInputError(f"{path}: the file is empty")
    reader = csv.reader(io.StringIO(content, newline=""))
    try:
        header = [h.strip() for h in next(reader)]
        missing = [c for c in REQUIRED if c not in header]
        if missing:
            raise IntakeInputError(f"{path}: missing column(s) {', '.join(missing)}")
        clashing = [c for c in (*CONTRACT_COLUMNS, *EXTRA_COLUMNS) if c in header]
        if clashing:
            raise IntakeInputError(f"{path}: already has triage column(s) {', '.join(clashing)}")
        rows = []
        for values in reader:
            line = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                raise IntakeInputError(
                    f"{path}: line {line}: {len(values)} fields, the header has {len(header)}"
                )
            row = dict(zip(header, values, strict=True))
            if not row["id"].strip():
                raise IntakeInputError(f"{path}: line {line}: empty id")
            rows.append(row)
    except csv.Error as exc:
        raise IntakeInputError(f"{path}: line {reader.line_num}: malformed CSV ({exc})") from None
    return header, rows


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:.5f}"


def _cells(result: TriageResult, cluster_id: str) -> dict[str, str]:
    return {
        "language": result.language,
        "violation_type": result.violation_type,
        "risk_factors": ";".join(str(rf) for rf in result.risk_factors),
        "country_iso3": result.country_iso3 or "",
        "admin1": result.admin1 or "",
        "latitude": _number(result.latitude),
        "longitude": _number(result.longitude),
        "urgency": result.urgency,
        "violation_confidence": f"{result.violation_confidence:.4f}",
        "admin2": result.admin2 or "",
        "cluster": cluster_id,
        "model_version": result.model_version,
    }


def triage_csv(
    in_path: Path,
    out_path: Path,
    pipeline: TriagePipeline | None = None,
    model_dir: Path | None = None,
    home_country: str | None = None,
) -> int:
    """Triage every row of `in_path` into `out_path`; returns the number of rows written.

    Without a `pipeline`, one is made from the model in `model_dir` (the seed model when there
    is none) and `home_country`. The whole file is one batch, so near-duplicates are found
    across all its rows.
    """
    check_writable(out_path)
    header, rows = _read_rows(in_path)
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=1):
        if row["id"] in seen:
            raise IntakeInputError(f"{in_path}: row {number}: id {row['id']!r} appears twice")
        seen[row["id"]] = number
    if pipeline is None:
        pipeline = TriagePipeline(load_triage_model(model_dir), home_country=home_country)
    results = pipeline.triage([row["text"] for row in rows])
    columns = header + list(CONTRACT_COLUMNS) + list(EXTRA_COLUMNS)
    with atomic_output(out_path) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        for row, result in zip(rows, results, strict=True):
            writer.writerow({**row, **_cells(result, rows[result.cluster]["id"])})
    return len(rows)
