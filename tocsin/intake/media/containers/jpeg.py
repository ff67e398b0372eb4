"""JPEG: frame and scan headers, tables and entropy-coded data kept; APPn, COM, trailers not."""

from __future__ import annotations

import re
import struct

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media.containers import (
    Container,
    Found,
    Parts,
    container,
    corrupt,
    truncated,
)

# Cameras write tens of segments; a progressive JPEG adds a few per scan.
_MAX_SEGMENTS = 65_536
_SOF = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}
_SOS, _EOI = 0xDA, 0xD9
# The end of entropy-coded data: 0xFF not followed by a stuffed zero, a restart marker or fill.
_NEXT_MARKER = re.compile(rb"\xff+[^\x00\xd0-\xd7\xff]")


def read_jpeg(data: bytes) -> Container:
    """Keep frame and scan headers, tables and entropy-coded data; drop APPn, COM and trailers."""
    found = Found()
    icc_parts: dict[int, bytes] = {}
    out = [b"\xff\xd8"]
    size: tuple[int, int] | None = None
    scanned = False
    parts = Parts("JPEG", _MAX_SEGMENTS)
    pos = 2
    while True:
        parts.next()
        if pos >= len(data):
            raise truncated("JPEG")
        if data[pos] != 0xFF:
            raise corrupt("JPEG", "expected a marker")
        while pos < len(data) and data[pos] == 0xFF:
            pos += 1
        if pos >= len(data):
            raise truncated("JPEG")
        marker = data[pos]
        pos += 1
        if marker == _EOI:
            if not scanned:
                raise corrupt("JPEG", "no image data")
            out.append(b"\xff\xd9")
            found.trailer("jpeg", data[pos:])
            break
        if 0xD0 <= marker <= 0xD7 or marker in (0x00, 0x01):
            raise corrupt("JPEG", "stray marker")
        if pos + 2 > len(data):
            raise truncated("JPEG")
        (length,) = struct.unpack_from(">H", data, pos)
        end = pos + length
        if length < 2:
            raise corrupt("JPEG", "bad segment length")
        if end > len(data):
            raise truncated("JPEG")
        payload = data[pos + 2 : end]
        if 0xE0 <= marker <= 0xEF or marker == 0xFE:
            if _jpeg_metadata(marker, payload, found, icc_parts):
                out.append(bytes((0xFF, marker)) + data[pos:end])
            pos = end
            continue
        if marker in _SOF:
            if size is not None:
                raise corrupt("JPEG", "more than one frame header")
            if len(payload) < 6:
                raise corrupt("JPEG", "short frame header")
            height, width = struct.unpack_from(">HH", payload, 1)
            if width == 0 or height == 0:
                raise IntakeInputError("unsupported JPEG image: dimensions not in the frame header")
            size = (width, height)
        out.append(bytes((0xFF, marker)) + data[pos:end])
        pos = end
        if marker == _SOS:
            if size is None:
                raise corrupt("JPEG", "scan before frame header")
            match = _NEXT_MARKER.search(data, pos)
            if match is None:
                raise truncated("JPEG")
            out.append(data[pos : match.start()])
            pos = match.start()
            scanned = True
    assert size is not None  # a scan was seen, and a scan needs a frame header
    if icc_parts and sorted(icc_parts) == list(range(1, len(icc_parts) + 1)):
        found.icc_profile = b"".join(icc_parts[index] for index in sorted(icc_parts))
    return container("jpeg", out, found, size, frames=1, lossless=False)


def _jpeg_metadata(marker: int, payload: bytes, found: Found, icc: dict[int, bytes]) -> bool:
    """Record an APPn or COM segment; True for the one kind decoding needs (Adobe's APP14)."""
    if marker == 0xE0 and payload.startswith(b"JFIF\x00"):
        # JFIF itself is a decoding hint; only its optional thumbnail is a second picture.
        if len(payload) >= 14 and payload[12] and payload[13]:
            found.labels.add("jpeg:thumbnail")
        return False
    if marker == 0xE0 and payload.startswith(b"JFXX\x00"):
        found.labels.add("jpeg:thumbnail")
    elif marker == 0xE1 and payload.startswith(b"Exif\x00"):
        found.exif(payload[6:])
    elif marker == 0xE1 and payload.startswith(b"http://ns.adobe.com/"):
        found.labels.add("xmp")
    elif marker == 0xE2 and payload.startswith(b"ICC_PROFILE\x00") and len(payload) >= 14:
        found.labels.add("icc")
        icc[payload[12]] = payload[14:]
    elif marker == 0xE2 and payload.startswith(b"MPF\x00"):
        found.labels.add("jpeg:embedded-images")
    elif marker == 0xED and payload.startswith(b"Photoshop 3.0\x00"):
        found.labels.add("iptc")
    elif marker == 0xEE and payload.startswith(b"Adobe") and len(payload) == 12:
        # Says how the colour channels were transformed; libjpeg needs it to decode CMYK right.
        return True
    elif marker == 0xFE:
        found.labels.add("jpeg:comment")
    else:
        found.labels.add(f"jpeg:app{marker - 0xE0}")
    return False
