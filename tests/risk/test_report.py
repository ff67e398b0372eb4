from __future__ import annotations

import functools
import json
from pathlib import Path

import pandas as pd

from tests.synthetic import synthetic_frame, synthetic_panel
from tocsin.risk.backtest import FoosProtocol, run_backtest, score_table
from tocsin.risk.models import get_model
from tocsin.risk.report import build_report, periods, summary_table, write_report


@functools.cache
def backtest() -> tuple[pd.DataFrame, FoosProtocol]:
    frame = synthetic_frame(n_countries=30, first=1960, last=2000)
    # Give a country with a scored onset a hostile name: it must come back inert in the HTML.
    scored = frame[(frame["onset"] == 1) & frame["year"].between(1988, 2000)]
    frame.loc[frame["name"] == scored["name"].iloc[0], "name"] = "<script>alert(1)</script>"
    panel = synthetic_panel(frame)
    protocol = FoosProtocol(1985, 1996)
    forecasts = run_backtest(panel, get_model("ewp-enet"), protocol)
    return score_table(forecasts, panel, protocol), protocol


def test_periods_are_the_whole_and_two_halves() -> None:
    assert periods(FoosProtocol()) == {
        "1994-2024": (1994, 2024),
        "1994-2009": (1994, 2009),
        "2010-2024": (2010, 2024),
    }


def test_report_files_and_escaping(tmp_path: Path) -> None:
    score, protocol = backtest()
    anchor = score.assign(maxrisk2=score["maxrisk2"] * 0.5)  # a stand-in "published" file
    report = build_report(
        "ewp-enet",
        score,
        protocol,
        data_source="s.csv",
        data_sha256="ab" * 32,
        anchor=anchor,
        n_boot=50,
        seconds=1.5,
    )
    written = write_report(report, tmp_path / "rep", score, anchor)
    assert [p.name for p in written] == [
        "report.html",
        "catch.png",
        "roc.png",
        "reliability.png",
        "metrics.json",
    ]
    for png in written[1:4]:
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    html = written[0].read_text(encoding="utf-8")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "recall@30" in html and "EWP" in html
    metrics = json.loads(written[-1].read_text(encoding="utf-8"))
    assert set(metrics["ours"]) == {"1988-1999", "1988-1993", "1994-1999"}
    assert metrics["anchor"] is not None
    assert not list((tmp_path / "rep").glob("*.part"))
    assert summary_table(report).row_count == 7


def test_an_anchor_for_other_years_is_left_out() -> None:
    score, protocol = backtest()
    elsewhere = score.assign(year=score["year"] + 100)
    report = build_report(
        "ewp-enet",
        score,
        protocol,
        data_source="s",
        data_sha256="0" * 64,
        anchor=elsewhere,
        n_boot=0,
    )
    assert report.anchor is None
    assert "maxrisk2_ewp" not in report.onsets.columns
