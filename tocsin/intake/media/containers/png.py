"""PNG: header, palette, transparency, image data and animation kept; other chunks not."""

from __future__ import annotations

import struct
import zlib

from tocsin.intake.media.containers import (
    Container,
    Found,
    Parts,
    container,
    corrupt,
    truncated,
)

# ICC profiles are tens of kilobytes; a compressed one inflating past this is not a profile.
_MAX_ICC_BYTES = 4 * 1024 * 1024

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_PNG_PIXELS = frozenset({b"PLTE", b"tRNS", b"IDAT", b"fcTL", b"fdAT"})


def read_png(data: bytes) -> Container:
    """Keep the header, palette, transparency, image data and animation; drop the rest."""
    found = Found()
    out = [PNG_SIGNATURE]
    size: tuple[int, int] | None = None
    frames = 1
    parts = Parts("PNG")
    pos = len(PNG_SIGNATURE)
    while True:
        parts.next()
        if pos + 8 > len(data):
            raise truncated("PNG")
        length, kind = struct.unpack_from(">I4s", data, pos)
        end = pos + 12 + length
        if length > 0x7FFFFFFF or not kind.isalpha():
            raise corrupt("PNG", "bad chunk header")
        if end > len(data):
            raise truncated("PNG")
        body = data[pos + 8 : end - 4]
        if (size is None) != (kind == b"IHDR"):
            raise corrupt("PNG", "header chunk missing or repeated")
        if kind == b"IHDR":
            if length != 13:
                raise corrupt("PNG", "bad header chunk")
            size = struct.unpack_from(">II", body)
            if not (0 < size[0] <= 0x7FFFFFFF and 0 < size[1] <= 0x7FFFFFFF):
                raise corrupt("PNG", "bad dimensions")
            out.append(data[pos:end])
        elif kind == b"IEND":
            out.append(data[pos:end])
            found.trailer("png", data[end:])
            break
        elif kind == b"acTL":
            if frames != 1 or length != 8:
                raise corrupt("PNG", "bad animation control chunk")
            (frames,) = struct.unpack_from(">I", body)
            # Pillow falls back to the still image (with a warning) outside these bounds.
            if not 1 <= frames <= 0x80000000:
                raise corrupt("PNG", "bad animation frame count")
            out.append(data[pos:end])
        elif kind in _PNG_PIXELS:
            out.append(data[pos:end])
        else:
            _png_metadata(kind, body, found)
        pos = end
    assert size is not None  # IHDR is required before any other chunk
    return container("png", out, found, (size[0], size[1]), frames=frames, lossless=True)


def _png_metadata(kind: bytes, body: bytes, found: Found) -> None:
    if kind in (b"tEXt", b"zTXt", b"iTXt"):
        xmp = kind == b"iTXt" and body.startswith(b"XML:com.adobe.xmp\x00")
        found.labels.add("xmp" if xmp else "png:text")
    elif kind == b"eXIf":
        found.exif(body)
    elif kind == b"iCCP":
        found.labels.add("icc")
        found.icc_profile = _inflate_icc(body)
    elif kind == b"tIME":
        found.labels.add("png:time")
    else:
        found.labels.add("png:" + kind.decode("ascii"))


def _inflate_icc(body: bytes) -> bytes | None:
    """The profile of an iCCP chunk, or None when it is malformed or implausibly large."""
    _name, _, rest = body.partition(b"\x00")
    if not rest or rest[0] != 0:
        return None
    inflater = zlib.decompressobj()
    try:
        profile = inflater.decompress(rest[1:], _MAX_ICC_BYTES)
    except zlib.error:
        return None
    return None if inflater.unconsumed_tail else profile
