"""multilingual-e5's tokenizer: SentencePiece unigram (XLM-RoBERTa's 250,002 pieces).

The text is normalised (the model's own code-point map, then runs of spaces to one), spaces
become the metaspace "▁" with one in front, and the most probable split into pieces is found by
dynamic programming over the piece scores (a character no piece covers is <unk>). Only the head
of a long report is embedded, so only as many characters as `max_tokens` can use are split.
"""

from __future__ import annotations

import re

from tocsin.intake.triage.e5_model_file import Vocabulary

METASPACE = "\u2581"
PASSAGE_PREFIX = "passage: "
_SPACES = re.compile(" {2,}")
# Pieces are at most 16 characters and most are far shorter: this many characters per wanted
# token nearly always yields the budget (a head of long pieces embeds a few tokens fewer), and
# keeps the split's cost bounded however long the report.
_CHARS_PER_TOKEN = 8


class UnigramTokenizer:
    def __init__(self, vocabulary: Vocabulary) -> None:
        self.bos, self.eos, self.unk = vocabulary.bos, vocabulary.eos, vocabulary.unk
        scores = vocabulary.scores.tolist()
        self._score = {
            piece: (index, scores[index])
            for index, piece in enumerate(vocabulary.pieces)
            if piece and index != self.unk
        }
        # Every prefix of a piece, so the search stops as soon as no longer piece can match.
        self._prefixes = {piece[:end] for piece in self._score for end in range(1, len(piece))}
        self._unk_score = min(scores) - 10.0
        self._translation = str.maketrans(vocabulary.normalisation)

    def normalise(self, text: str) -> str:
        text = _SPACES.sub(" ", text.translate(self._translation))
        return (text if text.startswith(" ") else " " + text).replace(" ", METASPACE)

    def pieces(self, text: str) -> list[int]:
        """The piece ids of `text`, best split first (no <s> and </s>)."""
        chars = self.normalise(text)
        size = len(chars)
        best = [0.0] + [float("-inf")] * size
        back: list[tuple[int, int]] = [(0, 0)] * (size + 1)
        score_of, prefixes, unk_score = self._score, self._prefixes, self._unk_score
        for start in range(size):
            base = best[start]
            if base == float("-inf"):
                continue
            end = start + 1
            while end <= size:
                candidate = chars[start:end]
                found = score_of.get(candidate)
                if found is not None and base + found[1] > best[end]:
                    best[end] = base + found[1]
                    back[end] = (start, found[0])
                if candidate not in prefixes:
                    break
                end += 1
            if base + unk_score > best[start + 1]:
                best[start + 1] = base + unk_score
                back[start + 1] = (start, self.unk)
        ids: list[int] = []
        at = size
        while at > 0:
            at, piece = back[at]
            ids.append(piece)
        ids.reverse()
        return ids

    def passage(self, text: str, max_tokens: int) -> tuple[int, ...]:
        """<s> "passage: " + the head of `text` </s>, at most `max_tokens` ids in all."""
        head = (PASSAGE_PREFIX + text)[: max(1, max_tokens) * _CHARS_PER_TOKEN]
        content = self.pieces(head)[: max(0, max_tokens - 2)]
        return (self.bos, *content, self.eos)
