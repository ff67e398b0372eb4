"""Triage of community reports: language, violation type, risk factors, urgency, place, twins.

One `TriagePipeline` holds a trained model and the gazetteer (built once per process: it takes
seconds) and triages batches of texts. Each text is embedded once; the embedding serves both the
classifier and the near-duplicate search. Only the first `MAX_ANALYSED_CHARS` characters of a
report are analysed, which bounds the time any one report can take.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from tocsin.intake.triage.duplicates import DuplicatePolicy, Placing, cluster_duplicates
from tocsin.intake.triage.embedding import DIMENSION, E5Embedder, Embedder, Matrix, clean_text
from tocsin.intake.triage.gazetteer import Gazetteer
from tocsin.intake.triage.gazetteer_sources import DEFAULT_PCODES, build_gazetteer
from tocsin.intake.triage.known_actors import known_actor_cues
from tocsin.intake.triage.language import detect_language
from tocsin.intake.triage.misspelt_places import home_places
from tocsin.intake.triage.place_resolver import PlaceResolver, ResolvedPlace
from tocsin.intake.triage.risk_factors import risk_factors
from tocsin.intake.triage.triage_model import TriageModel
from tocsin.intake.triage.unit_spellings import (
    file_units,
    learn_admin2_countries,
    learn_unit_spellings,
)
from tocsin.intake.triage.urgency import assess_urgency
from tocsin.intake.triage.violation_types import ViolationType

OTHER = ViolationType.OTHER.value

MAX_ANALYSED_CHARS = 20_000


@dataclass(frozen=True)
class TriageResult:
    """What triage says about one report; `cluster` is the batch index of its first twin."""

    language: str
    violation_type: str
    violation_confidence: float
    risk_factors: tuple[int, ...]
    urgency: str
    country_iso3: str | None
    admin1: str | None
    admin2: str | None
    latitude: float | None
    longitude: float | None
    cluster: int
    model_version: str


@dataclass(frozen=True, slots=True)
class _Reading:
    """What is read from a text without the embedding."""

    language: str
    risk_factors: tuple[int, ...]
    urgency: str
    place: ResolvedPlace


@functools.cache
def default_gazetteer(pcodes: Path | None = DEFAULT_PCODES) -> Gazetteer:
    """The gazetteer of this process, built on first use (about ten seconds) and kept."""
    return build_gazetteer(pcodes)


class TriagePipeline:
    def __init__(
        self,
        model: TriageModel,
        gazetteer: Gazetteer | None = None,
        embedder: Embedder | None = None,
        duplicates: DuplicatePolicy | None = None,
        home_country: str | None = None,
    ) -> None:
        self.model = model
        self.embedder = embedder or model.classifier.embedder or E5Embedder()
        base = gazetteer if gazetteer is not None else default_gazetteer()
        known = base.extended(model.places.entries())
        learned = model.places
        places = [place for place, _ in learned.entries()]
        spellings = learn_unit_spellings(places, base)
        admin2_countries = learn_admin2_countries(places, base)
        # The deployment's own country, where the operator names it, over the one learned.
        home = home_country or learned.home_country
        misspelt = home_places(base, learned.entries(), home) if home else None
        # With a home country, a group known for a neighbour fights at home too (al Shabaab in
        # Kenya, Katiba Macina in Burkina Faso) and would pull reports abroad: only the votes
        # known names give home count, against a namesake abroad, as a one-country file
        # teaches no cues either.
        known_cues = known_actor_cues().only_for(home) if home else known_actor_cues()
        self.resolver = PlaceResolver(
            known,
            home,
            learned.cues.over(known_cues),
            spellings,
            misspelt,
            admin2_countries,
            dict(learned.country_shares),
            dict(learned.placeless_units),
            {iso3: frozenset(names) for iso3, names in file_units(places).items()},
        )
        self.duplicates = duplicates or DuplicatePolicy()

    def _read(self, texts: list[str]) -> list[_Reading]:
        return [
            _Reading(
                detect_language(text),
                risk_factors(text),
                assess_urgency(text).level,
                self.resolver.resolve(text),
            )
            for text in texts
        ]

    def _placing(self, place: ResolvedPlace) -> Placing:
        """Where a report is, for keeping reports placed apart out of one cluster: a unit under
        any of its spellings is one ("Helmand" as a report writes it, "Hilmand" as a report in
        Arabic is answered)."""
        country, admin1 = place.country_iso3, place.admin1
        if country is not None and admin1 is not None:
            units = self.resolver.gazetteer.admin1_units(country, admin1)
            admin1 = min(units) if units else admin1
        return (country, admin1, place.admin2)

    def triage(self, texts: Sequence[str]) -> list[TriageResult]:
        return self.triage_with_embeddings(texts)[0]

    def triage_with_embeddings(self, texts: Sequence[str]) -> tuple[list[TriageResult], Matrix]:
        """Results and the texts' embeddings, for a caller that clusters across batches."""
        cleaned = [clean_text(text[:MAX_ANALYSED_CHARS]) for text in texts]
        if not cleaned:
            return [], np.zeros((0, DIMENSION), dtype=np.float32)
        # The embedding engine already keeps both cores busy: reading the texts alongside it in
        # a thread measured no faster (docs/decisions/007-triage-model.md).
        embeddings = self.embedder.embed(cleaned)
        readings = self._read(cleaned)
        classifier = self.model.classifier
        proba = classifier.predict_proba(cleaned, embeddings=embeddings)
        best = proba.argmax(axis=1)
        places = [self._placing(r.place) for r in readings]
        clusters = cluster_duplicates(cleaned, embeddings, self.duplicates, places)
        results = []
        for i, (text, reading) in enumerate(zip(cleaned, readings, strict=True)):
            place = reading.place
            said = any(ch.isalnum() for ch in text)
            results.append(
                TriageResult(
                    language=reading.language,
                    # A report with no words has no type; "other" with no confidence says so.
                    violation_type=str(classifier.classes_[best[i]]) if said else OTHER,
                    violation_confidence=round(float(np.max(proba[i])), 4) if said else 0.0,
                    risk_factors=reading.risk_factors,
                    urgency=reading.urgency,
                    country_iso3=place.country_iso3,
                    admin1=place.admin1,
                    admin2=place.admin2,
                    latitude=place.latitude,
                    longitude=place.longitude,
                    cluster=clusters[i],
                    model_version=self.model.model_version,
                )
            )
        return results, embeddings
