"""EWP's fully-out-of-sample (FOOS) backtest, written down as code.

For each last training year L (1991-2021 by default): fit on every country-year with year <= L
whose predictors and outcomes are all known, then forecast every country from its data in year
L + 2 (the first year whose two-year outcome window starts after everything the fit could see).
An onset in year Y is then scored with the higher of the two risks (the better of the two ranks)
forecast from data years Y - 1 and Y - 2. See docs/evaluation-protocol.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pandas as pd
from joblib import Parallel, delayed

from tocsin.errors import TocsinError
from tocsin.risk.dataset import Panel
from tocsin.risk.models import FeatureTable, Model

FORECAST_COLUMNS = ["ewp_name", "year", "risk", "rank"]


@dataclass(frozen=True)
class FoosProtocol:
    """The cut-offs of a FOOS backtest; the defaults are EWP's."""

    first_cutoff: int = 1991
    last_cutoff: int = 2021
    lead: int = 2  # forecast from data year cutoff + lead

    def __post_init__(self) -> None:
        if self.first_cutoff > self.last_cutoff:
            raise TocsinError(
                f"first cut-off {self.first_cutoff} is after last cut-off {self.last_cutoff}"
            )

    @property
    def cutoffs(self) -> range:
        return range(self.first_cutoff, self.last_cutoff + 1)

    @property
    def onset_years(self) -> range:
        """Years whose onsets are scored: each needs forecasts from one or two years before."""
        return range(self.first_cutoff + self.lead + 1, self.last_cutoff + self.lead + 2)


def training_mask(table: FeatureTable, panel: Panel, cutoff: int) -> pd.Series:
    """Rows a fold may learn from: year <= cutoff, predictors and every outcome known."""
    spec = panel.spec
    needed = [*table.base_features, *spec.outcome_columns]
    if spec.ids.code:
        needed.append(spec.ids.code)
    frame = table.frame
    return (frame[spec.ids.year] <= cutoff) & frame[needed].notna().all(axis=1)


def forecast_mask(table: FeatureTable, panel: Panel, year: int, *, need_target: bool) -> pd.Series:
    """Rows forecast from data `year`: predictors known (and, in a backtest, the target too)."""
    spec = panel.spec
    needed = list(table.base_features)
    if need_target:
        needed.append(spec.outcomes.target)
    frame = table.frame
    return (frame[spec.ids.year] == year) & frame[needed].notna().all(axis=1)


def rank_within(risk: pd.Series, by: pd.Series) -> pd.Series:
    """Rank 1 = highest risk within each group; ties share the best rank (R's ties 'min')."""
    return risk.groupby(by).rank(ascending=False, method="min").astype(int)


def _fold(model: Model, panel: Panel, table: FeatureTable, cutoff: int, lead: int) -> pd.DataFrame:
    spec = panel.spec
    train = table.frame[training_mask(table, panel, cutoff)]
    test = table.frame[forecast_mask(table, panel, cutoff + lead, need_target=True)]
    if train.empty or test.empty:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    target = train[spec.outcomes.target]
    if target.nunique() < 2:
        return pd.DataFrame(columns=FORECAST_COLUMNS)
    estimator = model.estimator(panel, table)
    estimator.fit(train[list(table.features)], target)
    risk = estimator.predict_risk(test[list(table.features)])
    out = pd.DataFrame(
        {"ewp_name": test[spec.ids.country].to_numpy(), "year": cutoff + lead, "risk": risk}
    )
    out["rank"] = rank_within(out["risk"], out["year"])
    return out


def iter_backtest(
    panel: Panel, model: Model, protocol: FoosProtocol, *, n_jobs: int = 1
) -> Iterator[pd.DataFrame]:
    """Yield each fold's forecasts as it finishes (in any order), folds running in parallel."""
    table = model.features(panel)
    # Latest cut-offs have the most rows and take longest: start them first so that no worker
    # is left alone with a long fold at the end.
    cutoffs = sorted(protocol.cutoffs, reverse=True)
    jobs = (delayed(_fold)(model, panel, table, c, protocol.lead) for c in cutoffs)
    if n_jobs == 1:
        for job in jobs:
            func, args, kwargs = job
            yield func(*args, **kwargs)
        return
    runner = Parallel(n_jobs=n_jobs, return_as="generator_unordered")
    yield from runner(jobs)


def run_backtest(
    panel: Panel,
    model: Model,
    protocol: FoosProtocol | None = None,
    *,
    n_jobs: int = 1,
    on_fold: Callable[[], None] | None = None,
) -> pd.DataFrame:
    """All folds' forecasts: one row per (country, data year) with risk and within-year rank."""
    protocol = protocol or FoosProtocol()
    parts = []
    for part in iter_backtest(panel, model, protocol, n_jobs=n_jobs):
        parts.append(part)
        if on_fold is not None:
            on_fold()
    nonempty = [p for p in parts if not p.empty]
    if not nonempty:
        raise TocsinError(
            f"{panel.source}: no fold between {protocol.first_cutoff} and {protocol.last_cutoff}"
            " has both training rows with each outcome and rows to forecast"
        )
    out = pd.concat(nonempty, ignore_index=True)
    out["year"] = out["year"].astype(int)
    return out.sort_values(["year", "rank", "ewp_name"], ignore_index=True)


def score_table(forecasts: pd.DataFrame, panel: Panel, protocol: FoosProtocol) -> pd.DataFrame:
    """Join forecasts to onsets the way EWP's FOOS file does (same column names).

    One row per country-year of the panel in the protocol's onset years; `maxrisk2`/`minrank2`
    are the best of the forecasts from one and two years before, missing when neither exists.
    """
    spec = panel.spec
    years = protocol.onset_years
    frame = panel.frame
    rows = frame[frame[spec.ids.year].between(years.start, years.stop - 1)]
    out = pd.DataFrame(
        {
            "year": rows[spec.ids.year].to_numpy(),
            "ewp_name": rows[spec.ids.country].to_numpy(),
            "mk_onset": rows[spec.outcomes.onset].to_numpy(),
        }
    )
    keyed = forecasts.set_index(["ewp_name", "year"])[["risk", "rank"]]
    for suffix, back in (("prev", 1), ("two_years_prior", 2)):
        idx = pd.MultiIndex.from_arrays([out["ewp_name"], out["year"] - back])
        found = keyed.reindex(idx)
        out[f"risk_{suffix}"] = found["risk"].to_numpy()
        out[f"rank_{suffix}"] = found["rank"].to_numpy()
    out["maxrisk2"] = out[["risk_prev", "risk_two_years_prior"]].max(axis=1, skipna=True)
    out["minrank2"] = out[["rank_prev", "rank_two_years_prior"]].min(axis=1, skipna=True)
    return out


def read_ewp_foos(path: str) -> pd.DataFrame:
    """EWP's published FOOS file (`FOOSforecasts_*.csv`) as a score table."""
    try:
        raw = pd.read_csv(path)
    except FileNotFoundError:
        raise TocsinError(f"{path}: no such file") from None
    except (pd.errors.ParserError, UnicodeDecodeError, pd.errors.EmptyDataError) as exc:
        raise TocsinError(f"{path}: not a readable CSV file ({type(exc).__name__})") from None
    needed = ["year", "ewp_name", "mk_onset", "maxrisk2", "minrank2"]
    missing = [c for c in needed if c not in raw.columns]
    if missing:
        raise TocsinError(f"{path}: not an EWP FOOS file, missing column(s) {', '.join(missing)}")
    return raw[[c for c in raw.columns if c and not c.startswith("Unnamed")]].copy()
