"""Storing data sets and runs, and what pages read back, on a database seeded with EWP's data."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from tests.fixtures import ewp_inputs
from tocsin import risk
from tocsin.db import Database
from tocsin.domain.countries import from_ewp_name
from tocsin.risk import store
from tocsin.risk.tables import DatasetRecord, ForecastRow, ModelRun, PanelRow

pytestmark = pytest.mark.shared_data

YEAR = 2024  # the last data year of the seeded panel: the forecast year


def panel_year(year: int) -> dict[str, dict[str, Any]]:
    """EWP's own values for one year, by ISO code, straight from the file (not the database)."""
    panel, _, _ = ewp_inputs()
    frame = panel.frame[panel.frame["year"] == year]
    out: dict[str, dict[str, Any]] = {}
    for row in frame.to_dict("records"):
        country = from_ewp_name(str(row["ewp_name"]))
        if country is not None:
            out[country.iso3] = {str(k): v for k, v in row.items()}
    return out


def same(a: Any, b: Any) -> bool:
    """Equal, counting a missing value (None or NaN) as equal to another missing value."""

    def missing(v: Any) -> bool:
        return v is None or (isinstance(v, float) and math.isnan(v))

    return (missing(a) and missing(b)) or a == b


def small_forecast(session: Session, model: str, names: list[str], **extra: Any) -> ModelRun:
    dataset = store.current_dataset(session)
    assert dataset is not None
    table = pd.DataFrame(
        {
            "ewp_name": names,
            "risk": [0.5 / (i + 1) for i in range(len(names))],
            "rank": list(range(1, len(names) + 1)),
            **extra,
        }
    )
    return store.save_run(
        session, kind="forecast", model=model, dataset=dataset, forecasts=table, year=YEAR
    )


def snapshot(db: Database) -> store.RunSnapshot:
    with db.session() as session:
        run = store.forecast_run(session)
        assert run is not None
        return store.build_snapshot(session, run)


# --- data sets ---------------------------------------------------------------------------------


def test_the_imported_data_set_is_current_and_importing_is_idempotent(seeded: Database) -> None:
    panel, _, _ = ewp_inputs()
    with seeded.session() as session:
        current = store.current_dataset(session)
        assert current is not None
        assert current.sha256 == panel.sha256 and current.is_current
        assert (current.first_year, current.last_year) == panel.years() == (2014, YEAR)
        assert current.rows == len(panel.frame) and current.spec == panel.spec.name
        assert current.provenance == {"source": "test", "bytes": 1}
        first_id = current.id
        # The panel can be rebuilt from the database alone.
        sudan = session.scalar(
            select(PanelRow).where(
                PanelRow.dataset_id == first_id, PanelRow.iso3 == "SDN", PanelRow.year == YEAR
            )
        )
        assert sudan is not None and sudan.ewp_name == "Sudan"
        expected = panel_year(YEAR)["SDN"]
        assert all(same(value, expected[column]) for column, value in sudan.values.items())
        assert set(panel.spec.predictors.names) <= set(sudan.values)

    with seeded.session() as session:
        again = store.import_dataset(session, panel, {"source": "again"})
        assert again.id == first_id
        assert session.scalar(select(func.count()).select_from(DatasetRecord)) == 1
        rows = session.scalar(select(func.count()).select_from(PanelRow))
        assert rows == len(panel.frame)

    recent = panel.frame[panel.frame["year"] == YEAR].reset_index(drop=True)
    other = risk.Panel(frame=recent, spec=panel.spec, source="other.csv", sha256="f" * 64)
    with seeded.session() as session:
        newer = store.import_dataset(session, other, {})
        assert store.current_dataset(session) == newer
        assert [d.id for d in store.list_datasets(session)] == [newer.id, first_id]
        # The latest forecast is the current data set's: there is none on the new one yet.
        assert store.forecast_run(session) is None
        assert store.models_with_runs(session, "forecast") == []
    with seeded.session() as session:
        back = store.import_dataset(session, panel, {})
        assert back.id == first_id
        currents = session.scalars(select(DatasetRecord.id).where(DatasetRecord.is_current))
        assert list(currents) == [first_id]
        found = store.dataset_by_sha(session, "f" * 64)
        assert found is not None and found.id == newer.id
        assert session.scalar(select(func.count()).select_from(DatasetRecord)) == 2


# --- which forecast to show --------------------------------------------------------------------


