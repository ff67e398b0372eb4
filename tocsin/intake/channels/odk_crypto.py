"""Decrypting an ODK encrypted submission (https://getodk.github.io/xforms-spec/encryption).

A form with a public key makes ODK Collect or Enketo encrypt each submission on the device: a
fresh AES-256 key encrypts the media files and then the instance (CFB with PKCS#7 padding, one
IV per file derived from the instance id and the key), the AES key is wrapped with the form's
RSA key (OAEP, SHA-256), and a manifest lists the files with an RSA-wrapped MD5 signature over
all of it. The signature is checked before anything is returned: a file swapped or altered in
transit is refused, not read as testimony.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.decrepit.ciphers.modes import CFB
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import MGF1, OAEP
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms
from cryptography.hazmat.primitives.serialization import load_pem_private_key

from tocsin.intake.channels.manifest import Manifest, parse_manifest
from tocsin.intake.channels.mapping import FormRegistry
from tocsin.intake.channels.tocsin_form import KNOWN_FORMS
from tocsin.intake.channels.xform import instance_draft, parse_instance
from tocsin.intake.drafts import ReportDraft
from tocsin.intake.errors import IntakeInputError

# Collect (Bouncy Castle) uses SHA-256 for OAEP and its mask; Java's own provider, and Enketo
# before it followed Collect, keep SHA-1 for the mask. Both are read.
_OAEP_VARIANTS = (
    OAEP(mgf=MGF1(hashes.SHA256()), algorithm=hashes.SHA256(), label=None),
    OAEP(mgf=MGF1(hashes.SHA1()), algorithm=hashes.SHA256(), label=None),  # noqa: S303
)
_AES_KEY_BYTES = 32


@dataclass(frozen=True)
class DecryptedSubmission:
    """The instance XML and media files, by their names before encryption (no `.enc`)."""

    manifest: Manifest
    instance_xml: bytes
    media: dict[str, bytes]


def decrypt_submission(
    manifest_xml: bytes,
    files: Mapping[str, bytes],
    private_key_pem: bytes,
    *,
    password: bytes | None = None,
    require_signature: bool = True,
    source: str = "encrypted submission",
) -> DecryptedSubmission:
    """Decrypt the files a manifest lists; `files` maps their `.enc` names to their bytes."""
    manifest = parse_manifest(manifest_xml, source=source)
    names = (*manifest.media_files, manifest.xml_file)
    for name in names:
        if name not in files:
            raise IntakeInputError(f"{source}: the file {name!r} it lists was not provided")
    key = load_private_key(private_key_pem, password)
    aes_key = _unwrap(key, manifest.encrypted_key, source, "submission key")
    if len(aes_key) != _AES_KEY_BYTES:
        raise IntakeInputError(f"{source}: the submission key is not an AES-256 key")
    ivs = submission_ivs(manifest.instance_id, aes_key, len(names))
    plain = {
        name: _decrypt_file(aes_key, iv, files[name], f"{source}, file {name!r}")
        for name, iv in zip(names, ivs, strict=True)
    }
    if manifest.signature is not None:
        expected = signature_digest(manifest, [(n, plain[n]) for n in names])
        signed = _unwrap(key, manifest.signature, source, "signature")
        if not hmac.compare_digest(signed, expected):
            raise IntakeInputError(f"{source}: the signature does not match its files")
    elif require_signature:
        raise IntakeInputError(f"{source}: the manifest has no signature")
    return DecryptedSubmission(
        manifest=manifest,
        instance_xml=plain[manifest.xml_file],
        media={original_name(n): plain[n] for n in manifest.media_files},
    )


def read_encrypted_submission(
    manifest_xml: bytes,
    files: Mapping[str, bytes],
    private_key_pem: bytes,
    *,
    password: bytes | None = None,
    registry: FormRegistry = KNOWN_FORMS,
    source: str = "encrypted submission",
) -> ReportDraft:
    """Decrypt, check the instance is the one the manifest signed for, and map it."""
    decrypted = decrypt_submission(
        manifest_xml, files, private_key_pem, password=password, source=source
    )
    instance = parse_instance(decrypted.instance_xml, source=source)
    manifest = decrypted.manifest
    if (instance.form_id, instance.instance_id) != (manifest.form_id, manifest.instance_id):
        raise IntakeInputError(f"{source}: the decrypted instance is not the one it lists")
    return instance_draft(instance, media=decrypted.media, registry=registry, source=source)


def load_private_key(pem: bytes, password: bytes | None = None) -> rsa.RSAPrivateKey:
    try:
        key = load_pem_private_key(pem, password=password)
    except (ValueError, TypeError, UnsupportedAlgorithm):
        raise IntakeInputError(
            "the private key is not a readable PEM key (or its password is wrong or missing)"
        ) from None
    if not isinstance(key, rsa.RSAPrivateKey):
        raise IntakeInputError("the private key is not an RSA key, which ODK encryption uses")
    return key


def submission_ivs(instance_id: str, aes_key: bytes, count: int) -> list[bytes]:
    """The IV of each file in order: MD5(instanceID + key), one more byte bumped per file."""
    seed = bytearray(_md5(instance_id.encode("utf-8") + aes_key))
    ivs = []
    for index in range(count):
        seed[index % len(seed)] = (seed[index % len(seed)] + 1) % 256
        ivs.append(bytes(seed))
    return ivs


def signature_digest(manifest: Manifest, files: list[tuple[str, bytes]]) -> bytes:
    """The MD5 the signature wraps: form id, version, key, instance id, then name::md5 per file."""
    lines = [manifest.form_id]
    if manifest.version:
        lines.append(manifest.version)
    lines += [manifest.encrypted_key, manifest.instance_id]
    lines += [f"{original_name(n)}::{_md5(data).hex()}" for n, data in files]
    return _md5(("\n".join(lines) + "\n").encode("utf-8"))


def original_name(encrypted_name: str) -> str:
    return encrypted_name.removesuffix(".enc")


def _unwrap(key: rsa.RSAPrivateKey, b64: str, source: str, what: str) -> bytes:
    try:
        wrapped = base64.b64decode(b64, validate=True)
    except (binascii.Error, ValueError):
        raise IntakeInputError(f"{source}: the {what} is not valid base64") from None
    for variant in _OAEP_VARIANTS:
        try:
            return key.decrypt(wrapped, variant)
        except ValueError:
            continue
    raise IntakeInputError(
        f"{source}: cannot unwrap the {what}: the private key is not the form's key"
    )


def _decrypt_file(aes_key: bytes, iv: bytes, data: bytes, source: str) -> bytes:
    if not data or len(data) % 16:
        raise IntakeInputError(f"{source}: its length is not a whole number of AES blocks")
    decryptor = Cipher(algorithms.AES(aes_key), CFB(iv)).decryptor()
    padded = decryptor.update(data) + decryptor.finalize()
    unpadder = padding.PKCS7(128).unpadder()
    try:
        return unpadder.update(padded) + unpadder.finalize()
    except ValueError:
        raise IntakeInputError(f"{source}: does not decrypt (damaged or altered)") from None


def _md5(data: bytes) -> bytes:
    # MD5 is what the ODK specification prescribes; the RSA wrapping is what makes it a signature.
    return hashlib.md5(data, usedforsecurity=False).digest()
