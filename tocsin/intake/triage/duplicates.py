"""Near-duplicate reports, across languages: the same event told twice, or told in two languages.

Embeddings alone cannot tell "the same event" from "the same kind of event": two ACLED notes
about militants attacking two different villages are as close in e5 space (cosine ~0.92) as a
report and its French translation. What a retelling keeps, in any language written in the same
script, are its anchors: the names of people and places and the numbers. So a pair is a
near-duplicate when
- the embeddings are almost identical (cosine >= `same_text`), or
- they are close (>= `close`) and share most anchors (Jaccard index >= `anchor_overlap`:
  two notes on the same day naming different villages share the date but not the names), or
- they are close (>= `anchorless`) and one of them has no anchors to compare (a report in a
  script without capitals, or one naming nobody and nothing).
Clusters are the connected components of that relation (union-find), each named by its first
report. The thresholds come from our own translated pairs against unrelated ACLED notes
(docs/decisions/007-triage-model.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from tocsin.intake.triage.embedding import Matrix
from tocsin.intake.triage.folding import words

_BLOCK = 1024
_SENTENCE_END = re.compile(r"[.!?:;]\s*$")


@dataclass(frozen=True)
class DuplicatePolicy:
    same_text: float = 0.985
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


def _near(cosine: float, a: frozenset[str], b: frozenset[str], policy: DuplicatePolicy) -> bool:
    if cosine >= policy.same_text:
        return True
    if not a or not b:
        return cosine >= policy.anchorless
    return cosine >= policy.close and len(a & b) >= policy.anchor_overlap * len(a | b)


def cluster_duplicates(
    texts: list[str], embeddings: Matrix, policy: DuplicatePolicy | None = None
) -> list[int]:
    """For each text, the index of the first text of its cluster (itself when it has no twin).

    Rows of `embeddings` must be L2-normalised (as e5's are), so a dot product is the cosine.
    Similarities are computed block by block, so memory stays bounded for any number of texts.
    """
    policy = policy or DuplicatePolicy()
    rows = np.asarray(embeddings, dtype=np.float32)
    count = len(rows)
    groups = _UnionFind(count)
    keys: dict[int, frozenset[str]] = {}
    loosest = min(policy.close, policy.anchorless, policy.same_text)
    for start in range(0, count, _BLOCK):
        block = rows[start : start + _BLOCK] @ rows[start:].T
        for i, j in np.argwhere(block >= loosest):
            a, b = start + int(i), start + int(j)
            if a >= b:
                continue
            for k in (a, b):
                if k not in keys:
                    keys[k] = anchors(texts[k])
            if _near(float(block[i, j]), keys[a], keys[b], policy):
                groups.union(a, b)
    return [groups.find(i) for i in range(count)]
