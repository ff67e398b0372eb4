"""Which identifying fields an EXIF block holds, read with a small parser of our own.

The block is thrown away whatever it says; it is read only to tell the analyst what was removed
and to learn the orientation the pixels must be turned to. A hostile block must therefore never
stop a photo from being accepted: anything that does not parse is reported as unreadable. Pillow's
EXIF reader is not used because on a malformed block it emits warnings and exceptions of many
kinds, and because Pillow never sees the metadata at all (see `containers`).
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

# Tags whose presence the audit names; every other tag is reported as "exif:other".
_LABELS = {
    0x010E: "exif:description",
    0x010F: "exif:make",
    0x0110: "exif:model",
    0x0131: "exif:software",
    0x0132: "exif:datetime",
    0x013B: "exif:artist",
    0x8298: "exif:copyright",
    0x9003: "exif:datetime",
    0x9004: "exif:datetime",
    0x9010: "exif:datetime",
    0x9011: "exif:datetime",
    0x9012: "exif:datetime",
    0x927C: "exif:makernote",
    0x9286: "exif:comment",
    0x9C9B: "exif:comment",
    0x9C9C: "exif:comment",
    0x9C9D: "exif:artist",
    0x9C9E: "exif:comment",
    0x9C9F: "exif:comment",
    0xA420: "exif:unique-id",
    0xA430: "exif:owner",
    0xA431: "exif:serial",
    0xA433: "exif:lens-make",
    0xA434: "exif:lens-model",
    0xA435: "exif:serial",
}
_ORIENTATION = 0x0112
_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_INTEROP_IFD = 0xA005
_SHORT = 3
# A real camera writes a few hundred tags at most; a bound keeps a crafted block cheap to read.
_MAX_ENTRIES = 4096


@dataclass(frozen=True)
class ExifSummary:
    """The labels of what a block held, and the orientation (1 to 8) it asked for."""

    labels: frozenset[str]
    orientation: int


def summarize(block: bytes) -> ExifSummary:
    """Read a TIFF-structured EXIF block (with or without the JPEG "Exif\\0\\0" prefix)."""
    if block.startswith(b"Exif\x00\x00"):
        block = block[6:]
    reader = _Reader(block)
    try:
        reader.read()
    except (struct.error, ValueError):
        reader.labels.add("exif:unreadable")
    if not reader.labels:
        reader.labels.add("exif:empty")
    return ExifSummary(frozenset(reader.labels), reader.orientation)


class _Reader:
    """Walks IFD0, IFD1 and the Exif and GPS sub-IFDs, visiting each offset once."""

    def __init__(self, block: bytes) -> None:
        self.block = block
        self.labels: set[str] = set()
        self.orientation = 1
        self.order = ">"
        self.visited: set[int] = set()
        self.entries = 0

    def read(self) -> None:
        head = self.block[:4]
        if head == b"II*\x00":
            self.order = "<"
        elif head != b"MM\x00*":
            raise ValueError("not a TIFF header")
        (ifd0,) = struct.unpack_from(self.order + "I", self.block, 4)
        ifd1 = self._ifd(ifd0, top=True)
        if ifd1:
            # IFD1 describes the embedded thumbnail, a second copy of the picture.
            self.labels.add("exif:thumbnail")

    def _ifd(self, offset: int, *, top: bool) -> int:
        if offset in self.visited or offset < 8 or offset + 2 > len(self.block):
            raise ValueError("bad IFD offset")
        self.visited.add(offset)
        (count,) = struct.unpack_from(self.order + "H", self.block, offset)
        self.entries += count
        if self.entries > _MAX_ENTRIES:
            raise ValueError("too many entries")
        for index in range(count):
            at = offset + 2 + 12 * index
            tag, kind, _number, value = struct.unpack_from(self.order + "HHI4s", self.block, at)
            self._entry(tag, kind, value, top=top)
        (following,) = struct.unpack_from(self.order + "I", self.block, offset + 2 + 12 * count)
        return int(following)

    def _entry(self, tag: int, kind: int, value: bytes, *, top: bool) -> None:
        if tag == _GPS_IFD:
            self.labels.add("exif:gps")
        elif tag in (_EXIF_IFD, _INTEROP_IFD):
            (pointer,) = struct.unpack(self.order + "I", value)
            self._ifd(pointer, top=False)
        elif tag == _ORIENTATION and top:
            self.labels.add("exif:orientation")
            if kind == _SHORT:
                (orientation,) = struct.unpack_from(self.order + "H", value)
                self.orientation = orientation if 1 <= orientation <= 8 else 1
        else:
            self.labels.add(_LABELS.get(tag, "exif:other"))
