"""Risk estimators, all following scikit-learn's contract (see `base.RiskEstimator`)."""

from tocsin.risk.estimators.base import RiskEstimator
from tocsin.risk.estimators.boosting import BaggedBoosting
from tocsin.risk.estimators.elastic_net import ElasticNetLogit
from tocsin.risk.estimators.ensemble import LogitAverage

__all__ = ["BaggedBoosting", "ElasticNetLogit", "LogitAverage", "RiskEstimator"]
