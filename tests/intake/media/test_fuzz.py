"""Whatever arrives, the stripper answers with a clean file or an IntakeInputError, nothing else.

Random bytes mostly fail the type sniffing, so the strongest cases start from real files and
damage them: overwritten bytes, cut-off ends, inserted junk. A file that is still accepted must
come out clean: stripping it again finds nothing to remove.
"""

from __future__ import annotations

from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tocsin.intake.drafts import Attachment
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media import strip_media

from . import mp4, samples

MAGIC = [
    b"\xff\xd8\xff",
    samples.PNG_SIGNATURE,
    b"GIF89a",
    b"RIFF\x00\x01\x00\x00WEBP",
    b"\x00\x00\x00\x18ftypisom",
    b"\x00\x00\x00\x08moov",
]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def originals() -> tuple[bytes, ...]:
    return (
        samples.phone_jpeg(),
        samples.phone_png(),
        samples.phone_webp(),
        samples.phone_webp(lossless=True),
        samples.phone_gif(frames=2),
        mp4.mp4(),
        mp4.mp4(moov_first=False, offset_box=b"co64"),
    )


def check(data: bytes) -> None:
    try:
        result = strip_media(Attachment("f", "application/octet-stream", data), max_pixels=10**6)
    except IntakeInputError as error:
        assert "\n" not in str(error)
        return
    again = strip_media(result.attachment)
    assert again.report.removed == ()
    assert again.report.content_type == result.report.content_type


@FUZZ
@given(st.binary(max_size=2048))
def test_arbitrary_bytes(data: bytes) -> None:
    check(data)


@FUZZ
@given(st.sampled_from(MAGIC), st.binary(max_size=2048))
def test_arbitrary_bytes_behind_a_known_signature(magic: bytes, rest: bytes) -> None:
    check(magic + rest)


@FUZZ
@given(
    st.integers(0, 6),
    st.lists(
        st.tuples(st.floats(0, 1, exclude_max=True), st.binary(min_size=1, max_size=4)), max_size=4
    ),
)
def test_damaged_files(which: int, edits: list[tuple[float, bytes]]) -> None:
    data = bytearray(originals()[which])
    for where, replacement in edits:
        at = int(where * len(data))
        data[at : at + len(replacement)] = replacement
    check(bytes(data))


@FUZZ
@given(st.integers(0, 6), st.floats(0, 1), st.binary(max_size=64))
def test_cut_or_padded_files(which: int, keep: float, junk: bytes) -> None:
    data = originals()[which]
    check(data[: int(keep * len(data))] + junk)


@pytest.mark.parametrize("which", range(7))
def test_originals_are_accepted(which: int) -> None:
    # The damaged-file cases mean something only if the undamaged ones pass.
    check(originals()[which])
    result = strip_media(Attachment("f", "x", originals()[which]))
    assert result.report.removed
