"""Monthly counts, and the divergence flag: reports escalating where the model sees little."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.intake.helpers import add_reports, draft
from tocsin.db import Database
from tocsin.intake.community_picture import (
    DivergenceRule,
    divergence,
    divergent_countries,
    monthly_counts,
    poisson_tail,
)
from tocsin.intake.models import Report

NOW = datetime(2026, 6, 15, tzinfo=UTC)


def _reports(
    db: Database, iso3: str, days_ago: list[int], violation: str = "attack_on_civilians"
) -> list[int]:
    receipts = add_reports(
        db,
        [
            draft(f"{iso3} report {i} {d}", occurred_on=(NOW - timedelta(days=d)).date())
            for i, d in enumerate(days_ago)
        ],
    )
    ids = [r.report_id for r in receipts]
    with db.session() as session:
        for rid in ids:
            report = session.get(Report, rid)
            assert report is not None
            report.country_iso3, report.violation_type, report.risk_factors = (
                iso3,
                violation,
                [1, 8],
            )
    return ids


def test_poisson_tail_matches_hand_values() -> None:
    assert poisson_tail(0, 3.0) == 1.0
    assert abs(poisson_tail(1, 2.0) - (1 - 0.1353352832)) < 1e-9
    assert poisson_tail(10, 1.0) < 1e-6


def test_monthly_counts_by_type_and_risk_factor(database: Database) -> None:
    _reports(database, "BFA", [1, 2, 40])
    _reports(database, "BFA", [3], violation="sexual_violence")
    with database.session() as session:
        months = monthly_counts(session, "BFA", months=3, now=NOW)
    assert [m.month for m in months] == ["2026-04", "2026-05", "2026-06"]
    june = months[-1]
    assert june.total == 3 and june.by_type == {"attack_on_civilians": 2, "sexual_violence": 1}
    assert june.by_risk_factor == {1: 3, 8: 3}
    assert months[1].total == 1


def test_escalation_in_a_low_ranked_country_is_flagged_with_its_reports(database: Database) -> None:
    recent = _reports(database, "BFA", [1, 5, 10, 20, 30, 45, 60, 80])
    _reports(database, "BFA", [150, 300])  # the baseline: two reports in the year before
    with database.session() as session:
        flag = divergence(session, "BFA", structural_rank=55, now=NOW)
        assert flag.flagged and flag.recent == 8 and flag.baseline == 2
        assert set(flag.report_ids) == set(recent)
        assert "rank 55" in flag.reason
        high = divergence(session, "BFA", structural_rank=4, now=NOW)
        assert not high.flagged and "already ranks" in high.reason
        unknown = divergence(session, "BFA", structural_rank=None, now=NOW)
        assert unknown.flagged and "no structural forecast" in unknown.reason


def test_a_steady_stream_is_not_an_escalation(database: Database) -> None:
    _reports(database, "MLI", list(range(3, 450, 15)))  # one report a fortnight for 15 months
    with database.session() as session:
        flag = divergence(session, "MLI", structural_rank=80, now=NOW)
    assert not flag.flagged and flag.report_ids == ()


def test_few_reports_never_flag_and_duplicates_do_not_count(database: Database) -> None:
    ids = _reports(database, "NER", [1, 2, 3, 4, 5])
    with database.session() as session:
        assert divergence(session, "NER", 90, now=NOW).flagged
        report = session.get(Report, ids[0])
        assert report is not None
        report.status = "duplicate"
        session.flush()
        assert not divergence(session, "NER", 90, now=NOW).flagged  # 4 < min_reports
        rule = DivergenceRule(min_reports=3)
        assert divergence(session, "NER", 90, rule=rule, now=NOW).flagged


def test_divergent_countries_lists_only_flagged_ones(database: Database) -> None:
    _reports(database, "BFA", [1, 2, 3, 4, 5, 6])
    _reports(database, "SDN", [1, 2, 3, 4, 5, 6])
    with database.session() as session:
        found = divergent_countries(session, {"SDN": 3, "BFA": 60}, now=NOW)
    assert [iso3 for iso3, _ in found] == ["BFA"]


def test_dates_fall_back_to_reception(database: Database) -> None:
    [receipt] = add_reports(database, [draft("undated")])
    with database.session() as session:
        report = session.get(Report, receipt.report_id)
        assert report is not None
        report.country_iso3 = "TCD"
        session.flush()
        months = monthly_counts(session, "TCD", months=1)
    assert months[0].total == 1 and months[0].month == f"{datetime.now(UTC):%Y-%m}"
