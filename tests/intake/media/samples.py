"""Photos as phones and editors write them, with identifying metadata planted in every place.

Every planted value contains "Secret" (or the builder's GPS latitude), so a byte scan of a
stripped file finds anything that survived.
"""

from __future__ import annotations

import io
import struct
import zlib

from PIL import Image, ImageCms

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ASCII, SHORT, LONG, RATIONAL = 2, 3, 4, 5
MAKE, MODEL, ORIENTATION, EXIF_IFD, GPS_IFD = 0x010F, 0x0110, 0x0112, 0x8769, 0x8825
BODY_SERIAL, OWNER = 0xA431, 0xA430
THUMBNAIL_OFFSET, THUMBNAIL_LENGTH = 0x0201, 0x0202
THUMBNAIL = b"\xff\xd8SecretThumbnail\xff\xd9"

_Entry = tuple[int, int, int, bytes]


def _ifd(entries: list[_Entry], at: int, following: int) -> bytes:
    """One big-endian IFD at file offset `at`, its long values stored right after it."""
    table = struct.pack(">H", len(entries))
    extra = b""
    data_at = at + 2 + 12 * len(entries) + 4
    for tag, kind, count, value in entries:
        if len(value) <= 4:
            table += struct.pack(">HHI", tag, kind, count) + value.ljust(4, b"\x00")
        else:
            table += struct.pack(">HHII", tag, kind, count, data_at + len(extra))
            extra += value + b"\x00" * (len(value) & 1)
    return table + struct.pack(">I", following) + extra


def _ascii(tag: int, text: bytes) -> _Entry:
    return (tag, ASCII, len(text) + 1, text + b"\x00")


def exif_block(orientation: int = 6) -> bytes:
    """A TIFF-structured EXIF block: device, serial, owner, GPS, orientation and a thumbnail."""
    gps = [
        _ascii(1, b"N"),
        (2, RATIONAL, 3, struct.pack(">6I", 48, 1, 51, 1, 24, 1)),
        _ascii(0x1B, b"SecretGPSMethod"),
    ]
    exif = [_ascii(BODY_SERIAL, b"SecretSerial123"), _ascii(OWNER, b"SecretOwner")]

    def ifd0(exif_at: int, gps_at: int, ifd1_at: int) -> bytes:
        entries = [
            _ascii(MAKE, b"SecretMaker"),
            _ascii(MODEL, b"SecretModel"),
            (ORIENTATION, SHORT, 1, struct.pack(">H", orientation)),
            (EXIF_IFD, LONG, 1, struct.pack(">I", exif_at)),
            (GPS_IFD, LONG, 1, struct.pack(">I", gps_at)),
        ]
        return _ifd(entries, 8, ifd1_at)

    exif_at = 8 + len(ifd0(0, 0, 0))
    gps_at = exif_at + len(_ifd(exif, exif_at, 0))
    ifd1_at = gps_at + len(_ifd(gps, gps_at, 0))
    thumb_at = ifd1_at + len(_ifd([(THUMBNAIL_OFFSET, LONG, 1, bytes(4))] * 2, ifd1_at, 0))
    ifd1 = [
        (THUMBNAIL_OFFSET, LONG, 1, struct.pack(">I", thumb_at)),
        (THUMBNAIL_LENGTH, LONG, 1, struct.pack(">I", len(THUMBNAIL))),
    ]
    return (
        b"MM\x00*"
        + struct.pack(">I", 8)
        + ifd0(exif_at, gps_at, ifd1_at)
        + _ifd(exif, exif_at, 0)
        + _ifd(gps, gps_at, 0)
        + _ifd(ifd1, ifd1_at, 0)
        + THUMBNAIL
    )


