from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import shared_path
from tests.intake.triage.acled_samples import TWO_EVENTS
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.acled_source import (
    default_test_start,
    event_dates,
    fill_iso3,
    order_split,
    read_acled,
    time_split,
)
from tocsin.intake.triage.triage_model import acled_events

# The two usable events, then one with no note and one with a type ACLED never used.
CURRENT = (
    TWO_EVENTS
    + '"11 November 2020",Protests,Peaceful protest,Burkina Faso,Centre,Kadiogo,,,,,"",BFA\n'
    + '"10 November 2020",Picnics,Sandwiches,Burkina Faso,Centre,Kadiogo,,,,,"Lunch.",BFA\n'
)
LEGACY = (
    ",actor1,admin1,admin2,country,event_date,event_type,latitude,location,longitude,notes\n"
    "0,X,Bay,Baydhabo,Somalia,2016-07-02,Remote violence,3.1,Baidoa,43.6,Mortar attack.\n"
)


def write(tmp_path: Path, content: str, name: str = "acled.csv") -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_current_schema(tmp_path: Path) -> None:
    events = read_acled(write(tmp_path, CURRENT))
    assert events["label"].tolist() == ["remote_violence", "protest_repression"]  # no note, unknown
    assert events["date"].iloc[0] == pd.Timestamp("2020-11-13")
    assert events["iso3"].tolist() == ["BFA", "BFA"]
    assert events["location"].iloc[0] == "Tin-Akoff" and events["latitude"].iloc[0] == 14.9655


def test_an_export_saved_with_a_byte_order_mark(tmp_path: Path) -> None:
    # Spreadsheet programs write one; the first column must keep its name.
    content = "\ufeffnotes,event_type,country\nMortar attack on Baidoa.,Remote violence,Somalia\n"
    events = read_acled(write(tmp_path, content))
    assert events["text"].tolist() == ["Mortar attack on Baidoa."]
    assert events["label"].tolist() == ["remote_violence"]


def test_legacy_schema_without_sub_event_or_iso3(tmp_path: Path) -> None:
    events = read_acled(write(tmp_path, LEGACY))
    assert events["label"].tolist() == ["remote_violence"]
    assert events["admin3"].tolist() == [""] and events["iso3"].tolist() == [""]
    filled = fill_iso3(events, {"somalia": "SOM"})
    assert filled["iso3"].tolist() == ["SOM"] and events["iso3"].tolist() == [""]


def test_a_spreadsheet_resaved_with_semicolons_or_tabs(tmp_path: Path) -> None:
    expected = read_acled(write(tmp_path, CURRENT))
    table = pd.read_csv(io.StringIO(CURRENT), dtype=str, keep_default_na=False)
    for separator in (";", "\t"):
        path = tmp_path / "resaved.csv"
        table.to_csv(path, sep=separator, index=False)
        pd.testing.assert_frame_equal(read_acled(path), expected)


def test_an_excel_workbook_as_acled_hands_out_regional_files(tmp_path: Path) -> None:
    table = pd.read_csv(io.StringIO(CURRENT), dtype=str, keep_default_na=False)
    table["event_date"] = pd.to_datetime(table["event_date"])  # Excel keeps real dates
    path = tmp_path / "Africa_2020.xlsx"
    table.to_excel(path, index=False)
    events = read_acled(path)
    assert events["label"].tolist() == ["remote_violence", "protest_repression"]
    assert events["date"].tolist() == [pd.Timestamp("2020-11-13"), pd.Timestamp("2020-11-12")]
    assert events["latitude"].iloc[0] == 14.9655


def test_the_json_acled_api_returns(tmp_path: Path) -> None:
    rows = pd.read_csv(io.StringIO(CURRENT), dtype=str, keep_default_na=False)
    rows = rows.drop(columns="iso3").assign(iso="854", latitude=14.9655)
    path = tmp_path / "api.json"
    path.write_text(json.dumps({"status": 200, "data": rows.to_dict("records")}))
    events = acled_events([path])
    assert events["label"].tolist() == ["remote_violence", "protest_repression"]
    assert events["iso3"].tolist() == ["BFA", "BFA"]


