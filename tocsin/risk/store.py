"""Saving data sets, forecasts and backtests in the database, and reading them back for pages.

Runs are immutable once saved, so what pages read about a run can be cached in memory by run id
(see `RunCache`); only "which run is the latest" needs a query per request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import pandas as pd
from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from tocsin.db.base import finite_or_none
from tocsin.domain.countries import from_ewp_name
from tocsin.risk.dataset import Panel
from tocsin.risk.spec import DatasetSpec, load_spec
from tocsin.risk.tables import DatasetRecord, ForecastRow, ModelRun, PanelRow

PUBLISHED = "ewp-published"  # EWP's own published forecasts, imported beside ours
REGIONS = {
    "reg.na": "Americas",
    "reg.eap": "East Asia and Pacific",
    "reg.sca": "South and Central Asia",
    "reg.mna": "Middle East and North Africa",
    "reg.eur": "Europe",
}
REFERENCE_REGION = "Africa"  # EWP's rows with no region dummy set


def iso3(ewp_name: str) -> str:
    country = from_ewp_name(ewp_name)
    return country.iso3 if country else ""


@lru_cache(maxsize=16)
def _spec(name: str | None) -> DatasetSpec:
    """A data set's spec, read once per process rather than once per country page."""
    return load_spec(name)


def region_of(values: dict[str, Any]) -> str:
    for column, name in REGIONS.items():
        if values.get(column) == 1:
            return name
    return REFERENCE_REGION


def import_dataset(session: Session, panel: Panel, provenance: dict[str, Any]) -> DatasetRecord:
    """Store a validated panel (once per content hash) and make it the current data set."""
    existing = session.scalar(select(DatasetRecord).where(DatasetRecord.sha256 == panel.sha256))
    session.execute(update(DatasetRecord).values(is_current=False))
    if existing is not None:
        existing.is_current = True
        return existing
    spec = panel.spec
    first, last = panel.years()
    record = DatasetRecord(
        spec=spec.name,
        source=panel.source,
        sha256=panel.sha256,
        bytes=int(provenance.get("bytes", 0)),
        first_year=first,
        last_year=last,
        rows=len(panel.frame),
        provenance=provenance,
        is_current=True,
    )
    session.add(record)
    session.flush()
    # Every numeric column the spec names, so the panel can be rebuilt from the database alone.
    columns = [c for c in spec.numeric_columns if c != spec.ids.year] + [spec.ids.year]
    columns = list(dict.fromkeys(columns))
    frame = panel.frame
    rows = [
        {
            "dataset_id": record.id,
            "iso3": iso3(name),
            "ewp_name": name,
            "year": int(year),
            # NaN (missing) becomes null as the Json column stores it.
            "values": {c: float(v) for c, v in zip(columns, values, strict=True)},
        }
        for name, year, values in zip(
            frame[spec.ids.country], frame[spec.ids.year], frame[columns].to_numpy(), strict=True
        )
    ]
    session.execute(insert(PanelRow), rows)
    return record


def dataset_by_sha(session: Session, sha256: str) -> DatasetRecord | None:
    return session.scalar(select(DatasetRecord).where(DatasetRecord.sha256 == sha256))


def current_dataset(session: Session) -> DatasetRecord | None:
    return session.scalar(
        select(DatasetRecord).where(DatasetRecord.is_current).order_by(DatasetRecord.id.desc())
    )


def _forecast_rows(run: ModelRun, table: pd.DataFrame) -> list[dict[str, Any]]:
    out = []
    for row in table.to_dict("records"):
        drivers = []
        for i in range(1, 6):
            cell = row.get(f"driver_{i}")
            if isinstance(cell, str) and "=" in cell:
                name, value = cell.rsplit("=", 1)
                drivers.append([name, float(value)])
        change = row.get("rank_change")
        out.append(
            {
                "run_id": run.id,
                "iso3": iso3(str(row["ewp_name"])),
                "ewp_name": row["ewp_name"],
                "year": int(row["year"]),
                "risk": float(row["risk"]),
                "rank": int(row["rank"]),
                "risk_low": finite_or_none(float(row.get("risk_low", float("nan")))),
                "risk_high": finite_or_none(float(row.get("risk_high", float("nan")))),
                "rank_change": None if change is None or pd.isna(change) else int(change),
                "drivers": drivers,
            }
        )
    return out


