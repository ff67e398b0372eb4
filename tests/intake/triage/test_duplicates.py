from __future__ import annotations

import numpy as np

from tocsin.intake.triage.duplicates import DuplicatePolicy, anchors, cluster_duplicates
from tocsin.intake.triage.embedding import E5Embedder


def unit(*values: float) -> list[float]:
    vector = np.array(values, dtype=float)
    return list(vector / np.linalg.norm(vector))


def test_anchors_are_names_and_numbers_not_sentence_openings() -> None:
    text = "Soldiers arrested Ahmed Saleh in Mopti on 3 May. Police confirmed."
    assert anchors(text) == {"ahmed", "saleh", "mopti", "3", "may"}


def test_union_find_joins_chains_and_names_clusters_by_their_first_member() -> None:
    rows = np.array([unit(1, 0, 0), unit(0, 0, 1), unit(1, 0.05, 0), unit(1, 0.1, 0)])
    texts = ["a", "b", "c", "d"]
    assert cluster_duplicates(texts, rows.astype(np.float32)) == [0, 1, 0, 0]


def test_close_texts_with_different_names_are_different_events() -> None:
    rows = np.array([unit(1, 0.2, 0), unit(1, 0.25, 0)], dtype=np.float32)  # cosine ~0.999
    texts = ["Militants attacked Kourou and Banh.", "Militants attacked Titao and Djibo."]
    strict = DuplicatePolicy(same_text=1.01)
    assert cluster_duplicates(texts, rows, strict) == [0, 1]
    assert cluster_duplicates(texts, rows) == [0, 0]  # near-identical wording wins


def test_a_report_and_our_french_translation_are_one_cluster_across_languages() -> None:
    texts = [
        "Armed men attacked the village of Kourou last night, killed twelve civilians "
        "and burned the market.",
        "Soldiers arrested the journalist Ahmed Saleh at his home in Mopti on Tuesday.",
        "Des hommes armés ont attaqué le village de Kourou la nuit dernière, tué douze "
        "civils et incendié le marché.",
        "Students protested peacefully in Bamako against the closure of the university.",
        "Des soldats ont arrêté le journaliste Ahmed Saleh à son domicile à Mopti mardi.",
    ]
    clusters = cluster_duplicates(texts, E5Embedder().embed(texts))
    assert clusters == [0, 1, 0, 3, 1]


def test_nothing_to_cluster() -> None:
    assert cluster_duplicates([], np.zeros((0, 384), dtype=np.float32)) == []
