"""Which public key seals identities on this server, and whether its private half is here too.

In production the key must come from the settings: the protection officer made the pair
offline (`tocsin intake keygen`) and only the public half was ever on the server. In
development a pair is made on first start so the form works at once; its private half sits in
the data directory, and the admin pages say so until someone moves it away.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from tocsin.config import Settings
from tocsin.errors import TocsinError
from tocsin.intake.sealing import Sealer, encode_public_key, generate_key_pair, parse_public_key

log = logging.getLogger("tocsin.intake")

PUBLIC_KEY_FILE = "officer.pub"
DEV_PRIVATE_KEY_FILE = "officer-private.key"


@dataclass(frozen=True)
class OfficerKey:
    sealer: Sealer
    private_key_on_server: Path | None  # a development key pair left in the data directory


def intake_dir(settings: Settings) -> Path:
    return settings.data_dir / "intake"


def resolve_officer_key(settings: Settings) -> OfficerKey:
    if settings.intake_public_key:
        try:
            return OfficerKey(Sealer(parse_public_key(settings.intake_public_key)), None)
        except TocsinError as exc:
            raise TocsinError(f"setting TOCSIN_INTAKE_PUBLIC_KEY: {exc}") from None
    folder = intake_dir(settings)
    public_path = folder / PUBLIC_KEY_FILE
    private_path = folder / DEV_PRIVATE_KEY_FILE
    if settings.env == "production":
        raise TocsinError(
            "setting TOCSIN_INTAKE_PUBLIC_KEY: required in production; the protection officer"
            " creates the key pair offline with `tocsin intake keygen`"
        )
    if not public_path.exists():
        folder.mkdir(parents=True, exist_ok=True)
        public_key = generate_key_pair(private_path)
        public_path.write_text(encode_public_key(public_key) + "\n", encoding="ascii")
        log.warning(
            "development intake key pair created; move %s off this server before real use",
            private_path,
        )
    sealer = Sealer(parse_public_key(public_path.read_text(encoding="ascii")))
    return OfficerKey(sealer, private_path if private_path.exists() else None)
