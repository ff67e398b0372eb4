from __future__ import annotations

import hashlib
import os

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from tests.conftest import shared_path
from tests.intake.channels.odk_encryptor import Encrypted, encrypt_submission
from tocsin.intake.channels.odk_crypto import (
    decrypt_submission,
    read_encrypted_submission,
    submission_ivs,
)
from tocsin.intake.errors import IntakeInputError

INSTANCE_ID = "uuid:3f1e0c55-8f0a-4f6e-9a43-9d5b1a6c2e70"
INSTANCE = f"""<?xml version='1.0' ?><data id="tocsin_report" version="2026112701">
<incident><what_happened>Men in uniform took four people from the clinic.</what_happened>
<violation_type>abduction_disappearance</violation_type></incident>
<evidence><photo>a.jpg</photo><video>b.mp4</video></evidence>
<reporter><name>Daw Su</name></reporter>
<meta><instanceID>{INSTANCE_ID}</instanceID></meta></data>""".encode()
MEDIA = [("a.jpg", b"\xff\xd8" + os.urandom(100)), ("b.mp4", os.urandom(33))]


def pem(key: rsa.RSAPrivateKey, password: bytes | None = None) -> bytes:
    encryption: serialization.KeySerializationEncryption = (
        serialization.BestAvailableEncryption(password)
        if password
        else serialization.NoEncryption()
    )
    return key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, encryption
    )


@pytest.fixture(scope="module")
def key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture(scope="module")
def other_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


@pytest.fixture
def sealed(key: rsa.RSAPrivateKey) -> Encrypted:
    return encrypt_submission(
        INSTANCE,
        key.public_key(),
        form_id="tocsin_report",
        version="2026112701",
        instance_id=INSTANCE_ID,
        media=MEDIA,
    )


def test_a_submission_encrypted_per_the_spec_decrypts(
    key: rsa.RSAPrivateKey, sealed: Encrypted
) -> None:
    assert set(sealed.files) == {"a.jpg.enc", "b.mp4.enc", "submission.xml.enc"}
    decrypted = decrypt_submission(sealed.manifest, sealed.files, pem(key))
    assert decrypted.instance_xml == INSTANCE
    assert decrypted.media == dict(MEDIA)
    assert decrypted.manifest.form_id == "tocsin_report"


def test_a_decrypted_submission_becomes_a_draft_with_its_media(
    key: rsa.RSAPrivateKey, sealed: Encrypted
) -> None:
    draft = read_encrypted_submission(sealed.manifest, sealed.files, pem(key))
    assert draft.submission_id == INSTANCE_ID
    assert draft.text.startswith("Men in uniform")
    assert draft.identity == {"name": "Daw Su"}
    assert [(a.filename, a.content_type) for a in draft.attachments] == [
        ("a.jpg", "image/jpeg"),
        ("b.mp4", "video/mp4"),
    ]


def test_java_style_oaep_with_a_sha1_mask_also_decrypts(key: rsa.RSAPrivateKey) -> None:
    sealed = encrypt_submission(
        INSTANCE,
        key.public_key(),
        form_id="tocsin_report",
        instance_id=INSTANCE_ID,
        mgf1_sha1=True,
    )
    assert decrypt_submission(sealed.manifest, sealed.files, pem(key)).instance_xml == INSTANCE


def test_a_password_protected_key_needs_its_password(
    key: rsa.RSAPrivateKey, sealed: Encrypted
) -> None:
    locked = pem(key, b"correct horse")
    decrypted = decrypt_submission(sealed.manifest, sealed.files, locked, password=b"correct horse")
    assert decrypted.instance_xml == INSTANCE
    with pytest.raises(IntakeInputError, match="password is wrong or missing"):
        decrypt_submission(sealed.manifest, sealed.files, locked)


def test_the_ivs_follow_the_specification() -> None:
    key = bytes(range(32))
    seed = hashlib.md5(b"uuid:x" + key).digest()
    ivs = submission_ivs("uuid:x", key, 18)
    assert ivs[0] == bytes([(seed[0] + 1) % 256]) + seed[1:]
    assert ivs[1][:2] == bytes([(seed[0] + 1) % 256, (seed[1] + 1) % 256])
    assert ivs[15] == bytes((b + 1) % 256 for b in seed)
    assert ivs[16][0] == (seed[0] + 2) % 256 and ivs[17][1] == (seed[1] + 2) % 256


def test_the_wrong_key_is_a_clear_error(other_key: rsa.RSAPrivateKey, sealed: Encrypted) -> None:
    with pytest.raises(IntakeInputError, match="cannot unwrap the submission key: the private"):
        decrypt_submission(sealed.manifest, sealed.files, pem(other_key))


