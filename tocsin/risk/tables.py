"""Tables for structural risk: imported data sets, their rows, model runs and their forecasts."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from tocsin.db import Base, Json, UtcDateTime, utcnow


class DatasetRecord(Base):
    """One imported country-year table, identified by its content hash."""

    __tablename__ = "datasets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    spec: Mapped[str] = mapped_column(String(64))
    source: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    bytes: Mapped[int] = mapped_column(Integer)
    first_year: Mapped[int] = mapped_column(Integer)
    last_year: Mapped[int] = mapped_column(Integer)
    rows: Mapped[int] = mapped_column(Integer)
    provenance: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    imported_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)


class PanelRow(Base):
    """A country-year's predictor and outcome values, as imported (for indicators tables)."""

    __tablename__ = "panel_rows"
    __table_args__ = (Index("ix_panel_rows_dataset_iso3_year", "dataset_id", "iso3", "year"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"))
    iso3: Mapped[str] = mapped_column(String(3))
    ewp_name: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    values: Mapped[dict[str, Any]] = mapped_column(Json)


class ModelRun(Base):
    """A forecast (one data year) or a backtest (many), by one model on one data set."""

    __tablename__ = "model_runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))  # "forecast" or "backtest"
    model: Mapped[str] = mapped_column(String(64))
    dataset_id: Mapped[int] = mapped_column(ForeignKey("datasets.id", ondelete="CASCADE"))
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)  # forecast data year
    params: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    metrics: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)
    report_dir: Mapped[str] = mapped_column(Text, default="")
    job_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)


class ForecastRow(Base):
    """A country's risk from one data year in one run."""

    __tablename__ = "forecasts"
    __table_args__ = (
        Index("ix_forecasts_run_year_rank", "run_id", "year", "rank"),
        Index("ix_forecasts_run_iso3", "run_id", "iso3"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("model_runs.id", ondelete="CASCADE"))
    iso3: Mapped[str] = mapped_column(String(3))
    ewp_name: Mapped[str] = mapped_column(String(100))
    year: Mapped[int] = mapped_column(Integer)
    risk: Mapped[float] = mapped_column(Float)
    rank: Mapped[int] = mapped_column(Integer)
    risk_low: Mapped[float | None] = mapped_column(Float, nullable=True)
    risk_high: Mapped[float | None] = mapped_column(Float, nullable=True)
    rank_change: Mapped[int | None] = mapped_column(Integer, nullable=True)
    drivers: Mapped[list[list[Any]]] = mapped_column(Json, default=list)
