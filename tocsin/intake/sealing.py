"""Sealing the reporter's identity at the door with the protection officer's public key.

A libsodium sealed box (X25519 + XSalsa20-Poly1305, anonymous sender): the server holds only
the public key, so it can seal but never open. The private key lives offline with the
protection officer, who opens one report at a time with `tocsin intake reveal`. The sealed
plaintext names the report's submission key, so a sealed identity copied onto another report
is detected instead of silently attributed to the wrong person.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nacl.exceptions import CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox

from tocsin.intake.errors import IntakeInputError

PRIVATE_KEY_HEADER = "TOCSIN-INTAKE-PRIVATE-KEY-1"
FORMAT_VERSION = 1


def key_id(public_key: PublicKey) -> str:
    """A short fingerprint, stored beside each sealed box to say which key opens it."""
    return hashlib.sha256(bytes(public_key)).hexdigest()[:16]


def encode_public_key(public_key: PublicKey) -> str:
    return base64.b64encode(bytes(public_key)).decode("ascii")


def parse_public_key(text: str) -> PublicKey:
    try:
        raw = base64.b64decode(text.strip(), validate=True)
        return PublicKey(raw)
    except (binascii.Error, ValueError, TypeError):
        raise IntakeInputError(
            "the intake public key is not a base64 X25519 key (32 bytes)"
        ) from None


def write_private_key(path: Path, private_key: PrivateKey) -> None:
    """Write the private key readable by its owner only; never overwrite an existing key."""
    body = f"{PRIVATE_KEY_HEADER}\n{base64.b64encode(bytes(private_key)).decode()}\n"
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        raise IntakeInputError(f"{path} already exists: refusing to overwrite a key") from None
    with os.fdopen(fd, "w", encoding="ascii") as handle:
        handle.write(body)
        handle.flush()
        os.fsync(handle.fileno())


def read_private_key(path: Path) -> PrivateKey:
    try:
        lines = path.read_text(encoding="ascii").split()
    except (OSError, UnicodeDecodeError) as exc:
        raise IntakeInputError(
            f"cannot read private key {path}: {exc.__class__.__name__}"
        ) from None
    if len(lines) != 2 or lines[0] != PRIVATE_KEY_HEADER:
        raise IntakeInputError(f"{path} is not a Tocsin intake private key")
    try:
        return PrivateKey(base64.b64decode(lines[1], validate=True))
    except (binascii.Error, ValueError, TypeError):
        raise IntakeInputError(f"{path} holds a damaged private key") from None


def generate_key_pair(private_path: Path) -> PublicKey:
    """Create a key pair: the private half written to `private_path`, the public half returned."""
    private_key = PrivateKey.generate()
    write_private_key(private_path, private_key)
    return private_key.public_key


@dataclass(frozen=True)
class Sealer:
    """Seals with one public key; holds nothing that could open what it sealed."""

    public_key: PublicKey

    @property
    def key_id(self) -> str:
        return key_id(self.public_key)

    def seal(self, submission_key: str, payload: dict[str, Any]) -> bytes:
        document = {"v": FORMAT_VERSION, "submission_key": submission_key, "content": payload}
        plaintext = json.dumps(document, ensure_ascii=False, sort_keys=True).encode("utf-8")
        return bytes(SealedBox(self.public_key).encrypt(plaintext))

    def seal_bytes(self, data: bytes) -> bytes:
        return bytes(SealedBox(self.public_key).encrypt(data))


def open_sealed(private_key: PrivateKey, sealed: bytes, submission_key: str) -> dict[str, Any]:
    """Open a sealed identity; refuse one that was sealed for another report."""
    try:
        plaintext = SealedBox(private_key).decrypt(sealed)
    except CryptoError:
        raise IntakeInputError("this key does not open the sealed identity") from None
    document = json.loads(plaintext.decode("utf-8"))
    if document.get("submission_key") != submission_key:
        raise IntakeInputError("the sealed identity belongs to another report: refusing it")
    content: dict[str, Any] = document.get("content", {})
    return content


def open_sealed_bytes(private_key: PrivateKey, sealed: bytes) -> bytes:
    try:
        return bytes(SealedBox(private_key).decrypt(sealed))
    except CryptoError:
        raise IntakeInputError("this key does not open the sealed file") from None
