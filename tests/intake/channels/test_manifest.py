from __future__ import annotations

import pytest

from tests.conftest import shared_path
from tocsin.intake.channels.manifest import parse_manifest
from tocsin.intake.errors import IntakeInputError

SPEC_EXAMPLE = b"""<data xmlns="http://opendatakit.org/submissions" id="mysurvey" encrypted="yes"
      version="2014083101">
    <base64EncryptedKey>c2VjcmV0</base64EncryptedKey>
    <encryptedXmlFile>submission.xml.enc</encryptedXmlFile>
    <media><file>myimage.jpg.enc</file></media>
    <media><file>myaudio.mp3.enc</file></media>
    <base64EncryptedElementSignature>c2ln</base64EncryptedElementSignature>
    <meta xmlns="http://openrosa.org/xforms">
        <instanceID>uuid:5b9cf8d1-106f-4004-844f-c072d76762ed</instanceID>
    </meta>
</data>"""


def test_the_specification_example_manifest() -> None:
    manifest = parse_manifest(SPEC_EXAMPLE)
    assert (manifest.form_id, manifest.version) == ("mysurvey", "2014083101")
    assert manifest.instance_id == "uuid:5b9cf8d1-106f-4004-844f-c072d76762ed"
    assert manifest.media_files == ("myimage.jpg.enc", "myaudio.mp3.enc")
    assert (manifest.xml_file, manifest.encrypted_key, manifest.signature) == (
        "submission.xml.enc",
        "c2VjcmV0",
        "c2ln",
    )


@pytest.mark.shared_data
def test_the_reference_encrypted_submission_manifest() -> None:
    path = shared_path("odk", "onadata_transportation", "instances_encrypted", "submission.xml")
    manifest = parse_manifest(path.read_bytes())
    assert (manifest.form_id, manifest.version) == ("transportation_encrypted", "2025051326")
    assert manifest.instance_id == "uuid:c15252fe-b6f3-4853-8f04-bf89dc73985a"
    assert (manifest.xml_file, manifest.media_files) == ("submission.xml.enc", ())
    assert manifest.encrypted_key.startswith("HIfpNPwL") and manifest.signature is not None


def _without(element: bytes) -> bytes:
    start = SPEC_EXAMPLE.index(b"<" + element)
    end = SPEC_EXAMPLE.index(b"</" + element + b">") + len(element) + 3
    return SPEC_EXAMPLE[:start] + SPEC_EXAMPLE[end:]


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (SPEC_EXAMPLE.replace(b'encrypted="yes"', b""), "not the manifest of an encrypted"),
        (SPEC_EXAMPLE.replace(b'id="mysurvey"', b""), "has no form id"),
        (_without(b"base64EncryptedKey"), "exactly one <base64EncryptedKey>"),
        (_without(b"encryptedXmlFile"), "exactly one <encryptedXmlFile>"),
        (_without(b"meta"), "exactly one meta/instanceID"),
        (SPEC_EXAMPLE.replace(b"myaudio.mp3.enc", b"myimage.jpg.enc"), "the same file twice"),
        (SPEC_EXAMPLE.replace(b"myaudio.mp3.enc", b"../etc/x.enc"), "not a plain name"),
        (SPEC_EXAMPLE.replace(b"myaudio.mp3.enc", b"myaudio.mp3"), "not a plain name"),
        (
            SPEC_EXAMPLE.replace(
                b"</data>",
                b"<base64EncryptedElementSignature>x</base64EncryptedElementSignature></data>",
            ),
            "more than one sig",
        ),
    ],
)
def test_a_manifest_that_cannot_be_trusted_is_refused(document: bytes, message: str) -> None:
    with pytest.raises(IntakeInputError, match=message):
        parse_manifest(document)
