"""An ensemble that averages its members' log-odds with fixed weights.

The weights are a design choice made before seeing any backtest year (equal, by default), not
fitted: with a few dozen onsets, weights fitted inside each fold were noisier than equal ones on
the development period (see docs/decisions/001-champion-model.md).
"""

from __future__ import annotations

from typing import Self

import numpy as np
import pandas as pd
from sklearn.base import clone
from sklearn.utils.validation import check_is_fitted

from tocsin.risk.estimators.base import FloatArray, RiskEstimator, as_design, as_outcome


class LogitAverage(RiskEstimator):
    """Weighted average of member estimators' log-odds; each member sees its own features.

    `members` is a sequence of (name, estimator, features) where `features` lists the columns
    that member uses (empty: all of X).
    """

    def __init__(
        self,
        members: tuple[tuple[str, RiskEstimator, tuple[str, ...]], ...] = (),
        weights: tuple[float, ...] | None = None,
    ) -> None:
        self.members = members
        self.weights = weights

    def _weights(self) -> FloatArray:
        n = len(self.members)
        w = np.full(n, 1.0 / n) if self.weights is None else np.asarray(self.weights, float)
        if len(w) != n or (w < 0).any() or not np.isclose(w.sum(), 1.0):
            raise ValueError("weights must be one non-negative number per member, summing to 1")
        return w

    def fit(self, X: pd.DataFrame, y: pd.Series | FloatArray) -> Self:
        design = as_design(X)
        target = as_outcome(y)
        if not self.members:
            raise ValueError("an ensemble needs at least one member")
        self.weights_ = self._weights()
        self.fitted_members_ = []
        for name, estimator, features in self.members:
            cols = list(features) or list(design.columns)
            member = clone(estimator).fit(design[cols], target)
            self.fitted_members_.append((name, member, tuple(cols)))
        self.feature_names_in_ = np.asarray(design.columns, dtype=object)
        self.n_features_in_ = design.shape[1]
        self.classes_ = np.array([0.0, 1.0])
        return self

    def decision_function(self, X: pd.DataFrame) -> FloatArray:
        design = self._check_features(as_design(X))
        parts = [m.decision_function(design[list(c)]) for _, m, c in self.fitted_members_]
        return np.asarray(np.average(parts, axis=0, weights=self.weights_), dtype=np.float64)

    def member_risks(self, X: pd.DataFrame) -> pd.DataFrame:
        """Each member's own risk, for reports that show how the members disagree."""
        design = self._check_features(as_design(X))
        return pd.DataFrame(
            {n: m.predict_risk(design[list(c)]) for n, m, c in self.fitted_members_},
            index=X.index,
        )

    def contributions(self, X: pd.DataFrame) -> pd.DataFrame:
        design = self._check_features(as_design(X))
        total = pd.DataFrame(0.0, index=X.index, columns=list(self.feature_names_in_))
        for weight, (_, member, cols) in zip(self.weights_, self.fitted_members_, strict=True):
            part = member.contributions(design[list(cols)])
            total[list(cols)] += weight * part.to_numpy()
        return total

    def resampling_clone(self) -> LogitAverage:
        check_is_fitted(self, "fitted_members_")
        members = tuple((n, m.resampling_clone(), c) for n, m, c in self.fitted_members_)
        return LogitAverage(members=members, weights=tuple(self.weights_))
