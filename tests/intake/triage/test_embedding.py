from __future__ import annotations

import time
from collections.abc import Sequence

import numpy as np
import pytest

from tocsin.intake.triage import e5_model_file
from tocsin.intake.triage.e5_encoder import E5Encoder
from tocsin.intake.triage.embedding import (
    DIMENSION,
    ENGINE_BATCH,
    E5Embedder,
    Matrix,
    clean_text,
    drop_date_and_place,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("On 13 November 2020, French forces struck.", "French forces struck."),
        ("Le 3 mars 2021, des hommes armés ont attaqué.", "des hommes armés ont attaqué."),
        ("On May 28, unknown gunmen attacked.", "unknown gunmen attacked."),
        (
            "12 people were killed in Djibo, yesterday.",
            "12 people were killed in Djibo, yesterday.",
        ),
        ("On 1 May 2020,", "On 1 May 2020,"),  # nothing would be left
        # ACLED's tag says what happened: it stays, the date after it goes.
        ("Displacement: On 20 October 2022, people left.", "Displacement: people left."),
        ("Looting: Around 1 May 2022 (week of), shops.", "Looting: shops."),
        # A place written first goes too, as ACLED's Latin America and Asia desks write it.
        (
            "On 8 August 2024, in Petion Ville - Laboule, Ouest, two armed men opened fire.",
            "two armed men opened fire.",
        ),
        (
            "On 28 December 2020, in Mone village tract, Kyaukkyi township (Taungoo district,"
            " Bago Region), Myanmar military and KNU clashed.",
            "Myanmar military and KNU clashed.",
        ),
        ("Other: in Ennery, Artibonite, trucks blocked roads.", "Other: trucks blocked roads."),
        # Names joined into one place, brackets within brackets, a place only in brackets.
        (
            "On 27 April 2021, near Myo Thit and Kone Law village in Momauk township (Bhamo"
            " District, Kachin State), the military carried out airstrikes.",
            "the military carried out airstrikes.",
        ),
        (
            "On 5 March 2021, in Thingangyun township (Yangon (east) district, Yangon region),"
            " two people threw homemade bombs.",
            "two people threw homemade bombs.",
        ),
        (
            "On 9 April 2021, (Monywa Township, Monywa District, Sagaing Region), an explosion"
            " occurred.",
            "an explosion occurred.",
        ),
        (
            "On 2 May 2020, in Kaya and the villages around, men fled.",
            "in Kaya and the villages around, men fled.",
        ),
        # What follows a place is kept when it is not itself a place.
        (
            "On 2 May 2020, in Kaya, JNIM militants attacked, killing 3.",
            "JNIM militants attacked, killing 3.",
        ),
        ("On 2 May 2020, in the morning, soldiers came.", "in the morning, soldiers came."),
        ("On 2 May 2020, in Kaya, Sanmatenga,", "On 2 May 2020, in Kaya, Sanmatenga,"),
    ],
)
def test_a_leading_date_and_place_are_dropped(text: str, expected: str) -> None:
    assert drop_date_and_place(text) == expected


def test_a_long_run_of_names_is_read_in_linear_time() -> None:
    # No comma ever closes the run: the pattern must give up without backtracking for long.
    text = "On 1 May 2020, in " + "Kaya (Kaya) - " * 5_000 + "end"
    started = time.perf_counter()
    assert drop_date_and_place(text) == text[len("On 1 May 2020, ") :]
    assert time.perf_counter() - started < 2.0


def test_clean_text_survives_anything() -> None:
    assert clean_text("a\x00b\tc\n\nd \ud800 e") == "a b c d ? e"


def test_the_embedded_part_fits_the_token_budget() -> None:
    embedder = E5Embedder(max_tokens=12)
    ids = embedder.tokens("On 3 May 2020, " + "armed men attacked the market " * 40)
    assert len(ids) == 12
    pieces = e5_model_file.load().vocabulary.pieces
    head = "".join(pieces[i] for i in ids[1:-1]).replace("\u2581", " ").strip()
    assert head.startswith("passage: armed men attacked")


def test_no_budget_exceeds_what_the_model_can_read() -> None:
    assert len(E5Embedder(max_tokens=10_000).tokens("x " * 5_000)) == 512


def test_rows_are_normalised_and_translations_are_close() -> None:
    rows = E5Embedder().embed(
        [
            "Soldiers arrested the journalist at his home.",
            "Des soldats ont arrêté le journaliste à son domicile.",
            "The harvest festival drew large crowds of dancers.",
        ]
    )
    assert rows.shape == (3, DIMENSION) and rows.dtype == np.float32
    assert np.allclose(np.linalg.norm(rows, axis=1), 1.0, atol=1e-3)
    assert rows[0] @ rows[1] > rows[0] @ rows[2] + 0.05


def test_no_texts_no_rows() -> None:
    assert E5Embedder().embed([]).shape == (0, DIMENSION)


def test_a_long_list_is_embedded_in_engine_batches_in_order() -> None:
    texts = [f"Report {i}: armed men burned {i * 7} houses in village {i}." for i in range(70)]
    assert len(texts) > 2 * ENGINE_BATCH
    embedder = E5Embedder()
    together = embedder.embed(texts)
    alone = np.vstack([embedder.embed([text]) for text in texts])
    assert np.allclose(together, alone, atol=2e-3)


def test_repeated_texts_are_embedded_once_and_each_gets_its_row(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    embedder = E5Embedder()
    embedder.embed(["warm up"])
    calls: list[int] = []
    real = E5Encoder.encode

    def counting(self: E5Encoder, batch: Sequence[Sequence[int]]) -> Matrix:
        calls.append(len(batch))
        return real(self, batch)

    monkeypatch.setattr(E5Encoder, "encode", counting)
    texts = ["Help us, they are coming tonight."] * 20 + ["The market burned."]
    rows = embedder.embed(texts)
    assert sum(calls) == 2
    assert rows.shape == (21, DIMENSION)
    assert np.allclose(rows[:20], rows[0]) and not np.allclose(rows[20], rows[0])
