from __future__ import annotations

import math

import pandas as pd
import pytest

from tests.conftest import shared_path
from tocsin.risk.backtest import read_ewp_foos
from tocsin.risk.metrics import bootstrap_intervals, foos_metrics, period


def table(rows: list[tuple[int, int, float, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["year", "mk_onset", "maxrisk2", "minrank2"])


def test_figures_on_a_hand_computed_table() -> None:
    t = table(
        [
            (2000, 1, 0.9, 1),
            (2000, 0, 0.8, 2),
            (2000, 0, 0.1, 40),
            (2001, 1, 0.2, 25),
            (2001, 0, 0.3, 3),
            (2001, 0, float("nan"), float("nan")),
        ]
    )
    m = foos_metrics(t)
    assert m.country_years == 5 and m.onsets == 2
    # positives 0.9 and 0.2 against negatives 0.8, 0.1, 0.3: 3 + 1 of 6 pairs ordered
    assert m.auc == pytest.approx(4 / 6)
    assert m.caught == {10: 1, 20: 1, 30: 2}
    assert m.recall(30) == 1.0
    assert m.brier == pytest.approx((0.01 + 0.64 + 0.01 + 0.64 + 0.09) / 5)
    assert m.as_dict()["caught"] == {"10": 1, "20": 1, "30": 2}


def test_period_and_missing_classes() -> None:
    t = table([(2000, 0, 0.1, 5), (2001, 0, 0.2, 3)])
    m = foos_metrics(period(t, 2000, 2000))
    assert m.onsets == 0 and math.isnan(m.auc) and math.isnan(m.recall(10))
    assert bootstrap_intervals(t, n=10) == {}


def test_ewps_published_file_scores_what_ewp_reports() -> None:
    published = read_ewp_foos(str(shared_path("ewp", "FOOSforecasts_3Sep2025.csv")))
    m = foos_metrics(published)
    assert m.country_years == 5032
    assert m.onsets == 39
    assert round(m.auc, 3) == 0.825
    assert m.caught[30] == 27


def test_bootstrap_intervals_bracket_the_estimate() -> None:
    published = read_ewp_foos(str(shared_path("ewp", "FOOSforecasts_3Sep2025.csv")))
    ci = bootstrap_intervals(published, n=200, seed=1)
    m = foos_metrics(published)
    assert ci["auc"][0] < m.auc < ci["auc"][1]
    assert ci["recall@30"][0] <= m.recall(30) <= ci["recall@30"][1]
    assert bootstrap_intervals(published, n=50, seed=1) == bootstrap_intervals(
        published, n=50, seed=1
    )
