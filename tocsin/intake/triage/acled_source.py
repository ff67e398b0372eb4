"""ACLED event files as labelled examples: note text, violation type, date and place.

ACLED's terms forbid redistributing its data, so nothing derived from it ships with Tocsin: an
operator points at a file they obtained, and training reads it at run time. Both the current
schema (event_type + sub_event_type, dates like "13 November 2020") and the legacy schema of
2015-2016 (event_type only, dates like "2016-07-02" or "01-January-2015", no iso3, column names
sometimes in capitals) are read, in the forms ACLED hands them out: a CSV from the export tool
(comma-separated, or semicolon or tab where a spreadsheet re-saved it), an Excel workbook (its
regional files), or the JSON its API returns. Both layouts of an export are read: dyadic (one
row per event) and monadic (one row per actor, so each event twice).
"""

from __future__ import annotations

import json
import re
import zipfile
from pathlib import Path

import pandas as pd

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.folding import fold
from tocsin.intake.triage.violation_types import violation_type_of

REQUIRED_COLUMNS = ("notes", "event_type")
PLACE_COLUMNS = ("country", "admin1", "admin2", "admin3", "location", "latitude", "longitude")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
# How R, pandas and databases write an empty cell: never a note, a place or a code in ACLED.
MISSING_MARKS = frozenset({"NA", "N/A", "NaN", "nan", "NULL", "None"})
_DELIMITERS = (",", ";", "\t", "|")
# A date a spreadsheet re-saved as numbers: "31-12-19", "05/12/2019".
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](?:\d{2}|\d{4})$")
# An ISO date with a time of day, as databases and notebooks write it ("2021-01-02T00:00:00Z"):
# ACLED dates are calendar days, so the day as written is kept, whatever the offset.
_ISO_DATE_TIME = re.compile(
    r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$"
)


def _delimiter(path: Path) -> str:
    """The separator of a CSV file, read off its header line (column names hold none)."""
    with path.open("rb") as file:
        header = file.readline(65536).decode("utf-8", "replace")
    return max(_DELIMITERS, key=header.count)


def _read_json(path: Path) -> pd.DataFrame:
    """ACLED's API answer ({"data": [...]}) or a bare list of event objects."""
    try:
        document = json.loads(path.read_text(encoding="utf-8-sig"))
    except json.JSONDecodeError as exc:
        message = f"{path}: not readable JSON ({exc.msg}, line {exc.lineno})"
        raise IntakeInputError(message) from None
    rows = document.get("data") if isinstance(document, dict) else document
    if not isinstance(rows, list) or not all(isinstance(row, dict) for row in rows):
        raise IntakeInputError(f"{path}: JSON holds no list of events (ACLED's API: data)")
    frame = pd.DataFrame(rows)
    return frame.astype(object).where(frame.notna(), "").astype(str)


def _read_table(path: Path) -> pd.DataFrame:
    suffix = path.suffix.lower()
    try:
        if suffix in EXCEL_SUFFIXES:
            return pd.read_excel(path, dtype=str, keep_default_na=False, engine="openpyxl")
        if suffix == ".json":
            return _read_json(path)
        return pd.read_csv(
            path, dtype=str, keep_default_na=False, encoding="utf-8-sig", sep=_delimiter(path)
        )
    except FileNotFoundError:
        raise IntakeInputError(f"{path}: ACLED file not found") from None
    except UnicodeDecodeError:
        raise IntakeInputError(f"{path}: not UTF-8 text") from None
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as exc:
        raise IntakeInputError(f"{path}: not a readable CSV file ({exc})") from None
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        kind = "Excel workbook" if suffix in EXCEL_SUFFIXES else "CSV file"
        raise IntakeInputError(f"{path}: not a readable {kind} ({exc})") from None


def event_dates(values: pd.Series) -> pd.Series:
    """Dates as ACLED writes them ("13 November 2020", "2016-07-02", "9-May-20"), or as a
    spreadsheet re-saved them in numbers, day first ("31-12-19", ACLED's and most locales'
    order) unless a middle field over 12 shows the file puts the month first. A time of day
    after an ISO date is dropped ("2021-01-02T00:00:00Z" is 2 January)."""
    values = values.str.replace(_ISO_DATE_TIME, r"\1", regex=True)
    parsed = pd.to_datetime(values, format="mixed", errors="coerce")
    fields = values.str.extract(_NUMERIC_DATE)
    numeric = fields[0].notna()
    if numeric.any():
        month_first = (fields[1][numeric].astype(int) > 12).any()
        dates = pd.to_datetime(
            values[numeric], format="mixed", dayfirst=not month_first, errors="coerce"
        )
        parsed = parsed.where(~numeric, dates)
    return parsed


