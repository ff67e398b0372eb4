"""What every risk estimator promises, beyond scikit-learn's classifier contract.

`__init__` only stores its arguments, `fit` returns `self`, learned attributes end in `_`, and
predicting before fitting raises `NotFittedError`. On top of that a risk estimator explains
itself (`contributions`, on the log-odds scale, so that they add up across an ensemble) and can
hand out a cheaper unfitted copy of itself for resampling (`resampling_clone`), which is how the
forecast's intervals are computed without re-running every inner cross-validation.
"""

from __future__ import annotations

from abc import abstractmethod
from typing import Any, Self

import numpy as np
import pandas as pd
from scipy.special import expit
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

FloatArray = np.ndarray[Any, np.dtype[np.float64]]


class RiskEstimator(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """A binary classifier of country-years on a pandas design matrix."""

    @abstractmethod
    def fit(self, X: pd.DataFrame, y: pd.Series | FloatArray) -> Self:
        """Learn from `X` (one column per feature) and 0/1 outcomes `y`."""

    @abstractmethod
    def decision_function(self, X: pd.DataFrame) -> FloatArray:
        """Log-odds of the outcome for each row."""

    @abstractmethod
    def contributions(self, X: pd.DataFrame) -> pd.DataFrame:
        """Signed log-odds contribution of each feature for each row (columns = features)."""

    @abstractmethod
    def resampling_clone(self) -> RiskEstimator:
        """An unfitted, cheaper equivalent for bootstrap refits (choices already made are kept)."""

    def predict_proba(self, X: pd.DataFrame) -> FloatArray:
        risk = expit(self.decision_function(X))
        return np.column_stack([1.0 - risk, risk])

    def predict(self, X: pd.DataFrame) -> FloatArray:
        return (self.decision_function(X) > 0).astype(np.float64)

    def predict_risk(self, X: pd.DataFrame) -> FloatArray:
        """The probability of the outcome, as a flat array."""
        return np.asarray(self.predict_proba(X)[:, 1], dtype=np.float64)

    def _check_features(self, X: pd.DataFrame) -> pd.DataFrame:
        """Select the fitted feature columns of `X`, in fitted order, refusing missing ones."""
        check_is_fitted(self, "feature_names_in_")
        names = list(self.feature_names_in_)
        missing = [c for c in names if c not in X.columns]
        if missing:
            raise ValueError(f"X lacks fitted feature(s): {', '.join(missing[:5])}")
        return X[names]


def as_outcome(y: pd.Series | FloatArray) -> FloatArray:
    """0/1 outcomes as floats, refusing anything else (a regression target would fit silently)."""
    arr = np.asarray(y, dtype=np.float64)
    if arr.ndim != 1 or not np.isin(arr, (0.0, 1.0)).all():
        raise ValueError("y must be a one-dimensional array of 0 and 1")
    if arr.min() == arr.max():
        raise ValueError("y has a single class; at least one 0 and one 1 are needed")
    return arr


def as_design(X: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(X, pd.DataFrame):
        raise TypeError("X must be a pandas DataFrame with named feature columns")
    if X.shape[0] == 0 or X.shape[1] == 0:
        raise ValueError("X is empty")
    return X.astype(np.float64)
