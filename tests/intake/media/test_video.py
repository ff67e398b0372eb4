from __future__ import annotations

import struct

import pytest

from tocsin.intake.drafts import Attachment
from tocsin.intake.errors import IntakeInputError
from tocsin.intake.media import StrippedMedia, strip_media, strip_metadata

from . import mp4 as build


def strip(data: bytes) -> StrippedMedia:
    return strip_media(Attachment("VID_20240501_SecretName.mp4", "application/octet-stream", data))


@pytest.mark.parametrize("moov_first", [True, False], ids=["moov-first", "mdat-first"])
@pytest.mark.parametrize("offset_box", [b"stco", b"co64"])
def test_planted_metadata_is_gone_and_samples_still_found(
    moov_first: bool, offset_box: bytes
) -> None:
    original = build.mp4(moov_first=moov_first, offset_box=offset_box)
    before = build.track_samples(original)
    assert before[b"meta"] == [build.GPS_SAMPLE]  # the builder is right, or the test means nothing
    for planted in build.PLANTED:
        assert planted in original

    result = strip(original)
    data = result.attachment.data

    for planted in build.PLANTED:
        assert planted not in data, planted
    after = build.track_samples(data)
    assert after == {b"vide": before[b"vide"], b"soun": before[b"soun"]}
    assert len(data) < len(original)


def test_report_names_what_was_removed_without_values() -> None:
    report = strip(build.mp4()).report
    assert (report.kind, report.content_type) == ("mp4", "video/mp4")
    for label in (
        "mp4:location",
        "mp4:make",
        "mp4:model",
        "mp4:software",
        "mp4:xmp",
        "mp4:track:meta",
        "mp4:creation-time",
        "mp4:handler-name",
        "mp4:padding",
        "mp4:user-data",
        "mp4:metadata",
    ):
        assert label in report.removed
    assert list(report.removed) == sorted(report.removed)
    assert not any("48.85" in label or "Secret" in label for label in report.removed)


def test_result_parses_again_and_is_already_clean() -> None:
    once = strip(build.mp4()).attachment
    twice = strip(once.data)
    assert twice.report.removed == ()
    assert twice.attachment.data == once.data


def test_movie_and_track_times_are_zeroed() -> None:
    data = strip(build.mp4()).attachment.data
    assert struct.pack(">I", build.CREATION_TIME) not in data


def test_dropped_track_samples_are_zeroed_in_place() -> None:
    original = build.mp4(moov_first=False)
    data = strip(original).attachment.data
    at = original.index(build.GPS_SAMPLE)
    # mdat moved up by the dropped `free` box; the GPS fix is now zeros at the same place in it.
    moved = at - len(build.box(b"free", b"SecretPadding"))
    assert data[moved : moved + len(build.GPS_SAMPLE)] == bytes(len(build.GPS_SAMPLE))


def test_references_to_dropped_tracks_are_removed() -> None:
    data = strip(build.mp4()).attachment.data
    moov = build.boxes(data, 0, len(data))[b"moov"][0]
    video = build.boxes(data, *moov)[b"trak"][0]
    tref = build.child(data, video, b"tref")
    refs = build.boxes(data, *tref)
    assert set(refs) == {b"chap"}
    start, end = refs[b"chap"][0]
    assert struct.unpack(">I", data[start:end]) == (2,)


def test_quicktime_brand_and_safe_name() -> None:
    result = strip(build.mp4(brand=b"qt  "))
    attachment = result.attachment
    assert attachment.content_type == "video/quicktime"
    assert attachment.filename.startswith("media-") and attachment.filename.endswith(".mov")
    assert "Secret" not in attachment.filename


def test_strip_metadata_returns_the_attachment() -> None:
    attachment = strip_metadata(Attachment("a.mov", "video/quicktime", build.mp4(brand=b"3gp5")))
    assert attachment.content_type == "video/3gpp"
    assert attachment.filename.endswith(".3gp")


@pytest.mark.parametrize("moov_first", [True, False])
def test_every_truncation_is_refused(moov_first: bool) -> None:
    data = build.mp4(moov_first=moov_first)
    for cut in range(1, len(data)):
        with pytest.raises(IntakeInputError):
            strip(data[:cut])


def test_chunk_offset_outside_mdat_is_refused() -> None:
    data = bytearray(build.mp4())
    at = data.index(b"stco") + 12  # size, type, version/flags, count: the first offset
    data[at : at + 4] = struct.pack(">I", 3)
    with pytest.raises(IntakeInputError, match="outside the media data"):
        strip(bytes(data))


def test_box_overrunning_its_parent_is_refused() -> None:
    data = bytearray(build.mp4())
    at = data.index(b"mvhd") - 4
    data[at : at + 4] = struct.pack(">I", 0xFFFF)
    with pytest.raises(IntakeInputError, match="corrupt video"):
        strip(bytes(data))


def test_inconsistent_sample_tables_of_a_dropped_track_are_refused() -> None:
    # The GPS track's samples could not be found to be erased: refuse rather than leak them.
    data = bytearray(build.mp4())
    gps_sizes = data.index(b"stsz", data.index(b"gpmd"))
    at = gps_sizes + 12  # size, type, version/flags, sample_size: the count
    data[at : at + 4] = struct.pack(">I", 2)
    with pytest.raises(IntakeInputError, match="corrupt video"):
        strip(bytes(data))


def test_fragmented_mp4_is_refused() -> None:
    data = build.mp4() + build.box(b"moof", build.full(b"mfhd", struct.pack(">I", 1)))
    with pytest.raises(IntakeInputError, match="fragmented"):
        strip(data)


def test_media_stored_outside_the_file_is_refused() -> None:
    data = bytearray(build.mp4())
    at = data.index(b"url ") + 4
    data[at : at + 4] = struct.pack(">I", 0)  # flags without "self-contained"
    with pytest.raises(IntakeInputError, match="outside the file"):
        strip(bytes(data))


def test_heic_photo_is_refused_clearly() -> None:
    data = build.box(b"ftyp", b"heic", bytes(4), b"mif1", b"heic") + build.box(b"meta", bytes(4))
    with pytest.raises(IntakeInputError, match="HEIC"):
        strip(data)


def test_movie_without_audio_or_video_is_refused() -> None:
    gps = build.tracks()[2]
    gps.offsets = [0]
    data = build.box(b"ftyp", b"isom", bytes(4)) + build.box(
        b"moov", build.mvhd(), gps.trak(b"stco", False)
    )
    with pytest.raises(IntakeInputError, match="no audio or video"):
        strip(data)


def test_audio_only_file_is_audio() -> None:
    audio = build.tracks()[1]
    header = build.box(b"ftyp", b"M4A ", bytes(4))
    samples = b"".join(build.AUDIO_SAMPLES)
    audio.offsets = [0]
    moov_size = len(build.box(b"moov", build.mvhd(), audio.trak(b"stco", False)))
    audio.offsets = [len(header) + moov_size + 8]
    data = header + build.box(b"moov", build.mvhd(), audio.trak(b"stco", False))
    data += build.box(b"mdat", samples)
    result = strip(data)
    assert (result.report.kind, result.attachment.content_type) == ("m4a", "audio/mp4")
    assert build.track_samples(result.attachment.data)[b"soun"] == list(build.AUDIO_SAMPLES)
