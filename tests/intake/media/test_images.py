from __future__ import annotations

import io
import re
import struct
import zlib
from collections.abc import Callable

import pytest
from PIL import Image, ImageOps

from tocsin.intake.drafts import Attachment
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media import StrippedMedia, strip_media, strip_metadata

from . import samples

PHONE_FILES: dict[str, Callable[[], bytes]] = {
    "jpeg": samples.phone_jpeg,
    "png": samples.phone_png,
    "webp": samples.phone_webp,
    "gif": samples.phone_gif,
}
SECRET_GPS = struct.pack(">6I", 48, 1, 51, 1, 24, 1)


def strip(data: bytes, **limits: int) -> StrippedMedia:
    return strip_media(Attachment("IMG_20240501_SecretName.heic", "image/heic", data), **limits)


def reopen(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


@pytest.mark.parametrize("kind", sorted(PHONE_FILES))
def test_planted_metadata_is_gone_from_the_bytes(kind: str) -> None:
    original = PHONE_FILES[kind]()
    assert b"Secret" in original
    data = strip(original).attachment.data
    assert b"Secret" not in data
    assert SECRET_GPS not in data
    assert b"Exif" not in data and b"xmpmeta" not in data and b"8BIM" not in data


@pytest.mark.parametrize("kind", ["jpeg", "png", "webp"])
def test_planted_exif_is_what_pillow_reads_before_and_not_after(kind: str) -> None:
    before = reopen(PHONE_FILES[kind]())
    exif = before.getexif()
    assert exif[samples.MAKE] == "SecretMaker"  # the test EXIF block is a real one
    assert exif.get_ifd(samples.GPS_IFD)
    after = reopen(strip(PHONE_FILES[kind]()).attachment.data)
    assert not after.getexif()
    assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(after.info)


def test_jpeg_keeps_only_the_jfif_segment() -> None:
    after = reopen(strip(samples.phone_jpeg()).attachment.data)
    assert [marker for marker, _ in after.applist] == ["APP0"]  # type: ignore[attr-defined]


def test_png_keeps_no_text_or_metadata_chunks() -> None:
    data = strip(samples.phone_png()).attachment.data
    kinds = [m.group(1) for m in re.finditer(rb"\x00\x00..([a-zA-Z]{4})", data, re.DOTALL)]
    assert {b"IHDR", b"IDAT", b"IEND"} <= set(kinds)
    assert not {b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"iCCP", b"tIME"} & set(kinds)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        ("jpeg", {"exif:thumbnail", "iptc", "icc", "jpeg:comment", "jpeg:app5", "jpeg:trailer"}),
        ("png", {"exif:thumbnail", "png:text", "png:time", "icc"}),
        ("webp", {"exif:thumbnail", "icc", "webp:other"}),
        ("gif", {"gif:comment", "gif:trailer"}),
    ],
)
def test_report_names_the_kinds_removed(kind: str, expected: set[str]) -> None:
    report = strip(PHONE_FILES[kind]()).report
    exif = {"exif:gps", "exif:make", "exif:model", "exif:serial", "exif:owner", "exif:orientation"}
    assert report.kind == kind
    assert report.content_type == f"image/{kind}"
    assert expected | {"xmp"} | (exif if kind != "gif" else set()) == set(report.removed)
    assert list(report.removed) == sorted(report.removed)


@pytest.mark.parametrize("orientation", range(1, 9))
def test_orientation_is_applied_to_the_pixels(orientation: int) -> None:
    original = samples.phone_png(orientation=orientation)
    expected = ImageOps.exif_transpose(reopen(original)).convert("RGB")
    after = reopen(strip(original).attachment.data).convert("RGB")
    assert after.size == expected.size
    assert after.tobytes() == expected.tobytes()