def save_run(
    session: Session,
    *,
    kind: str,
    model: str,
    dataset: DatasetRecord,
    forecasts: pd.DataFrame,
    year: int | None = None,
    params: dict[str, Any] | None = None,
    metrics: dict[str, Any] | None = None,
    report_dir: str = "",
    job_id: int | None = None,
) -> ModelRun:
    """Store a run and its forecasts (columns as `forecast` or `run_backtest` return them)."""
    run = ModelRun(
        kind=kind,
        model=model,
        dataset_id=dataset.id,
        year=year,
        params=params or {},
        metrics=metrics or {},
        report_dir=report_dir,
        job_id=job_id,
    )
    session.add(run)
    session.flush()
    table = forecasts if "year" in forecasts.columns else forecasts.assign(year=year)
    session.execute(insert(ForecastRow), _forecast_rows(run, table))
    return run


def published_runs(
    foos: pd.DataFrame | None, final: pd.DataFrame | None, last_year: int
) -> list[tuple[str, pd.DataFrame, int | None]]:
    """EWP's published files as runs of model `ewp-published`: (kind, forecasts, year)."""
    runs: list[tuple[str, pd.DataFrame, int | None]] = []
    if final is not None and "risk.2025and2026.from2024" in final.columns:
        table = pd.DataFrame(
            {
                "ewp_name": final["ewp_name"],
                "risk": final["risk.2025and2026.from2024"],
                "rank": final["rank.2025and2026.from2025"].astype(int),
            }
        )
        if "rank.2024and2025.from2023" in final.columns:
            table["rank_change"] = final["rank.2024and2025.from2023"] - table["rank"]
        runs.append(("forecast", table.assign(year=last_year), last_year))
    if foos is not None:
        parts = []
        for suffix, back in (("prev", 1), ("two_years_prior", 2)):
            part = foos[["ewp_name", "year", f"risk_{suffix}", f"rank_{suffix}"]].dropna()
            part.columns = pd.Index(["ewp_name", "year", "risk", "rank"])
            parts.append(part.assign(year=part["year"] - back))
        table = pd.concat(parts).drop_duplicates(["ewp_name", "year"])
        runs.append(("backtest", table, None))
    return runs


def replace_published(
    session: Session,
    dataset: DatasetRecord,
    runs: Sequence[tuple[str, pd.DataFrame, int | None]],
    metrics: dict[str, Any] | None = None,
) -> list[ModelRun]:
    """Swap in EWP's published runs for this data set (idempotent on re-import)."""
    session.execute(
        delete(ModelRun).where(ModelRun.model == PUBLISHED, ModelRun.dataset_id == dataset.id)
    )
    saved = []
    for kind, table, year in runs:
        saved.append(
            save_run(
                session,
                kind=kind,
                model=PUBLISHED,
                dataset=dataset,
                forecasts=table,
                year=year,
                metrics=metrics if kind == "backtest" else None,
            )
        )
    return saved


def latest_run(session: Session, kind: str, model: str | None = None) -> ModelRun | None:
    """The newest run of `kind` on the current data set (of `model`, if given)."""
    dataset = current_dataset(session)
    if dataset is None:
        return None
    stmt = select(ModelRun).where(ModelRun.kind == kind, ModelRun.dataset_id == dataset.id)
    if model:
        stmt = stmt.where(ModelRun.model == model)
    return session.scalar(stmt.order_by(ModelRun.id.desc()).limit(1))


