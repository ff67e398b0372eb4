"""The Early Warning Project's model: an elastic-net logistic regression, as glmnet fits it.

EWP calls R's `cv.glmnet(alpha = 0.5, family = "binomial")` and predicts at `lambda.min`. glum
minimises the same objective (mean binomial deviance / 2 + lambda * elastic-net penalty on
standardised predictors) over the same kind of log-spaced path, so the same choices carry over:
100 penalties down to 1e-4 of the largest, 10-fold cross-validation on deviance, the minimum.
Folds are drawn at random, as in glmnet, from a fixed seed (R's RNG cannot be reproduced, so
individual fold draws differ from EWP's; the backtest figures agree within noise).
"""

from __future__ import annotations

import warnings
from typing import Self

import numpy as np
import pandas as pd
from glum import GeneralizedLinearRegressor, GeneralizedLinearRegressorCV
from sklearn.model_selection import KFold
from sklearn.utils.validation import check_is_fitted

from tocsin.risk.estimators.base import FloatArray, RiskEstimator, as_design, as_outcome


class ElasticNetLogit(RiskEstimator):
    """Elastic-net logistic regression with the penalty chosen by K-fold cross-validation.

    Parameters mirror glmnet's: `l1_ratio` is glmnet's alpha, `n_lambdas` and `lambda_min_ratio`
    its `nlambda` and `lambda.min.ratio`, `cv_folds` its `nfolds`. Pass `penalty` to skip the
    search and fit at that penalty (glmnet's lambda).
    """

    def __init__(
        self,
        l1_ratio: float = 0.5,
        n_lambdas: int = 100,
        lambda_min_ratio: float = 1e-4,
        cv_folds: int = 10,
        penalty: float | None = None,
        random_state: int = 90035,
    ) -> None:
        self.l1_ratio = l1_ratio
        self.n_lambdas = n_lambdas
        self.lambda_min_ratio = lambda_min_ratio
        self.cv_folds = cv_folds
        self.penalty = penalty
        self.random_state = random_state

    def fit(self, X: pd.DataFrame, y: pd.Series | FloatArray) -> Self:
        design = as_design(X)
        target = as_outcome(y)
        if design.isna().any().any():
            raise ValueError("X has missing values; the elastic net needs complete cases")
        matrix = design.to_numpy()
        with warnings.catch_warnings():
            # Near-separable folds push some fitted probabilities to 0 or 1; glum clips them,
            # which is what glmnet does too, and says so once per fit.
            warnings.filterwarnings("ignore", message=".*too close to 0 or 1.*")
            if self.penalty is None:
                model = GeneralizedLinearRegressorCV(
                    family="binomial",
                    l1_ratio=self.l1_ratio,
                    n_alphas=self.n_lambdas,
                    min_alpha_ratio=self.lambda_min_ratio,
                    cv=KFold(self.cv_folds, shuffle=True, random_state=self.random_state),
                    scale_predictors=True,
                )
                model.fit(matrix, target)
                self.penalty_ = float(model.alpha_)
            else:
                model = GeneralizedLinearRegressor(
                    family="binomial",
                    alpha=self.penalty,
                    l1_ratio=self.l1_ratio,
                    scale_predictors=True,
                )
                model.fit(matrix, target)
                self.penalty_ = float(self.penalty)
        self.coef_ = np.asarray(model.coef_, dtype=np.float64)
        self.intercept_ = float(model.intercept_)
        self.mean_ = matrix.mean(axis=0)
        self.scale_ = matrix.std(axis=0)
        self.feature_names_in_ = np.asarray(design.columns, dtype=object)
        self.n_features_in_ = matrix.shape[1]
        self.classes_ = np.array([0.0, 1.0])
        return self

    def decision_function(self, X: pd.DataFrame) -> FloatArray:
        matrix = self._check_features(as_design(X)).to_numpy()
        return np.asarray(matrix @ self.coef_ + self.intercept_, dtype=np.float64)

    def contributions(self, X: pd.DataFrame) -> pd.DataFrame:
        """Standardised coefficient x standardised value, i.e. coef x (x - training mean)."""
        design = self._check_features(as_design(X))
        values = (design.to_numpy() - self.mean_) * self.coef_
        return pd.DataFrame(values, index=X.index, columns=list(self.feature_names_in_))

    def standardised_coefficients(self) -> pd.Series:
        """Coefficients per training standard deviation: comparable across predictors."""
        check_is_fitted(self, "coef_")
        return pd.Series(self.coef_ * self.scale_, index=list(self.feature_names_in_))

    def resampling_clone(self) -> ElasticNetLogit:
        check_is_fitted(self, "penalty_")
        return ElasticNetLogit(
            l1_ratio=self.l1_ratio, penalty=self.penalty_, random_state=self.random_state
        )
