"""Importing reports from a CSV file a partner kept, with a mapping of our fields to its columns.

Rows are numbered as a spreadsheet shows them (the header is row 1), so that an error can be
found and fixed in the partner's own file. The file is read line by line as strict UTF-8, so an
encoding error names its line too; errors never quote a cell, which may hold a name or a
testimony.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from tocsin.intake.channels.answers import (
    MAX_TEXT_CHARS,
    AnswerError,
    check_string,
    read_consent,
    read_date,
    read_latitude,
    read_longitude,
    read_text,
)
from tocsin.intake.channels.column_mapping import check_column_mapping
from tocsin.intake.drafts import Consent, ReportDraft
from tocsin.intake.errors import IntakeInputError

T = TypeVar("T")
_LANGUAGE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")


def read_csv_reports(
    path: Path,
    mapping: Mapping[str, str],
    *,
    delimiter: str = ",",
    date_format: str | None = None,
    max_text_chars: int = MAX_TEXT_CHARS,
) -> Iterator[ReportDraft]:
    """Yield one draft per non-blank row; raise IntakeInputError at the first bad row.

    `date_format` is a strptime format for `occurred_on` (default: ISO dates). A caller that must
    import all or nothing collects the drafts before storing any.
    """
    columns = check_column_mapping(mapping, source="column mapping")
    try:
        handle = path.open("rb")
    except OSError as exc:
        raise IntakeInputError(f"{path}: cannot be read ({exc.strerror})") from None
    with handle:
        lines = _decoded_lines(handle, path)
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        try:
            header = [cell.strip() for cell in next(reader, [])]
            index = _column_index(header, columns, path)
            for number, row in enumerate(reader, start=2):
                if not any(cell.strip() for cell in row):
                    continue
                if len(row) != len(header):
                    raise IntakeInputError(
                        f"{path} row {number}: {len(row)} cells, the header has {len(header)}"
                    )
                cells = {key: row[i] for key, i in index.items()}
                yield _draft(cells, columns, f"{path} row {number}", date_format, max_text_chars)
        except csv.Error as exc:
            raise IntakeInputError(f"{path} line {reader.line_num}: {exc}") from None


def _decoded_lines(handle: Iterator[bytes], path: Path) -> Iterator[str]:
    for number, raw in enumerate(handle, start=1):
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise IntakeInputError(f"{path} line {number}: not UTF-8 text") from None
        yield line.removeprefix("\ufeff") if number == 1 else line


def _column_index(header: list[str], columns: Mapping[str, str], path: Path) -> dict[str, int]:
    if not any(header):
        raise IntakeInputError(f"{path}: no header row")
    index = {}
    for key, column in columns.items():
        if header.count(column) > 1:
            raise IntakeInputError(f"{path}: column {column!r} appears twice in the header")
        if column not in header:
            raise IntakeInputError(f"{path}: no column {column!r} (mapped to {key})")
        index[key] = header.index(column)
    return index


def _draft(
    cells: Mapping[str, str],
    columns: Mapping[str, str],
    where: str,
    date_format: str | None,
    max_text_chars: int,
) -> ReportDraft:
    def read(key: str, reader: Callable[[str], T], default: T) -> T:
        if key not in cells:
            return default
        try:
            return reader(check_string(cells[key]))
        except AnswerError as exc:
            raise IntakeInputError(f"{where}, column '{columns[key]}': {exc}") from None

    def optional(key: str) -> str | None:
        return read(key, str.strip, "") or None

    def grouped(prefix: str) -> dict[str, str]:
        keys = [k for k in cells if k.startswith(prefix)]
        return {k.removeprefix(prefix): v for k in keys if (v := read(k, str.strip, ""))}

    latitude = read("latitude", read_latitude, None)
    longitude = read("longitude", read_longitude, None)
    if (latitude is None) != (longitude is None):
        raise IntakeInputError(f"{where}: a latitude needs a longitude, and the other way round")
    consent = {
        k.removeprefix("consent."): read(k, read_consent, False)
        for k in cells
        if k.startswith("consent.")
    }
    return ReportDraft(
        channel="csv",
        text=read("text", lambda v: read_text(v, max_text_chars), ""),
        submission_id=optional("submission_id"),
        occurred_on=read("occurred_on", lambda v: read_date(v, date_format), None),
        place=optional("place"),
        latitude=latitude,
        longitude=longitude,
        language=read("language", _language, None),
        identity=grouped("identity."),
        consent=Consent(**consent),
        fields=grouped("fields."),
    )


def _language(value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    if _LANGUAGE.fullmatch(value) is None:
        raise AnswerError("is not a language code (like 'en' or 'pt-BR')")
    return value
