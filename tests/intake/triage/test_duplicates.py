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


def test_near_identical_wording_with_other_names_is_another_event() -> None:
    rows = np.array([unit(1, 0.2, 0), unit(1, 0.25, 0)], dtype=np.float32)  # cosine ~0.999
    texts = ["Militants attacked Kourou and Banh.", "Militants attacked Titao and Djibo."]
    assert cluster_duplicates(texts, rows) == [0, 1]
    assert cluster_duplicates(texts, rows, DuplicatePolicy(same_text_overlap=0.0)) == [0, 0]
    retold = ["Militants attacked Kourou and Banh.", "Militants attacked Kourou and Banh again."]
    assert cluster_duplicates(retold, rows) == [0, 0]


def test_the_rare_name_two_notes_differ_by_outweighs_what_they_share() -> None:
    """ACLED splits one night's attacks by village: same date, group and province, one
    village each. Other notes of the batch name the month, year, group and province too, so
    those weigh little; the villages are rare and decide."""
    opening = "On 27 July 2020 JNIM militants burned a school in {} (Tansarga, Tapoa)."
    villages = ["Diamanga", "Piegou", "Komboungou", "Nangbanli"]
    others = [
        f"On {day} July 2020 JNIM fighters were seen in Tansarga, Tapoa." for day in range(30)
    ]
    texts = [opening.format(v) for v in villages] + others
    rng = np.random.default_rng(0)
    rows = rng.standard_normal((len(texts), 384)).astype(np.float32)  # far from each other
    rows[: len(villages)] = rows[0] + 0.001 * rows[: len(villages)]  # near-identical wording
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    clusters = cluster_duplicates(texts, rows)
    assert clusters[: len(villages)] == list(range(len(villages)))
    # Alone, every name weighs alike; sharing six of eight still falls short of the 0.7 that
    # near-identical wording needs.
    alone = cluster_duplicates(texts[: len(villages)], rows[: len(villages)])
    assert alone == list(range(len(villages)))


def test_reports_placed_apart_are_not_one_cluster() -> None:
    texts = [
        f"On 12 June 2025, Al Shabaab imposed Zakawaat (taxation) in {town} town (Middle Juba)."
        for town in ("Buaale", "Jilib")
    ]
    rows = np.ones((2, 384), dtype=np.float32) / np.sqrt(384)  # one embedding: the same head
    assert cluster_duplicates(texts, rows) == [0, 0]
    apart = [("SOM", "Middle Juba", "Bu'aale"), ("SOM", "Middle Juba", "Jilib")]
    assert cluster_duplicates(texts, rows, places=apart) == [0, 1]
    vague = [("SOM", "Middle Juba", "Bu'aale"), ("SOM", None, None)]  # nothing contradicts
    assert cluster_duplicates(texts, rows, places=vague) == [0, 0]


def test_reports_of_different_stated_days_are_not_one_cluster() -> None:
    # The weekly protest in one town, told in the same words: only the date differs.
    note = "On {} December 2021, demonstrators marched in Atbara (River Nile) against the coup."
    texts = [note.format(day) for day in (25, 30, 30)]
    rows = np.ones((3, 384), dtype=np.float32) / np.sqrt(384)
    assert cluster_duplicates(texts, rows) == [0, 1, 1]
    # A retelling in French keeps the day; a text that states none is not kept apart.
    retold = [note.format(30), "Le 30 décembre, des manifestants ont marché à Atbara.", "Atbara"]
    assert cluster_duplicates(retold, rows) == [0, 0, 0]


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
