"""How a backtest is scored: EWP's headline figures and the usual probabilistic ones.

Every figure is computed from a score table (`backtest.score_table`), so EWP's published FOOS
file and our own backtests are scored by the very same code.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy.stats import rankdata
from sklearn.metrics import average_precision_score, brier_score_loss, log_loss, roc_auc_score

RECALL_AT = (10, 20, 30)
EPS = 1e-15


@dataclass(frozen=True)
class FoosMetrics:
    """Scores of one score table (or of a period of it)."""

    country_years: int
    onsets: int
    auc: float
    caught: dict[int, int]
    average_precision: float
    brier: float
    log_loss: float

    def recall(self, k: int) -> float:
        return self.caught[k] / self.onsets if self.onsets else float("nan")

    def as_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["caught"] = {str(k): v for k, v in self.caught.items()}
        return out


def scored_rows(table: pd.DataFrame) -> pd.DataFrame:
    """Country-years that have a forecast and a known outcome (what pROC keeps in EWP's code)."""
    return table[table["maxrisk2"].notna() & table["mk_onset"].notna()]


def foos_metrics(table: pd.DataFrame) -> FoosMetrics:
    rows = scored_rows(table)
    y = rows["mk_onset"].to_numpy(dtype=float)
    risk = rows["maxrisk2"].to_numpy(dtype=float)
    onset_ranks = rows.loc[y == 1, "minrank2"].to_numpy(dtype=float)
    both = 0 < y.sum() < len(y)
    return FoosMetrics(
        country_years=len(rows),
        onsets=int(y.sum()),
        auc=float(roc_auc_score(y, risk)) if both else float("nan"),
        caught={k: int((onset_ranks <= k).sum()) for k in RECALL_AT},
        average_precision=float(average_precision_score(y, risk)) if both else float("nan"),
        brier=float(brier_score_loss(y, risk)) if len(y) else float("nan"),
        log_loss=float(log_loss(y, np.clip(risk, EPS, 1 - EPS), labels=[0, 1]))
        if len(y)
        else float("nan"),
    )


def period(table: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    return table[table["year"].between(first, last)]


def _auc(y: np.ndarray[Any, Any], risk: np.ndarray[Any, Any]) -> float:
    ranks = rankdata(risk)
    n1 = y.sum()
    n0 = len(y) - n1
    return float((ranks[y == 1].sum() - n1 * (n1 + 1) / 2) / (n1 * n0))


def bootstrap_intervals(
    table: pd.DataFrame, *, n: int = 1000, level: float = 0.95, seed: int = 0
) -> dict[str, tuple[float, float]]:
    """Percentile intervals from resampling country-years, onsets and non-onsets separately.

    Stratifying keeps the number of onsets fixed, so recall stays a count out of the same total
    and every resample has both classes for the AUC.
    """
    rows = scored_rows(table)
    y = rows["mk_onset"].to_numpy(dtype=float)
    risk = rows["maxrisk2"].to_numpy(dtype=float)
    rank = rows["minrank2"].to_numpy(dtype=float)
    pos, neg = np.flatnonzero(y == 1), np.flatnonzero(y == 0)
    if len(pos) == 0 or len(neg) == 0:
        return {}
    rng = np.random.default_rng(seed)
    draws: dict[str, list[float]] = {"auc": [], "brier": [], "average_precision": []}
    draws.update({f"recall@{k}": [] for k in RECALL_AT})
    for _ in range(n):
        idx = np.concatenate([rng.choice(pos, len(pos)), rng.choice(neg, len(neg))])
        yy, rr = y[idx], risk[idx]
        draws["auc"].append(_auc(yy, rr))
        draws["brier"].append(float(np.mean((rr - yy) ** 2)))
        draws["average_precision"].append(float(average_precision_score(yy, rr)))
        caught = rank[idx][yy == 1]
        for k in RECALL_AT:
            draws[f"recall@{k}"].append(float((caught <= k).mean()))
    tail = (1 - level) / 2 * 100
    return {
        name: (float(np.percentile(v, tail)), float(np.percentile(v, 100 - tail)))
        for name, v in draws.items()
    }
