"""A stand-in for the e5 engine where a test is about something else: fast and deterministic."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from tocsin.intake.triage.embedding import DIMENSION, Matrix


class HashingEmbedder:
    """Each word adds a fixed pseudo-random direction: same words, same vector."""

    max_tokens = 0

    def embed(self, texts: Sequence[str]) -> Matrix:
        rows = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.casefold().split():
                seed = int.from_bytes(hashlib.sha256(word.encode()).digest()[:4], "little")
                rows[i] += np.random.default_rng(seed).standard_normal(DIMENSION).astype(np.float32)
            norm = float(np.linalg.norm(rows[i]))
            rows[i] = rows[i] / norm if norm else rows[i]
        return rows
