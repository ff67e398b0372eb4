"""What a dropped box held, named for the audit without its values.

A box is dropped whatever this finds; the names only tell the analyst what the video once said
about itself (that it had a position, which device made it). A malformed box is therefore never
an error here: it is named for what it is ("mp4:user-data", "mp4:metadata") and dropped.
"""

from __future__ import annotations

import struct

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media.isobmff import Box, walk

# Item types of `udta` and `ilst` that the audit names; others are "mp4:user-data".
_ITEMS = {
    b"\xa9xyz": "mp4:location",
    b"loci": "mp4:location",
    b"\xa9mak": "mp4:make",
    b"\xa9mod": "mp4:model",
    b"\xa9swr": "mp4:software",
    b"\xa9too": "mp4:software",
    b"\xa9day": "mp4:creation-date",
    b"XMP_": "mp4:xmp",
}
# Substrings of `meta`/`keys` names (com.apple.quicktime.location.ISO6709, ...) and their labels.
_KEYS = (
    (b"location", "mp4:location"),
    (b"iso6709", "mp4:location"),
    (b".make", "mp4:make"),
    (b".model", "mp4:model"),
    (b"software", "mp4:software"),
    (b"creationdate", "mp4:creation-date"),
)
_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")


def dropped(data: bytes, box: Box) -> set[str]:
    """Labels for a box left out of the rewritten file."""
    found: set[str] = set()
    if box.kind in (b"udta", b"meta"):
        try:
            (_user_data if box.kind == b"udta" else _metadata)(data, box, found)
        except (IntakeInputError, struct.error, IndexError):
            found.add("mp4:user-data" if box.kind == b"udta" else "mp4:metadata")
    elif box.kind == b"uuid":
        found.add("mp4:xmp" if data[box.body : box.body + 16] == _XMP_UUID else "mp4:uuid")
    elif box.kind in _ITEMS:
        found.add(_ITEMS[box.kind])
    elif box.kind in (b"free", b"skip", b"wide"):
        # Padding is harmless when empty; editors leave stale metadata in it when not.
        if any(data[box.body : box.end]):
            found.add("mp4:padding")
    elif box.kind in (b"pnot", b"PICT"):
        found.add("mp4:preview")
    else:
        found.add("mp4:other")
    return found


def _user_data(data: bytes, udta: Box, found: set[str]) -> None:
    found.add("mp4:user-data")
    for item in walk(data, udta.body, udta.end):
        if item.kind == b"meta":
            _metadata(data, item, found)
        elif item.kind in _ITEMS:
            found.add(_ITEMS[item.kind])


def _metadata(data: bytes, meta: Box, found: set[str]) -> None:
    found.add("mp4:metadata")
    # ISO `meta` is a full box (4 bytes of version and flags first); QuickTime's is not.
    quicktime = data[meta.body + 4 : meta.body + 8] in (b"hdlr", b"keys", b"ilst")
    for box in walk(data, meta.body + (0 if quicktime else 4), meta.end):
        if box.kind == b"keys":
            for key in walk(data, box.body + 8, box.end):
                name = data[key.body : key.end].lower()
                found.update(label for part, label in _KEYS if part in name)
        elif box.kind == b"ilst":
            for item in walk(data, box.body, box.end):
                if item.kind in _ITEMS:
                    found.add(_ITEMS[item.kind])
