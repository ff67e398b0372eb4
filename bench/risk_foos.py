"""The structural-risk musts, measured: ours beside EWP's published FOOS figures.

Runs EWP's fully-out-of-sample backtest (cut-offs 1991-2021) for `ewp-enet` and `champion` on
EWP's data, scores both with the same code that scores EWP's published file, and prints every
figure beside EWP's with the issue's targets. Minutes of work, so it lives here and not in the
test suite. Usage:

    python bench/risk_foos.py [--data CSV] [--anchor FOOS.csv] [--jobs 2]

Exit status 0 when every must holds, 1 otherwise.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import pandas as pd

from tocsin import risk
from tocsin.config import get_settings

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data" / "ewp"
EWP_R_SECONDS = 60.0  # EWP's own R code on this data, 2-core development machine (issue #2)


def default(role: str, shared_name: str) -> Path:
    imported = risk.ewp_path(get_settings().data_dir, role)
    return imported if imported.exists() else SHARED / shared_name


SPANS = {"all": (1994, 2024), "1994-2009": (1994, 2009), "2010-2024": (2010, 2024)}


def by_span(score: pd.DataFrame) -> dict[str, risk.FoosMetrics]:
    return {k: risk.foos_metrics(score[score["year"].between(*v)]) for k, v in SPANS.items()}


def run(panel: risk.Panel, name: str, jobs: int) -> tuple[dict[str, risk.FoosMetrics], float]:
    protocol = risk.FoosProtocol()
    started = time.perf_counter()
    forecasts = risk.run_backtest(panel, risk.get_model(name), protocol, n_jobs=jobs)
    seconds = time.perf_counter() - started
    return by_span(risk.score_table(forecasts, panel, protocol)), seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=None)
    parser.add_argument("--anchor", type=Path, default=None)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    data = args.data or default("predictors", "prepared2024predictors-2025-09-03.csv")
    anchor_path = args.anchor or default("foos", "FOOSforecasts_3Sep2025.csv")
    panel = risk.load_panel(data, risk.load_spec())
    anchor = risk.read_ewp_foos(str(anchor_path))
    ewp = by_span(anchor)
    enet, enet_s = run(panel, "ewp-enet", args.jobs)
    champ, champ_s = run(panel, "champion", args.jobs)
    ours = {"ewp-enet": enet, "champion": champ}

    print(f"data {data} (sha256 {panel.sha256[:12]}); anchor {anchor_path}; {args.jobs} jobs")
    header = (
        f"{'period':<10} {'metric':<10} {'EWP published':>14} {'ewp-enet':>10} {'champion':>10}"
    )
    print(header)
    print("-" * len(header))
    for span in ("all", "1994-2009", "2010-2024"):
        for metric in ("AUC", "recall@30", "recall@20", "recall@10", "Brier", "AP", "log loss"):
            cells = [fmt(ewp[span], metric)] + [fmt(ours[m][span], metric) for m in ours]
            print(f"{span:<10} {metric:<10} {cells[0]:>14} {cells[1]:>10} {cells[2]:>10}")
    print()
    print(f"{'backtest time':<21} {EWP_R_SECONDS:>13.1f}s {enet_s:>9.1f}s {champ_s:>9.1f}s")
    print(f"champion / EWP R time ratio: {champ_s / EWP_R_SECONDS:.2f}")
    print()
    checks = musts(ewp, enet, champ, champ_s)
    for text, ok in checks:
        print(f"[{'PASS' if ok else 'FAIL'}] {text}")
    return 0 if all(ok for _, ok in checks) else 1


def fmt(m: risk.FoosMetrics, metric: str) -> str:
    if metric.startswith("recall@"):
        k = int(metric.split("@")[1])
        return f"{m.caught[k]}/{m.onsets}"
    value = {"AUC": m.auc, "Brier": m.brier, "AP": m.average_precision, "log loss": m.log_loss}
    return f"{value[metric]:.5f}" if metric == "Brier" else f"{value[metric]:.4f}"


def musts(
    ewp: dict[str, risk.FoosMetrics],
    enet: dict[str, risk.FoosMetrics],
    champ: dict[str, risk.FoosMetrics],
    seconds: float,
) -> list[tuple[str, bool]]:
    e, c = enet["all"], champ["all"]
    out = [
        (f"ewp-enet AUC {e.auc:.3f} within 0.825 +/- 0.01", abs(e.auc - 0.825) <= 0.01),
        (f"ewp-enet recall@30 {e.caught[30]}/39 within 27 +/- 1", abs(e.caught[30] - 27) <= 1),
        (f"champion AUC {c.auc:.3f} >= 0.85", c.auc >= 0.85),
        (f"champion recall@30 {c.caught[30]}/39 >= 30/39", c.caught[30] >= 30),
        (f"champion Brier {c.brier:.5f} <= 0.0083", c.brier <= 0.0083),
        (f"champion backtest {seconds:.1f} s < 60 s and < EWP's R", seconds < EWP_R_SECONDS),
    ]
    for half in ("1994-2009", "2010-2024"):
        ours, theirs = champ[half], ewp[half]
        ok = ours.auc >= theirs.auc and ours.caught[30] >= theirs.caught[30]
        text = (
            f"champion {half}: AUC {ours.auc:.3f} vs EWP {theirs.auc:.3f}, recall@30"
            f" {ours.caught[30]}/{ours.onsets} vs {theirs.caught[30]}/{theirs.onsets}"
        )
        out.append((text, ok))
    return out


if __name__ == "__main__":
    sys.exit(main())
