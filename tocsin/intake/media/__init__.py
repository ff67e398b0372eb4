"""Photos and videos from people at risk, with what could identify or locate them taken out.

A phone writes into the file itself where a picture was taken (GPS), with what (make, model,
serial numbers, software) and when; a reporter sending a photo of a massacre site should not
send their own position with it. Every attachment is therefore stripped before anything else
sees it: the type is sniffed from the bytes (a client's content type and filename are claims,
not facts), photos are re-encoded from their pixels (see `images`), videos are rewritten keeping
only the boxes playback needs (see `video`), and anything else is refused. The original, if the
reporter consents to keeping it, is sealed apart by the caller; it never passes through here.

The result carries a report of what kinds of metadata were removed, never their values, so an
analyst knows what the file once said about itself (for instance that it had a GPS position)
without learning the position.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass

from tocsin.intake.drafts import Attachment
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media.containers import Container
from tocsin.intake.media.containers.gif import read_gif
from tocsin.intake.media.containers.jpeg import read_jpeg
from tocsin.intake.media.containers.png import PNG_SIGNATURE, read_png
from tocsin.intake.media.containers.webp import read_webp
from tocsin.intake.media.images import CONTENT_TYPES, DEFAULT_MAX_PIXELS, reencode
from tocsin.intake.media.video import is_heif, strip_video

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_PIXELS",
    "MediaReport",
    "StrippedMedia",
    "strip_media",
    "strip_metadata",
]

# A minute of phone video at 1080p is about 100 MB; the web layer may well set a lower bound.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024

_IMAGE_READERS: dict[str, Callable[[bytes], Container]] = {
    "jpeg": read_jpeg,
    "png": read_png,
    "webp": read_webp,
    "gif": read_gif,
}
_EXTENSIONS = {"jpeg": "jpg"}
# The first box of an MP4, MOV or 3GP file; QuickTime files may start without `ftyp`.
_FIRST_BOXES = frozenset({b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip", b"pnot"})


@dataclass(frozen=True)
class MediaReport:
    """What a file really was and which kinds of metadata left it, for the audit trail.

    `removed` holds sorted labels such as "exif:gps", "exif:model", "xmp", "png:text",
    "mp4:location" or "mp4:track:meta"; never a value.
    """

    kind: str
    content_type: str
    removed: tuple[str, ...]


@dataclass(frozen=True)
class StrippedMedia:
    attachment: Attachment
    report: MediaReport


def strip_metadata(
    attachment: Attachment,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> Attachment:
    """The attachment without its metadata; see `strip_media` for the report as well."""
    return strip_media(attachment, max_bytes=max_bytes, max_pixels=max_pixels).attachment


def strip_media(
    attachment: Attachment,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_pixels: int = DEFAULT_MAX_PIXELS,
) -> StrippedMedia:
    """Strip an attachment and say what was removed.

    `max_pixels` bounds the pixels decoded for one image, all frames of an animation together,
    and is what keeps a small file that inflates to gigapixels (a pixel bomb) from taking the
    server's memory; Pillow's own `Image.MAX_IMAGE_PIXELS` still caps a single frame. The new
    attachment is named from a hash of its stripped content: the original filename can carry
    a phone's naming scheme, a user name or a date.
    """
    if max_bytes < 1 or max_pixels < 1:
        raise ValueError("max_bytes and max_pixels must be positive")
    data = bytes(attachment.data)
    if not data:
        raise IntakeInputError("empty attachment")
    if len(data) > max_bytes:
        raise IntakeInputError(f"attachment too large: {len(data)} bytes, limit {max_bytes}")
    kind = _sniff(data)
    if kind in _IMAGE_READERS:
        reader = _IMAGE_READERS[kind]
        container = reader(data)
        clean = reencode(container, max_pixels=max_pixels)
        leftover = reader(clean).removed
        if leftover:
            raise RuntimeError(f"re-encoded {kind} image still carries {sorted(leftover)}")
        removed, content_type = container.removed, CONTENT_TYPES[kind]
    else:
        video = strip_video(data)
        clean, kind, content_type, removed = (
            video.data,
            video.kind,
            video.content_type,
            video.removed,
        )
    digest = hashlib.sha256(clean).hexdigest()[:24]
    extension = _EXTENSIONS.get(kind, kind)
    return StrippedMedia(
        Attachment(filename=f"media-{digest}.{extension}", content_type=content_type, data=clean),
        MediaReport(kind=kind, content_type=content_type, removed=tuple(sorted(removed))),
    )


def _sniff(data: bytes) -> str:
    """The real format, from the leading bytes alone."""
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(PNG_SIGNATURE):
        return "png"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "webp"
    if data[4:8] in _FIRST_BOXES:
        if is_heif(data):
            raise IntakeInputError("unsupported media type: HEIC/HEIF/AVIF image, send JPEG")
        return "isobmff"
    raise IntakeInputError("unsupported media type")
