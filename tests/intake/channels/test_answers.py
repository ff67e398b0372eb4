from __future__ import annotations

from datetime import date

import pytest

from tocsin.intake.channels.answers import (
    AnswerError,
    check_string,
    read_consent,
    read_date,
    read_geopoint,
    read_latitude,
    read_longitude,
    read_number,
    read_text,
)


def test_dates_are_iso_dates_or_the_date_of_an_odk_datetime() -> None:
    assert read_date("2024-05-01") == date(2024, 5, 1)
    assert read_date("2024-05-01T23:30:00.000+03:00") == date(2024, 5, 1)
    assert read_date("  ") is None
    assert read_date("01/05/2024", "%d/%m/%Y") == date(2024, 5, 1)


@pytest.mark.parametrize(
    "value", ["012345", "2024-13-01", "2024-02-30", "2024-05-01x", "٢٠٢٤-05-01"]
)
def test_a_bad_date_is_refused_without_repeating_it(value: str) -> None:
    with pytest.raises(AnswerError) as caught:
        read_date(value)
    assert value not in str(caught.value)


def test_a_date_in_the_wrong_given_format_is_refused() -> None:
    with pytest.raises(AnswerError, match="format"):
        read_date("2024-05-01", "%d/%m/%Y")


def test_geopoints_keep_latitude_and_longitude() -> None:
    assert read_geopoint("39.306938 -76.60869 11 22") == (39.306938, -76.60869)
    assert read_geopoint("12.34 -23.45") == (12.34, -23.45)
    assert read_geopoint("") is None


@pytest.mark.parametrize(
    "value", ["12.34", "91 0", "0 181", "nan 0", "1 2 3 4 5", "a b", "1_0 2", "0 0 x"]
)
def test_bad_geopoints_are_refused(value: str) -> None:
    with pytest.raises(AnswerError):
        read_geopoint(value)


def test_numbers_are_plain_finite_decimals() -> None:
    assert read_number(" -1.5e2 ") == -150.0
    assert read_number("") is None
    for bad in ("inf", "1e999", "1,5", "٣"):
        with pytest.raises(AnswerError):
            read_number(bad)
    assert read_latitude("-90") == -90.0
    assert read_longitude("180") == 180.0
    with pytest.raises(AnswerError, match="latitude"):
        read_latitude("90.1")


def test_consent_is_yes_or_no_and_silence_is_no() -> None:
    assert read_consent("yes") and read_consent("TRUE") and read_consent("1")
    assert not read_consent("no") and not read_consent("") and not read_consent("False")
    with pytest.raises(AnswerError, match="yes/no"):
        read_consent("maybe")


def test_text_is_stripped_and_bounded() -> None:
    assert read_text("  a report \n") == "a report"
    with pytest.raises(AnswerError, match="empty"):
        read_text(" \n ")
    with pytest.raises(AnswerError, match="longer than 10"):
        read_text("x" * 11, max_chars=10)


def test_strings_a_database_would_refuse_are_refused() -> None:
    assert check_string("ok") == "ok"
    with pytest.raises(AnswerError, match="NUL"):
        check_string("a\x00b")
    with pytest.raises(AnswerError, match="Unicode"):
        check_string("a\ud800b")
