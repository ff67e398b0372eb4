"""For tests only: an ODK submission encryptor written from the specification.

It does on the test's side what ODK Collect does on a phone
(https://getodk.github.io/xforms-spec/encryption): media files first, then the instance, each
AES-256-CFB with PKCS#7 padding and the next IV; the AES key and the signature wrapped with
RSA-OAEP. Tocsin itself never encrypts a submission.
"""

from __future__ import annotations

import base64
import hashlib
import os
from dataclasses import dataclass
from xml.etree import ElementTree as ET

from cryptography.hazmat.decrepit.ciphers.modes import CFB
from cryptography.hazmat.primitives import hashes, padding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.asymmetric.padding import MGF1, OAEP
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms

SUBMISSIONS_NS = "http://opendatakit.org/submissions"
OPENROSA_NS = "http://openrosa.org/xforms"


@dataclass(frozen=True)
class Encrypted:
    manifest: bytes
    files: dict[str, bytes]


def encrypt_submission(
    instance_xml: bytes,
    public_key: rsa.RSAPublicKey,
    *,
    form_id: str,
    instance_id: str,
    version: str | None = None,
    media: list[tuple[str, bytes]] | None = None,
    xml_name: str = "submission.xml",
    mgf1_sha1: bool = False,
    signed: bool = True,
) -> Encrypted:
    media = media or []
    oaep = OAEP(
        mgf=MGF1(hashes.SHA1() if mgf1_sha1 else hashes.SHA256()),
        algorithm=hashes.SHA256(),
        label=None,
    )
    aes_key = os.urandom(32)
    wrapped_key = base64.b64encode(public_key.encrypt(aes_key, oaep)).decode("ascii")
    seed = list(hashlib.md5(instance_id.encode("utf-8") + aes_key).digest())
    files: dict[str, bytes] = {}
    lines = [form_id, *([version] if version else []), wrapped_key, instance_id]
    for counter, (name, data) in enumerate([*media, (xml_name, instance_xml)]):
        seed[counter % 16] = (seed[counter % 16] + 1) & 0xFF
        padder = padding.PKCS7(128).padder()
        padded = padder.update(data) + padder.finalize()
        encryptor = Cipher(algorithms.AES(aes_key), CFB(bytes(seed))).encryptor()
        files[f"{name}.enc"] = encryptor.update(padded) + encryptor.finalize()
        lines.append(f"{name}::{hashlib.md5(data).hexdigest()}")
    digest = hashlib.md5(("\n".join(lines) + "\n").encode("utf-8")).digest()
    signature = base64.b64encode(public_key.encrypt(digest, oaep)).decode("ascii")

    ET.register_namespace("", SUBMISSIONS_NS)
    ET.register_namespace("orx", OPENROSA_NS)
    root = ET.Element(f"{{{SUBMISSIONS_NS}}}data", {"id": form_id, "encrypted": "yes"})
    if version:
        root.set("version", version)
    ET.SubElement(root, f"{{{SUBMISSIONS_NS}}}base64EncryptedKey").text = wrapped_key
    meta = ET.SubElement(root, f"{{{OPENROSA_NS}}}meta")
    ET.SubElement(meta, f"{{{OPENROSA_NS}}}instanceID").text = instance_id
    for name, _ in media:
        holder = ET.SubElement(root, f"{{{SUBMISSIONS_NS}}}media")
        ET.SubElement(holder, f"{{{SUBMISSIONS_NS}}}file").text = f"{name}.enc"
    ET.SubElement(root, f"{{{SUBMISSIONS_NS}}}encryptedXmlFile").text = f"{xml_name}.enc"
    if signed:
        ET.SubElement(root, f"{{{SUBMISSIONS_NS}}}base64EncryptedElementSignature").text = signature
    return Encrypted(ET.tostring(root, encoding="utf-8", xml_declaration=True), files)
