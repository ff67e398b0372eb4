"""Features engineered from the country-year table itself, for the models that want them.

Everything here looks only backwards in time (a value at year t uses rows at t or earlier), so
the table can be engineered once and then sliced by the backtest without leaking the future.
A recipe names its source columns; those absent from a dataset are skipped, so a later edition
with other predictors still works.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from tocsin.risk.dataset import Panel

EWP_CHANGE_COLUMNS = (
    "religiousfreedom",
    "pol_killing_approved",
    "freediscussion",
    "social_inequality",
    "even_civilrights",
    "repress_civilsoc",
    "social_power_dist",
    "ses_power_dist",
    "un_imr_sqrt",
    "battledeaths.log2",
    "gdppcgrowth",
    "popsize.log2",
    "efindex",
    "discrimpop",
)
EWP_REGION_COLUMNS = ("reg.na", "reg.eap", "reg.sca", "reg.mna", "reg.eur")


@dataclass(frozen=True)
class FeatureRecipe:
    """How to extend a panel: changes over `lags` years, a rolling maximum, a regional share."""

    change_columns: tuple[str, ...] = EWP_CHANGE_COLUMNS
    lags: tuple[int, ...] = (3,)
    rolling_max: dict[str, int] = field(default_factory=lambda: {"battledeaths.log2": 3})
    region_columns: tuple[str, ...] = EWP_REGION_COLUMNS
    regional_share_of: str | None = "mk_ongoing_count_log2"

    def apply(self, panel: Panel) -> tuple[pd.DataFrame, list[str]]:
        """Return the panel's frame with engineered columns added, and their names."""
        spec = panel.spec
        cid, yid = spec.ids.country, spec.ids.year
        frame = panel.frame.copy()
        keyed = frame.set_index([cid, yid])
        index = pd.MultiIndex.from_frame(frame[[cid, yid]])
        added: dict[str, pd.Series] = {}
        present = [c for c in self.change_columns if c in frame.columns]
        for lag in self.lags:
            past = keyed[present].reindex(_shifted(index, lag))
            past.index = keyed.index
            for col in present:
                # A country's first years have no history: call the change zero, not unknown,
                # so that linear learners keep those rows.
                added[f"change{lag}y:{col}"] = (keyed[col] - past[col]).fillna(0.0)
        for col, window in self.rolling_max.items():
            if col in frame.columns:
                added[f"max{window}y:{col}"] = _rolling_max(keyed[col], index, window)
        share = self._regional_share(frame, cid, yid)
        if share is not None:
            added[f"regional share:{self.regional_share_of}"] = share.set_axis(keyed.index)
        extra = pd.DataFrame(added, index=keyed.index)
        out = pd.concat([keyed, extra], axis=1).reset_index()
        return out, list(extra.columns)

    def _regional_share(self, frame: pd.DataFrame, cid: str, yid: str) -> pd.Series | None:
        col = self.regional_share_of
        regions = [c for c in self.region_columns if c in frame.columns]
        if col is None or col not in frame.columns or not regions:
            return None
        # Rows with no region dummy set form the reference region (Africa, in EWP's coding).
        region = frame[regions].fillna(0).to_numpy().argmax(axis=1) + 1
        region[frame[regions].fillna(0).sum(axis=1).to_numpy() == 0] = 0
        active = (frame[col].fillna(0) > 0).astype(float)
        share = active.groupby([region, frame[yid].to_numpy()]).transform("mean")
        return share.reset_index(drop=True)


def _shifted(index: pd.MultiIndex, lag: int) -> pd.MultiIndex:
    countries = index.get_level_values(0)
    years = index.get_level_values(1) - lag
    return pd.MultiIndex.from_arrays([countries, years], names=index.names)


def _rolling_max(series: pd.Series, index: pd.MultiIndex, window: int) -> pd.Series:
    parts = [series.reindex(_shifted(index, k)).set_axis(index) for k in range(window)]
    return pd.concat(parts, axis=1).max(axis=1)
