"""Which key seals: the configured one; a development pair made once; none in production."""

from __future__ import annotations

from pathlib import Path

import pytest
from nacl.public import PrivateKey

from tocsin.config import Settings
from tocsin.errors import TocsinError
from tocsin.intake.officer_key import resolve_officer_key
from tocsin.intake.sealing import encode_public_key, key_id


def test_a_configured_key_is_used_and_no_private_key_is_on_the_server(tmp_path: Path) -> None:
    public = PrivateKey.generate().public_key
    settings = Settings(
        data_dir=tmp_path,
        env="production",
        secret_key="s" * 40,
        intake_public_key=encode_public_key(public),
    )
    found = resolve_officer_key(settings)
    assert found.sealer.key_id == key_id(public)
    assert found.private_key_on_server is None
    assert not (tmp_path / "intake").exists()


def test_production_refuses_to_start_without_a_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path, env="production", secret_key="s" * 40)
    with pytest.raises(TocsinError, match="TOCSIN_INTAKE_PUBLIC_KEY: required in production"):
        resolve_officer_key(settings)


def test_a_bad_configured_key_names_the_setting(tmp_path: Path) -> None:
    with pytest.raises(TocsinError, match="TOCSIN_INTAKE_PUBLIC_KEY"):
        resolve_officer_key(Settings(data_dir=tmp_path, intake_public_key="nope"))


def test_development_makes_one_pair_and_says_the_private_key_is_here(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path)
    first = resolve_officer_key(settings)
    again = resolve_officer_key(settings)
    assert first.sealer.key_id == again.sealer.key_id
    assert first.private_key_on_server == tmp_path / "intake" / "officer-private.key"
    first.private_key_on_server.unlink()  # the admin moved it offline
    assert resolve_officer_key(settings).private_key_on_server is None
