"""Sealed boxes: the server seals, only the officer's private key opens, and only for its report."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
from nacl.public import PrivateKey

from tocsin.intake.errors import IntakeInputError
from tocsin.intake.sealing import (
    Sealer,
    encode_public_key,
    generate_key_pair,
    open_sealed,
    open_sealed_bytes,
    parse_public_key,
    read_private_key,
)


def test_a_sealed_identity_opens_only_with_the_private_key_and_for_its_report(
    tmp_path: Path,
) -> None:
    public = generate_key_pair(tmp_path / "officer.key")
    sealer = Sealer(parse_public_key(encode_public_key(public)))
    sealed = sealer.seal("key-1", {"identity": {"name": "Aïcha K.", "phone": "+226 70 00 00 00"}})
    assert b"Aicha" not in sealed and "Aïcha".encode() not in sealed and b"+226" not in sealed
    private = read_private_key(tmp_path / "officer.key")
    assert open_sealed(private, sealed, "key-1") == {
        "identity": {"name": "Aïcha K.", "phone": "+226 70 00 00 00"}
    }
    with pytest.raises(IntakeInputError, match="another report"):
        open_sealed(private, sealed, "key-2")
    with pytest.raises(IntakeInputError, match="does not open"):
        open_sealed(PrivateKey.generate(), sealed, "key-1")
    assert (
        open_sealed_bytes(private, sealer.seal_bytes(b"\xff\xd8 original")) == b"\xff\xd8 original"
    )


def test_sealing_twice_gives_different_boxes() -> None:
    sealer = Sealer(PrivateKey.generate().public_key)
    assert sealer.seal("k", {"a": 1}) != sealer.seal("k", {"a": 1})  # ephemeral sender keys


def test_the_private_key_file_is_owner_only_and_never_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "officer.key"
    generate_key_pair(path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    before = path.read_bytes()
    with pytest.raises(IntakeInputError, match="refusing to overwrite"):
        generate_key_pair(path)
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("hello\n", "not a Tocsin intake private key"),
        ("TOCSIN-INTAKE-PRIVATE-KEY-1\n!!!notbase64\n", "damaged"),
        ("TOCSIN-INTAKE-PRIVATE-KEY-1\nAAAA\n", "damaged"),
    ],
)
def test_bad_key_files_are_refused_in_one_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "k"
    path.write_text(content, encoding="ascii")
    with pytest.raises(IntakeInputError, match=message):
        read_private_key(path)
    with pytest.raises(IntakeInputError, match="cannot read"):
        read_private_key(tmp_path / "missing")


@pytest.mark.parametrize("text", ["", "not base64!", "AAAA"])
def test_bad_public_keys_are_refused(text: str) -> None:
    with pytest.raises(IntakeInputError, match="X25519"):
        parse_public_key(text)