def picture(size: tuple[int, int] = (48, 32), mode: str = "RGB") -> Image.Image:
    """Four coloured quadrants, so any rotation or mirroring shows."""
    width, height = size
    image = Image.new("RGB", size, (200, 30, 30))
    image.paste((30, 200, 30), (width // 2, 0, width, height // 2))
    image.paste((30, 30, 200), (0, height // 2, width // 2, height))
    image.paste((230, 230, 30), (width // 2, height // 2, width, height))
    return image.convert(mode)


def srgb_profile() -> bytes:
    profile: bytes = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    return profile


def segment(marker: int, payload: bytes) -> bytes:
    return struct.pack(">BBH", 0xFF, marker, len(payload) + 2) + payload


def phone_jpeg(orientation: int = 6) -> bytes:
    """A JPEG carrying EXIF (with thumbnail), XMP, IPTC, ICC, a comment and a trailer."""
    buffer = io.BytesIO()
    picture().save(buffer, "JPEG", quality=95, icc_profile=srgb_profile())
    body = buffer.getvalue()
    iptc = b"Photoshop 3.0\x008BIM\x04\x04\x00\x00\x00\x00\x00\x10\x1c\x02\x78\x00\x0cSecretCaption"
    inserted = (
        segment(0xE1, b"Exif\x00\x00" + exif_block(orientation))
        + segment(0xE1, b"http://ns.adobe.com/xap/1.0/\x00<x:xmpmeta>SecretXMP</x:xmpmeta>")
        + segment(0xED, iptc)
        + segment(0xFE, b"SecretComment")
        + segment(0xE5, b"SecretVendorSegment")
    )
    return body[:2] + inserted + body[2:] + b"SecretTrailerVideo"


def chunk(kind: bytes, payload: bytes) -> bytes:
    crc = zlib.crc32(kind + payload)
    return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", crc)


def phone_png(image: Image.Image | None = None, orientation: int = 6) -> bytes:
    """A PNG carrying tEXt, zTXt, iTXt (XMP), eXIf, iCCP and tIME."""
    buffer = io.BytesIO()
    (image or picture()).save(buffer, "PNG", icc_profile=srgb_profile())
    body = buffer.getvalue()
    extra = (
        chunk(b"tEXt", b"Author\x00SecretAuthor")
        + chunk(b"zTXt", b"Comment\x00\x00" + zlib.compress(b"SecretCompressed"))
        + chunk(b"iTXt", b"XML:com.adobe.xmp\x00\x00\x00\x00\x00<x>SecretXMP</x>")
        + chunk(b"eXIf", exif_block(orientation))
        + chunk(b"tIME", struct.pack(">HBBBBB", 2024, 5, 1, 12, 0, 0))
    )
    at = 8 + 25  # signature and IHDR
    return body[:at] + extra + body[at:]


def riff_chunk(kind: bytes, payload: bytes) -> bytes:
    return kind + struct.pack("<I", len(payload)) + payload + b"\x00" * (len(payload) & 1)


def phone_webp(lossless: bool = False) -> bytes:
    buffer = io.BytesIO()
    picture().save(
        buffer,
        "WEBP",
        lossless=lossless,
        exif=b"Exif\x00\x00" + exif_block(),
        xmp=b"<x>SecretXMP</x>",
        icc_profile=srgb_profile(),
    )
    data = buffer.getvalue()
    data = data + riff_chunk(b"SECR", b"SecretUnknownChunk")
    return data[:4] + struct.pack("<I", len(data) - 8) + data[8:]


def phone_gif(frames: int = 1) -> bytes:
    """A GIF with a comment, an XMP application extension and trailing bytes."""
    images = [picture().convert("P") for _ in range(frames)]
    for index, image in enumerate(images):
        image.paste(index * 40, (0, 0, 8, 8))
    buffer = io.BytesIO()
    if frames == 1:
        images[0].save(buffer, "GIF")
    else:
        images[0].save(buffer, "GIF", save_all=True, append_images=images[1:], duration=70, loop=0)
    data = buffer.getvalue()
    xmp = b"!\xff\x0bXMP DataXMP" + b"\x10SecretXMPxxxxxxx" + b"\x00"
    comment = b"!\xfe\x0dSecretComment\x00"
    start = data.index(b"!\xf9") if b"!\xf9" in data else data.index(b",")
    return data[:start] + comment + xmp + data[start:] + b"SecretTrailer"