def list_runs(session: Session, *, kind: str | None = None, limit: int = 50) -> Sequence[ModelRun]:
    stmt = select(ModelRun).order_by(ModelRun.id.desc()).limit(limit)
    if kind:
        stmt = stmt.where(ModelRun.kind == kind)
    return session.scalars(stmt).all()


def get_run(session: Session, run_id: int) -> ModelRun | None:
    return session.get(ModelRun, run_id)


def list_datasets(session: Session) -> Sequence[DatasetRecord]:
    return session.scalars(select(DatasetRecord).order_by(DatasetRecord.id.desc())).all()


def models_with_runs(session: Session, kind: str) -> list[str]:
    dataset = current_dataset(session)
    if dataset is None:
        return []
    stmt = (
        select(ModelRun.model)
        .where(ModelRun.kind == kind, ModelRun.dataset_id == dataset.id)
        .distinct()
    )
    return sorted(session.scalars(stmt))


# --- what pages read -------------------------------------------------------------------------


@dataclass(frozen=True)
class CountryForecast:
    iso3: str
    ewp_name: str
    name: str
    region: str
    risk: float
    rank: int
    risk_low: float | None
    risk_high: float | None
    rank_change: int | None
    drivers: tuple[tuple[str, float], ...]
    factors: dict[str, Any] = field(hash=False, compare=False)


@dataclass(frozen=True)
class RunSnapshot:
    """Everything the dashboard needs about one forecast run, built once per run."""

    run_id: int
    model: str
    year: int
    rows: tuple[CountryForecast, ...]

    def watchlist(
        self,
        *,
        region: str | None = None,
        factor: str | None = None,
        search: str | None = None,
        limit: int = 30,
    ) -> list[CountryForecast]:
        """The top of the list, optionally within a region, by a risk factor, or by name.

        With `factor`, countries where that factor is present (non-zero) come first, ordered
        by the factor's value and then by risk, as EWP's "sort by risk factor" does.
        """
        rows = list(self.rows)
        if region:
            rows = [r for r in rows if r.region == region]
        if search:
            needle = search.strip().lower()
            rows = [r for r in rows if needle in r.name.lower() or needle in r.ewp_name.lower()]
        if factor:
            rows = [r for r in rows if (r.factors.get(factor) or 0) != 0]
            rows.sort(key=lambda r: (-(r.factors.get(factor) or 0), r.rank))
        return rows[:limit]

    def regions(self) -> list[str]:
        return sorted({r.region for r in self.rows})


def build_snapshot(session: Session, run: ModelRun) -> RunSnapshot:
    from tocsin.domain.countries import from_iso3

    year = run.year if run.year is not None else 0
    forecasts = session.scalars(
        select(ForecastRow).where(ForecastRow.run_id == run.id).order_by(ForecastRow.rank)
    ).all()
    panel = {
        row.iso3: row.values
        for row in session.scalars(
            select(PanelRow).where(PanelRow.dataset_id == run.dataset_id, PanelRow.year == year)
        )
    }
    rows = []
    for f in forecasts:
        values = panel.get(f.iso3, {})
        country = from_iso3(f.iso3)
        rows.append(
            CountryForecast(
                iso3=f.iso3,
                ewp_name=f.ewp_name,
                name=country.name if country else f.ewp_name,
                region=region_of(values),
                risk=f.risk,
                rank=f.rank,
                risk_low=f.risk_low,
                risk_high=f.risk_high,
                rank_change=f.rank_change,
                drivers=tuple((str(n), float(v)) for n, v in f.drivers),
                factors=values,
            )
        )
    return RunSnapshot(run_id=run.id, model=run.model, year=year, rows=tuple(rows))