def _cells(raw: pd.DataFrame, column: str) -> pd.Series:
    """A column's text, trimmed, with the marks of an empty cell made empty."""
    values = raw[column].astype(str).str.strip()
    return values.where(~values.isin(MISSING_MARKS), "")


def _one_row_per_event(raw: pd.DataFrame) -> pd.DataFrame:
    """Drop the second row of an event a monadic export writes once per actor.

    Its rows share the event's id and note (only the actor columns differ); counting the event
    twice would weigh it double in training and in every score. Rows without an id are kept.
    """
    if "event_id_cnty" not in raw.columns:
        return raw
    ids = raw["event_id_cnty"].astype(str).str.strip()
    repeated = raw.assign(_id=ids).duplicated(subset=["_id", "notes"]) & (ids != "")
    return raw[~repeated].reset_index(drop=True)


def read_acled(path: Path) -> pd.DataFrame:
    """One row per usable event: text, label, date, iso3 and place columns (blank when absent).

    Rows without a note or with an event type ACLED never used are dropped.
    """
    raw = _read_table(path)
    # ACLED's files before 2017 name their columns in capitals (NOTES, EVENT_TYPE).
    raw.columns = [str(column).strip().lower() for column in raw.columns]
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        raise IntakeInputError(f"{path}: not an ACLED export, missing {', '.join(missing)}")
    raw = _one_row_per_event(raw)
    wanted = (*REQUIRED_COLUMNS, "sub_event_type", "event_date", *PLACE_COLUMNS, "iso3", "iso")
    cells = {column: _cells(raw, column) for column in wanted if column in raw.columns}
    blank = pd.Series("", raw.index)
    sub = cells.get("sub_event_type", blank)
    types = zip(cells["event_type"], sub, strict=True)
    frame = pd.DataFrame(
        {
            "text": cells["notes"],
            "label": [violation_type_of(e, s) for e, s in types],
            "date": event_dates(cells.get("event_date", blank)),
        }
    )
    for column in PLACE_COLUMNS:
        frame[column] = cells.get(column, blank)
    frame["iso3"] = cells.get("iso3", blank)
    # ISO 3166 numeric code, ACLED's `iso`: the country when its name is spelt unusually.
    frame["iso_numeric"] = cells.get("iso", blank)
    frame["latitude"] = pd.to_numeric(frame["latitude"], errors="coerce")
    frame["longitude"] = pd.to_numeric(frame["longitude"], errors="coerce")
    return frame[(frame["text"] != "") & frame["label"].notna()].reset_index(drop=True)


def fill_iso3(
    frame: pd.DataFrame,
    country_codes: dict[str, str],
    numeric_codes: dict[str, str] | None = None,
) -> pd.DataFrame:
    """Fill a blank iso3 from the country name (`country_codes`: folded name -> ISO alpha-3),
    else from ACLED's numeric `iso` column (`numeric_codes`: "854" -> "BFA")."""
    names = frame["country"].map(lambda name: country_codes.get(fold(name), ""))
    if numeric_codes and "iso_numeric" in frame.columns:
        numbers = frame["iso_numeric"].map(lambda code: numeric_codes.get(code.lstrip("0"), ""))
        names = names.where(names != "", numbers)
    filled = frame.copy()
    filled["iso3"] = frame["iso3"].where(frame["iso3"] != "", names)
    return filled


def default_test_start(frame: pd.DataFrame, *, min_train_share: float = 0.5) -> pd.Timestamp:
    """Where a time split of these events should start testing, when nobody says.

    The first day of the file's last calendar year, as in forecasting "next year" (2020 for the
    Burkina Faso file, leaving 2010-2019 to train on), unless that leaves less than
    `min_train_share` of the events to learn from; then the day from which the latest quarter
    of the events runs, so a file of one year or one month still splits.
    """
    dates = frame["date"].dropna().sort_values()
    if dates.empty:
        raise IntakeInputError("no dated events to split")
    last_year = pd.Timestamp(year=int(dates.iloc[-1].year), month=1, day=1)
    if (dates < last_year).mean() >= min_train_share:
        return last_year
    return pd.Timestamp(dates.iloc[int(len(dates) * 0.75)].normalize())


def time_split(frame: pd.DataFrame, test_from: pd.Timestamp) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Events before `test_from` to train on, events on or after it to test on."""
    dated = frame[frame["date"].notna()]
    return dated[dated["date"] < test_from], dated[dated["date"] >= test_from]


def order_split(
    frame: pd.DataFrame, *, train_share: float = 0.75
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The first `train_share` of the dated events in the file's order to train on, the rest to
    test on: for an extract of one day (ACLED's daily worldwide files), which has no time to
    split by."""
    dated = frame[frame["date"].notna()]
    cut = min(max(int(len(dated) * train_share), 1), len(dated) - 1) if len(dated) > 1 else 0
    return dated.iloc[:cut], dated.iloc[cut:]
