from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from tests.synthetic import synthetic_frame, synthetic_panel
from tocsin.risk.dataset import Panel
from tocsin.risk.features import FeatureRecipe

RECIPE = FeatureRecipe(
    change_columns=("x1",),
    lags=(1, 3),
    rolling_max={"x2": 2},
    region_columns=(),
    regional_share_of=None,
)


def test_changes_look_back_by_year_not_by_row() -> None:
    frame = synthetic_frame(n_countries=2, first=1990, last=1996)
    frame = frame[~((frame["name"] == "C00") & (frame["year"] == 1993))]  # a gap
    panel = synthetic_panel(frame)
    out, added = RECIPE.apply(panel)
    assert added == ["change1y:x1", "change3y:x1", "max2y:x2"]
    c0 = out[out["name"] == "C00"].set_index("year")
    x1, x2 = c0["x1"].to_dict(), c0["x2"].to_dict()
    assert c0.loc[1994, "change1y:x1"] == 0.0  # 1993 is missing: no history, change zero
    assert c0.loc[1995, "change3y:x1"] == pytest.approx(x1[1995] - x1[1992])
    assert c0.loc[1990, "change3y:x1"] == 0.0
    assert c0.loc[1995, "max2y:x2"] == pytest.approx(max(x2[1995], x2[1994]))


def test_features_never_look_ahead() -> None:
    frame = synthetic_frame(n_countries=5, first=1980, last=2000)
    before, added = RECIPE.apply(synthetic_panel(frame))
    changed = frame.copy()
    changed.loc[changed["year"] > 1990, ["x1", "x2"]] = 99.0
    after, _ = RECIPE.apply(synthetic_panel(changed))
    past = before["year"] <= 1990
    pd.testing.assert_frame_equal(before.loc[past, added], after.loc[past, added])


def test_ewp_recipe_adds_regional_share_and_skips_absent_columns(ewp_panel: Panel) -> None:
    out, added = FeatureRecipe(change_columns=("even_civilrights", "not_a_column")).apply(ewp_panel)
    assert "change3y:even_civilrights" in added
    assert not any("not_a_column" in a for a in added)
    share = out["regional share:mk_ongoing_count_log2"]
    assert share.between(0, 1).all() and share.max() > 0
    assert not np.isnan(out[added].to_numpy()).any()
    assert len(out) == len(ewp_panel.frame)
