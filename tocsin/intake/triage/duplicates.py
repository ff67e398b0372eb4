"""Near-duplicate reports, across languages: the same event told twice, or told in two languages.

Embeddings alone cannot tell "the same event" from "the same kind of event": two ACLED notes
about militants attacking two different villages are as close in e5 space (cosine ~0.92) as a
report and its French translation, and as only a report's head is embedded, two notes that open
alike can be closer still. What a retelling keeps, in any language written in the same script,
are its anchors: the names of people and places and the numbers. Anchors are weighed by how
rare they are among the reports compared, so the village two notes differ by outweighs the
month, year, armed group and province they share. A pair is a near-duplicate when
- the embeddings are almost identical (cosine >= `same_text`) and the anchors mostly agree
  (weighted overlap >= `same_text_overlap`), or
- they are close (>= `close`) and share most anchors (weighted Jaccard >= `anchor_overlap`), or
- they are close (>= `anchorless`) and one of them has no anchors to compare (a report in a
  script without capitals, or one naming nobody and nothing);
and in any case not when their places, where both are known, disagree (another country, or
another first- or second-level unit): formulaic notes of two attacks on two villages can share
every word but the village, and only a report's head is embedded, so they may look alike to
both tests ("... imposed heavy taxation in Buaale town" / "... in Jilib town"); nor when the
days they say their events happened, where both say one, differ (`stated_dates`): the weekly
protest in one town, told in the same words each time.
Clusters are the connected components of that relation (union-find), each named by its first
report. The thresholds come from our own translated pairs against unrelated ACLED notes
(docs/decisions/007-triage-model.md).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from tocsin.intake.triage.admin_keys import admin_key
from tocsin.intake.triage.embedding import Matrix
from tocsin.intake.triage.folding import words
from tocsin.intake.triage.stated_dates import stated_day

_BLOCK = 1024
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")
# Where a report is placed: (country, admin1, admin2), each None when unknown.
Placing = tuple[str | None, str | None, str | None]


@dataclass(frozen=True)
class DuplicatePolicy:
    same_text: float = 0.985
    same_text_overlap: float = 0.7
    close: float = 0.90
    anchor_overlap: float = 0.75
    anchorless: float = 0.92


def anchors(text: str) -> frozenset[str]:
    """Capitalised words not opening a sentence, and numbers: what a retelling keeps."""
    found = set()
    for word in words(text):
        if word.folded.isdigit():
            found.add(word.folded)
            continue
        opening = word.start == 0 or _SENTENCE_END.search(text[: word.start]) is not None
        first = text[word.start]
        if first.isupper() and not opening and len(word.folded) > 1:
            found.add(word.folded)
    return frozenset(found)


class _UnionFind:
    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, item: int) -> int:
        root = item
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[item] != root:  # path compression
            self.parent[item], item = root, self.parent[item]
        return root

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)  # a cluster is named by its first report


class _AnchorWeights:
    """How much sharing an anchor says: 1 for a name only a pair of reports use, less the more
    reports name it (log of the inverse share, relative to a pair's), so that a few reports
    compared, say a report and its translation, weigh their anchors alike."""

    def __init__(self, keys: Sequence[frozenset[str]]) -> None:
        counts = Counter(anchor for key in keys for anchor in key)
        total = len(keys)
        pair = math.log1p(total / 2)
        self._weight = {
            anchor: min(1.0, math.log1p(total / n) / pair) for anchor, n in counts.items()
        }

    def overlap(self, a: frozenset[str], b: frozenset[str]) -> float:
        union = sum(self._weight[x] for x in a | b)
        return sum(self._weight[x] for x in a & b) / union if union else 1.0


def _near(
    cosine: float,
    a: frozenset[str],
    b: frozenset[str],
    weights: _AnchorWeights,
    policy: DuplicatePolicy,
) -> bool:
    if not a or not b:
        return cosine >= min(policy.anchorless, policy.same_text)
    if cosine >= policy.same_text:
        return weights.overlap(a, b) >= policy.same_text_overlap
    return cosine >= policy.close and weights.overlap(a, b) >= policy.anchor_overlap


def placed_apart(a: Placing, b: Placing) -> bool:
    """Whether two reports are placed in different countries or units (both known)."""
    for mine, theirs in zip(a, b, strict=True):
        if mine and theirs and admin_key(mine) != admin_key(theirs):
            return True
    return False


def cluster_duplicates(
    texts: list[str],
    embeddings: Matrix,
    policy: DuplicatePolicy | None = None,
    places: Sequence[Placing] | None = None,
) -> list[int]:
    """For each text, the index of the first text of its cluster (itself when it has no twin).

    Rows of `embeddings` must be L2-normalised (as e5's are), so a dot product is the cosine.
    Similarities are computed block by block, so memory stays bounded for any number of texts.
    `places`, one per text, keeps reports placed apart out of one cluster; so are reports
    that say their events happened on different days.
    """
    policy = policy or DuplicatePolicy()
    rows = np.asarray(embeddings, dtype=np.float32)
    count = len(rows)
    if count < 2:
        return list(range(count))
    # Rarity is counted over every text, not only the close pairs: a name common to the batch
    # is common whether or not its reports look alike.
    keys = [anchors(text) for text in texts]
    days = [stated_day(text) for text in texts]
    weights = _AnchorWeights(keys)
    groups = _UnionFind(count)
    loosest = min(policy.close, policy.anchorless, policy.same_text)
    for start in range(0, count, _BLOCK):
        block = rows[start : start + _BLOCK] @ rows[start:].T
        for i, j in np.argwhere(block >= loosest):
            a, b = start + int(i), start + int(j)
            if a >= b or (places is not None and placed_apart(places[a], places[b])):
                continue
            if days[a] is not None and days[b] is not None and days[a] != days[b]:
                continue
            if _near(float(block[i, j]), keys[a], keys[b], weights, policy):
                groups.union(a, b)
    return [groups.find(i) for i in range(count)]
