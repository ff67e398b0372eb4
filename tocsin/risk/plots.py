"""Backtest figures as PNG files (matplotlib's object API: no display, no global state).

Each figure draws our backtest and, when given, EWP's published one on the same axes, because
the question a reader brings is always "better or worse than EWP, and where".
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from sklearn.metrics import roc_curve

from tocsin.atomic import atomic_output
from tocsin.risk.metrics import scored_rows

Series = dict[str, pd.DataFrame]  # label -> score table
COLOURS = ("#1f4e79", "#c55a11", "#548235")


def _save(fig: Figure, path: Path) -> None:
    with atomic_output(path) as tmp:
        fig.savefig(tmp, format="png", dpi=110, bbox_inches="tight")


def catch_plot(series: Series, path: Path, max_rank: int = 60) -> None:
    """Share of onsets caught within the top k of their year (EWP's recall), k = 1..max_rank."""
    fig = Figure(figsize=(6.4, 4.2))
    ax = fig.subplots()
    ks = np.arange(1, max_rank + 1)
    for (label, table), colour in zip(series.items(), COLOURS, strict=False):
        ranks = scored_rows(table).query("mk_onset == 1")["minrank2"].to_numpy()
        caught = [(ranks <= k).mean() for k in ks]
        ax.step(ks, caught, where="post", label=label, color=colour)
    for k in (10, 20, 30):
        ax.axvline(k, color="#999999", linewidth=0.6, linestyle=":")
    ax.set_xlabel("rank within the forecast year (best of the two forecasts)")
    ax.set_ylabel("share of onsets caught")
    ax.set_title("Catch plot: onsets ranked within the top k")
    ax.set_ylim(0, 1)
    ax.legend(loc="lower right")
    _save(fig, path)


def roc_plot(series: Series, path: Path) -> None:
    fig = Figure(figsize=(4.8, 4.8))
    ax = fig.subplots()
    for (label, table), colour in zip(series.items(), COLOURS, strict=False):
        rows = scored_rows(table)
        fpr, tpr, _ = roc_curve(rows["mk_onset"], rows["maxrisk2"])
        ax.plot(fpr, tpr, label=label, color=colour)
    ax.plot([0, 1], [0, 1], color="#999999", linewidth=0.6, linestyle="--")
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate")
    ax.set_title("ROC curve")
    ax.legend(loc="lower right")
    _save(fig, path)


def reliability_plot(series: Series, path: Path, bins: int = 10) -> None:
    """Observed onset rate against mean forecast, in bins of equal count (risks are skewed)."""
    fig = Figure(figsize=(4.8, 4.8))
    ax = fig.subplots()
    top = 0.0
    for (label, table), colour in zip(series.items(), COLOURS, strict=False):
        rows = scored_rows(table)
        edges = np.unique(np.quantile(rows["maxrisk2"], np.linspace(0, 1, bins + 1)))
        which = np.clip(np.searchsorted(edges, rows["maxrisk2"], side="right") - 1, 0, None)
        grouped = rows.groupby(np.minimum(which, len(edges) - 2))
        mean_risk = grouped["maxrisk2"].mean()
        observed = grouped["mk_onset"].mean()
        ax.plot(mean_risk, observed, marker="o", label=label, color=colour)
        top = max(top, float(mean_risk.max()), float(observed.max()))
    ax.plot([0, top], [0, top], color="#999999", linewidth=0.6, linestyle="--")
    ax.set_xlabel("mean forecast risk (bin)")
    ax.set_ylabel("observed onset rate")
    ax.set_title("Reliability diagram")
    ax.legend(loc="upper left")
    _save(fig, path)
