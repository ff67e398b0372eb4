"""Structural risk: annual country forecasts of mass-killing onset, and their honest backtest.

The public surface other areas (and the CLI, and later the web app) may use.
"""

from tocsin.risk import jobs, store
from tocsin.risk.backtest import FoosProtocol, read_ewp_foos, run_backtest, score_table
from tocsin.risk.dataset import DatasetError, Panel, load_panel, parse_panel
from tocsin.risk.forecast import FORECAST_OUTPUT_COLUMNS, forecast
from tocsin.risk.metrics import FoosMetrics, bootstrap_intervals, foos_metrics
from tocsin.risk.models import MODELS, Model, get_model
from tocsin.risk.report import BacktestReport, build_report, summary_table, write_report
from tocsin.risk.sources import ewp_path, fetch_ewp, read_provenance
from tocsin.risk.spec import DatasetSpec, load_spec

__all__ = [
    "FORECAST_OUTPUT_COLUMNS",
    "MODELS",
    "BacktestReport",
    "DatasetError",
    "DatasetSpec",
    "FoosMetrics",
    "FoosProtocol",
    "Model",
    "Panel",
    "bootstrap_intervals",
    "build_report",
    "ewp_path",
    "fetch_ewp",
    "foos_metrics",
    "forecast",
    "get_model",
    "jobs",
    "load_panel",
    "load_spec",
    "parse_panel",
    "read_ewp_foos",
    "read_provenance",
    "run_backtest",
    "score_table",
    "store",
    "summary_table",
    "write_report",
]
