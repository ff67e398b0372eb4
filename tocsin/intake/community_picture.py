"""What community reports say about a country, month by month, and when they diverge.

The divergence flag is the point of the channel: community reports escalating against the
country's own recent baseline while the structural model ranks the country low is exactly the
case where people on the ground see danger that outside reporting misses. The rule is simple
and written down (docs/guides/reporting.md) so an analyst can check it by hand:

- recent window: the last `recent_days` (90) days; baseline: the 12 months before it;
- escalation: at least `min_reports` (5) recent reports, at least `min_ratio` (2) times the
  baseline's rate, and a Poisson upper tail below `max_p` (0.01) under the baseline rate
  (floored at one report a year, so a first burst of reports can count);
- structural model low: rank worse than `low_rank` (30) in the current forecast, or no
  forecast at all.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from tocsin.db import utcnow
from tocsin.intake.models import Report


@dataclass(frozen=True)
class MonthRow:
    month: str  # YYYY-MM
    total: int
    by_type: dict[str, int]
    by_risk_factor: dict[int, int]


@dataclass(frozen=True)
class DivergenceRule:
    recent_days: int = 90
    baseline_days: int = 365
    min_reports: int = 5
    min_ratio: float = 2.0
    max_p: float = 0.01
    low_rank: int = 30


@dataclass(frozen=True)
class Divergence:
    flagged: bool
    recent: int
    baseline: int
    ratio: float | None
    p_value: float
    structural_rank: int | None
    report_ids: tuple[int, ...]
    reason: str


@dataclass(frozen=True)
class _Row:
    id: int
    day: date
    violation_type: str | None
    risk_factors: list[int]


def _rows(session: Session, iso3: str, since: date) -> list[_Row]:
    stmt = select(
        Report.id,
        Report.occurred_on,
        Report.received_at,
        Report.violation_type,
        Report.risk_factors,
    ).where(Report.country_iso3 == iso3, Report.status != "duplicate")
    out = []
    for rid, occurred, received, vtype, rfs in session.execute(stmt):
        day = occurred or received.date()
        if day >= since:
            out.append(_Row(rid, day, vtype, list(rfs or [])))
    return out


def monthly_counts(
    session: Session, iso3: str, *, months: int = 24, now: datetime | None = None
) -> list[MonthRow]:
    today = (now or utcnow()).date()
    first = _month_start(today, months - 1)
    per_type: dict[str, Counter[str]] = defaultdict(Counter)
    per_rf: dict[str, Counter[int]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for row in _rows(session, iso3, first):
        key = f"{row.day:%Y-%m}"
        totals[key] += 1
        per_type[key][row.violation_type or "untriaged"] += 1
        per_rf[key].update(row.risk_factors)
    out = []
    for back in range(months - 1, -1, -1):
        key = f"{_month_start(today, back):%Y-%m}"
        out.append(MonthRow(key, totals[key], dict(per_type[key]), dict(per_rf[key])))
    return out


def _month_start(today: date, months_back: int) -> date:
    index = today.year * 12 + today.month - 1 - months_back
    return date(index // 12, index % 12 + 1, 1)


def poisson_tail(observed: int, expected: float) -> float:
    """P(X >= observed) for X ~ Poisson(expected)."""
    if observed <= 0:
        return 1.0
    term = math.exp(-expected)
    below = term
    for k in range(1, observed):
        term *= expected / k
        below += term
    return max(0.0, 1.0 - below)


def divergence(
    session: Session,
    iso3: str,
    structural_rank: int | None,
    *,
    rule: DivergenceRule | None = None,
    now: datetime | None = None,
) -> Divergence:
    rule = rule or DivergenceRule()
    today = (now or utcnow()).date()
    recent_from = today - timedelta(days=rule.recent_days)
    baseline_from = recent_from - timedelta(days=rule.baseline_days)
    rows = _rows(session, iso3, baseline_from)
    recent = [r for r in rows if r.day > recent_from]
    baseline = len(rows) - len(recent)
    rate = max(baseline, 1) / rule.baseline_days  # reports a day, floored at one a year
    expected = rate * rule.recent_days
    ratio = (
        None
        if baseline == 0
        else (len(recent) / rule.recent_days) / (baseline / rule.baseline_days)
    )
    p_value = poisson_tail(len(recent), expected)
    escalating = (
        len(recent) >= rule.min_reports
        and (ratio is None or ratio >= rule.min_ratio)
        and p_value < rule.max_p
    )
    low = structural_rank is None or structural_rank > rule.low_rank
    if escalating and low:
        where = "no structural forecast" if structural_rank is None else f"rank {structural_rank}"
        reason = (
            f"{len(recent)} community reports in {rule.recent_days} days against a baseline of"
            f" {baseline} in the year before, while the structural model gives {where}"
        )
    elif escalating:
        reason = (
            f"reports are escalating, and the structural model already ranks it {structural_rank}"
        )
    else:
        reason = "community reports are within the country's own baseline"
    ids = tuple(r.id for r in sorted(recent, key=lambda r: r.day, reverse=True))
    return Divergence(
        flagged=escalating and low,
        recent=len(recent),
        baseline=baseline,
        ratio=ratio,
        p_value=p_value,
        structural_rank=structural_rank,
        report_ids=ids if escalating else (),
        reason=reason,
    )


def divergent_countries(
    session: Session,
    ranks: dict[str, int],
    *,
    rule: DivergenceRule | None = None,
    now: datetime | None = None,
) -> list[tuple[str, Divergence]]:
    """Every country with reports whose community picture diverges from its structural rank."""
    countries = session.scalars(
        select(Report.country_iso3).where(Report.country_iso3.is_not(None)).distinct()
    ).all()
    out = []
    for iso3 in countries:
        if iso3 is None:
            continue
        found = divergence(session, iso3, ranks.get(iso3), rule=rule, now=now)
        if found.flagged:
            out.append((iso3, found))
    return out
