"""WebP: bitstream, alpha and animation chunks kept; ICCP, EXIF, XMP and unknown ones not."""

from __future__ import annotations

import struct

from tocsin.intake.media.containers import (
    Container,
    Found,
    Parts,
    container,
    corrupt,
    truncated,
)

_VP8X_METADATA_FLAGS = 0x20 | 0x08 | 0x04  # ICC profile, EXIF, XMP
_WEBP_PIXELS = frozenset({b"VP8 ", b"VP8L", b"ALPH", b"ANIM", b"ANMF"})


def read_webp(data: bytes) -> Container:
    """Keep the bitstream, alpha and animation chunks; drop ICCP, EXIF, XMP and unknown ones."""
    found = Found()
    if len(data) < 12:
        raise truncated("WebP")
    (riff_size,) = struct.unpack_from("<I", data, 4)
    riff_end = 8 + riff_size
    if riff_end > len(data):
        raise truncated("WebP")
    found.trailer("webp", data[riff_end:])
    chunks: list[bytes] = []
    size: tuple[int, int] | None = None
    extended = False
    frames = 0
    codecs: set[bytes] = set()
    parts = Parts("WebP")
    pos = 12
    while pos < riff_end:
        parts.next()
        if pos + 8 > riff_end:
            raise corrupt("WebP", "bad chunk header")
        kind = data[pos : pos + 4]
        (length,) = struct.unpack_from("<I", data, pos + 4)
        end = pos + 8 + length
        if end > riff_end:
            raise truncated("WebP")
        body = data[pos + 8 : end]
        first = pos == 12
        pos = min(end + (length & 1), riff_end)
        if kind == b"VP8X" and first:
            if length < 10:
                raise corrupt("WebP", "short extended header")
            extended = True
            width = 1 + int.from_bytes(body[4:7], "little")
            height = 1 + int.from_bytes(body[7:10], "little")
            size = (width, height)
            flags = body[0] & ~_VP8X_METADATA_FLAGS
            chunks.append(b"VP8X" + struct.pack("<I", length) + bytes((flags,)) + body[1:])
        elif kind in _WEBP_PIXELS and (extended or (first and kind in (b"VP8 ", b"VP8L"))):
            if not extended:
                size = _webp_bitstream_size(kind, body)
            frames += kind == b"ANMF"
            codecs |= _webp_codecs(kind, body)
            chunks.append(data[end - length - 8 : end])
        else:
            _webp_metadata(kind, body, found)
    if size is None or not codecs:
        raise corrupt("WebP", "no image data")
    padded = [chunk + b"\x00" * (len(chunk) & 1) for chunk in chunks]
    total = 4 + sum(len(chunk) for chunk in padded)
    out = [b"RIFF", struct.pack("<I", total), b"WEBP", *padded]
    lossless = codecs == {b"VP8L"}
    return container("webp", out, found, size, frames=max(frames, 1), lossless=lossless)


def _webp_bitstream_size(kind: bytes, body: bytes) -> tuple[int, int]:
    if kind == b"VP8L":
        if len(body) < 5 or body[0] != 0x2F:
            raise corrupt("WebP", "bad lossless header")
        (bits,) = struct.unpack_from("<I", body, 1)
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if len(body) < 10 or body[3:6] != b"\x9d\x01\x2a":
        raise corrupt("WebP", "bad lossy header")
    width, height = struct.unpack_from("<HH", body, 6)
    if not (width & 0x3FFF and height & 0x3FFF):
        raise corrupt("WebP", "bad dimensions")
    return width & 0x3FFF, height & 0x3FFF


def _webp_codecs(kind: bytes, body: bytes) -> set[bytes]:
    """Which bitstreams a chunk holds, looking inside animation frames (ANMF)."""
    if kind in (b"VP8 ", b"VP8L"):
        return {kind}
    if kind != b"ANMF":
        return set()
    codecs: set[bytes] = set()
    pos = 16
    while pos + 8 <= len(body):
        (length,) = struct.unpack_from("<I", body, pos + 4)
        if body[pos : pos + 4] in (b"VP8 ", b"VP8L"):
            codecs.add(body[pos : pos + 4])
        pos += 8 + length + (length & 1)
    return codecs


def _webp_metadata(kind: bytes, body: bytes, found: Found) -> None:
    if kind == b"EXIF":
        found.exif(body)
    elif kind == b"XMP ":
        found.labels.add("xmp")
    elif kind == b"ICCP":
        found.labels.add("icc")
        found.icc_profile = body
    else:
        found.labels.add("webp:other")
