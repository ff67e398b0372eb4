"""Tiny MP4 files built byte by byte, and a reader that does not share code with the stripper.

The files are what a phone or an action camera writes, reduced to a few samples: a video track,
an audio track, a GPS track (timed metadata, as GoPro's `gpmd` or Google's CAMM), and the
location, device and XMP boxes the stripper must remove. Every planted value contains "Secret"
or the position, so a byte scan of the result finds any that survived.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass, field

POSITION = b"+48.8577+002.2950/"
GPS_SAMPLE = b"GPS" + POSITION + b"SecretFix"
VIDEO_SAMPLES = (b"VIDEO-FRAME-ONE", b"VIDEO-2", b"VIDEO-FRAME-THREE!")
AUDIO_SAMPLES = (b"AUDIO-A", b"AUDIO-BB")
PLANTED = (
    POSITION,
    b"SecretMaker",
    b"SecretModel",
    b"SecretXMP",
    b"SecretHandler",
    b"SecretFix",
    b"SecretPadding",
    b"SecretSerial",
)
CREATION_TIME = 0x7A7A7A7A


def box(kind: bytes, *parts: bytes) -> bytes:
    payload = b"".join(parts)
    return struct.pack(">I4s", 8 + len(payload), kind) + payload


def full(kind: bytes, *parts: bytes, version: int = 0, flags: int = 0) -> bytes:
    return box(kind, struct.pack(">I", version << 24 | flags), *parts)


def _matrix() -> bytes:
    return struct.pack(">9I", 0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)


def mvhd() -> bytes:
    return full(
        b"mvhd",
        struct.pack(">IIII", CREATION_TIME, CREATION_TIME, 1000, 3000),
        struct.pack(">IH10x", 0x10000, 0x100),
        _matrix(),
        bytes(24),
        struct.pack(">I", 4),
    )


def tkhd(track_id: int) -> bytes:
    return full(
        b"tkhd",
        struct.pack(">IIIII", CREATION_TIME, CREATION_TIME, track_id, 0, 3000),
        bytes(8),
        struct.pack(">HHHH", 0, 0, 0, 0),
        _matrix(),
        struct.pack(">II", 64 << 16, 48 << 16),
        flags=3,
    )


def mdhd() -> bytes:
    return full(b"mdhd", struct.pack(">IIIIHH", CREATION_TIME, CREATION_TIME, 1000, 3000, 0, 0))


def hdlr(handler: bytes, name: bytes) -> bytes:
    return full(b"hdlr", bytes(4), handler, bytes(12), name + b"\x00")


def dinf() -> bytes:
    return box(b"dinf", full(b"dref", struct.pack(">I", 1), full(b"url ", flags=1)))


def sample_entry(kind: bytes) -> bytes:
    if kind == b"avc1":
        visual = bytes(16) + struct.pack(">HHIIIH", 64, 48, 0x480000, 0x480000, 0, 1)
        fields = visual + bytes(32) + struct.pack(">Hh", 24, -1)
        return box(kind, bytes(6), struct.pack(">H", 1), fields, box(b"avcC", b"\x01\x64\x00\x1f"))
    if kind == b"mp4a":
        audio = bytes(8) + struct.pack(">HHHHI", 2, 16, 0, 0, 44100 << 16)
        return box(kind, bytes(6), struct.pack(">H", 1), audio)
    return box(kind, bytes(6), struct.pack(">H", 1))


@dataclass
class Track:
    """A track's samples, grouped in chunks; `offsets` are filled in once the layout is known."""

    track_id: int
    handler: bytes
    entry: bytes
    chunks: list[list[bytes]]
    media_header: bytes
    references: dict[bytes, list[int]] = field(default_factory=dict)
    offsets: list[int] = field(default_factory=list)

    def trak(self, offset_box: bytes, with_user_data: bool) -> bytes:
        runs = b"".join(
            struct.pack(">III", index + 1, len(chunk), 1) for index, chunk in enumerate(self.chunks)
        )
        sizes = [len(sample) for chunk in self.chunks for sample in chunk]
        code = "Q" if offset_box == b"co64" else "I"
        offsets = self.offsets or [0] * len(self.chunks)
        stbl = box(
            b"stbl",
            full(b"stsd", struct.pack(">I", 1), sample_entry(self.entry)),
            full(b"stts", struct.pack(">III", 1, len(sizes), 1000)),
            full(b"stsc", struct.pack(">I", len(self.chunks)), runs),
            full(b"stsz", struct.pack(f">II{len(sizes)}I", 0, len(sizes), *sizes)),
            full(offset_box, struct.pack(f">I{len(offsets)}{code}", len(offsets), *offsets)),
        )
        minf = box(b"minf", self.media_header, dinf(), stbl)
        name = b"SecretHandler " + self.handler
        mdia = box(b"mdia", mdhd(), hdlr(self.handler, name), minf)
        parts = [tkhd(self.track_id)]
        if self.references:
            refs = b"".join(
                box(kind, struct.pack(f">{len(ids)}I", *ids))
                for kind, ids in self.references.items()
            )
            parts.append(box(b"tref", refs))
        parts.append(mdia)
        if with_user_data:
            parts.append(box(b"udta", box(b"\xa9xyz", struct.pack(">HH", 18, 0), POSITION)))
        return box(b"trak", *parts)