def test_jpeg_orientation_and_quality() -> None:
    original = samples.phone_jpeg(orientation=6)
    expected = ImageOps.exif_transpose(reopen(original)).convert("RGB")
    after = reopen(strip(original).attachment.data).convert("RGB")
    assert after.size == expected.size == (32, 48)
    difference = [abs(a - b) for a, b in zip(after.tobytes(), expected.tobytes(), strict=True)]
    assert sum(difference) / len(difference) < 4  # re-encoded, not degraded


def test_client_type_and_name_are_not_trusted() -> None:
    attachment = Attachment("DSC_0042 Secret Holiday.jpg", "image/jpeg", samples.phone_png())
    stripped = strip_metadata(attachment)
    assert stripped.content_type == "image/png"
    assert re.fullmatch(r"media-[0-9a-f]{24}\.png", stripped.filename)


def test_the_same_photo_gets_the_same_name() -> None:
    first = strip(samples.phone_jpeg()).attachment.filename
    assert first.endswith(".jpg")
    assert strip(samples.phone_jpeg()).attachment.filename == first


@pytest.mark.parametrize("kind", sorted(PHONE_FILES))
def test_stripping_twice_finds_nothing_more(kind: str) -> None:
    once = strip(PHONE_FILES[kind]()).attachment.data
    assert strip(once).report.removed == ()


def test_palette_transparency_survives() -> None:
    image = Image.new("P", (8, 8), 1)
    image.putpalette([0, 0, 0, 255, 0, 0] + [0] * 762)
    image.paste(0, (0, 0, 4, 8))
    image.info["transparency"] = 0
    sources = {"PNG": image, "GIF": image, "WEBP": image.convert("RGBA")}  # WebP has no palette
    for kind, source in sources.items():
        buffer = io.BytesIO()
        source.save(buffer, kind, **({"transparency": 0} if kind != "WEBP" else {"lossless": True}))
        after = reopen(strip(buffer.getvalue()).attachment.data).convert("RGBA")
        assert after.getpixel((0, 0))[3] == 0, kind  # type: ignore[index]
        assert after.getpixel((7, 0)) == (255, 0, 0, 255), kind


def test_animation_keeps_its_frames_and_timing() -> None:
    data = strip(samples.phone_gif(frames=3)).attachment.data
    after = Image.open(io.BytesIO(data))
    assert getattr(after, "n_frames", 1) == 3
    colours = []
    for index in range(3):
        after.seek(index)
        assert after.info["duration"] == 70
        colours.append(after.convert("RGB").getpixel((0, 0)))
    assert len(set(colours)) == 3
    assert b"Secret" not in data


def test_cmyk_jpeg_becomes_rgb() -> None:
    buffer = io.BytesIO()
    Image.new("CMYK", (8, 8), (0, 255, 255, 0)).save(buffer, "JPEG")
    after = reopen(strip(buffer.getvalue()).attachment.data)
    assert after.mode == "RGB"
    red, green, blue = after.getpixel((4, 4))  # type: ignore[misc]
    assert red > 200 and green < 50 and blue < 50


def test_pixel_budget_is_configurable() -> None:
    data = samples.phone_png()  # 48 x 32 = 1536 pixels
    assert strip(data, max_pixels=1536).report.kind == "png"
    with pytest.raises(IntakeInputError, match="too large"):
        strip(data, max_pixels=1535)


def test_animation_counts_every_frame_against_the_budget() -> None:
    data = samples.phone_gif(frames=3)
    assert strip(data, max_pixels=3 * 1536).report.kind == "gif"
    with pytest.raises(IntakeInputError, match="too large"):
        strip(data, max_pixels=3 * 1536 - 1)


def png_bomb(width: int, height: int) -> bytes:
    """A few hundred bytes that inflate to width x height pixels of one colour."""
    row = b"\x00" + bytes(width)
    compressor = zlib.compressobj(9)
    idat = b"".join(compressor.compress(row) for _ in range(64)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        samples.PNG_SIGNATURE
        + samples.chunk(b"IHDR", header)
        + samples.chunk(b"IDAT", idat)
        + samples.chunk(b"IEND", b"")
    )