@pytest.mark.shared_data
def test_the_reference_submission_with_a_key_that_is_not_its_own(
    other_key: rsa.RSAPrivateKey,
) -> None:
    path = shared_path("odk", "onadata_transportation", "instances_encrypted", "submission.xml")
    files = {"submission.xml.enc": os.urandom(64)}
    with pytest.raises(IntakeInputError, match="the private key is not the form's key"):
        decrypt_submission(path.read_bytes(), files, pem(other_key))


def test_a_tampered_file_is_refused(key: rsa.RSAPrivateKey, sealed: Encrypted) -> None:
    files = dict(sealed.files)
    files["a.jpg.enc"] = bytes([files["a.jpg.enc"][0] ^ 1]) + files["a.jpg.enc"][1:]
    with pytest.raises(IntakeInputError, match="signature does not match"):
        decrypt_submission(sealed.manifest, files, pem(key))


def test_a_file_cut_short_or_with_broken_padding_is_refused(
    key: rsa.RSAPrivateKey, sealed: Encrypted
) -> None:
    cut = {**sealed.files, "b.mp4.enc": sealed.files["b.mp4.enc"][:-1]}
    with pytest.raises(IntakeInputError, match=r"'b\.mp4\.enc': its length"):
        decrypt_submission(sealed.manifest, cut, pem(key))
    last = sealed.files["b.mp4.enc"]
    broken = {**sealed.files, "b.mp4.enc": last[:-1] + bytes([last[-1] ^ 0x40])}
    with pytest.raises(IntakeInputError, match=r"'b\.mp4\.enc': does not decrypt"):
        decrypt_submission(sealed.manifest, broken, pem(key))


def test_files_swapped_in_the_manifest_are_refused(
    key: rsa.RSAPrivateKey, sealed: Encrypted
) -> None:
    swapped = (
        sealed.manifest.replace(b"a.jpg.enc", b"TMP")
        .replace(b"b.mp4.enc", b"a.jpg.enc")
        .replace(b"TMP", b"b.mp4.enc")
    )
    files = {
        "a.jpg.enc": sealed.files["b.mp4.enc"],
        "b.mp4.enc": sealed.files["a.jpg.enc"],
        "submission.xml.enc": sealed.files["submission.xml.enc"],
    }
    with pytest.raises(IntakeInputError):
        decrypt_submission(swapped, files, pem(key))


def test_a_changed_manifest_breaks_the_signature(key: rsa.RSAPrivateKey, sealed: Encrypted) -> None:
    changed = sealed.manifest.replace(b'version="2026112701"', b'version="2026112702"')
    with pytest.raises(IntakeInputError, match="signature does not match"):
        decrypt_submission(changed, sealed.files, pem(key))


def test_a_missing_file_is_named(key: rsa.RSAPrivateKey, sealed: Encrypted) -> None:
    files = {k: v for k, v in sealed.files.items() if k != "b.mp4.enc"}
    with pytest.raises(IntakeInputError, match=r"the file 'b\.mp4\.enc' it lists was not provided"):
        decrypt_submission(sealed.manifest, files, pem(key))


def test_an_unsigned_submission_is_refused_unless_allowed(key: rsa.RSAPrivateKey) -> None:
    sealed = encrypt_submission(
        INSTANCE,
        key.public_key(),
        form_id="tocsin_report",
        instance_id=INSTANCE_ID,
        signed=False,
    )
    with pytest.raises(IntakeInputError, match="has no signature"):
        decrypt_submission(sealed.manifest, sealed.files, pem(key))
    allowed = decrypt_submission(sealed.manifest, sealed.files, pem(key), require_signature=False)
    assert allowed.instance_xml == INSTANCE


def test_an_instance_that_is_not_the_one_signed_for_is_refused(key: rsa.RSAPrivateKey) -> None:
    sealed = encrypt_submission(
        INSTANCE, key.public_key(), form_id="tocsin_report", instance_id="uuid:another"
    )
    with pytest.raises(IntakeInputError, match="not the one it lists"):
        read_encrypted_submission(sealed.manifest, sealed.files, pem(key))


@pytest.mark.parametrize(
    "bad_key",
    [
        b"not a key",
        ec.generate_private_key(ec.SECP256R1()).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
    ],
)
def test_a_key_that_is_not_an_rsa_pem_key_is_refused(sealed: Encrypted, bad_key: bytes) -> None:
    with pytest.raises(IntakeInputError, match="private key"):
        decrypt_submission(sealed.manifest, sealed.files, bad_key)


def test_a_manifest_key_that_is_not_base64_is_refused(
    key: rsa.RSAPrivateKey, sealed: Encrypted
) -> None:
    start = sealed.manifest.index(b"<base64EncryptedKey>") + len(b"<base64EncryptedKey>")
    broken = sealed.manifest[:start] + b"%%" + sealed.manifest[start + 2 :]
    with pytest.raises(IntakeInputError, match="submission key is not valid base64"):
        decrypt_submission(broken, sealed.files, pem(key))
