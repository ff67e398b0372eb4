from __future__ import annotations

import contextlib
import tempfile
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import shared_path
from tocsin.intake.channels.csv_import import read_csv_reports
from tocsin.intake.drafts import Consent
from tocsin.intake.errors import IntakeInputError

MAPPING = {
    "text": "Notes",
    "submission_id": "Ref",
    "occurred_on": "Date",
    "place": "Village",
    "latitude": "Lat",
    "longitude": "Lon",
    "language": "Lang",
    "identity.name": "Name",
    "identity.contact": "Phone",
    "consent.share_with_partners": "Share",
    "fields.team": "Team",
}
HEADER = "Ref,Date,Village,Lat,Lon,Lang,Name,Phone,Share,Team,Notes,Unused\n"


def write(tmp_path: Path, text: str, name: str = "reports.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8"))
    return path


def test_rows_become_drafts(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeff"
        + HEADER
        + "r-1,2024-06-02,Tawila,13.5,24.9,ar,Fatima,+249 1,yes,North,"
        + '"Shots, then fire.\nMany fled.",x\n'
        + "\n"
        + "r-2,,,,,,,,no,, Looting at night ,\n",
    )
    first, second = read_csv_reports(path, MAPPING)
    assert first.channel == "csv" and first.submission_id == "r-1"
    assert first.text == "Shots, then fire.\nMany fled."
    assert (first.occurred_on, first.place) == (date(2024, 6, 2), "Tawila")
    assert (first.latitude, first.longitude, first.language) == (13.5, 24.9, "ar")
    assert first.identity == {"name": "Fatima", "contact": "+249 1"}
    assert first.consent == Consent(share_with_partners=True)
    assert first.fields == {"team": "North"}
    assert second.text == "Looting at night"
    assert (second.occurred_on, second.latitude, second.identity, second.fields) == (
        None,
        None,
        {},
        {},
    )


def test_a_date_format_can_be_given(tmp_path: Path) -> None:
    path = write(tmp_path, "Notes,Date\nA report,02/06/2024\n")
    (draft,) = read_csv_reports(
        path, {"text": "Notes", "occurred_on": "Date"}, date_format="%d/%m/%Y"
    )
    assert draft.occurred_on == date(2024, 6, 2)


def test_a_semicolon_separated_file(tmp_path: Path) -> None:
    path = write(tmp_path, "Notes;Place\nA report;Goma\n")
    (draft,) = read_csv_reports(path, {"text": "Notes", "place": "Place"}, delimiter=";")
    assert draft.place == "Goma"


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("r,2024-13-01,,,,,,,,,t,", "row 2, column 'Date': is not a valid calendar date"),
        ("r,,,north,,,,,,,t,", "row 2, column 'Lat': is not a number"),
        ("r,,,95,10,,,,,,t,", "row 2, column 'Lat': is not a latitude"),
        ("r,,,10,,,,,,,t,", "row 2: a latitude needs a longitude"),
        ("r,,,,,english please,,,,,t,", "row 2, column 'Lang': is not a language code"),
        ("r,,,,,,Fatima,,perhaps,,t,", "row 2, column 'Share': is not a yes/no answer"),
        ("r,,,,,,Fatima,,,,  ,", "row 2, column 'Notes': is empty"),
        ("r,,,,,,Fatima,,,,t", "row 2: 11 cells, the header has 12"),
        ("r,,,,,,Fat\x00ima,,,,t,", "row 2, column 'Name': contains a NUL"),
    ],
)
def test_a_bad_row_names_its_row_and_column_never_its_content(
    tmp_path: Path, row: str, message: str
) -> None:
    path = write(tmp_path, HEADER + row + "\n")
    with pytest.raises(IntakeInputError) as caught:
        list(read_csv_reports(path, MAPPING))
    assert str(caught.value) == f"{path} {message}" or str(caught.value).startswith(
        f"{path} {message}"
    )
    assert "Fatima" not in str(caught.value) and "Fat" not in str(caught.value)


def test_text_over_the_limit_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "Notes\n" + "x" * 101 + "\n")
    with pytest.raises(IntakeInputError, match="row 2, column 'Notes': is longer than 100"):
        list(read_csv_reports(path, {"text": "Notes"}, max_text_chars=100))


def test_a_mapped_column_missing_from_the_header(tmp_path: Path) -> None:
    path = write(tmp_path, "Notes,Date\nx,\n")
    with pytest.raises(IntakeInputError, match="no column 'When' \\(mapped to occurred_on\\)"):
        list(read_csv_reports(path, {"text": "Notes", "occurred_on": "When"}))
    doubled = write(tmp_path, "Notes,Notes\nx,y\n", "doubled.csv")
    with pytest.raises(IntakeInputError, match="column 'Notes' appears twice"):
        list(read_csv_reports(doubled, {"text": "Notes"}))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Notes\nok\nbad \xff\n", "line 3: not UTF-8 text"),
        ("Notes\n".encode("utf-16"), "line 1: not UTF-8 text"),
        (b"", "no header row"),
        (b'Notes\n"unterminated\n', "line 2: unexpected end of data"),
        (b'Notes\n"a"b\n', "line 2: ',' expected after"),
    ],
)
def test_a_file_that_is_not_utf8_csv_is_refused(
    tmp_path: Path, content: bytes, message: str
) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes(content)
    with pytest.raises(IntakeInputError, match=message):
        list(read_csv_reports(path, {"text": "Notes"}))


def test_an_unreadable_file_and_a_bad_mapping(tmp_path: Path) -> None:
    with pytest.raises(IntakeInputError, match="cannot be read"):
        list(read_csv_reports(tmp_path / "absent.csv", {"text": "Notes"}))
    with pytest.raises(IntakeInputError, match=r"unknown field 'notes\.text'"):
        list(read_csv_reports(write(tmp_path, "Notes\nx\n"), {"text": "N", "notes.text": "x"}))


@pytest.mark.shared_data
def test_an_odk_csv_export_from_the_reference_data() -> None:
    path = shared_path("odk", "onadata_transportation", "transportation.csv")
    other = "transport/available_transportation_types_to_referral_facility_other"
    drafts = list(
        read_csv_reports(
            path,
            {
                "text": other,
                "submission_id": "meta/instanceID",
                "consent.share_with_partners": f"{other.removesuffix('_other')}/ambulance",
                "fields.submitted_at": "_submission_time",
            },
        )
    )
    assert len(drafts) == 4
    assert drafts[0].submission_id == "uuid:5b2cc313-fc09-437e-8149-fcd32f695d41"
    assert [d.consent.share_with_partners for d in drafts] == [False, True, True, False]
    assert drafts[3].text == "camel"
    assert drafts[1].fields == {"submitted_at": "2013-02-14T15:37:22+00:00"}


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.binary(max_size=300),
        st.text(max_size=200).map(lambda t: t.encode("utf-8", "surrogatepass")),
    )
)
def test_any_file_gives_drafts_or_an_intake_error(content: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.csv"
        path.write_bytes(b"Notes,Date,Lat,Lon,OK\n" + content)
        mapping = {
            "text": "Notes",
            "occurred_on": "Date",
            "latitude": "Lat",
            "longitude": "Lon",
            "consent.contact_back": "OK",
        }
        with contextlib.suppress(IntakeInputError):
            list(read_csv_reports(path, mapping))
