from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.intake.triage.fakes import HashingEmbedder
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.model_store import (
    CARD_FILE,
    MODEL_FILE,
    load_triage_model,
    save_triage_model,
)
from tocsin.intake.triage.triage_model import TriageModel, train_triage_model


def test_a_saved_model_loads_back_with_its_version_and_card(tmp_path: Path) -> None:
    model = train_triage_model(
        [], [("He was taken at night.", "abduction_disappearance")], embedder=HashingEmbedder()
    )
    folder = tmp_path / "models" / "triage"
    save_triage_model(model, folder)
    loaded = load_triage_model(folder)
    assert loaded.model_version == model.model_version
    texts = ["police fired tear gas at students"]
    assert list(loaded.classifier.predict(texts)) == list(model.classifier.predict(texts))
    card = json.loads((folder / CARD_FILE).read_text(encoding="utf-8"))
    assert card["model_version"] == model.model_version and card["confirmed_examples"] == 1
    assert not list(folder.glob(".*part"))  # nothing half-written left behind


def test_without_a_saved_model_the_seed_model_is_used(
    tmp_path: Path, untrained_model: TriageModel
) -> None:
    assert load_triage_model(None) is untrained_model
    assert load_triage_model(tmp_path) is untrained_model


@pytest.mark.parametrize("content", [b"not a pickle", b""])
def test_a_damaged_model_file_is_a_clear_error(tmp_path: Path, content: bytes) -> None:
    (tmp_path / MODEL_FILE).write_bytes(content)
    with pytest.raises(IntakeInputError, match="not a readable triage model"):
        load_triage_model(tmp_path)


def test_a_file_holding_something_else_is_refused(tmp_path: Path) -> None:
    import joblib

    joblib.dump({"not": "a model"}, tmp_path / MODEL_FILE)
    with pytest.raises(IntakeInputError, match="not a triage model"):
        load_triage_model(tmp_path)