def test_pixel_bomb_is_refused_before_decoding() -> None:
    bomb = png_bomb(50_000, 50_000)
    assert len(bomb) < 10_000
    with pytest.raises(IntakeInputError, match="too large"):
        strip(bomb)


def test_jpeg_header_bomb_is_refused() -> None:
    data = bytearray(samples.phone_jpeg())
    at = data.index(b"\xff\xc0") + 5  # marker, length, precision: height then width
    data[at : at + 4] = struct.pack(">HH", 65_000, 65_000)
    with pytest.raises(IntakeInputError, match="too large"):
        strip(bytes(data))


def test_pillow_ceiling_applies_without_a_warning(monkeypatch: pytest.MonkeyPatch) -> None:
    # Pillow warns past MAX_IMAGE_PIXELS; warnings are errors here, so this fails if one escapes.
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    with pytest.raises(IntakeInputError, match="too large"):
        strip(samples.phone_jpeg())


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF",
        b"\x7fELF\x02\x01\x01" + bytes(57),
        b"MZ\x90\x00" + bytes(60),
        b"<!DOCTYPE html><html><script>alert(1)</script></html>",
        b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
        b"BM" + bytes(60),
        b"II*\x00" + bytes(60),
        b"RIFF\x10\x00\x00\x00WAVEfmt ",
        b"\x1a\x45\xdf\xa3" + bytes(40),
        b"just some text",
    ],
    ids=["pdf", "elf", "exe", "html", "svg", "bmp", "tiff", "wav", "webm", "text"],
)
def test_other_types_are_refused(data: bytes) -> None:
    with pytest.raises(IntakeInputError, match=r"^unsupported media type$"):
        strip(data)


def test_empty_and_oversized_attachments_are_refused() -> None:
    with pytest.raises(IntakeInputError, match="empty"):
        strip(b"")
    data = samples.phone_jpeg()
    with pytest.raises(IntakeInputError, match="too large"):
        strip(data, max_bytes=len(data) - 1)


@pytest.mark.parametrize("kind", sorted(PHONE_FILES))
def test_truncated_images_are_refused(kind: str) -> None:
    data = PHONE_FILES[kind]()
    # Cutting the trailing bytes the reader drops anyway (a trailer) would not be a truncation.
    end = len(data)
    if kind in ("jpeg", "gif"):
        end = data.rindex(b"\xff\xd9" if kind == "jpeg" else b";Secret")
    for cut in range(1, end, 7):
        with pytest.raises(IntakeInputError):
            strip(data[:cut])


def test_undecodable_pixels_are_refused() -> None:
    data = bytearray(png_bomb(16, 16))
    at = data.index(b"IDAT") + 4
    data[at + 2 : at + 12] = b"\xff" * 10
    with pytest.raises(IntakeInputError, match="cannot decode"):
        strip(bytes(data))


def test_error_messages_do_not_repeat_the_content() -> None:
    data = samples.phone_jpeg()[:300]
    with pytest.raises(IntakeInputError) as caught:
        strip(data)
    assert "Secret" not in str(caught.value)
    assert "\n" not in str(caught.value)


def test_gif_frame_larger_than_its_screen_counts_at_full_size() -> None:
    # A 1x1 screen with a 30000x30000 frame: Pillow would grow the canvas to the frame.
    screen = b"GIF89a" + struct.pack("<HHBBB", 1, 1, 0, 0, 0)
    frame = b"," + struct.pack("<HHHHB", 0, 0, 30_000, 30_000, 0) + b"\x02\x02\x4c\x01\x00"
    with pytest.raises(IntakeInputError, match="too large"):
        strip(screen + frame + b";")


def test_endless_segments_are_refused() -> None:
    data = samples.phone_jpeg()
    padded = data[:2] + samples.segment(0xFE, b"") * 70_000 + data[2:]
    with pytest.raises(IntakeInputError, match="too many parts"):
        strip(padded)
    assert strip(data[:2] + samples.segment(0xFE, b"") * 1000 + data[2:]).report.kind == "jpeg"
