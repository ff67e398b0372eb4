"""Saving and loading triage models under a directory the operator chooses.

A model is one joblib file plus a small JSON card (version, what it was trained on) that can be
read without unpickling. Unpickling runs code, so load only models this deployment wrote: the
directory belongs to the operator, like the database. A directory without a model is not an
error: triage then runs on the seed model, trained in memory from our exemplars.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from pathlib import Path

import joblib

from tocsin.atomic import atomic_output, write_text_atomic
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.triage.triage_model import TriageModel, train_triage_model

MODEL_FILE = "triage-model.joblib"
CARD_FILE = "triage-model.json"


def save_triage_model(model: TriageModel, model_dir: Path) -> Path:
    """Write the model (atomically) into `model_dir`, creating it; returns the model file."""
    model_dir.mkdir(parents=True, exist_ok=True)
    path = model_dir / MODEL_FILE
    with atomic_output(path) as tmp:
        joblib.dump(model, tmp)
    card = {"model_version": model.model_version, **dataclasses.asdict(model.summary)}
    write_text_atomic(model_dir / CARD_FILE, json.dumps(card, indent=2, sort_keys=True) + "\n")
    return path


@functools.cache
def seed_model() -> TriageModel:
    """The model of an install with no training data: our exemplars only (trained once)."""
    return train_triage_model()


def load_triage_model(model_dir: Path | None = None) -> TriageModel:
    """The model saved in `model_dir`, or the seed model when there is none (or no directory)."""
    if model_dir is None or not (model_dir / MODEL_FILE).exists():
        return seed_model()
    path = model_dir / MODEL_FILE
    try:
        model = joblib.load(path)
    except Exception as exc:  # a damaged pickle can fail in any of a dozen ways
        raise IntakeInputError(
            f"{path}: not a readable triage model ({type(exc).__name__})"
        ) from None
    if not isinstance(model, TriageModel):
        raise IntakeInputError(f"{path}: not a triage model")
    return model
