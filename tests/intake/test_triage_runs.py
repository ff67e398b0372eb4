"""Triage of stored reports: labels filled, analysts' labels kept, twins found across runs."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.intake.helpers import add_reports, draft
from tests.intake.triage.acled_samples import TWO_EVENTS
from tocsin.config import get_settings
from tocsin.db import Database
from tocsin.intake.models import Report, ReportTriage
from tocsin.intake.triage.model_store import seed_model
from tocsin.intake.triage_runs import pipeline_for, train, triage_stored

TEXT = "Gunmen attacked the market in Djibo (Djibo, Soum) and killed 12 civilians on 3 March."


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_triage_fills_labels_once_keeps_confirmed_ones_and_links_later_twins(
    database: Database, tmp_path: Path
) -> None:
    first = add_reports(database, [draft(TEXT), draft("Soldiers arrested three journalists.")])
    with database.session() as session:
        confirmed = session.get(Report, first[1].report_id)
        assert confirmed is not None
        confirmed.violation_type, confirmed.labels_confirmed = "other", True
    result = triage_stored(database, tmp_path)
    assert result["triaged"] == 2
    assert triage_stored(database, tmp_path)["triaged"] == 0  # nothing new for this model
    later = add_reports(database, [draft(TEXT.replace("killed", "shot dead"))])
    assert triage_stored(database, tmp_path)["triaged"] == 1
    with database.session() as session:
        reports = {r.id: r for r in session.scalars(select(Report))}
        attack = reports[first[0].report_id]
        assert attack.status == "triaged" and attack.violation_type == "attack_on_civilians"
        assert attack.country_iso3 == "BFA" and attack.language == "en"
        assert reports[first[1].report_id].violation_type == "other"  # the analyst's label
        assert reports[later[0].report_id].cluster == attack.cluster == f"r{attack.id}"
        assert session.scalar(select(func.count()).select_from(ReportTriage)) == 3


@pytest.mark.parametrize("database", ["sqlite"], indirect=True)
def test_training_says_what_the_model_learned(database: Database, tmp_path: Path) -> None:
    acled = tmp_path / "acled.csv"
    acled.write_text(TWO_EVENTS, encoding="utf-8")
    result = train(database, tmp_path / "data", acled=[acled])
    assert (result["acled_examples"], result["confirmed_examples"]) == (2, 0)
    assert result["places_learned"] >= 2 and result["home_country"] == "BFA"
    assert result["country_cues"] == 0  # one country: its names say nothing more
    assert (tmp_path / "data").exists() and result["model_version"].startswith("triage-")


def test_the_pipeline_follows_the_home_country_setting(monkeypatch: pytest.MonkeyPatch) -> None:
    model = seed_model()
    monkeypatch.setenv("TOCSIN_INTAKE_HOME_COUNTRY", "KEN")
    get_settings.cache_clear()
    kenyan = pipeline_for(model)
    assert kenyan.resolver.home_country == "KEN" and pipeline_for(model) is kenyan
    monkeypatch.delenv("TOCSIN_INTAKE_HOME_COUNTRY")
    get_settings.cache_clear()
    assert pipeline_for(model).resolver.home_country is None
