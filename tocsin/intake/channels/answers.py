"""Reading one answer string as the typed value a ReportDraft holds.

XForm instances, Kobo exports and CSV files all carry the same kinds of strings: ISO dates, ODK
geopoints, yes/no consents. A refusal says why without repeating the value, because a mistaken
mapping can point these readers at a column that holds a name or a testimony.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from datetime import date, datetime

MAX_TEXT_CHARS = 20_000
"""Longest report text accepted from an import, the same bound whatever the channel."""

_ISO_DATE = re.compile(r"([0-9]{4}-[0-9]{2}-[0-9]{2})([T ].*)?", re.DOTALL)
# float() also accepts "nan", "1_0" and non-ASCII digits; coordinates from a form never need them.
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")
_YES = frozenset({"yes", "y", "true", "1"})
_NO = frozenset({"no", "n", "false", "0", ""})


class AnswerError(ValueError):
    """Why an answer cannot be read; the caller says where it was."""


def check_string(value: str) -> str:
    """Refuse what a database or a later encoding step would choke on, long after import."""
    if "\x00" in value:
        raise AnswerError("contains a NUL character")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        raise AnswerError("is not valid Unicode") from None
    return value


def read_text(value: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    text = check_string(value).strip()
    if not text:
        raise AnswerError("is empty")
    if len(text) > max_chars:
        raise AnswerError(f"is longer than {max_chars} characters")
    return text


def read_date(value: str, date_format: str | None = None) -> date | None:
    """An ODK `date` or `dateTime` (the local date as written), or `date_format` when given."""
    value = value.strip()
    if not value:
        return None
    if date_format is not None:
        try:
            return datetime.strptime(value, date_format).date()
        except ValueError:
            raise AnswerError(f"is not a date in the format {date_format}") from None
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        raise AnswerError("is not a date (expected YYYY-MM-DD)")
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        raise AnswerError("is not a valid calendar date") from None


def read_number(value: str) -> float | None:
    value = value.strip()
    if not value:
        return None
    if _NUMBER.fullmatch(value) is None:
        raise AnswerError("is not a number")
    number = float(value)
    if not math.isfinite(number):
        raise AnswerError("is not a finite number")
    return number


def read_latitude(value: str) -> float | None:
    lat = read_number(value)
    if lat is not None and not -90.0 <= lat <= 90.0:
        raise AnswerError("is not a latitude (-90 to 90)")
    return lat


def read_longitude(value: str) -> float | None:
    lon = read_number(value)
    if lon is not None and not -180.0 <= lon <= 180.0:
        raise AnswerError("is not a longitude (-180 to 180)")
    return lon


def _coordinate(value: str, reader: Callable[[str], float | None]) -> float:
    number = reader(value)
    if number is None:
        raise AnswerError("is not a geopoint (a coordinate is missing)")
    return number


def read_geopoint(value: str) -> tuple[float, float] | None:
    """An ODK geopoint "lat lon [alt [accuracy]]"; altitude and accuracy are not kept."""
    parts = value.split()
    if not parts:
        return None
    if not 2 <= len(parts) <= 4:
        raise AnswerError("is not a geopoint (expected 'lat lon alt accuracy')")
    for part in parts[2:]:
        read_number(part)
    return _coordinate(parts[0], read_latitude), _coordinate(parts[1], read_longitude)


def read_consent(value: str) -> bool:
    """Yes or no; an unanswered question is a no, as everywhere consent is asked."""
    answer = value.strip().lower()
    if answer in _YES:
        return True
    if answer in _NO:
        return False
    raise AnswerError("is not a yes/no answer")