def test_forecast_run_prefers_champion_then_enet_then_gbm_then_published(
    seeded: Database,
) -> None:
    few = ["Sudan", "Chad", "Mali"]
    with seeded.session() as session:
        published = store.forecast_run(session)
        assert published is not None and published.model == store.PUBLISHED
        assert published.year == YEAR
        small_forecast(session, "some-experiment", few)
        run = store.forecast_run(session)
        assert run is not None and run.model == store.PUBLISHED  # unlisted models come last
        chosen = []
        for model in ("gbm", "ewp-enet", "champion"):
            small_forecast(session, model, few)
            run = store.forecast_run(session)
            assert run is not None
            chosen.append(run.model)
        assert chosen == ["gbm", "ewp-enet", "champion"]
        # Preference holds whatever the order runs were saved in, and the newest run wins.
        small_forecast(session, "gbm", few)
        newest_champion = small_forecast(session, "champion", few)
        small_forecast(session, "ewp-enet", few)
        run = store.forecast_run(session)
        assert run is not None and run.id == newest_champion.id
        # Asking for a model gets that model's newest run, or nothing.
        named = store.forecast_run(session, "gbm")
        assert named is not None and named.model == "gbm"
        assert store.forecast_run(session, "no-such-model") is None
        assert store.models_with_runs(session, "forecast") == sorted(
            ["champion", "ewp-enet", "gbm", "some-experiment", store.PUBLISHED]
        )


# --- the dashboard's snapshot ------------------------------------------------------------------


def test_the_watchlist_filters_by_region_factor_and_name_and_limits(seeded: Database) -> None:
    snap = snapshot(seeded)
    values = panel_year(YEAR)
    assert snap.year == YEAR and snap.model == store.PUBLISHED
    assert [r.rank for r in snap.rows] == sorted(r.rank for r in snap.rows)
    assert len(snap.rows) > 150

    top = snap.watchlist()
    assert [r.rank for r in top] == list(range(1, 31))  # thirty by default, by rank
    assert [r.rank for r in snap.watchlist(limit=5)] == [1, 2, 3, 4, 5]
    everything = snap.watchlist(limit=1000)
    assert len(everything) == len(snap.rows)

    # Regions follow EWP's dummies; rows with none are EWP's reference region, Africa.
    assert snap.regions() == sorted({*store.REGIONS.values(), store.REFERENCE_REGION})
    europe = snap.watchlist(region="Europe", limit=1000)
    assert europe and all(r.region == "Europe" for r in europe)
    assert {r.iso3 for r in europe} == {
        r.iso3 for r in everything if values[r.iso3]["reg.eur"] == 1
    }
    assert [r.rank for r in europe] == sorted(r.rank for r in europe)
    africa = snap.watchlist(region="Africa", limit=1000)
    assert {r.iso3 for r in africa} == {
        r.iso3 for r in everything if all(values[r.iso3][column] == 0 for column in store.REGIONS)
    }
    assert snap.watchlist(region="Atlantis") == []

    # By a factor: only where it is present, highest first, then by risk rank.
    deaths = snap.watchlist(factor="battledeaths.log2", limit=1000)
    expected = {r.iso3 for r in everything if values[r.iso3]["battledeaths.log2"] not in (0, None)}
    assert {r.iso3 for r in deaths} == expected and len(deaths) > 5
    keys = [(-values[r.iso3]["battledeaths.log2"], r.rank) for r in deaths]
    assert keys == sorted(keys)
    assert deaths[0].factors["battledeaths.log2"] == max(
        values[iso]["battledeaths.log2"] for iso in expected
    )
    wide = snap.watchlist(factor="widetargeting", limit=1000)
    assert wide and all(r.factors["widetargeting"] == 1 for r in wide)
    assert [r.rank for r in wide] == sorted(r.rank for r in wide)
    assert snap.watchlist(factor="no-such-factor") == []

    # By name: the display name or EWP's, any case, trimmed.
    assert {r.iso3 for r in snap.watchlist(search="congo")} == {"COD", "COG"}
    assert [r.iso3 for r in snap.watchlist(search="  BURMA ")] == ["MMR"]
    assert [r.name for r in snap.watchlist(search="myanmar")] == ["Myanmar"]
    assert {r.iso3 for r in snap.watchlist(search="sudan")} == {"SDN", "SSD"}
    assert snap.watchlist(search="zzzz") == []
    # Filters combine.
    combined = snap.watchlist(region="Africa", search="sudan")
    assert combined
    assert {r.iso3 for r in combined} == {
        r.iso3 for r in snap.watchlist(search="sudan") if r.region == "Africa"
    }
    assert snap.watchlist(region="Europe", search="sudan") == []


