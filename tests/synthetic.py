"""Small synthetic country-year panels whose every row is known by hand."""

from __future__ import annotations

import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

from tocsin.risk.dataset import Panel, parse_panel
from tocsin.risk.spec import DatasetSpec

SPEC_TOML = """
name = "synthetic"
[ids]
country = "name"
year = "year"
[years]
min = 1900
max = 2100
[outcomes]
target = "onset_1or2"
onset = "onset"
required = ["onset", "onset_1or2"]
[predictors]
names = ["x1", "x2", "year"]
calendar = ["year"]
[labels]
x1 = "Risk factor one"
"""


def write_spec(folder: Path) -> Path:
    path = folder / "synthetic.toml"
    path.write_text(SPEC_TOML, encoding="utf-8")
    return path


def synthetic_spec() -> DatasetSpec:
    return DatasetSpec.model_validate(tomllib.loads(SPEC_TOML))


def synthetic_frame(
    n_countries: int = 30, first: int = 1970, last: int = 2000, seed: int = 0
) -> pd.DataFrame:
    """A panel where onsets follow x1: high-x1 countries have onsets, others rarely."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(n_countries):
        level = rng.normal()
        for year in range(first, last + 1):
            x1 = level + rng.normal(scale=0.3)
            x2 = rng.normal()
            p = 1 / (1 + np.exp(-(-3.5 + 1.8 * x1)))
            rows.append(
                {
                    "name": f"C{c:02d}",
                    "year": year,
                    "x1": x1,
                    "x2": x2,
                    "onset": float(rng.random() < p),
                }
            )
    frame = pd.DataFrame(rows)
    nxt = frame.groupby("name")["onset"].shift(-1)
    nxt2 = frame.groupby("name")["onset"].shift(-2)
    frame["onset_1or2"] = ((nxt == 1) | (nxt2 == 1)).astype(float)
    # The last two years' two-year outcome is not known yet, as in EWP's files... except that
    # EWP fills it; keep it known here so the protocol, not the data, decides what is used.
    return frame


def synthetic_panel(frame: pd.DataFrame | None = None) -> Panel:
    frame = synthetic_frame() if frame is None else frame
    raw = frame.to_csv(index=False).encode()
    return parse_panel(raw, synthetic_spec(), source="synthetic.csv")
