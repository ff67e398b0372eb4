"""The violation-type classifier: e5 sentence embeddings and character n-grams, one linear model.

Each half covers the other's blind spot. The embedding carries meaning across languages (a
French report lands near English examples of its type) but sees only the opening of a report;
the TF-IDF of character 2-5-grams reads the whole text and catches the words that decide a type
("raped", "IED", "sit-in") in whatever spelling, but knows only the languages it was trained on;
it sees names blanked (`name_masking`), lest a group that recurs in the training data decide.
Stacked side by side into one logistic regression, with classes weighted by their rarity, they
beat either alone (docs/decisions/007-triage-model.md). A third block says whether the text
names sexual violence outright and (with `weapon_cue`) a weapon used from afar
(`violation_cues`), scaled by `cue_weight`. An ACLED
note that opens with one of ACLED's tags ("Displacement:", `note_tags`) is given the type the
tag stands for: the coder has already said it. An untagged text that names an abduction and no
other harm (`names_abduction`) is an abduction, unless the model reads it as sexual violence or a
protest: ACLED's codebook says so, and files with few abductions never teach it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from scipy.sparse import csr_matrix, hstack
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.utils.validation import check_is_fitted

from tocsin.intake.triage.embedding import E5Embedder, Embedder, Matrix, clean_text
from tocsin.intake.triage.name_masking import without_names
from tocsin.intake.triage.note_tags import tagged_type
from tocsin.intake.triage.violation_cues import (
    names_abduction,
    names_remote_weapon,
    names_sexual_violence,
)
from tocsin.intake.triage.violation_types import ViolationType

Probabilities = npt.NDArray[np.float64]

# Types the model's reading keeps over an abduction word: a rape in captivity, a protest at one.
_READ_OVER_ABDUCTION = (ViolationType.SEXUAL_VIOLENCE, ViolationType.PROTEST_REPRESSION)


class ViolationClassifier(ClassifierMixin, BaseEstimator):  # type: ignore[misc]
    """Texts in, violation codes out; `fit` takes the texts and their codes.

    `embedder=None` means the shared e5 encoder; it is looked up at use, never stored, so a
    fitted classifier pickles without the engine. `embedding_weight` scales the embedding block
    against the unit-norm TF-IDF block. `mask_names` blanks names before the TF-IDF
    (`name_masking`). `abduction_rule` applies `names_abduction` as the module says;
    `weapon_cue` adds the column of `names_remote_weapon`.
    """

    # Models saved before these settings existed have no such attributes and read as before.
    mask_names = False
    abduction_rule = False
    weapon_cue = False

    def __init__(
        self,
        embedder: Embedder | None = None,
        embedding_weight: float = 1.5,
        C: float = 10.0,  # noqa: N803 - scikit-learn's name for the inverse regularisation
        ngram_range: tuple[int, int] = (2, 5),
        min_df: int = 2,
        max_iter: int = 3000,
        cue_weight: float = 1.0,
        mask_names: bool = True,
        abduction_rule: bool = True,
        weapon_cue: bool = True,
    ) -> None:
        self.embedder = embedder
        self.embedding_weight = embedding_weight
        self.C = C
        self.ngram_range = ngram_range
        self.min_df = min_df
        self.max_iter = max_iter
        self.cue_weight = cue_weight
        self.mask_names = mask_names
        self.abduction_rule = abduction_rule
        self.weapon_cue = weapon_cue

    def _embedder(self) -> Embedder:
        return self.embedder if self.embedder is not None else E5Embedder()

    def _lexical(self, texts: Sequence[str]) -> list[str]:
        cleaned = [clean_text(t) for t in texts]
        return [without_names(t) for t in cleaned] if self.mask_names else cleaned

    def _features(self, texts: Sequence[str], embeddings: Matrix) -> csr_matrix:
        lexical = self.vectorizer_.transform(self._lexical(texts))
        dense = csr_matrix(np.asarray(embeddings, dtype=np.float64) * self.embedding_weight)
        columns = [names_sexual_violence, *([names_remote_weapon] if self.weapon_cue else [])]
        cues = csr_matrix(
            np.array([[self.cue_weight * cue(t) for cue in columns] for t in texts], dtype=float)
        )
        return hstack([lexical, dense, cues]).tocsr()

    def fit(
        self,
        X: Sequence[str],  # noqa: N803
        y: Sequence[str],
        sample_weight: Sequence[float] | None = None,
        embeddings: Matrix | None = None,
    ) -> ViolationClassifier:
        texts = list(X)
        labels = np.asarray(list(y), dtype=object)
        if len(texts) != len(labels) or not texts:
            raise ValueError("need as many labels as texts, and at least one of each")
        if embeddings is None:
            embeddings = self._embedder().embed(texts)
        min_df = self.min_df if len(texts) >= 50 else 1
        self.vectorizer_ = TfidfVectorizer(
            analyzer="char_wb",
            ngram_range=self.ngram_range,
            sublinear_tf=True,
            min_df=min_df,
            dtype=np.float64,
        )
        self.vectorizer_.fit(self._lexical(texts))
        self.model_ = LogisticRegression(C=self.C, class_weight="balanced", max_iter=self.max_iter)
        weights = None if sample_weight is None else np.asarray(sample_weight, dtype=float)
        self.model_.fit(self._features(texts, embeddings), labels, sample_weight=weights)
        self.classes_ = self.model_.classes_
        return self

    def predict_proba(
        self,
        X: Sequence[str],  # noqa: N803
        embeddings: Matrix | None = None,
    ) -> Probabilities:
        """Class probabilities in the order of `classes_`; pass `embeddings` already computed."""
        check_is_fitted(self, "model_")
        texts = list(X)
        if not texts:
            return np.zeros((0, len(self.classes_)))
        if embeddings is None:
            embeddings = self._embedder().embed(texts)
        proba: Probabilities = self.model_.predict_proba(self._features(texts, embeddings))
        column = {label: i for i, label in enumerate(self.classes_)}
        abduction = column.get(ViolationType.ABDUCTION_DISAPPEARANCE.value)
        kept = {column.get(t.value) for t in _READ_OVER_ABDUCTION}
        for row, text in enumerate(texts):
            tagged = tagged_type(text)
            if tagged is not None and tagged.value in column:
                proba[row] = 0.0
                proba[row, column[tagged.value]] = 1.0
            elif self.abduction_rule and abduction is not None and names_abduction(text):
                best = int(proba[row].argmax())
                if best not in kept:
                    # Abduction first, with the model's own top confidence: swap the two.
                    proba[row, [best, abduction]] = proba[row, [abduction, best]]
        return proba

    def predict(
        self,
        X: Sequence[str],  # noqa: N803
        embeddings: Matrix | None = None,
    ) -> npt.NDArray[Any]:
        proba = self.predict_proba(X, embeddings)
        return np.asarray(self.classes_[proba.argmax(axis=1)]) if len(proba) else np.array([])
