"""Which CSV column holds which part of a report, as given on the command line or in a file.

A partner's spreadsheet names its columns however it likes; the mapping says, for each of our
field names, which column to read: `text=notes,occurred_on=event_date,identity.name=Name`.
Identity keys are free (`identity.phone`), consent keys are the Consent attributes, and
`fields.NAME` keeps a further, non-sensitive column. A typo in a key is an error rather than a
silently dropped column, because the column dropped could be the consent.
"""

from __future__ import annotations

import json
import re
import tomllib
from collections.abc import Mapping
from pathlib import Path

from tocsin.intake.channels.mapping import CONSENTS
from tocsin.intake.errors import IntakeInputError

FIELDS = ("text", "submission_id", "occurred_on", "place", "latitude", "longitude", "language")
_FREE_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def check_column_mapping(mapping: Mapping[str, object], *, source: str) -> dict[str, str]:
    """The mapping as `{field: column}`, or an error naming the first bad entry."""
    checked: dict[str, str] = {}
    for key, column in mapping.items():
        if not _known(key):
            raise IntakeInputError(
                f"{source}: unknown field {key!r}; known: {', '.join(FIELDS)}, identity.KEY,"
                f" consent.({'|'.join(CONSENTS)}), fields.NAME"
            )
        if not isinstance(column, str) or not column.strip():
            raise IntakeInputError(f"{source}: field {key!r} needs a column name")
        checked[key] = column.strip()
    if "text" not in checked:
        raise IntakeInputError(f"{source}: the field 'text' must be mapped to a column")
    return checked


def parse_column_mapping(spec: str, *, source: str = "column mapping") -> dict[str, str]:
    """Read `field=column,field=column`; a column name with a comma needs a mapping file."""
    mapping: dict[str, str] = {}
    for item in spec.split(","):
        if not item.strip():
            continue
        key, sep, column = item.partition("=")
        key = key.strip()
        if not sep:
            raise IntakeInputError(f"{source}: {item.strip()!r} is not field=column")
        if key in mapping:
            raise IntakeInputError(f"{source}: field {key!r} is mapped twice")
        mapping[key] = column
    return check_column_mapping(mapping, source=source)


def load_column_mapping(path: Path) -> dict[str, str]:
    """Read a mapping from a .json or .toml file: flat, or one level of tables.

    `{"text": "notes", "identity": {"name": "Name"}}` and TOML's `identity.name = "Name"` both
    give `identity.name`.
    """
    suffix = path.suffix.lower()
    if suffix not in {".json", ".toml"}:
        raise IntakeInputError(f"{path}: a column mapping file ends in .json or .toml")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise IntakeInputError(f"{path}: cannot be read ({exc.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
        loaded: object = json.loads(text) if suffix == ".json" else tomllib.loads(text)
    except UnicodeDecodeError:
        raise IntakeInputError(f"{path}: not UTF-8 text") from None
    except (ValueError, RecursionError) as exc:
        raise IntakeInputError(f"{path}: not valid {suffix[1:].upper()} ({exc})") from None
    if not isinstance(loaded, dict):
        raise IntakeInputError(f"{path}: expected an object of field names to column names")
    flat: dict[str, object] = {}
    for key, value in loaded.items():
        if isinstance(value, dict):
            flat.update({f"{key}.{sub}": column for sub, column in value.items()})
        else:
            flat[key] = value
    return check_column_mapping(flat, source=str(path))


def _known(key: str) -> bool:
    group, dot, name = key.partition(".")
    if not dot:
        return key in FIELDS
    if group == "consent":
        return name in CONSENTS
    return group in {"identity", "fields"} and _FREE_KEY.fullmatch(name) is not None
