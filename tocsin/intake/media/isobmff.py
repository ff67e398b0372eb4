"""Reading and writing ISO base media boxes (MP4, QuickTime, 3GP), and the sample tables.

Only what rewriting a phone's video needs: walking boxes with every size checked against its
container, reading where each chunk of samples lies, and writing box headers back. All errors
are the file's fault and are raised as `IntakeInputError`.
"""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import accumulate

from tocsin.intake.errors import IntakeInputError

# Real files hold a handful of boxes per container; thousands of tiny ones are a crafted file
# meant to keep a Python loop busy.
MAX_BOXES = 10_000


@dataclass(frozen=True)
class Box:
    """Where a box lies in the file: its header at `start`, its payload from `body` to `end`."""

    kind: bytes
    start: int
    body: int
    end: int


def corrupt(what: str) -> IntakeInputError:
    return IntakeInputError(f"corrupt video: {what}")


def walk(data: bytes, start: int, end: int, *, top: bool = False) -> list[Box]:
    """The boxes between `start` and `end`; `top` allows a last box sized to the end of file."""
    boxes: list[Box] = []
    pos = start
    while pos < end:
        if len(boxes) >= MAX_BOXES:
            raise corrupt("too many boxes")
        if end - pos < 8:
            # QuickTime ends some lists with a 32-bit zero terminator.
            if not top and not any(data[pos:end]):
                break
            raise IntakeInputError("truncated video") if top else corrupt("box header cut short")
        size, kind = struct.unpack_from(">I4s", data, pos)
        body = pos + 8
        if size == 1:
            if end - pos < 16:
                raise (
                    IntakeInputError("truncated video") if top else corrupt("box header cut short")
                )
            (size,) = struct.unpack_from(">Q", data, pos + 8)
            body = pos + 16
        elif size == 0:
            if not top:
                if not any(data[pos:end]):
                    break
                raise corrupt("box of size zero inside a container")
            size = end - pos
        if size < body - pos:
            raise corrupt("box smaller than its header")
        if pos + size > end:
            raise IntakeInputError("truncated video") if top else corrupt("box overruns its parent")
        boxes.append(Box(kind, pos, body, pos + size))
        pos += size
    return boxes


def header(kind: bytes, payload_size: int) -> bytes:
    """A box header, switching to a 64-bit size only when the box needs it."""
    if payload_size + 8 <= 0xFFFFFFFF:
        return struct.pack(">I4s", payload_size + 8, kind)
    return struct.pack(">I4sQ", 1, kind, payload_size + 16)


def header_size(payload_size: int) -> int:
    return 8 if payload_size + 8 <= 0xFFFFFFFF else 16


def _counted(payload: bytes, offset: int, width: int, what: str) -> tuple[int, ...]:
    """The big-endian integers of `width` bytes that follow a 32-bit count at `offset`."""
    if len(payload) < offset + 4:
        raise corrupt(f"short {what} table")
    (count,) = struct.unpack_from(">I", payload, offset)
    if len(payload) < offset + 4 + count * width:
        raise corrupt(f"short {what} table")
    if width == 8:
        return struct.unpack_from(f">{count}Q", payload, offset + 4)
    return struct.unpack_from(f">{count * width // 4}I", payload, offset + 4)


def chunk_offsets(kind: bytes, payload: bytes) -> tuple[int, ...]:
    """The file offsets listed by an `stco` (32-bit) or `co64` (64-bit) box."""
    return _counted(payload, 4, 8 if kind == b"co64" else 4, "chunk offset")


def encode_chunk_offsets(kind: bytes, offsets: list[int]) -> bytes:
    code = "Q" if kind == b"co64" else "I"
    return struct.pack(f">II{len(offsets)}{code}", 0, len(offsets), *offsets)


@dataclass(frozen=True)
class _SampleSizes:
    """Sample sizes as running totals, or one size shared by all (raw audio has millions)."""

    count: int
    fixed: int
    ends: list[int]

    def total(self, first: int, count: int) -> int:
        """The bytes taken by `count` samples from sample number `first` (0-based)."""
        if self.fixed:
            return self.fixed * count
        return self.ends[first + count] - self.ends[first]


