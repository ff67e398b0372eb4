"""A country's picture: risk history, drivers, indicators, and last year's comparison."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query, Request, Response

from tocsin import intake, risk
from tocsin.domain.permissions import Permission
from tocsin.domain.violations import RISK_FACTORS, VIOLATION_TYPES
from tocsin.web.charts import bar_chart, line_chart
from tocsin.web.deps import DbSession, State, policy, principal_of
from tocsin.web.templating import render

router = APIRouter(include_in_schema=False, dependencies=[policy(Permission.RISK_READ)])
label = risk.load_spec().label


@router.get("/countries/{iso3}")
def country(
    iso3: str,
    request: Request,
    session: DbSession,
    state: State,
    model: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    page = risk.store.country_page(session, state.runs, iso3.upper()[:3], model)
    if page is None:
        raise HTTPException(404, f"no forecast for country {iso3[:3]!r}")
    f = page.forecast
    previous = dict(page.history).get(page.year - 1)
    drivers = [(label(n), v) for n, v in f.drivers]
    indicators = [
        (label(c), v, p, None if v is None or p is None else v - p) for c, v, p in page.indicators
    ]
    context = {
        "page": page,
        "f": f,
        "previous_risk": previous,
        "previous_rank": None if f.rank_change is None else f.rank + f.rank_change,
        "history_chart": line_chart(
            page.history, title=f"{f.name}: forecast risk by data year", highlight=page.year
        ),
        "drivers_chart": bar_chart(drivers, title=f"{f.name}: what drives the forecast"),
        "drivers": drivers,
        "indicators": indicators,
        **_community(session, request, f.iso3, f.rank),
    }
    return render(request, "country.html", context)


def _community(session: DbSession, request: Request, iso3: str, rank: int) -> dict[str, object]:
    """Community reports beside the structural picture: monthly counts and the divergence flag.

    Counts are shown to everyone who sees the country; the reports behind a flag only to those
    who may read reports (and listing them is audited).
    """
    months = intake.community_picture.monthly_counts(session, iso3, months=24)
    flag = intake.community_picture.divergence(session, iso3, rank)
    principal = principal_of(request)
    behind: list[intake.Report] = []
    if flag.report_ids and principal is not None and principal.can(Permission.REPORTS_READ):
        ids = list(flag.report_ids[:50])
        behind = [r for r in (session.get(intake.Report, i) for i in ids) if r is not None]
        intake.review.audit_list(session, session.merge(principal.user), ids)
        session.commit()
    used_types = [t for t in VIOLATION_TYPES if any(t in m.by_type for m in months)]
    used_rfs = sorted({n for m in months for n in m.by_risk_factor})
    return {
        "community_months": months if any(m.total for m in months) else [],
        "community_types": [(t, VIOLATION_TYPES[t]) for t in used_types],
        "community_rfs": [(n, RISK_FACTORS[n]) for n in used_rfs],
        "divergence": flag,
        "divergence_reports": behind,
    }
