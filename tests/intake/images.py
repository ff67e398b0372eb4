"""A phone photo as a phone would send it: EXIF with GPS position, maker and model."""

from __future__ import annotations

import io

from PIL import Image


def jpeg_with_gps(model: str = "TestPhone X") -> bytes:
    image = Image.new("RGB", (64, 48), (200, 40, 40))
    exif = Image.Exif()
    exif[0x010F] = "TestPhoneMaker"  # Make
    exif[0x0110] = model  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "N"
    gps[2] = (12.0, 21.0, 36.0)
    gps[3] = "W"
    gps[4] = (1.0, 31.0, 12.0)
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()
