from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.synthetic import synthetic_spec
from tocsin.errors import TocsinError
from tocsin.risk.dataset import DatasetError, Panel, load_panel, parse_panel
from tocsin.risk.spec import DatasetSpec

HEADER = "name,year,x1,x2,onset,onset_1or2,extra"
GOOD = f"{HEADER}\nA,1990,0.1,1,0,0,hello\nA,1991,0.2,NA,0,1,\nB,1990,-1,2,1,0,x\n"


@pytest.fixture
def spec() -> DatasetSpec:
    return synthetic_spec()


def parse(text: str, spec: DatasetSpec) -> Panel:
    return parse_panel(text.encode(), spec, source="t.csv")


def test_good_file_parses_with_extra_columns_and_missing_predictors(spec: DatasetSpec) -> None:
    panel = parse(GOOD, spec)
    assert len(panel.frame) == 3
    assert panel.frame["x2"].isna().sum() == 1
    assert panel.frame["year"].dtype.kind == "i"
    assert "extra" in panel.frame.columns
    assert len(panel.sha256) == 64


def test_real_ewp_file_validates(ewp_panel: Panel) -> None:
    assert len(ewp_panel.frame) == 9463
    assert ewp_panel.years() == (1960, 2024)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("name,year,x1\nA,1990,1\n", "missing column(s): x2, onset_1or2, onset"),
        (GOOD.replace("0.2,NA", "0.2,abc"), "line 3, column 'x2': 'abc' is not a finite number"),
        (GOOD.replace("0.2,NA", "0.2,inf"), "line 3, column 'x2': 'inf' is not a finite number"),
        (GOOD.replace("B,1990", "A,1990"), "lines 2 and 4: duplicate row for ('A', 1990)"),
        (GOOD.replace("B,1990", "B,1850"), "line 4, column 'year': 1850 is outside 1900-2100"),
        (GOOD.replace("B,1990", "B,1990.5"), "line 4, column 'year': 1990.5 is not a whole year"),
        (GOOD.replace("B,1990", "B,"), "line 4, column 'year': year is missing"),
        (GOOD.replace("-1,2,1,0", "-1,2,2,0"), "line 4, column 'onset': 2 is not 0 or 1"),
        (GOOD.replace("B,1990", ",1990"), "line 4, column 'name': country name is empty"),
        (f"{HEADER}\n", "has a header but no rows"),
        ("", "the file is empty"),
        (GOOD + "C,1990\n", "line 5: 2 fields, the header has 7"),
        ("name,name,year\n", "header repeats column(s) 'name'"),
    ],
)
def test_each_problem_names_its_line_and_column(spec: DatasetSpec, text: str, message: str) -> None:
    with pytest.raises(DatasetError) as caught:
        parse(text, spec)
    assert message in str(caught.value)
    assert str(caught.value).startswith("t.csv: ")
    assert "\n" not in str(caught.value)


def test_many_problems_are_counted_not_all_printed(spec: DatasetSpec) -> None:
    text = GOOD.replace("0.1,1", "a,b").replace("0.2,NA", "c,d")
    with pytest.raises(DatasetError, match=r"\(and 3 more problems\)") as caught:
        parse(text, spec)
    assert len(caught.value.problems) == 4


def test_non_utf8_bytes_are_refused(spec: DatasetSpec) -> None:
    with pytest.raises(DatasetError, match="not UTF-8 text"):
        parse_panel(GOOD.encode("utf-16"), spec, source="t.csv")


def test_byte_order_mark_is_accepted(spec: DatasetSpec) -> None:
    assert len(parse_panel(GOOD.encode("utf-8-sig"), spec).frame) == 3


def test_missing_and_directory_paths(tmp_path: Path, spec: DatasetSpec) -> None:
    with pytest.raises(TocsinError, match="no such file"):
        load_panel(tmp_path / "nope.csv", spec)
    with pytest.raises(TocsinError, match="is a directory"):
        load_panel(tmp_path, spec)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=400) | st.text(max_size=400).map(str.encode))
def test_arbitrary_bytes_either_parse_or_fail_cleanly(spec: DatasetSpec, raw: bytes) -> None:
    try:
        parse_panel(raw, spec)
    except DatasetError as exc:
        assert "\n" not in str(exc)


cell = st.one_of(
    st.sampled_from(["", "NA", "0", "1", "2", "1990", "-3.5", "nan", "1e400", "x", '"a,b"']),
    st.text(alphabet="0123456789.-eE,\"' \r", max_size=6),
)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.lists(cell, min_size=7, max_size=7), max_size=6))
def test_csv_shaped_input_either_parses_or_fails_cleanly(
    spec: DatasetSpec, rows: list[list[str]]
) -> None:
    text = HEADER + "\n" + "\n".join(",".join(r) for r in rows)
    try:
        panel = parse(text, spec)
    except DatasetError as exc:
        assert "\n" not in str(exc)
    else:
        assert panel.frame[["name", "year"]].duplicated().sum() == 0
        assert panel.frame["onset"].dropna().isin([0.0, 1.0]).all()
