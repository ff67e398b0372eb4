from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import spearmanr

from tests.conftest import shared_path
from tests.synthetic import synthetic_frame, synthetic_panel
from tocsin.errors import TocsinError
from tocsin.risk.backtest import (
    FoosProtocol,
    forecast_mask,
    read_ewp_foos,
    run_backtest,
    score_table,
    training_mask,
)
from tocsin.risk.dataset import Panel
from tocsin.risk.models import get_model

NAN = float("nan")


def hand_panel() -> Panel:
    rows = []
    for name in ("A", "B"):
        for year in range(1988, 1995):
            rows.append(
                {"name": name, "year": year, "x1": 1.0, "x2": 2.0, "onset": 0.0, "onset_1or2": 0.0}
            )
    frame = pd.DataFrame(rows)
    frame.loc[(frame.name == "A") & (frame.year == 1989), "x2"] = NAN
    frame.loc[(frame.name == "B") & (frame.year == 1990), "onset_1or2"] = NAN
    frame.loc[(frame.name == "A") & (frame.year == 1994), "onset"] = 1.0
    return synthetic_panel(frame)


def keys(panel: Panel, mask: pd.Series) -> set[tuple[str, int]]:
    rows = panel.frame[mask]
    return set(zip(rows["name"], rows["year"], strict=True))


def test_default_protocol_is_ewps() -> None:
    protocol = FoosProtocol()
    assert list(protocol.cutoffs) == list(range(1991, 2022))
    assert list(protocol.onset_years) == list(range(1994, 2025))


def test_fold_membership_by_hand() -> None:
    panel = hand_panel()
    table = get_model("ewp-enet").features(panel)
    assert keys(panel, training_mask(table, panel, 1990)) == {
        ("A", 1988),
        ("A", 1990),
        ("B", 1988),
        ("B", 1989),
    }
    assert keys(panel, forecast_mask(table, panel, 1992, need_target=True)) == {
        ("A", 1992),
        ("B", 1992),
    }
    # A forecast of the future does not need the (unknown) target; a backtest row does.
    assert ("B", 1990) in keys(panel, forecast_mask(table, panel, 1990, need_target=False))
    assert ("B", 1990) not in keys(panel, forecast_mask(table, panel, 1990, need_target=True))


def test_score_table_takes_the_best_of_the_two_previous_forecasts() -> None:
    panel = hand_panel()
    protocol = FoosProtocol(first_cutoff=1990, last_cutoff=1991)
    assert list(protocol.onset_years) == [1993, 1994]
    forecasts = pd.DataFrame(
        [("A", 1992, 0.1, 2), ("B", 1992, 0.3, 1), ("A", 1993, 0.5, 1), ("B", 1993, 0.2, 2)],
        columns=["ewp_name", "year", "risk", "rank"],
    )
    table = score_table(forecasts, panel, protocol).set_index(["ewp_name", "year"])
    assert list(table.loc[("A", 1993), ["maxrisk2", "minrank2"]].to_numpy()) == [0.1, 2]
    assert table["risk_two_years_prior"].isna().to_dict()[("A", 1993)]
    assert list(table.loc[("B", 1993), ["maxrisk2", "minrank2"]].to_numpy()) == [0.3, 1]
    a94 = table.loc[("A", 1994), ["maxrisk2", "minrank2", "mk_onset"]]
    assert list(a94.to_numpy()) == [0.5, 1, 1]
    assert list(table.loc[("B", 1994), ["maxrisk2", "minrank2"]].to_numpy()) == [0.3, 1]


def test_a_fold_never_sees_outcomes_after_its_cutoff() -> None:
    frame = synthetic_frame(n_countries=25, first=1970, last=1995)
    protocol = FoosProtocol(first_cutoff=1988, last_cutoff=1988)
    model = get_model("ewp-enet")
    before = run_backtest(synthetic_panel(frame), model, protocol)
    changed = frame.copy()
    later = changed["year"] > 1988
    changed.loc[later, ["onset", "onset_1or2"]] = 1.0 - changed.loc[later, ["onset", "onset_1or2"]]
    after = run_backtest(synthetic_panel(changed), model, protocol)
    pd.testing.assert_frame_equal(before, after)
    assert set(before["year"]) == {1990}


def test_ranks_are_within_year_highest_risk_first() -> None:
    panel = synthetic_panel()
    out = run_backtest(panel, get_model("gbm"), FoosProtocol(1990, 1992))
    assert sorted(out["year"].unique()) == [1992, 1993, 1994][: out["year"].nunique()]
    for _, year in out.groupby("year"):
        ordered = year.sort_values("rank")
        assert ordered["rank"].iloc[0] == 1
        assert ordered["risk"].is_monotonic_decreasing


def test_parallel_folds_give_the_same_forecasts() -> None:
    panel = synthetic_panel()
    protocol = FoosProtocol(1990, 1992)
    serial = run_backtest(panel, get_model("champion"), protocol, n_jobs=1)
    parallel = run_backtest(panel, get_model("champion"), protocol, n_jobs=2)
    pd.testing.assert_frame_equal(serial, parallel)


def test_no_usable_fold_is_a_clear_error() -> None:
    panel = synthetic_panel()
    with pytest.raises(TocsinError, match="no fold between 2050 and 2051"):
        run_backtest(panel, get_model("ewp-enet"), FoosProtocol(2050, 2051))
    with pytest.raises(TocsinError, match="is after last cut-off"):
        FoosProtocol(2000, 1990)


def test_reduced_ewp_replication_matches_published_fold_risks(ewp_panel: Panel) -> None:
    """Three folds of EWP's model against EWP's own published FOOS risks for the same years."""
    published = read_ewp_foos(str(shared_path("ewp", "FOOSforecasts_3Sep2025.csv")))
    ours = run_backtest(ewp_panel, get_model("ewp-enet"), FoosProtocol(2019, 2021), n_jobs=2)
    for data_year in (2021, 2022, 2023):
        theirs = published[published["prev_year"] == data_year][["ewp_name", "risk_prev"]]
        joined = ours[ours["year"] == data_year].merge(theirs, on="ewp_name")
        assert len(joined) >= 160
        rho = spearmanr(joined["risk"], joined["risk_prev"]).statistic
        assert rho > 0.98, f"data year {data_year}: Spearman {rho:.3f}"


def test_read_ewp_foos_refuses_other_files(tmp_path: Path) -> None:
    path = tmp_path / "x.csv"
    path.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(TocsinError, match="not an EWP FOOS file"):
        read_ewp_foos(str(path))
    with pytest.raises(TocsinError, match="no such file"):
        read_ewp_foos(str(tmp_path / "missing.csv"))