def tracks() -> list[Track]:
    video = Track(
        1,
        b"vide",
        b"avc1",
        [list(VIDEO_SAMPLES[:2]), [VIDEO_SAMPLES[2]]],
        full(b"vmhd", bytes(8), flags=1),
        references={b"cdsc": [3], b"chap": [3, 2]},
    )
    audio = Track(2, b"soun", b"mp4a", [list(AUDIO_SAMPLES)], full(b"smhd", bytes(4)))
    gps = Track(3, b"meta", b"gpmd", [[GPS_SAMPLE]], full(b"nmhd"))
    return [video, audio, gps]


def user_data() -> bytes:
    def text(kind: bytes, value: bytes) -> bytes:
        return box(kind, struct.pack(">HH", len(value), 0x55C4), value)

    ilst = box(b"ilst", box(b"\xa9too", box(b"data", struct.pack(">II", 1, 0), b"SecretSerial")))
    meta = full(b"meta", hdlr(b"mdir", b""), ilst)
    return box(
        b"udta",
        text(b"\xa9xyz", POSITION),
        text(b"\xa9mak", b"SecretMaker"),
        text(b"\xa9mod", b"SecretModel"),
        meta,
    )


def apple_metadata() -> bytes:
    """QuickTime's `meta` (no version/flags) with `keys` naming what `ilst` items hold."""
    names = (b"com.apple.quicktime.location.ISO6709", b"com.apple.quicktime.make")
    keys = box(b"keys", struct.pack(">II", 0, len(names)), *(box(b"mdta", n) for n in names))
    values = (POSITION, b"SecretMaker")
    items = (
        box(struct.pack(">I", index + 1), box(b"data", struct.pack(">II", 1, 0), value))
        for index, value in enumerate(values)
    )
    return box(b"meta", hdlr(b"mdta", b""), keys, box(b"ilst", *items))


def xmp() -> bytes:
    uuid = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")
    return box(b"uuid", uuid, b"<x:xmpmeta>SecretXMP</x:xmpmeta>")


def mp4(*, moov_first: bool = True, offset_box: bytes = b"stco", brand: bytes = b"isom") -> bytes:
    """A file with three tracks and metadata everywhere; chunk offsets point into `mdat`."""
    all_tracks = tracks()
    ftyp = box(b"ftyp", brand, struct.pack(">I", 0x200), brand, b"mp41")
    padding = box(b"free", b"SecretPadding")
    chunks = [chunk for track in all_tracks for chunk in track.chunks]
    mdat_payload = b"".join(b"".join(chunk) for chunk in chunks)

    def moov() -> bytes:
        parts = [mvhd(), *(t.trak(offset_box, t.track_id == 1) for t in all_tracks)]
        return box(b"moov", *parts, user_data(), apple_metadata(), xmp())

    moov_size = len(moov())
    before = len(ftyp) + len(padding) + (moov_size if moov_first else 0) + 8
    position = before
    for track in all_tracks:
        track.offsets = []
        for chunk in track.chunks:
            track.offsets.append(position)
            position += len(b"".join(chunk))
    mdat = box(b"mdat", mdat_payload)
    if moov_first:
        return ftyp + padding + moov() + mdat
    return ftyp + padding + mdat + moov()


# --- an independent reader ----------------------------------------------------------------


def boxes(data: bytes, start: int, end: int) -> dict[bytes, list[tuple[int, int]]]:
    """Payload ranges of the boxes between start and end, by type (32-bit sizes only)."""
    found: dict[bytes, list[tuple[int, int]]] = {}
    while start < end:
        size, kind = struct.unpack_from(">I4s", data, start)
        size = size or end - start
        found.setdefault(kind, []).append((start + 8, start + size))
        start += size
    return found


def child(data: bytes, parent: tuple[int, int], *path: bytes) -> tuple[int, int]:
    for kind in path:
        parent = boxes(data, *parent)[kind][0]
    return parent


def track_samples(data: bytes) -> dict[bytes, list[bytes]]:
    """Each track's samples by handler type, read through stsc/stsz/stco-or-co64."""
    moov = boxes(data, 0, len(data))[b"moov"][0]
    result: dict[bytes, list[bytes]] = {}
    for trak in boxes(data, *moov).get(b"trak", []):
        start, _ = child(data, trak, b"mdia", b"hdlr")
        handler = data[start + 8 : start + 12]
        tables = boxes(data, *child(data, trak, b"mdia", b"minf", b"stbl"))
        offsets: list[int] = []
        for kind, code in ((b"stco", "I"), (b"co64", "Q")):
            if kind in tables:
                at, _ = tables[kind][0]
                (count,) = struct.unpack_from(">I", data, at + 4)
                offsets = list(struct.unpack_from(f">{count}{code}", data, at + 8))
        at, _ = tables[b"stsz"][0]
        _, count = struct.unpack_from(">II", data, at + 4)
        sizes = struct.unpack_from(f">{count}I", data, at + 12)
        at, _ = tables[b"stsc"][0]
        (runs,) = struct.unpack_from(">I", data, at + 4)
        per_chunk = [struct.unpack_from(">III", data, at + 8 + 12 * i)[:2] for i in range(runs)]
        samples: list[bytes] = []
        sample = 0
        for chunk, offset in enumerate(offsets, start=1):
            n = [spc for first, spc in per_chunk if first <= chunk][-1]
            for size in sizes[sample : sample + n]:
                samples.append(data[offset : offset + size])
                offset += size
            sample += n
        result[handler] = samples
    return result