class RunCache:
    """A small thread-safe LRU of run snapshots (runs never change once saved)."""

    def __init__(self, size: int = 16) -> None:
        self._items: OrderedDict[int, RunSnapshot] = OrderedDict()
        self._lock = threading.Lock()
        self._size = size

    def get(self, session: Session, run: ModelRun) -> RunSnapshot:
        with self._lock:
            if run.id in self._items:
                self._items.move_to_end(run.id)
                return self._items[run.id]
        snapshot = build_snapshot(session, run)
        with self._lock:
            self._items[run.id] = snapshot
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return snapshot


@dataclass(frozen=True)
class CountryHistory:
    iso3: str
    history: list[tuple[int, float]]  # (data year, risk) from the backtest, then the forecast
    indicators: list[tuple[str, Any, Any]]  # (column, this year's value, last year's)
    year: int


def country_history(
    session: Session, iso3_code: str, forecast: ModelRun, backtest: ModelRun | None
) -> CountryHistory:
    """A country's risk by data year (as-of backtest forecasts, then the current forecast)."""
    history: dict[int, float] = {}
    if backtest is not None:
        for year, risk in session.execute(
            select(ForecastRow.year, ForecastRow.risk)
            .where(ForecastRow.run_id == backtest.id, ForecastRow.iso3 == iso3_code)
            .order_by(ForecastRow.year)
        ):
            history[int(year)] = float(risk)
    current = session.scalar(
        select(ForecastRow.risk).where(
            ForecastRow.run_id == forecast.id, ForecastRow.iso3 == iso3_code
        )
    )
    year = forecast.year or 0
    if current is not None:
        history[year] = float(current)
    values = {
        row.year: row.values
        for row in session.scalars(
            select(PanelRow).where(
                PanelRow.dataset_id == forecast.dataset_id,
                PanelRow.iso3 == iso3_code,
                PanelRow.year.in_([year, year - 1]),
            )
        )
    }
    now, before = values.get(year, {}), values.get(year - 1, {})
    indicators = [(column, now.get(column), before.get(column)) for column in now]
    return CountryHistory(iso3_code, sorted(history.items()), indicators, year)


PREFERRED_MODELS = ("champion", "ewp-enet", "gbm", PUBLISHED)


def forecast_run(session: Session, model: str | None = None) -> ModelRun | None:
    """The forecast to show: the newest of `model`, else of the first model that has one."""
    if model:
        return latest_run(session, "forecast", model)
    for name in PREFERRED_MODELS:
        run = latest_run(session, "forecast", name)
        if run is not None:
            return run
    return latest_run(session, "forecast")


def backtest_for(session: Session, model: str) -> ModelRun | None:
    """The backtest whose as-of forecasts make a country's risk history for `model`."""
    return latest_run(session, "backtest", model) or latest_run(session, "backtest", PUBLISHED)


@dataclass(frozen=True)
class CountryPage:
    forecast: CountryForecast
    model: str
    year: int
    history: list[tuple[int, float]]
    history_model: str | None
    indicators: list[tuple[str, Any, Any]]


def country_page(
    session: Session, cache: RunCache, iso3_code: str, model: str | None = None
) -> CountryPage | None:
    run = forecast_run(session, model)
    if run is None:
        return None
    snapshot = cache.get(session, run)
    entry = next((r for r in snapshot.rows if r.iso3 == iso3_code), None)
    if entry is None:
        return None
    backtest = backtest_for(session, run.model)
    detail = country_history(session, iso3_code, run, backtest)
    dataset = session.get(DatasetRecord, run.dataset_id)
    spec = _spec(dataset.spec if dataset else None)
    # Indicators are the predictors that describe the country, not outcomes, ids or calendar.
    shown = [c for c in spec.predictors.names if c not in spec.predictors.calendar]
    values = {c: (v, p) for c, v, p in detail.indicators}
    return CountryPage(
        forecast=entry,
        model=run.model,
        year=snapshot.year,
        history=detail.history,
        history_model=backtest.model if backtest else None,
        indicators=[(c, *values[c]) for c in shown if c in values],
    )
