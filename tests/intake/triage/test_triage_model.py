from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from tests.intake.triage.acled_samples import TWO_EVENTS
from tests.intake.triage.fakes import HashingEmbedder
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.seed_examples import seed_pairs
from tocsin.intake.triage.triage_model import (
    TRIAGE_CODE_VERSION,
    check_confirmed,
    recent_examples,
    retrain_triage_model,
    train_triage_model,
)

CONFIRMED = [("The milkman was taken away by masked men.", "abduction_disappearance")]


@pytest.fixture
def acled_file(tmp_path: Path) -> Path:
    path = tmp_path / "acled.csv"
    path.write_text(TWO_EVENTS, encoding="utf-8")
    return path


def test_seeds_acled_and_confirmed_labels_all_train_the_model(acled_file: Path) -> None:
    model = train_triage_model([acled_file], CONFIRMED, embedder=HashingEmbedder())
    summary = model.summary
    assert summary.seed_examples == len(seed_pairs())
    assert (summary.acled_examples, summary.confirmed_examples) == (2, 1)
    assert summary.acled_paths == (str(acled_file),)
    assert model.places.home_country == "BFA"
    assert any(place.name == "Tin-Akoff" for place, _ in model.places.entries())
    assert model.model_version.startswith(f"triage-{TRIAGE_CODE_VERSION}-")


def test_the_version_is_a_content_hash(acled_file: Path) -> None:
    embedder = HashingEmbedder()
    a = train_triage_model([acled_file], CONFIRMED, embedder=embedder).model_version
    b = train_triage_model([acled_file], CONFIRMED, embedder=embedder).model_version
    c = train_triage_model([acled_file], [], embedder=embedder).model_version
    assert a == b != c


def test_retraining_rereads_the_acled_files_and_takes_all_confirmed_labels(
    acled_file: Path,
) -> None:
    model = train_triage_model([acled_file], [], embedder=HashingEmbedder())
    better = retrain_triage_model(model, CONFIRMED * 2, embedder=HashingEmbedder())
    assert better.summary.acled_examples == 2 and better.summary.confirmed_examples == 2
    assert better.model_version != model.model_version
    acled_file.unlink()
    with pytest.raises(IntakeInputError, match="not found"):
        retrain_triage_model(model, CONFIRMED, embedder=HashingEmbedder())


@pytest.mark.parametrize(
    ("pairs", "message"),
    [
        ([("fine", "attack_on_civilians"), ("text", "massacre")], "label 2: unknown violation"),
        ([(" ", "other")], "label 1: the report text is empty"),
    ],
)
def test_confirmed_labels_that_cannot_be_learned_are_refused(
    pairs: list[tuple[str, str]], message: str
) -> None:
    with pytest.raises(IntakeInputError, match=message):
        check_confirmed(pairs)


def test_a_large_file_teaches_types_from_its_latest_events_and_rare_older_ones() -> None:
    events = pd.DataFrame(
        {
            "date": pd.to_datetime(
                ["2020-01-01", "2020-02-01", "2020-03-01", "2020-04-01", "2020-05-01"]
            ),
            "label": ["sexual_violence", "armed_clash", "armed_clash", "attack", "armed_clash"],
            "text": ["a", "b", "c", "d", "e"],
        }
    )
    chosen = recent_examples(events, limit=3, min_per_type=1)
    # The three latest, plus the one sexual-violence note, which only an older event has.
    assert chosen["text"].tolist() == ["a", "c", "d", "e"]
    assert recent_examples(events, limit=5) is events
