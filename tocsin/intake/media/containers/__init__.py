"""Image files cut down to what decoding needs, with an inventory of what was cut.

Each reader walks one container format itself and keeps only the parts that carry pixels
(frame headers, tables, compressed data, palettes, transparency, animation timing); every
metadata segment, chunk or extension is left out and named in the inventory. Pillow then
decodes the cut-down file, so it never parses EXIF, XMP or text chunks (a large part of its
attack surface, and the source of its warnings on malformed input), and an encoder falling back
on the decoded image's `info` has nothing to copy. The same readers check the re-encoded output:
a clean file is one whose inventory is empty.
"""

from __future__ import annotations

from dataclasses import dataclass

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media.exif import summarize

# A real photo has tens of segments or chunks, a long GIF some hundred thousand sub-blocks;
# millions of empty ones are a crafted file meant to keep a Python loop busy.
MAX_PARTS = 2_000_000


@dataclass(frozen=True)
class Container:
    """An image reduced to its pixel-bearing parts, and what it said about its own pixels."""

    kind: str
    pixels_only: bytes
    removed: frozenset[str]
    width: int
    height: int
    frames: int
    orientation: int
    icc_profile: bytes | None
    lossless: bool


class Found:
    """What a reader has met so far; the first EXIF block decides the orientation."""

    def __init__(self) -> None:
        self.labels: set[str] = set()
        self.orientation = 1
        self.exif_seen = False
        self.icc_profile: bytes | None = None

    def exif(self, block: bytes) -> None:
        summary = summarize(block)
        self.labels |= summary.labels
        if not self.exif_seen:
            self.exif_seen = True
            self.orientation = summary.orientation

    def trailer(self, kind: str, rest: bytes) -> None:
        # Padding of zeros or 0xFF is common and harmless; anything else is a second payload
        # (a Motion Photo's video, a Samsung trailer, an appended file).
        if rest.strip(b"\x00\xff"):
            self.labels.add(f"{kind}:trailer")


class Parts:
    """Counts the parts a reader walks, and refuses the file past `MAX_PARTS`."""

    def __init__(self, kind: str, limit: int = MAX_PARTS) -> None:
        self.kind = kind
        self.limit = limit
        self.seen = 0

    def next(self) -> None:
        self.seen += 1
        if self.seen > self.limit:
            raise corrupt(self.kind, "too many parts")


def corrupt(kind: str, what: str) -> IntakeInputError:
    return IntakeInputError(f"corrupt {kind} image: {what}")


def truncated(kind: str) -> IntakeInputError:
    return IntakeInputError(f"truncated {kind} image")


def container(
    kind: str,
    parts: list[bytes],
    found: Found,
    size: tuple[int, int],
    *,
    frames: int,
    lossless: bool,
) -> Container:
    return Container(
        kind=kind,
        pixels_only=b"".join(parts),
        removed=frozenset(found.labels),
        width=size[0],
        height=size[1],
        frames=frames,
        orientation=found.orientation,
        icc_profile=found.icc_profile,
        lossless=lossless,
    )
