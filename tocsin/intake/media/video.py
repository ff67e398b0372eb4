"""Videos rewritten without the boxes that say where, when and with what they were filmed.

Phones write the place (`©xyz`, Apple's `location.ISO6709` key, 3GPP `loci`), the device (make,
model, software, serial numbers) and XMP into `udta`, `meta` and `uuid` boxes at several levels,
and some (GoPro, DJI, Google's CAMM) record a GPS track as a timed-metadata or subtitle track
whose samples sit in `mdat` with the picture. So the rewrite keeps only what playback needs, by
naming it, never by naming what to remove: the movie and track headers (their creation and
modification times zeroed), audio and video tracks with their sample tables, and `mdat`. Samples
of the tracks left out are overwritten with zeros where they lie in `mdat`, since dropping the
track alone would leave its GPS fixes in the file. Removing boxes moves `mdat`, so the chunk
offsets (`stco`/`co64`) of the kept tracks are rewritten to follow it.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media.boxlabels import dropped
from tocsin.intake.media.isobmff import (
    Box,
    Leaf,
    Node,
    Offsets,
    Parent,
    chunk_offsets,
    chunk_spans,
    corrupt,
    size_of,
    walk,
    write,
)

# HEIF photos and AVIF images share the box format; Pillow cannot decode HEIF without a plugin.
HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs", b"mif1", b"mif2"}
    | {b"msf1", b"avif", b"avis", b"avci", b"avcs"}
)
_FRAGMENTED = frozenset({b"moof", b"mfra", b"sidx", b"ssix", b"styp", b"mvex"})
_PLAYED = frozenset({b"vide", b"soun"})

# What each kept container may keep; anything else in it is dropped and reported.
_KEEP: dict[bytes, frozenset[bytes]] = {
    b"moov": frozenset({b"mvhd", b"trak", b"iods"}),
    b"trak": frozenset({b"tkhd", b"tref", b"edts", b"mdia", b"tapt"}),
    b"edts": frozenset({b"elst"}),
    b"mdia": frozenset({b"mdhd", b"hdlr", b"minf", b"elng"}),
    b"minf": frozenset({b"vmhd", b"smhd", b"hmhd", b"nmhd", b"gmhd", b"hdlr", b"dinf", b"stbl"}),
    b"dinf": frozenset({b"dref"}),
    b"stbl": frozenset(
        {b"stsd", b"stts", b"ctts", b"cslg", b"stss", b"stps", b"stsc", b"stsz", b"stz2"}
        | {b"stco", b"co64", b"sdtp", b"sbgp", b"sgpd", b"subs", b"stsh", b"padb"}
    ),
}
_TIMED = frozenset({b"mvhd", b"tkhd", b"mdhd"})


@dataclass(frozen=True)
class StrippedVideo:
    data: bytes
    kind: str
    content_type: str
    removed: frozenset[str]


def is_heif(data: bytes) -> bool:
    """Whether a box-format file is a HEIF/AVIF still image rather than a movie."""
    if data[4:8] != b"ftyp" or len(data) < 16:
        return False
    (size,) = struct.unpack_from(">I", data, 0)
    brands = data[8 : min(size, len(data))]
    return any(brands[index : index + 4] in HEIF_BRANDS for index in range(0, len(brands), 4))


def strip_video(data: bytes) -> StrippedVideo:
    """Rewrite an MP4/MOV/3GP file keeping only what plays; see the module docstring."""
    return _Rewrite(data).run()


class _Rewrite:
    def __init__(self, data: bytes) -> None:
        self.data = data
        self.removed: set[str] = set()
        self.kept_tracks: set[int] = set()
        self.has_video = False
        self.dropped_spans: list[tuple[int, int]] = []

    def run(self) -> StrippedVideo:
        top = walk(self.data, 0, len(self.data), top=True)
        if any(box.kind in _FRAGMENTED for box in top):
            raise IntakeInputError("unsupported video: fragmented MP4")
        movies = [box for box in top if box.kind == b"moov"]
        if len(movies) != 1:
            raise corrupt("expected one movie box")
        ftyp = next((box for box in top if box.kind == b"ftyp"), None)
        movie = self._movie(movies[0])
        kept: list[Box | Parent] = []
        for box in top:
            if box is ftyp or box.kind == b"mdat":
                kept.append(box)
            elif box.kind == b"moov":
                kept.append(movie)
            else:
                self._drop(box)
        body = self._layout(kept)
        kind, content_type = self._kind(ftyp)
        return StrippedVideo(body, kind, content_type, frozenset(self.removed))

    # --- the movie box ---------------------------------------------------------------------

    def _movie(self, moov: Box) -> Parent:
        for box in walk(self.data, moov.body, moov.end):
            if box.kind == b"mvex":
                raise IntakeInputError("unsupported video: fragmented MP4")
            if box.kind == b"cmov":
                raise IntakeInputError("unsupported video: compressed movie header")
            if box.kind == b"trak":
                handler, track_id = self._track_identity(box)
                if handler in _PLAYED:
                    self.kept_tracks.add(track_id)
                    self.has_video |= handler == b"vide"
        if not self.kept_tracks:
            raise IntakeInputError("unsupported video: no audio or video track")
        return Parent(b"moov", self._children(moov))

    def _track_identity(self, trak: Box) -> tuple[bytes, int]:
        boxes = {box.kind: box for box in walk(self.data, trak.body, trak.end)}
        if b"tkhd" not in boxes or b"mdia" not in boxes:
            raise corrupt("track without header or media")
        mdia = {box.kind: box for box in walk(self.data, boxes[b"mdia"].body, boxes[b"mdia"].end)}
        if b"hdlr" not in mdia:
            raise corrupt("track without a handler")
        hdlr, tkhd = mdia[b"hdlr"], boxes[b"tkhd"]
        if hdlr.end - hdlr.body < 12:
            raise corrupt("short handler box")
        id_at = tkhd.body + (20 if self.data[tkhd.body] == 1 else 12)
        if tkhd.end < id_at + 4:
            raise corrupt("short track header")
        (track_id,) = struct.unpack_from(">I", self.data, id_at)
        return self.data[hdlr.body + 8 : hdlr.body + 12], track_id

    def _children(self, parent: Box) -> list[Node]:
        nodes: list[Node] = []
        for box in walk(self.data, parent.body, parent.end):
            node = self._rewrite(box, parent.kind)
            if node is not None:
                nodes.append(node)
        return nodes

    def _rewrite(self, box: Box, parent: bytes) -> Node | None:
        if box.kind not in _KEEP[parent]:
            self._drop(box)
            return None
        payload = self.data[box.body : box.end]
        if box.kind == b"trak":
            return self._track(box)
        if box.kind in _KEEP:
            return Parent(box.kind, self._children(box))
        if box.kind in _TIMED:
            return Leaf(box.kind, self._without_times(payload))
        if box.kind == b"hdlr":
            return Leaf(box.kind, self._without_name(payload))
        if box.kind == b"dref":
            return Leaf(box.kind, self._self_contained(box))
        if box.kind == b"tref":
            return self._references(box)
        if box.kind in (b"stco", b"co64"):
            return Offsets(box.kind, chunk_offsets(box.kind, payload))
        return Leaf(box.kind, payload)

    def _track(self, trak: Box) -> Parent | None:
        handler, _track_id = self._track_identity(trak)
        if handler in _PLAYED:
            return Parent(b"trak", self._children(trak))
        printable = handler.isalnum() and handler.isascii()
        self.removed.add("mp4:track:" + (handler.decode("ascii") if printable else "other"))
        self.dropped_spans.extend(chunk_spans(self._sample_tables(trak)))
        return None

    def _sample_tables(self, trak: Box) -> dict[bytes, bytes]:
        box = trak
        for kind in (b"mdia", b"minf", b"stbl"):
            inner = [child for child in walk(self.data, box.body, box.end) if child.kind == kind]
            if len(inner) != 1:
                raise corrupt("track without sample tables")
            box = inner[0]
        return {
            child.kind: self.data[child.body : child.end]
            for child in walk(self.data, box.body, box.end)
        }

    def _without_times(self, payload: bytes) -> bytes:
        """Zero creation and modification times: when a video was shot is for the sealed copy."""
        width = 8 if payload[:1] == b"\x01" else 4
        if len(payload) < 4 + 2 * width:
            raise corrupt("short header box")
        if any(payload[4 : 4 + 2 * width]):
            self.removed.add("mp4:creation-time")
        return payload[:4] + bytes(2 * width) + payload[4 + 2 * width :]

    def _without_name(self, payload: bytes) -> bytes:
        """Handler names ("GoPro AVC", "DJI.Meta") name the device maker; keep only the type."""
        if len(payload) < 24:
            raise corrupt("short handler box")
        if payload[24:].strip(b"\x00 ") or any(payload[12:24]):
            self.removed.add("mp4:handler-name")
        # An empty name is one zero byte, read as an empty C string (MP4) or Pascal one (MOV).
        return payload[:12] + bytes(13)

    def _self_contained(self, dref: Box) -> bytes:
        """Data references rewritten to "in this file"; an alias or URL can hold a user's path."""
        if dref.end - dref.body < 8:
            raise corrupt("short data reference box")
        (count,) = struct.unpack_from(">I", self.data, dref.body + 4)
        entries = walk(self.data, dref.body + 8, dref.end)
        if len(entries) != count:
            raise corrupt("data reference count mismatch")
        rewritten = [struct.pack(">II", 0, count)]
        for entry in entries:
            if entry.end - entry.body < 4:
                raise corrupt("short data reference")
            if not self.data[entry.body + 3] & 1:
                raise IntakeInputError("unsupported video: media stored outside the file")
            if entry.end - entry.body > 4:
                self.removed.add("mp4:data-reference")
            rewritten.append(struct.pack(">I4sI", 12, entry.kind, 1))
        return b"".join(rewritten)

    def _references(self, tref: Box) -> Parent | None:
        """Track references, less those naming a track that was left out."""
        children: list[Node] = []
        for box in walk(self.data, tref.body, tref.end):
            if (box.end - box.body) % 4:
                raise corrupt("bad track reference")
            ids = struct.unpack_from(f">{(box.end - box.body) // 4}I", self.data, box.body)
            kept = [track_id for track_id in ids if track_id in self.kept_tracks]
            if kept:
                children.append(Leaf(box.kind, struct.pack(f">{len(kept)}I", *kept)))
        return Parent(b"tref", children) if children else None

    def _drop(self, box: Box) -> None:
        self.removed |= dropped(self.data, box)

    # --- writing ---------------------------------------------------------------------------

    def _layout(self, kept: list[Box | Parent]) -> bytes:
        """Place the kept top-level boxes, then write them with chunk offsets that follow mdat."""
        moves: list[tuple[int, int, int]] = []  # (old payload start, old end, new payload start)
        position = 0
        for item in kept:
            if isinstance(item, Parent):
                position += size_of(item)
                continue
            if item.kind == b"mdat":
                moves.append((item.body, item.end, position + item.body - item.start))
            position += item.end - item.start

        def moved(offset: int) -> int:
            for start, end, new_start in moves:
                if start <= offset <= end:
                    return offset - start + new_start
            raise corrupt("chunk offset outside the media data")

        blanks = self._blanks(moves)
        view = memoryview(self.data)
        parts: list[bytes | memoryview] = []
        for item in kept:
            if isinstance(item, Parent):
                write(item, moved, parts)
            elif item.kind == b"mdat":
                _write_mdat(view, item, blanks, parts)
            else:
                parts.append(view[item.start : item.end])
        return b"".join(parts)

    def _blanks(self, moves: list[tuple[int, int, int]]) -> list[tuple[int, int]]:
        """The merged byte ranges of left-out tracks' samples, each checked to lie in an mdat."""
        spans = sorted((start, start + length) for start, length in self.dropped_spans if length)
        for start, end in spans:
            if not any(low <= start and end <= high for low, high, _new in moves):
                raise corrupt("sample data outside the media data")
        merged: list[tuple[int, int]] = []
        for start, end in spans:
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def _kind(self, ftyp: Box | None) -> tuple[str, str]:
        if not self.has_video:
            return "m4a", "audio/mp4"
        brand = self.data[ftyp.body : ftyp.body + 4] if ftyp else b"qt  "
        if brand == b"qt  ":
            return "mov", "video/quicktime"
        if brand.startswith(b"3g2"):
            return "3g2", "video/3gpp2"
        if brand.startswith(b"3g"):
            return "3gp", "video/3gpp"
        if brand.startswith(b"M4V"):
            return "m4v", "video/x-m4v"
        return "mp4", "video/mp4"


def _write_mdat(
    view: memoryview, mdat: Box, blanks: list[tuple[int, int]], parts: list[bytes | memoryview]
) -> None:
    parts.append(view[mdat.start : mdat.body])
    cursor = mdat.body
    for start, end in blanks:
        if mdat.body <= start and end <= mdat.end:
            parts.append(view[cursor:start])
            parts.append(bytes(end - start))
            cursor = end
    parts.append(view[cursor : mdat.end])