def test_the_run_cache_builds_a_snapshot_once_per_run(seeded: Database) -> None:
    cache = store.RunCache()
    with seeded.session() as session:
        run = store.forecast_run(session)
        assert run is not None
        first = cache.get(session, run)
        other_run = small_forecast(session, "gbm", ["Sudan", "Chad"])
    with seeded.session() as session:
        again = store.get_run(session, run.id)
        assert again is not None
        assert cache.get(session, again) is first  # the same object, from another session
        other = cache.get(session, other_run)
        assert other is not first and other.model == "gbm" and len(other.rows) == 2
        assert cache.get(session, other_run) is other
    assert first.run_id == run.id and first.year == YEAR

    tiny = store.RunCache(size=1)
    with seeded.session() as session:
        kept = tiny.get(session, run)
        tiny.get(session, other_run)
        rebuilt = tiny.get(session, run)  # pushed out by the other run, so built again
        assert rebuilt is not kept and rebuilt == kept


# --- a country's page --------------------------------------------------------------------------


def test_a_country_page_has_history_indicators_and_unknowns_get_none(seeded: Database) -> None:
    panel, _, _ = ewp_inputs()
    now, before = panel_year(YEAR), panel_year(YEAR - 1)
    cache = store.RunCache()
    with seeded.session() as session:
        page = store.country_page(session, cache, "SDN")
        assert page is not None
        assert page.forecast.iso3 == "SDN" and page.forecast.name == "Sudan"
        assert page.model == store.PUBLISHED and page.year == YEAR
        assert page.history_model == store.PUBLISHED

        years = [year for year, _ in page.history]
        assert years == sorted(set(years)) and len(years) >= 5
        assert years[-1] == YEAR  # the as-of backtest years, then the forecast year
        assert page.history[-1][1] == pytest.approx(page.forecast.risk)
        backtest = store.latest_run(session, "backtest", store.PUBLISHED)
        assert backtest is not None
        as_of = dict(
            session.execute(
                select(ForecastRow.year, ForecastRow.risk).where(
                    ForecastRow.run_id == backtest.id, ForecastRow.iso3 == "SDN"
                )
            ).all()
        )
        assert dict(page.history[:-1]) == pytest.approx(
            {y: r for y, r in as_of.items() if y != YEAR}
        )

        shown = [column for column, _, _ in page.indicators]
        calendar = set(panel.spec.predictors.calendar)
        assert shown and not (set(shown) & calendar)
        assert set(shown) <= set(panel.spec.predictors.names)
        for column, this_year, last_year in page.indicators:
            assert same(this_year, now["SDN"][column]), column
            assert same(last_year, before["SDN"][column]), column

        assert store.country_page(session, cache, "XXX") is None
        assert store.country_page(session, cache, "SDN", model="no-such-model") is None

        # Another model's page borrows the published backtest for its history.
        small_forecast(session, "gbm", ["Chad", "Sudan"])
        gbm = store.country_page(session, cache, "SDN", model="gbm")
        assert gbm is not None and gbm.model == "gbm" and gbm.forecast.rank == 2
        assert gbm.history_model == store.PUBLISHED
        last_year, last_risk = gbm.history[-1]
        assert last_year == YEAR and last_risk == pytest.approx(0.25)
        assert store.country_page(session, cache, "MLI", model="gbm") is None


# --- saving runs -------------------------------------------------------------------------------


def test_save_run_parses_drivers_and_keeps_missing_values_missing(seeded: Database) -> None:
    nan = float("nan")
    with seeded.session() as session:
        run = small_forecast(
            session,
            "champion",
            ["Sudan", "Chad", "Mali"],
            driver_1=["widetargeting=+0.123", "popsize.log2=-0.05", nan],
            driver_2=["a=b=+0.5", "", None],
            driver_3=["no value here", "mk_ever=1e-3", nan],
            risk_low=[0.1, nan, 0.05],
            risk_high=[0.9, nan, 0.2],
            rank_change=[2, nan, -1],
        )
        run_id = run.id
    with seeded.session() as session:
        rows = {
            row.iso3: row
            for row in session.scalars(select(ForecastRow).where(ForecastRow.run_id == run_id))
        }
        assert set(rows) == {"SDN", "TCD", "MLI"}
        assert rows["SDN"].drivers == [["widetargeting", 0.123], ["a=b", 0.5]]
        assert rows["TCD"].drivers == [["popsize.log2", -0.05], ["mk_ever", 0.001]]
        assert rows["MLI"].drivers == []
        assert (rows["SDN"].risk_low, rows["SDN"].risk_high) == (0.1, 0.9)
        assert rows["TCD"].risk_low is None and rows["TCD"].risk_high is None
        assert (rows["SDN"].rank_change, rows["TCD"].rank_change) == (2, None)
        assert rows["MLI"].rank_change == -1
        assert all(row.year == YEAR for row in rows.values())
        saved = store.get_run(session, run_id)
        assert saved is not None
        snap = store.build_snapshot(session, saved)
    sudan = next(r for r in snap.rows if r.iso3 == "SDN")
    assert sudan.drivers == (("widetargeting", 0.123), ("a=b", 0.5))
