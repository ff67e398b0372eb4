"""The backtest report: figures for the whole period and each half, beside EWP's published ones.

Printed to the terminal (a rich table) and written to a folder as `report.html`, three PNG
figures and `metrics.json` (the same numbers, for machines).
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd
from jinja2 import Environment, PackageLoader, select_autoescape
from rich.table import Table

from tocsin.atomic import write_text_atomic
from tocsin.errors import TocsinError
from tocsin.risk import plots
from tocsin.risk.backtest import FoosProtocol
from tocsin.risk.metrics import RECALL_AT, FoosMetrics, bootstrap_intervals, foos_metrics, period

FIGURES = {"catch": "catch.png", "roc": "roc.png", "reliability": "reliability.png"}


def periods(protocol: FoosProtocol) -> dict[str, tuple[int, int]]:
    """The whole onset period and its two halves (1994-2024, 1994-2009, 2010-2024 for EWP)."""
    first, last = protocol.onset_years.start, protocol.onset_years.stop - 1
    mid = (first + last) // 2
    return {
        f"{first}-{last}": (first, last),
        f"{first}-{mid}": (first, mid),
        f"{mid + 1}-{last}": (mid + 1, last),
    }


@dataclass(frozen=True)
class BacktestReport:
    model: str
    protocol: FoosProtocol
    data_source: str
    data_sha256: str
    ours: dict[str, FoosMetrics]
    anchor: dict[str, FoosMetrics] | None
    intervals: dict[str, tuple[float, float]]
    onsets: pd.DataFrame
    seconds: float | None = None
    created_at: str = field(default_factory=lambda: datetime.now(UTC).isoformat(timespec="seconds"))

    def as_dict(self) -> dict[str, Any]:
        return {
            "model": self.model,
            "protocol": {
                "first_cutoff": self.protocol.first_cutoff,
                "last_cutoff": self.protocol.last_cutoff,
                "lead": self.protocol.lead,
            },
            "data": {"source": self.data_source, "sha256": self.data_sha256},
            "seconds": self.seconds,
            "created_at": self.created_at,
            "ours": {p: m.as_dict() for p, m in self.ours.items()},
            "anchor": {p: m.as_dict() for p, m in self.anchor.items()} if self.anchor else None,
            "intervals_95": {k: list(v) for k, v in self.intervals.items()},
        }


def build_report(
    model: str,
    score: pd.DataFrame,
    protocol: FoosProtocol,
    *,
    data_source: str,
    data_sha256: str,
    anchor: pd.DataFrame | None = None,
    n_boot: int = 1000,
    seconds: float | None = None,
) -> BacktestReport:
    spans = periods(protocol)
    ours = {name: foos_metrics(period(score, *span)) for name, span in spans.items()}
    theirs = None
    if anchor is not None:
        theirs = {name: foos_metrics(period(anchor, *span)) for name, span in spans.items()}
        if next(iter(theirs.values())).country_years == 0:
            anchor, theirs = None, None  # the anchor covers other years: nothing to compare
    onsets = score.loc[score["mk_onset"] == 1, ["year", "ewp_name", "maxrisk2", "minrank2"]]
    if anchor is not None:
        ewp = anchor.loc[anchor["mk_onset"] == 1, ["year", "ewp_name", "maxrisk2", "minrank2"]]
        onsets = onsets.merge(ewp, on=["year", "ewp_name"], how="left", suffixes=("", "_ewp"))
    return BacktestReport(
        model=model,
        protocol=protocol,
        data_source=data_source,
        data_sha256=data_sha256,
        ours=ours,
        anchor=theirs,
        intervals=bootstrap_intervals(score, n=n_boot) if n_boot else {},
        onsets=onsets.sort_values(["year", "ewp_name"], ignore_index=True),
        seconds=seconds,
    )


def _rows(report: BacktestReport) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(metric, 95% interval, [(ours, EWP) per period]) as display strings."""

    def fmt(m: FoosMetrics, key: str) -> str:
        if key.startswith("recall@"):
            k = int(key.split("@")[1])
            return f"{m.caught[k]}/{m.onsets}"
        value = {
            "auc": m.auc,
            "average_precision": m.average_precision,
            "brier": m.brier,
            "log_loss": m.log_loss,
        }[key]
        digits = 5 if key == "brier" else 3
        return "n/a" if math.isnan(value) else f"{value:.{digits}f}"

    keys = ["auc", *[f"recall@{k}" for k in RECALL_AT], "average_precision", "brier", "log_loss"]
    out = []
    for key in keys:
        ci = report.intervals.get(key)
        if ci is None:
            interval = ""
        elif key.startswith("recall@"):
            interval = f"{ci[0]:.2f}-{ci[1]:.2f}"
        else:
            interval = (
                f"{ci[0]:.{5 if key == 'brier' else 3}f}-{ci[1]:.{5 if key == 'brier' else 3}f}"
            )
        cells = []
        for name, ours in report.ours.items():
            theirs = report.anchor[name] if report.anchor else None
            cells.append((fmt(ours, key), fmt(theirs, key) if theirs else ""))
        out.append((key, interval, cells))
    return out


def summary_table(report: BacktestReport) -> Table:
    """Rows are metrics; each cell is ours, with EWP's published figure in brackets."""
    title = f"FOOS backtest: {report.model}"
    table = Table(title=title + (" (EWP's published figure in brackets)" if report.anchor else ""))
    table.add_column("metric")
    for name in report.ours:
        table.add_column(name, justify="right")
    table.add_column("95% CI, all", justify="right")
    for key, interval, cells in _rows(report):
        shown = [f"{ours} ({theirs})" if theirs else ours for ours, theirs in cells]
        table.add_row(key, *shown, interval)
    return table


def write_report(
    report: BacktestReport, folder: Path, score: pd.DataFrame, anchor: pd.DataFrame | None
) -> list[Path]:
    """Write report.html, the PNG figures and metrics.json into `folder` (created if needed)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise TocsinError(f"{folder}: cannot create report folder: {exc.strerror}") from None
    series = {f"{report.model} (ours)": score}
    if anchor is not None and report.anchor is not None:
        series["EWP published"] = anchor
    plots.catch_plot(series, folder / FIGURES["catch"])
    plots.roc_plot(series, folder / FIGURES["roc"])
    plots.reliability_plot(series, folder / FIGURES["reliability"])
    env = Environment(
        loader=PackageLoader("tocsin.risk", "templates"),
        autoescape=select_autoescape(default=True),
    )
    html = env.get_template("backtest_report.html").render(
        report=report, rows=_rows(report), figures=FIGURES
    )
    write_text_atomic(folder / "report.html", html)
    write_text_atomic(folder / "metrics.json", json.dumps(report.as_dict(), indent=2) + "\n")
    return [
        folder / "report.html",
        *(folder / f for f in FIGURES.values()),
        folder / "metrics.json",
    ]
