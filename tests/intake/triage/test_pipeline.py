from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tocsin.intake.triage.embedding import DIMENSION, Matrix
from tocsin.intake.triage.gazetteer import Gazetteer, Place, PlaceKind
from tocsin.intake.triage.pipeline import TriagePipeline
from tocsin.intake.triage.triage_model import TriageModel
from tocsin.intake.triage.urgency import URGENCY_LEVELS
from tocsin.intake.triage.violation_types import VIOLATION_CODES

REPORTS = [
    "Armed men have surrounded our village near Djibo and say they will burn it tonight. "
    "Please help!",
    "Des soldats ont violé deux femmes près du camp de déplacés de Kaya hier soir.",
    "اعتقلت قوات الأمن عشرين شابا في مدينة الخرطوم",
    "Armed men attacked the village of Kourou last night, killed twelve civilians and burned "
    "the market.",
    "Des hommes armés ont attaqué le village de Kourou la nuit dernière, tué douze civils et "
    "incendié le marché.",
]


def test_every_field_of_a_result(pipeline: TriagePipeline) -> None:
    results = pipeline.triage(REPORTS)
    threat, rape, arrests, attack, attaque = results
    assert (threat.language, threat.urgency, threat.country_iso3) == ("en", "imminent", "BFA")
    assert threat.admin1 == "Sahel" and threat.latitude is not None
    assert (rape.language, rape.violation_type) == ("fr", "sexual_violence")
    assert 7 in rape.risk_factors and rape.admin1 == "Centre-Nord"
    assert (arrests.language, arrests.violation_type, arrests.country_iso3) == (
        "ar",
        "arrest_detention",
        "SDN",
    )
    assert [r.cluster for r in results] == [0, 1, 2, 3, 3]
    for result in results:
        assert result.violation_type in VIOLATION_CODES
        assert 0.0 < result.violation_confidence <= 1.0
        assert result.urgency in URGENCY_LEVELS
        assert result.model_version == pipeline.model.model_version
    assert attack.violation_type == attaque.violation_type == "attack_on_civilians"


def test_a_deployment_names_its_home_country(pipeline: TriagePipeline) -> None:
    # No place the gazetteer knows: an untrained install cannot say where; one that names its
    # country (TOCSIN_INTAKE_HOME_COUNTRY) answers with it, and clear places still win.
    placeless = "Residents of Antubeiga lynched two men accused of theft."
    elsewhere = "Soldiers shelled houses in Kassala, Sudan."
    homed = TriagePipeline(pipeline.model, pipeline.resolver.gazetteer, home_country="KEN")
    assert pipeline.triage([placeless])[0].country_iso3 is None
    found = homed.triage([placeless, elsewhere])
    assert [r.country_iso3 for r in found] == ["KEN", "SDN"]


def test_known_groups_place_a_report_unless_it_is_at_home_elsewhere(
    pipeline: TriagePipeline,
) -> None:
    # Antubeiga is in no gazetteer; al Shabaab fights mostly in Somalia, and in Kenya too.
    text = "Al Shabaab militants burned a school in Antubeiga."
    assert pipeline.resolver.resolve(text).country_iso3 == "SOM"
    homed = TriagePipeline(pipeline.model, pipeline.resolver.gazetteer, home_country="KEN")
    assert homed.resolver.resolve(text).country_iso3 == "KEN"


def test_results_can_come_with_their_embeddings(pipeline: TriagePipeline) -> None:
    results, embeddings = pipeline.triage_with_embeddings(REPORTS[3:])
    assert len(results) == 2 and embeddings.shape == (2, 384)
    assert float(embeddings[0] @ embeddings[1]) > 0.85  # a report and its translation
    none, no_rows = pipeline.triage_with_embeddings([])
    assert none == [] and no_rows.shape == (0, 384)


def test_empty_batches_and_empty_reports(pipeline: TriagePipeline) -> None:
    assert pipeline.triage([]) == []
    (blank,) = pipeline.triage([""])
    assert (blank.language, blank.violation_type, blank.violation_confidence) == (
        "und",
        "other",
        0.0,
    )
    assert blank.country_iso3 is None and blank.risk_factors == () and blank.urgency == "routine"


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.one_of(
            st.text(max_size=300),
            st.text(alphabet=st.characters(codec="utf-8"), min_size=5000, max_size=30000),
            st.text(alphabet=st.characters(max_codepoint=0x1F), max_size=50),
            st.just("\x00\ud800\udfff"),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_triage_never_raises_on_any_text(pipeline: TriagePipeline, texts: list[str]) -> None:
    results = pipeline.triage(texts)
    assert len(results) == len(texts)
    assert all(r.violation_type in VIOLATION_CODES for r in results)


class OneVector:
    """Every text embeds alike: only places, dates and names can tell reports apart."""

    max_tokens = 0

    def embed(self, texts: Sequence[str]) -> Matrix:
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        rows[:, 0] = 1.0
        return rows


def test_a_unit_spelt_two_ways_does_not_keep_duplicates_apart(untrained_model: TriageModel) -> None:
    gazetteer = Gazetteer()
    hilmand = Place(PlaceKind.ADMIN1, "AFG", "Hilmand", admin1="Hilmand")
    gazetteer.add(hilmand, ["Hilmand", "Helmand", "هلمند"])
    pipeline = TriagePipeline(untrained_model, gazetteer, embedder=OneVector())
    english = "Taliban attacked a check point in Nad Ali, Helmand, killing three policemen."
    arabic = "هاجمت طالبان نقطة تفتيش في ناد علي في هلمند وقتلت ثلاثة من رجال الشرطة"
    results = pipeline.triage([english, arabic])
    # Each as the report spells it (the Arabic one in the P-code file's Latin name) ...
    assert [r.admin1 for r in results] == ["Helmand", "Hilmand"]
    # ... and still one unit: the translation is the same report.
    assert results[0].cluster == results[1].cluster == 0
