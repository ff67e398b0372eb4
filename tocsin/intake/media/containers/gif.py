"""GIF: images, graphic control and looping kept; comments, text and application data not."""

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

_LOOP_EXTENSIONS = (b"NETSCAPE2.0", b"ANIMEXTS1.0")


def read_gif(data: bytes) -> Container:
    """Keep images, graphic control and looping; drop comments, text and application data."""
    found = Found()
    if len(data) < 13:
        raise truncated("GIF")
    screen_width, screen_height, flags = struct.unpack_from("<HHB", data, 6)
    pos = 13 + (3 << ((flags & 7) + 1) if flags & 0x80 else 0)
    out = [data[:pos]]
    width, height, frames = screen_width, screen_height, 0
    parts = Parts("GIF")
    while True:
        if pos >= len(data):
            raise truncated("GIF")
        block = data[pos]
        if block == 0x3B:
            out.append(b";")
            found.trailer("gif", data[pos + 1 :])
            break
        if block == 0x2C:
            if pos + 11 > len(data):
                raise truncated("GIF")
            left, top, frame_width, frame_height, frame_flags = struct.unpack_from(
                "<HHHHB", data, pos + 1
            )
            # Pillow grows the canvas to hold a frame that overflows the logical screen.
            width, height = max(width, left + frame_width), max(height, top + frame_height)
            frames += 1
            table = 3 << ((frame_flags & 7) + 1) if frame_flags & 0x80 else 0
            end = _skip_sub_blocks(data, pos + 10 + table + 1, parts)
            out.append(data[pos:end])
        elif block == 0x21:
            end = _skip_sub_blocks(data, pos + 2, parts)
            if _gif_extension(data[pos + 1 : end], found):
                out.append(data[pos:end])
        else:
            raise corrupt("GIF", "unknown block")
        pos = end
    if frames == 0 or width == 0 or height == 0:
        raise corrupt("GIF", "no image data")
    return container("gif", out, found, (width, height), frames=frames, lossless=True)


def _skip_sub_blocks(data: bytes, pos: int, parts: Parts) -> int:
    while True:
        parts.next()
        if pos >= len(data):
            raise truncated("GIF")
        length = data[pos]
        pos += 1 + length
        if length == 0:
            return pos


def _gif_extension(extension: bytes, found: Found) -> bool:
    """Record an extension (label byte, then sub-blocks); True for those playback needs."""
    label = extension[0]
    if label == 0xF9:
        return True
    if label == 0xFF:
        identifier = extension[2:13] if extension[1:2] == b"\x0b" else b""
        if identifier in _LOOP_EXTENSIONS:
            return True
        if identifier == b"XMP DataXMP":
            found.labels.add("xmp")
        elif identifier == b"ICCRGBG1012":
            found.labels.add("icc")
        else:
            found.labels.add("gif:application")
    elif label == 0xFE:
        found.labels.add("gif:comment")
    elif label == 0x01:
        found.labels.add("gif:text")
    else:
        found.labels.add("gif:extension")
    return False
