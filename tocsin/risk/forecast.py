"""A ranked forecast for one data year, with an interval, the rank change and the drivers.

A forecast from data year Y is for an onset in Y + 1 or Y + 2. It is fitted on every year whose
outcome is already known (year <= Y - 2), exactly as EWP does; last year's ranking, for the rank
change, is what the same model would have said from Y - 1 when fitted on year <= Y - 3.
The interval comes from refitting on countries resampled with replacement: it says how much the
ranking depends on which countries' histories the model happened to learn from.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from joblib import Parallel, delayed
from scipy.special import expit, logit

from tocsin.errors import TocsinError
from tocsin.risk.backtest import forecast_mask, training_mask
from tocsin.risk.dataset import Panel
from tocsin.risk.estimators import RiskEstimator
from tocsin.risk.models import FeatureTable, Model

N_DRIVERS = 5
FORECAST_OUTPUT_COLUMNS = [
    "ewp_name",
    "risk",
    "rank",
    "risk_low",
    "risk_high",
    "rank_change",
    *[f"driver_{i}" for i in range(1, N_DRIVERS + 1)],
]


def _fit_predict(
    estimator: RiskEstimator, table: FeatureTable, panel: Panel, cutoff: int, year: int
) -> tuple[RiskEstimator, pd.DataFrame, np.ndarray[Any, Any]] | None:
    train = table.frame[training_mask(table, panel, cutoff)]
    test = table.frame[forecast_mask(table, panel, year, need_target=False)]
    target = train[panel.spec.outcomes.target]
    if test.empty or target.nunique() < 2:
        return None
    estimator.fit(train[list(table.features)], target)
    return estimator, test, estimator.predict_risk(test[list(table.features)])


def _bootstrap_one(
    estimator: RiskEstimator,
    train: pd.DataFrame,
    test: pd.DataFrame,
    features: list[str],
    country: str,
    target_column: str,
    seed: int,
) -> np.ndarray[Any, Any]:
    """One refit on countries drawn with replacement (a country's years stay together)."""
    rng = np.random.default_rng(seed)
    names = train[country].unique()
    drawn = rng.choice(names, size=len(names), replace=True)
    groups = dict(tuple(train.groupby(country, sort=False)))
    sample = pd.concat([groups[name] for name in drawn], ignore_index=True)
    target = sample[target_column]
    if target.nunique() < 2:
        return np.full(len(test), np.nan)
    estimator.fit(sample[features], target)
    return estimator.predict_risk(test[features])


def centred_interval(
    risk: np.ndarray[Any, Any], draws: np.ndarray[Any, Any], tail: float
) -> tuple[np.ndarray[Any, Any], np.ndarray[Any, Any]]:
    """The bootstrap's spread, on the log-odds scale, placed around the full model's risk.

    Refits on resampled countries use the cheaper resampling clone and are shrunk differently
    from the full fit, so their raw percentiles can miss the point estimate itself; what they
    measure well is the spread. Each quantile's distance from the bootstrap median is therefore
    added to the full model's log-odds.
    """
    logits = logit(np.clip(draws, 1e-9, 1 - 1e-9))
    centre = np.nanmedian(logits, axis=0)
    point = logit(np.clip(risk, 1e-9, 1 - 1e-9))
    low = expit(point + np.nanquantile(logits, tail, axis=0) - centre)
    high = expit(point + np.nanquantile(logits, 1 - tail, axis=0) - centre)
    return low, high


def format_driver(name: str, value: float) -> str:
    """`name=+0.123`: the feature and its signed log-odds contribution."""
    return f"{name}={value:+.3f}"


def top_drivers(contributions: pd.DataFrame, n: int = N_DRIVERS) -> list[list[str]]:
    """Per row, the `n` features with the largest absolute contribution, largest first."""
    values = contributions.to_numpy()
    order = np.argsort(-np.abs(values), axis=1, kind="stable")[:, :n]
    names = contributions.columns.to_numpy()
    return [
        [format_driver(str(names[j]), float(values[i, j])) for j in row]
        for i, row in enumerate(order)
    ]


def forecast(
    panel: Panel,
    model: Model,
    year: int,
    *,
    n_boot: int = 100,
    interval: float = 0.8,
    n_jobs: int = 1,
    seed: int = 0,
    on_step: Callable[[], None] | None = None,
) -> pd.DataFrame:
    """Rank every country with complete predictors in `year`; columns `FORECAST_OUTPUT_COLUMNS`."""
    if not 0 < interval < 1:
        raise TocsinError(f"interval {interval}: must be between 0 and 1")
    if n_boot < 0:
        raise TocsinError(f"--boot {n_boot}: must be zero or more")
    first, last = panel.years()
    table = model.features(panel)
    fitted = _fit_predict(model.estimator(panel, table), table, panel, year - 2, year)
    if fitted is None:
        raise TocsinError(
            f"year {year}: cannot forecast; the data ({first}-{last}) need rows with complete"
            f" predictors in {year} and both outcomes among years up to {year - 2}"
        )
    estimator, test, risk = fitted
    spec = panel.spec
    out = pd.DataFrame({"ewp_name": test[spec.ids.country].to_numpy(), "risk": risk})
    out["rank"] = out["risk"].rank(ascending=False, method="min").astype(int)
    if on_step:
        on_step()

    previous = _fit_predict(model.estimator(panel, table), table, panel, year - 3, year - 1)
    if previous is not None:
        _, prev_test, prev_risk = previous
        prev_rank = pd.Series(prev_risk).rank(ascending=False, method="min").astype(int)
        by_name = pd.Series(prev_rank.to_numpy(), index=prev_test[spec.ids.country].to_numpy())
        prior = out["ewp_name"].map(by_name)
        out["rank_change"] = (prior - out["rank"]).astype("Int64")
    else:
        out["rank_change"] = pd.array([pd.NA] * len(out), dtype="Int64")
    if on_step:
        on_step()

    tail = (1 - interval) / 2
    if n_boot > 0:
        features = list(table.features)
        train = table.frame[training_mask(table, panel, year - 2)]
        train = train[[spec.ids.country, spec.outcomes.target, *features]]
        jobs = (
            delayed(_bootstrap_one)(
                estimator.resampling_clone(),
                train,
                test[features],
                features,
                spec.ids.country,
                spec.outcomes.target,
                seed + b,
            )
            for b in range(n_boot)
        )
        draws = []
        for draw in Parallel(n_jobs=n_jobs, return_as="generator_unordered")(jobs):
            draws.append(draw)
            if on_step:
                on_step()
        low, high = centred_interval(risk, np.vstack(draws), tail)
        out["risk_low"], out["risk_high"] = low, high
    else:
        out["risk_low"] = np.nan
        out["risk_high"] = np.nan

    drivers = top_drivers(estimator.contributions(test[list(table.features)]))
    for i in range(N_DRIVERS):
        out[f"driver_{i + 1}"] = [row[i] if i < len(row) else "" for row in drivers]
    return out[FORECAST_OUTPUT_COLUMNS].sort_values(["rank", "ewp_name"], ignore_index=True)
