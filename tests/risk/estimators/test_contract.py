"""One contract test run over every estimator every model builds (scikit-learn's contract)."""

from __future__ import annotations

import inspect

import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError

from tests.synthetic import synthetic_panel
from tocsin.risk.estimators import BaggedBoosting, ElasticNetLogit, LogitAverage, RiskEstimator
from tocsin.risk.models import MODELS


@pytest.fixture(scope="module")
def data() -> tuple[pd.DataFrame, pd.Series]:
    panel = synthetic_panel()
    table = MODELS["champion"].features(panel)
    frame = table.frame.dropna(subset=list(table.features))
    return frame[list(table.features)], frame["onset_1or2"]


def estimators() -> list[tuple[str, RiskEstimator]]:
    panel = synthetic_panel()
    out = []
    for name, model in MODELS.items():
        estimator = model.estimator(panel, model.features(panel))
        out.append((name, estimator))
        if isinstance(estimator, LogitAverage):
            out += [(f"{name}/{n}", e) for n, e, _ in estimator.members]
    return out


ALL = estimators()


@pytest.mark.parametrize(("name", "estimator"), ALL, ids=[n for n, _ in ALL])
def test_estimator_contract(
    name: str, estimator: RiskEstimator, data: tuple[pd.DataFrame, pd.Series]
) -> None:
    X, y = data
    # __init__ only stores its arguments
    signature = inspect.signature(type(estimator).__init__)
    params = estimator.get_params(deep=False)
    assert set(params) == set(signature.parameters) - {"self"}
    fresh = clone(estimator)
    assert fresh.get_params(deep=False).keys() == params.keys()
    assert not [k for k in vars(fresh) if k.endswith("_")], "no learned state before fit"
    # predicting before fitting raises
    for method in ("predict_proba", "decision_function", "contributions"):
        with pytest.raises(NotFittedError):
            getattr(fresh, method)(X)
    with pytest.raises(NotFittedError):
        fresh.resampling_clone()
    # fit returns self; learned attributes end in "_"
    assert fresh.fit(X, y) is fresh
    learned = set(vars(fresh)) - set(params)
    assert learned and all(k.endswith("_") for k in learned), learned
    proba = fresh.predict_proba(X)
    assert proba.shape == (len(X), 2)
    assert np.allclose(proba.sum(axis=1), 1.0) and ((proba >= 0) & (proba <= 1)).all()
    # contributions add up to the log-odds, up to one constant (the baseline)
    contrib = fresh.contributions(X)
    assert list(contrib.columns) == list(X.columns)
    baseline = fresh.decision_function(X) - contrib.sum(axis=1).to_numpy()
    assert np.allclose(baseline, baseline[0], atol=1e-6)
    # the resampling clone is unfitted, of the same kind, and fits
    cheap = fresh.resampling_clone()
    assert type(cheap) is type(fresh)
    with pytest.raises(NotFittedError):
        cheap.predict_proba(X)
    assert cheap.fit(X, y).predict_risk(X).shape == (len(X),)


@pytest.mark.parametrize(
    "estimator",
    [ElasticNetLogit(), BaggedBoosting(), LogitAverage(members=(("e", ElasticNetLogit(), ()),))],
)
def test_bad_training_input_is_refused(
    estimator: RiskEstimator, data: tuple[pd.DataFrame, pd.Series]
) -> None:
    X, y = data
    with pytest.raises(ValueError, match="0 and 1"):
        estimator.fit(X, y * 2)
    with pytest.raises(ValueError, match="single class"):
        estimator.fit(X, y * 0)
    with pytest.raises(TypeError, match="DataFrame"):
        estimator.fit(X.to_numpy(), y)  # type: ignore[arg-type]
    fitted = clone(estimator).fit(X, y)
    with pytest.raises(ValueError, match="lacks fitted feature"):
        fitted.predict_proba(X.drop(columns=[X.columns[0]]))


def test_elastic_net_refuses_missing_values(data: tuple[pd.DataFrame, pd.Series]) -> None:
    X, y = data
    holey = X.copy()
    holey.iloc[0, 0] = np.nan
    with pytest.raises(ValueError, match="missing values"):
        ElasticNetLogit().fit(holey, y)


def test_excluded_features_get_zero_contribution(data: tuple[pd.DataFrame, pd.Series]) -> None:
    X, y = data
    model = BaggedBoosting(exclude=("year",), seeds=(0,)).fit(X, y)
    assert (model.contributions(X)["year"] == 0).all()
    assert "year" not in model.used_features_


def test_ensemble_weights_are_checked(data: tuple[pd.DataFrame, pd.Series]) -> None:
    X, y = data
    members = (("a", ElasticNetLogit(), ()), ("b", ElasticNetLogit(), ()))
    with pytest.raises(ValueError, match="summing to 1"):
        LogitAverage(members=members, weights=(0.7, 0.7)).fit(X, y)
    with pytest.raises(ValueError, match="at least one member"):
        LogitAverage().fit(X, y)