def _sample_sizes(tables: dict[bytes, bytes]) -> _SampleSizes:
    """From `stsz` or its compact form `stz2`."""
    if b"stsz" in tables:
        payload = tables[b"stsz"]
        if len(payload) < 12:
            raise corrupt("short sample size table")
        fixed, count = struct.unpack_from(">II", payload, 4)
        if fixed:
            return _SampleSizes(count, fixed, [])
        sizes: list[int] | bytes = list(_counted(payload, 8, 4, "sample size"))
    elif b"stz2" in tables:
        payload = tables[b"stz2"]
        if len(payload) < 12:
            raise corrupt("short sample size table")
        field = payload[7]
        (count,) = struct.unpack_from(">I", payload, 8)
        packed = payload[12:]
        if field not in (4, 8, 16) or len(packed) * 8 < count * field:
            raise corrupt("bad compact sample size table")
        if field == 16:
            sizes = list(struct.unpack_from(f">{count}H", packed))
        elif field == 8:
            sizes = packed[:count]
        else:
            sizes = [half for byte in packed for half in (byte >> 4, byte & 0x0F)][:count]
    else:
        raise corrupt("track without a sample size table")
    return _SampleSizes(len(sizes), 0, list(accumulate(sizes, initial=0)))


def chunk_spans(tables: dict[bytes, bytes]) -> list[tuple[int, int]]:
    """(offset, length) of every chunk of a track, from its `stbl` tables keyed by box type.

    A chunk is a run of consecutive samples; `stsc` says how many samples each chunk holds and
    the sample sizes add up to its length. The tables must agree on the number of samples.
    """
    offset_kinds = [kind for kind in (b"stco", b"co64") if kind in tables]
    if len(offset_kinds) != 1 or b"stsc" not in tables:
        raise corrupt("track without chunk tables")
    offsets = chunk_offsets(offset_kinds[0], tables[offset_kinds[0]])
    sizes = _sample_sizes(tables)
    flat = _counted(tables[b"stsc"], 4, 12, "sample-to-chunk")
    runs = [(flat[index], flat[index + 1]) for index in range(0, len(flat), 3)]
    spans: list[tuple[int, int]] = []
    sample = 0
    if offsets and (not runs or runs[0][0] != 1):
        raise corrupt("sample-to-chunk table does not start at the first chunk")
    for index, (first, per_chunk) in enumerate(runs):
        last = runs[index + 1][0] - 1 if index + 1 < len(runs) else len(offsets)
        if first < 1 or last < first - 1 or last > len(offsets):
            raise corrupt("bad sample-to-chunk table")
        for chunk in range(first, last + 1):
            if sample + per_chunk > sizes.count:
                raise corrupt("chunks hold more samples than the track has")
            spans.append((offsets[chunk - 1], sizes.total(sample, per_chunk)))
            sample += per_chunk
    if sample != sizes.count:
        raise corrupt("chunks hold fewer samples than the track has")
    return spans


# --- writing a rewritten box tree ---------------------------------------------------------


@dataclass
class Leaf:
    kind: bytes
    payload: bytes


@dataclass
class Offsets:
    """An `stco`/`co64` box, written last because its values depend on where `mdat` lands."""

    kind: bytes
    offsets: tuple[int, ...]


@dataclass
class Parent:
    kind: bytes
    children: list[Leaf | Offsets | Parent] = field(default_factory=list)


Node = Leaf | Offsets | Parent


def size_of(node: Node) -> int:
    payload = _payload_size(node)
    return header_size(payload) + payload


def _payload_size(node: Node) -> int:
    if isinstance(node, Leaf):
        return len(node.payload)
    if isinstance(node, Offsets):
        return 8 + len(node.offsets) * (8 if node.kind == b"co64" else 4)
    return sum(size_of(child) for child in node.children)


def write(node: Node, moved: Callable[[int], int], parts: list[bytes | memoryview]) -> None:
    parts.append(header(node.kind, _payload_size(node)))
    if isinstance(node, Leaf):
        parts.append(node.payload)
    elif isinstance(node, Offsets):
        # Boxes are only ever removed, so offsets shrink and still fit in 32 bits.
        parts.append(encode_chunk_offsets(node.kind, [moved(offset) for offset in node.offsets]))
    else:
        for child in node.children:
            write(child, moved, parts)
