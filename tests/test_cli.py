"""The command line: every error path gives one line and a non-zero exit; the happy paths work."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.conftest import RunCli, shared_path
from tests.synthetic import synthetic_frame, write_spec


@pytest.fixture
def synthetic_csv(tmp_path: Path) -> tuple[Path, Path]:
    csv = tmp_path / "panel.csv"
    synthetic_frame().to_csv(csv, index=False)
    return csv, write_spec(tmp_path)


def assert_one_line_error(result: object, fragment: str) -> None:
    """Exactly one `error:` line, last on stderr (a progress bar may precede it), no traceback."""
    code, err = result.code, result.err  # type: ignore[attr-defined]
    assert code != 0
    lines = err.strip().splitlines()
    errors = [line for line in lines if line.startswith("error: ")]
    assert len(errors) == 1 and lines[-1] == errors[0], err
    assert fragment in errors[0], errors[0]
    assert "Traceback" not in err


def test_help_and_version(run_cli: RunCli) -> None:
    assert "risk" in run_cli("--help").out
    assert run_cli("--version").out.strip() == "tocsin, version 0.1.0"
    assert "ewp-enet" in run_cli("risk", "models").out


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["risk", "backtest", "--out", "x.csv"], "no data at"),
        (["risk", "forecast", "--year", "2024"], "run `tocsin data fetch ewp`"),
        (["risk", "forecast", "--data", "missing.csv"], "missing.csv: no such file"),
        (["risk", "forecast", "--data", "."], "is a directory"),
        (["risk", "forecast", "--data", "x.csv", "--model", "nope"], "unknown model 'nope'"),
        (["risk", "forecast", "--data", "x.csv", "--spec", "nope"], "no bundled spec"),
        (["data", "fetch", "ewp", "--from", "/no/such/place"], "no such file or folder"),
    ],
)
def test_error_paths(run_cli: RunCli, args: list[str], fragment: str) -> None:
    assert_one_line_error(run_cli(*args), fragment)


def test_usage_errors_exit_2(run_cli: RunCli) -> None:
    for args in (
        ["risk", "backtest"],
        ["data", "fetch", "acled"],
        ["risk", "forecast", "--boot", "-1"],
        ["risk", "nope"],
    ):
        result = run_cli(*args)
        assert result.code == 2, args
        assert "Traceback" not in result.err


def test_bad_data_files(run_cli: RunCli, tmp_path: Path, synthetic_csv: tuple[Path, Path]) -> None:
    csv, spec = synthetic_csv
    binary = tmp_path / "binary.csv"
    binary.write_bytes(b"\xff\xfe\x00garbage")
    assert_one_line_error(
        run_cli("risk", "forecast", "--data", str(binary), "--spec", str(spec)), "not UTF-8"
    )
    broken = tmp_path / "broken.csv"
    broken.write_text(csv.read_text().replace("C03,1975", "C03,19x5"), encoding="utf-8")
    assert_one_line_error(
        run_cli("risk", "forecast", "--data", str(broken), "--spec", str(spec)),
        "column 'year': '19x5' is not a finite number",
    )
    assert_one_line_error(
        run_cli("risk", "forecast", "--data", str(csv), "--spec", str(spec), "--year", "1800"),
        "year 1800: cannot forecast",
    )
    assert_one_line_error(
        run_cli(
            "risk",
            "backtest",
            "--data",
            str(csv),
            "--spec",
            str(spec),
            "--out",
            "o.csv",
            "--first-cutoff",
            "1999",
            "--last-cutoff",
            "1990",
        ),
        "is after last cut-off",
    )
    assert_one_line_error(
        run_cli(
            "risk",
            "backtest",
            "--data",
            str(csv),
            "--spec",
            str(spec),
            "--out",
            "o.csv",
            "--anchor",
            str(csv),
        ),
        "not an EWP FOOS file",
    )


def test_output_into_a_missing_folder_leaves_nothing(
    run_cli: RunCli, tmp_path: Path, synthetic_csv: tuple[Path, Path]
) -> None:
    csv, spec = synthetic_csv
    out = tmp_path / "no" / "such" / "dir" / "f.csv"
    result = run_cli(
        "risk",
        "forecast",
        "--data",
        str(csv),
        "--spec",
        str(spec),
        "--boot",
        "0",
        "--out",
        str(out),
    )
    assert_one_line_error(result, "does not exist")
    assert "forecast" not in result.err.splitlines()[0], "refused before any work"
    assert not out.parent.exists()


def test_bad_setting_is_one_line(run_cli: RunCli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOCSIN_N_JOBS", "0")
    assert_one_line_error(run_cli("data", "show"), "setting TOCSIN_N_JOBS")


def test_forecast_writes_csv_and_prints_table(
    run_cli: RunCli, tmp_path: Path, synthetic_csv: tuple[Path, Path]
) -> None:
    csv, spec = synthetic_csv
    out = tmp_path / "f.csv"
    result = run_cli(
        "risk",
        "forecast",
        "--data",
        str(csv),
        "--spec",
        str(spec),
        "--model",
        "champion",
        "--boot",
        "4",
        "--top",
        "5",
        "--out",
        str(out),
    )
    assert result.code == 0, result.err
    table = pd.read_csv(out)
    assert len(table) == 30 and table["rank"].min() == 1
    assert "Risk of a mass-killing onset in 2001-2002" in result.out


def test_fetch_backtest_and_report_on_ewp_data(run_cli: RunCli, tmp_path: Path) -> None:
    folder = shared_path("ewp")
    fetched = run_cli("data", "fetch", "ewp", "--from", str(folder))
    assert fetched.code == 0, fetched.err
    assert "EWP predictors 1960-2024" in fetched.out
    assert "predictors.csv" in run_cli("data", "show").out
    out, report = tmp_path / "foos.csv", tmp_path / "report"
    result = run_cli(
        "risk",
        "backtest",
        "--model",
        "ewp-enet",
        "--first-cutoff",
        "2020",
        "--last-cutoff",
        "2021",
        "--out",
        str(out),
        "--report",
        str(report),
        "--ci-boot",
        "20",
        "--jobs",
        "2",
    )
    assert result.code == 0, result.err
    forecasts = pd.read_csv(out)
    assert list(forecasts.columns) == ["ewp_name", "year", "risk", "rank"]
    assert set(forecasts["year"]) == {2022, 2023}
    assert (report / "report.html").exists()
    assert "(EWP's published figure in brackets)" in result.out