def test_a_country_spelt_unusually_is_known_by_its_numeric_iso_code(tmp_path: Path) -> None:
    content = "notes,event_type,country,iso\nShelling.,Battles,Burkina-Faso (Upper Volta),854\n"
    events = acled_events([write(tmp_path, content)])
    assert events["iso3"].tolist() == ["BFA"]
    blank = fill_iso3(read_acled(write(tmp_path, content)), {}, {})
    assert blank["iso3"].tolist() == [""]


def test_cells_r_wrote_as_na_are_empty(tmp_path: Path) -> None:
    content = (
        "event_date,event_type,sub_event_type,country,admin1,admin2,admin3,location,notes,iso3\n"
        "2022-12-27,Battles,NA,Benin,Alibori,Malanville,NA,Noma Tounga,Clash.,NA\n"
        "2022-12-28,Battles,Armed clash,Benin,Alibori,Karimama,NA,Mamassi-Gourma,NA,BEN\n"
    )
    events = acled_events([write(tmp_path, content)])
    assert len(events) == 1  # the second has no note
    assert events["admin3"].tolist() == [""] and events["iso3"].tolist() == ["BEN"]
    assert events["label"].tolist() == ["armed_clash"]  # from the event type


def test_a_legacy_file_with_its_columns_in_capitals(tmp_path: Path) -> None:
    content = (
        "GWNO,EVENT_ID_CNTY,EVENT_DATE,EVENT_TYPE,COUNTRY,ADMIN1,NOTES\n"
        '771,1BNG,01-January-2015,Riots/Protests,Bangladesh,Dhaka,"A hartal.\nShops shut."\n'
    )
    events = read_acled(write(tmp_path, content))
    assert events["text"].tolist() == ["A hartal.\nShops shut."]
    assert events["label"].tolist() == ["protest_repression"]
    assert events["date"].tolist() == [pd.Timestamp("2015-01-01")]
    assert events["admin1"].tolist() == ["Dhaka"]


def test_a_monadic_export_counts_each_event_once(tmp_path: Path) -> None:
    # ACLED's monadic layout writes an event once per actor: same id and note, other actor.
    content = (
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,country,admin1,notes\n"
        "BGD1,5-Aug-24,Riots,Mob violence,Rioters (Bangladesh),Bangladesh,Khulna,A mob attack.\n"
        "BGD1,5-Aug-24,Riots,Mob violence,Civilians (Bangladesh),Bangladesh,Khulna,A mob attack.\n"
        "BGD2,5-Aug-24,Protests,Peaceful protest,Protesters,Bangladesh,Dhaka,A march.\n"
        ",5-Aug-24,Protests,Peaceful protest,Protesters,Bangladesh,Dhaka,A march.\n"
        ",5-Aug-24,Protests,Peaceful protest,Protesters,Bangladesh,Dhaka,A march.\n"
    )
    events = read_acled(write(tmp_path, content))
    assert events["text"].tolist() == ["A mob attack.", "A march.", "A march.", "A march."]
    assert events["date"].iloc[0] == pd.Timestamp("2024-08-05")


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        (
            ["13 November 2020", "2016-07-02", "9-May-20"],
            ["2020-11-13", "2016-07-02", "2020-05-09"],
        ),
        (["31-12-19", "05-12-19"], ["2019-12-31", "2019-12-05"]),  # re-saved, day first
        (["05/12/2019", "04/01/2019"], ["2019-12-05", "2019-01-04"]),  # cannot tell: ACLED's order
        (["12/31/2019", "05/12/2019"], ["2019-12-31", "2019-05-12"]),  # month first, as shown
        (["2016-07-02", "31-12-19"], ["2016-07-02", "2019-12-31"]),  # ISO stays ISO
        # With a time of day, as a database writes it: the day as written, never tz-aware.
        (["2021-01-02T00:00:00Z", "2021-01-03"], ["2021-01-02", "2021-01-03"]),
        (["2021-01-02T23:30:00+06:30", "2021-01-03 00:00:00"], ["2021-01-02", "2021-01-03"]),
    ],
)
def test_event_dates_in_every_form_exports_take(written: list[str], expected: list[str]) -> None:
    assert event_dates(pd.Series(written)).tolist() == [pd.Timestamp(d) for d in expected]


