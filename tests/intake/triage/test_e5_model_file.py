from __future__ import annotations

import struct

import numpy as np
import pytest

from tocsin.intake.triage import e5_model_file
from tocsin.intake.triage.e5_model_file import Q4_BLOCK, ModelFileError, dequantize, parse


def test_the_bundled_model_is_multilingual_e5_small() -> None:
    model = e5_model_file.load()
    cfg = model.config
    assert (cfg.hidden, cfg.layers, cfg.heads, cfg.feed_forward) == (384, 12, 12, 1536)
    assert len(model.vocabulary.pieces) == 250_002 and cfg.vocabulary >= 250_002
    assert model.vocabulary.pieces[model.vocabulary.bos] == "<s>"
    assert model.vocabulary.pieces[model.vocabulary.eos] == "</s>"
    assert model.tensors["l11.fo.w"].dtype == Q4_BLOCK
    assert model.tensors["emb.pos"].size == cfg.max_positions * cfg.hidden
    assert 0xFF21 in model.vocabulary.normalisation  # full-width A folds to A


def test_a_block_is_dequantized_low_nibbles_first() -> None:
    block = np.zeros(1, Q4_BLOCK)
    block["scale"] = 0.5
    block["nibbles"][0, :] = np.arange(16, dtype=np.uint8) | (np.uint8(15) << 4)
    row = dequantize(block, 32)[0]
    assert row[:16].tolist() == [(q - 8) * 0.5 for q in range(16)]
    assert row[16:].tolist() == [3.5] * 16


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"GGUF" + b"\0" * 60, "no E5S1 magic"),
        (b"E5S1" + struct.pack("<I7ifi", 1, 384, 12, 12, 1536, 9, 512, 2, 1e-12, 16), "blocks"),
        (
            b"E5S1"
            + struct.pack("<I7ifi", 1, 384, 12, 12, 1536, 9, 512, 2, 1e-12, 32)
            + struct.pack("<5iQ", 3, 0, 2, 1, 3, 10),
            "truncated",
        ),
    ],
)
def test_a_file_that_is_not_the_model_is_refused_by_name(data: bytes, message: str) -> None:
    with pytest.raises(ModelFileError, match=message):
        parse(memoryview(data))
