"""The models a user can name on the command line: a feature recipe plus an estimator.

A model is built for a dataset spec, because the features it uses (and which of them are
calendar terms) come from the spec; nothing here names an EWP column directly.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from tocsin.errors import TocsinError
from tocsin.risk.dataset import Panel
from tocsin.risk.estimators import BaggedBoosting, ElasticNetLogit, LogitAverage, RiskEstimator
from tocsin.risk.features import FeatureRecipe


@dataclass(frozen=True)
class FeatureTable:
    """A panel's frame extended with a model's features, and which columns those are."""

    frame: pd.DataFrame
    features: tuple[str, ...]
    base_features: tuple[str, ...]  # the spec's predictors; rows need these complete


@dataclass(frozen=True)
class Model:
    name: str
    summary: str
    engineered: bool
    build: Callable[[Panel, FeatureTable], RiskEstimator]

    def features(self, panel: Panel) -> FeatureTable:
        base = tuple(panel.spec.predictors.names)
        if not self.engineered:
            return FeatureTable(panel.frame, base, base)
        frame, added = FeatureRecipe().apply(panel)
        return FeatureTable(frame, base + tuple(added), base)

    def estimator(self, panel: Panel, table: FeatureTable) -> RiskEstimator:
        return self.build(panel, table)


def _ewp_enet(panel: Panel, table: FeatureTable) -> RiskEstimator:
    return ElasticNetLogit()


def _gbm(panel: Panel, table: FeatureTable) -> RiskEstimator:
    return BaggedBoosting(exclude=tuple(panel.spec.predictors.calendar))


def _champion(panel: Panel, table: FeatureTable) -> RiskEstimator:
    # A lighter penalty search than EWP's (15 penalties down to 1/100 of the largest, 5 folds)
    # keeps the full backtest well under a minute; the chosen penalty sits mid-path in every fold.
    enet = ElasticNetLogit(n_lambdas=15, lambda_min_ratio=1e-2, cv_folds=5, random_state=0)
    return LogitAverage(
        members=(
            ("elastic-net", enet, ()),
            ("boosted-trees", _gbm(panel, table), ()),
        )
    )


MODELS: dict[str, Model] = {
    m.name: m
    for m in (
        Model(
            "ewp-enet",
            "EWP's elastic-net logistic regression on the spec's predictors (the anchor)",
            engineered=False,
            build=_ewp_enet,
        ),
        Model(
            "gbm",
            "Boosted trees (LightGBM, 3 seeds) on predictors plus engineered changes",
            engineered=True,
            build=_gbm,
        ),
        Model(
            "champion",
            "Equal log-odds average of an elastic net and boosted trees, engineered features",
            engineered=True,
            build=_champion,
        ),
    )
}


def get_model(name: str) -> Model:
    try:
        return MODELS[name]
    except KeyError:
        known = ", ".join(MODELS)
        raise TocsinError(f"unknown model '{name}'; choose one of: {known}") from None
