"""Photos re-encoded from their pixels alone, turned the way the camera said to show them.

Re-encoding rather than deleting segments is what guarantees nothing rides along: no unknown
APPn segment, no maker note, no thumbnail that still shows the uncropped scene. The EXIF
orientation is applied to the pixels before the EXIF goes, or a portrait photo would arrive
lying on its side, and an embedded colour profile is converted to sRGB rather than kept (ICC
profiles carry free-text descriptions, and some are specific to one device model). JPEGs are
written with standard quantisation tables at a fixed quality: copying the camera's tables would
keep a fingerprint of the camera model.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PIL import Image, ImageCms

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media.containers import Container

# 64 megapixels covers the full-resolution modes of current phones (50 and 64 MP sensors) and
# bounds what one photo can cost: about 256 MB decoded, before the copies re-encoding makes.
DEFAULT_MAX_PIXELS = 64_000_000
JPEG_QUALITY = 90
WEBP_QUALITY = 90

CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png", "webp": "image/webp", "gif": "image/gif"}
_PILLOW_FORMATS = {"jpeg": "JPEG", "png": "PNG", "webp": "WEBP", "gif": "GIF"}
_PNG_MODES = frozenset({"1", "L", "LA", "I", "I;16", "P", "RGB", "RGBA"})
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


@dataclass
class _Frame:
    image: Image.Image
    mode: str
    duration: float
    transparency: Any


def reencode(container: Container, *, max_pixels: int) -> bytes:
    """Decode the pixel-only container and encode its frames again in the same format."""
    frames, loop = _decode(container, max_pixels)
    profile = _srgb_converter(container.icc_profile)
    animated = len(frames) > 1
    # An animation is written in one mode; alpha if any frame has transparency.
    alpha = animated and any(_transparent(frame) for frame in frames)
    for frame in frames:
        image = _oriented(profile(frame.image), container.orientation)
        image = _writable(container.kind, image, frame, animated=animated, alpha=alpha)
        # An encoder may fall back on `info` (PNG does for the ICC profile, JPEG for comments).
        image.info = {}
        frame.image = image
    return _encode(container, frames, loop)


def _limit(max_pixels: int) -> int:
    """Pillow refuses (or warns about) frames past its own ceiling, which then also applies."""
    ceiling = Image.MAX_IMAGE_PIXELS
    return max_pixels if ceiling is None else min(max_pixels, ceiling)


def _too_large(pixels: int, max_pixels: int) -> IntakeInputError:
    return IntakeInputError(f"image too large: {pixels} pixels to decode, limit {max_pixels}")


def _decode(container: Container, max_pixels: int) -> tuple[list[_Frame], int | None]:
    """Every frame as a detached image, within a budget of decoded pixels for all frames."""
    frame_pixels = container.width * container.height
    if frame_pixels > _limit(max_pixels) or frame_pixels * container.frames > max_pixels:
        raise _too_large(frame_pixels * container.frames, max_pixels)
    frames: list[_Frame] = []
    decoded = 0
    try:
        with Image.open(
            io.BytesIO(container.pixels_only), formats=[_PILLOW_FORMATS[container.kind]]
        ) as image:
            loop = image.info.get("loop")
            count = 1 if container.kind == "jpeg" else getattr(image, "n_frames", 1)
            for index in range(count):
                image.seek(index)
                decoded += image.width * image.height
                if decoded > max_pixels or image.width * image.height > _limit(max_pixels):
                    raise _too_large(decoded, max_pixels)
                image.load()
                duration = image.info.get("duration", 0)
                transparency = image.info.get("transparency")
                frames.append(_Frame(image.copy(), image.mode, duration, transparency))
    except IntakeInputError:
        raise
    except MemoryError:
        raise
    except Exception as error:
        # Pillow's decoders answer a hostile file with OSError, SyntaxError, ValueError,
        # EOFError, struct.error, DecompressionBombError and more; all of them mean the same.
        raise IntakeInputError(
            f"corrupt {container.kind} image: cannot decode its pixels"
        ) from error
    return frames, loop if isinstance(loop, int) else None


def _srgb_converter(icc_profile: bytes | None) -> Callable[[Image.Image], Image.Image]:
    """A function converting a frame from its embedded profile to sRGB, where that is possible.

    A malformed or mismatched profile leaves the pixels as they are: the colours may shift a
    little, which is better than refusing the photo.
    """
    if not icc_profile:
        return lambda image: image
    try:
        source = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
    except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
        return lambda image: image
    target = ImageCms.createProfile("sRGB")

    def convert(image: Image.Image) -> Image.Image:
        if image.mode not in ("RGB", "RGBA", "CMYK"):
            return image
        output = "RGBA" if image.mode == "RGBA" else "RGB"
        try:
            converted = ImageCms.profileToProfile(image, source, target, outputMode=output)
        except (OSError, ValueError, TypeError, ImageCms.PyCMSError):
            return image
        return converted if converted is not None else image

    return convert


def _oriented(image: Image.Image, orientation: int) -> Image.Image:
    method = _TRANSPOSE.get(orientation)
    return image if method is None else image.transpose(method)


def _encode(container: Container, frames: list[_Frame], loop: int | None) -> bytes:
    kind = container.kind
    first = frames[0]
    options: dict[str, Any] = {}
    if kind == "jpeg":
        options = {"quality": JPEG_QUALITY, "optimize": True}
    elif kind == "webp":
        options = {"lossless": True} if container.lossless else {"quality": WEBP_QUALITY}
    elif len(frames) == 1 and first.transparency is not None and first.image.mode == first.mode:
        # A palette or colour-key transparency the frame kept; it lived in `info`, now cleared.
        options = {"transparency": first.transparency}
    if len(frames) > 1:
        options |= {
            "save_all": True,
            "append_images": [frame.image for frame in frames[1:]],
            "duration": [frame.duration or 0 for frame in frames],
            "loop": loop or 0,
        }
        if kind == "gif" and first.image.mode == "RGBA":
            # Frames are whole pictures; restoring to background lets transparent areas reappear.
            options["disposal"] = 2
    buffer = io.BytesIO()
    first.image.save(buffer, _PILLOW_FORMATS[kind], **options)
    return buffer.getvalue()


def _transparent(frame: _Frame) -> bool:
    return frame.image.mode in ("LA", "RGBA", "PA") or frame.transparency is not None


def _writable(
    kind: str, image: Image.Image, frame: _Frame, *, animated: bool, alpha: bool
) -> Image.Image:
    """The image in a mode the format writes, transparency kept as alpha where it must move."""
    transparent = image.mode in ("LA", "RGBA", "PA") or frame.transparency is not None
    if animated:
        wanted = "RGBA" if alpha else "RGB"
    elif kind == "jpeg":
        wanted = image.mode if image.mode in ("L", "RGB") else "RGB"
    elif kind == "webp":
        wanted = "RGBA" if transparent else "RGB"
    elif kind == "png":
        wanted = image.mode if image.mode in _PNG_MODES else ("RGBA" if transparent else "RGB")
    else:
        wanted = image.mode if image.mode in ("P", "L") else ("RGBA" if transparent else "RGB")
    if image.mode in ("I", "I;16") and wanted in ("RGB", "RGBA"):
        image = image.convert("L")
    return image if image.mode == wanted else image.convert(wanted)
