"""Load a country-year CSV and check it against a dataset spec.

The checks name the line and column of every problem, because the people who fix these files do
so in a spreadsheet or a text editor, by line. Extra columns are allowed: EWP's files carry more
than any one model uses.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from tocsin.errors import TocsinError
from tocsin.risk.spec import DatasetSpec

MISSING_MARKERS = frozenset({"", "NA", "NaN", "nan", "N/A", "null", "NULL"})
_SHOWN = 1  # problems quoted in the one-line message; the rest are counted


class DatasetError(TocsinError):
    """A data file that does not satisfy its spec; `problems` lists every one found."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.problems = problems
        more = len(problems) - _SHOWN
        suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(f"{source}: {'; '.join(problems[:_SHOWN])}{suffix}")


@dataclass(frozen=True)
class Panel:
    """A validated country-year table: numeric columns as floats, one row per (country, year)."""

    frame: pd.DataFrame
    spec: DatasetSpec
    source: str
    sha256: str

    @property
    def country(self) -> pd.Series:
        return self.frame[self.spec.ids.country]

    @property
    def year(self) -> pd.Series:
        return self.frame[self.spec.ids.year]

    def years(self) -> tuple[int, int]:
        return int(self.year.min()), int(self.year.max())


def load_panel(path: str | Path, spec: DatasetSpec) -> Panel:
    """Read and validate `path`; raise `DatasetError` naming the first problem."""
    path = Path(path)
    source = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise TocsinError(f"{source}: no such file") from None
    except IsADirectoryError:
        raise TocsinError(f"{source}: is a directory, expected a CSV file") from None
    except OSError as exc:
        raise TocsinError(f"{source}: cannot read: {exc.strerror}") from None
    return parse_panel(raw, spec, source=source)


def parse_panel(raw: bytes, spec: DatasetSpec, *, source: str = "<data>") -> Panel:
    """Validate CSV bytes against `spec`; the pure core of `load_panel`, fuzzed by the tests."""
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DatasetError(source, [f"not UTF-8 text (byte {exc.start})"]) from None
    if not text.strip():
        raise DatasetError(source, ["the file is empty"])
    if "\x00" in text:
        raise DatasetError(source, ["contains NUL bytes; not a CSV text file"])
    table = _read_strings(text, source)
    problems = _check_columns(table, spec)
    if problems:
        raise DatasetError(source, problems)
    frame, problems = _to_numbers(table, spec)
    problems += _check_rows(frame, spec)
    if problems:
        raise DatasetError(source, problems)
    frame[spec.ids.year] = frame[spec.ids.year].astype(int)
    frame = frame.sort_values([spec.ids.country, spec.ids.year], kind="stable")
    return Panel(frame=frame.reset_index(drop=True), spec=spec, source=source, sha256=digest)


def _read_strings(text: str, source: str) -> pd.DataFrame:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise DatasetError(source, [f"not a valid CSV file: {exc}"]) from None
    header, body = rows[0], rows[1:]
    header = [h.strip() for h in header]
    if len(set(header)) != len(header):
        dup = sorted({h for h in header if header.count(h) > 1})
        raise DatasetError(source, [f"header repeats column(s) {', '.join(map(repr, dup))}"])
    width = len(header)
    for i, row in enumerate(body):
        if row and len(row) != width:
            line = i + 2
            msg = f"line {line}: {len(row)} fields, the header has {width}"
            raise DatasetError(source, [msg])
    body = [r for r in body if r]
    table = pd.DataFrame(body, columns=header, dtype=object)
    # Remember each row's line in the file (header = line 1), for messages.
    table.index = pd.RangeIndex(2, 2 + len(table))
    return table


def _check_columns(table: pd.DataFrame, spec: DatasetSpec) -> list[str]:
    missing = [c for c in spec.required_columns if c not in table.columns]
    if missing:
        return [f"missing column(s): {', '.join(missing)}"]
    if table.empty:
        return ["has a header but no rows"]
    return []


def _to_numbers(table: pd.DataFrame, spec: DatasetSpec) -> tuple[pd.DataFrame, list[str]]:
    problems: list[str] = []
    frame = table.copy()
    country = table[spec.ids.country].astype(str).str.strip()
    for line in country.index[country.isin(MISSING_MARKERS)]:
        problems.append(f"line {line}, column '{spec.ids.country}': country name is empty")
    frame[spec.ids.country] = country
    for col in spec.numeric_columns:
        cells = table[col].astype(str).str.strip()
        missing = cells.isin(MISSING_MARKERS)
        values = pd.to_numeric(cells.where(~missing), errors="coerce").astype(float)
        bad = ~missing & (values.isna() | ~np.isfinite(values.fillna(0.0)))
        for line in bad.index[bad]:
            problems.append(f"line {line}, column '{col}': {cells[line]!r} is not a finite number")
        frame[col] = values.where(~bad)
    return frame, problems


def _check_rows(frame: pd.DataFrame, spec: DatasetSpec) -> list[str]:
    problems: list[str] = []
    ycol = spec.ids.year
    years = frame[ycol]
    for line in years.index[years.isna()]:
        problems.append(f"line {line}, column '{ycol}': year is missing")
    known = years.dropna()
    for line in known.index[known != np.floor(known)]:
        problems.append(f"line {line}, column '{ycol}': {known[line]:g} is not a whole year")
    lo, hi = spec.years.min, spec.years.max
    for line in known.index[(known < lo) | (known > hi)]:
        problems.append(f"line {line}, column '{ycol}': {known[line]:g} is outside {lo}-{hi}")
    for col in spec.outcome_columns:
        vals = frame[col].dropna()
        for line in vals.index[~vals.isin([0.0, 1.0])]:
            problems.append(f"line {line}, column '{col}': {vals[line]:g} is not 0 or 1")
    keyed = frame[[spec.ids.country, ycol]].dropna()
    dup = keyed.duplicated(keep=False)
    if dup.any():
        groups = keyed[dup].groupby([spec.ids.country, ycol], sort=False)
        for (country, year), group in groups:
            lines = " and ".join(str(i) for i in group.index[:2])
            problems.append(f"lines {lines}: duplicate row for ({country!r}, {year:g})")
    return problems