def test_time_split_keeps_the_future_out_of_training(tmp_path: Path) -> None:
    events = read_acled(write(tmp_path, CURRENT))
    train, test = time_split(events, pd.Timestamp("2020-11-13"))
    assert train["date"].max() < pd.Timestamp("2020-11-13") <= test["date"].min()
    assert len(train) + len(test) == len(events)


def dated(*days: str) -> pd.DataFrame:
    return pd.DataFrame({"date": pd.to_datetime(list(days))})


def test_the_default_split_tests_on_the_last_year_when_the_years_before_can_train() -> None:
    events = dated("2018-03-01", "2019-05-01", "2019-07-01", "2020-02-01", "2020-09-30")
    assert default_test_start(events) == pd.Timestamp("2020-01-01")


def test_the_default_split_of_a_short_file_tests_on_its_latest_quarter() -> None:
    events = dated(*(f"2016-06-{day:02d}" for day in range(1, 21)), "2016-07-01", "2016-07-02")
    start = default_test_start(events)
    assert start == pd.Timestamp("2016-06-17")
    train, test = time_split(events, start)
    assert len(train) == 16 and len(test) == 6 and train["date"].max() < test["date"].min()


def test_the_default_split_needs_dated_events() -> None:
    with pytest.raises(IntakeInputError, match="no dated events"):
        default_test_start(dated())


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("a,b\n1,2\n", "missing notes, event_type"),
        ("", "not a readable CSV"),
    ],
)
def test_files_that_are_not_acled_exports(tmp_path: Path, content: str, message: str) -> None:
    with pytest.raises(IntakeInputError, match=message):
        read_acled(write(tmp_path, content))


def test_missing_and_non_utf8_files(tmp_path: Path) -> None:
    with pytest.raises(IntakeInputError, match="not found"):
        read_acled(tmp_path / "absent.csv")
    path = tmp_path / "latin.csv"
    path.write_bytes("notes,event_type\nCôte,Battles\n".encode("latin-1"))
    with pytest.raises(IntakeInputError, match="UTF-8"):
        read_acled(path)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.xlsx", b"not a zip file", "not a readable Excel workbook"),
        ("broken.json", b'{"data": [', "not readable JSON"),
        ("other.json", b'{"data": 3}', "no list of events"),
    ],
)
def test_broken_workbooks_and_json(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(IntakeInputError, match=message):
        read_acled(path)


@pytest.mark.shared_data
def test_the_reference_files() -> None:
    current = read_acled(shared_path("acled", "acled_burkina_faso.csv"))
    legacy = read_acled(shared_path("acled", "acled_africa_2016_legacy_schema.csv"))
    assert len(current) == 2980 and current["date"].notna().all()
    assert len(legacy) == 500 and legacy["date"].notna().all()
    assert set(legacy["label"]) <= {
        "armed_clash",
        "remote_violence",
        "protest_repression",
        "attack_on_civilians",
        "other",
    }


def test_an_extract_of_one_day_splits_in_the_files_order() -> None:
    events = dated(*["2020-05-09"] * 8).assign(n=range(8))
    train, test = order_split(events)
    assert train["n"].tolist() == list(range(6)) and test["n"].tolist() == [6, 7]
    one_train, one_test = order_split(events.iloc[:2])
    assert len(one_train) == len(one_test) == 1
    assert order_split(events.iloc[:1])[0].empty
