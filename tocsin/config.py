"""Typed settings, read from `TOCSIN_*` environment variables and an optional `.env` file.

Every field is documented in `docs/settings.md`; a test fails when one is not. Outside
development, secrets must be set explicitly: the app refuses to start with a missing or
placeholder secret key rather than run with one an attacker could guess.
"""

from __future__ import annotations

import os
import secrets
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tocsin.errors import TocsinError

EWP_REPOSITORY_RAW = (
    "https://raw.githubusercontent.com/EarlyWarningProject/2025-Statistical-Risk-Assessment/main"
)
PLACEHOLDER_SECRETS = frozenset({"", "changeme", "change-me", "secret", "dev", "development"})
MIN_SECRET_LENGTH = 32


class Settings(BaseSettings):
    """Settings shared by the CLI and the web app."""

    model_config = SettingsConfigDict(env_prefix="TOCSIN_", env_file=".env", extra="ignore")

    env: Literal["development", "production"] = Field(
        default="development", description="Deployment mode."
    )
    data_dir: Path = Field(
        default=Path("tocsin-data"),
        description="Directory holding imported data sets, model runs and reports.",
    )
    database_url: str = Field(
        default="",
        description="SQLAlchemy URL; empty means SQLite at DATA_DIR/tocsin.db.",
    )
    secret_key: str = Field(
        default="",
        description="Key for keyed hashes; required outside development (32+ characters).",
    )
    n_jobs: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        description="Worker processes for backtests and resampling (default: all cores).",
    )
    ewp_base_url: str = Field(
        default=EWP_REPOSITORY_RAW,
        description="Base URL of EWP's replication repository (raw files) for `data fetch ewp`.",
    )
    max_body_bytes: int = Field(
        default=1_000_000, description="Largest request body the web app accepts, in bytes."
    )
    secure_cookies: bool = Field(
        default=False, description="Mark session cookies Secure (set when served over HTTPS)."
    )
    embedded_worker: bool = Field(
        default=True, description="Run background jobs inside the web process."
    )
    intake_public_key: str = Field(
        default="",
        description=(
            "The protection officer's public key (base64) that seals reporters' identities;"
            " required in production. Empty in development: DATA_DIR/intake/officer.pub,"
            " created with its private key on first start."
        ),
    )
    intake_coordinate_decimals: int = Field(
        default=2,
        description="Decimals kept of a report's coordinates (2 = about 1 km).",
    )
    intake_retention_days: int = Field(
        default=730,
        description="Days a community report is kept before `intake purge` deletes it.",
    )
    intake_identity_retention_days: int = Field(
        default=365,
        description="Days a sealed reporter identity and original media are kept.",
    )
    intake_max_text_chars: int = Field(
        default=20_000, description="Longest report text accepted, in characters."
    )
    intake_max_media_bytes: int = Field(
        default=25_000_000, description="Largest photo or video accepted with a report, in bytes."
    )
    intake_triage_model_dir: Path | None = Field(
        default=None,
        description="Directory of a trained triage model; empty: DATA_DIR/intake/triage-model.",
    )
    intake_home_country: str | None = Field(
        default=None,
        description=(
            "ISO 3166 alpha-3 code of the country most reports are about (KEN): triage assumes"
            " it unless a report's places clearly say otherwise; empty: the trained model's."
        ),
    )

    @field_validator(
        "n_jobs",
        "max_body_bytes",
        "intake_retention_days",
        "intake_identity_retention_days",
        "intake_max_text_chars",
        "intake_max_media_bytes",
    )
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1")
        return value

    @field_validator("intake_home_country")
    @classmethod
    def _iso3(cls, value: str | None) -> str | None:
        if not value:
            return None
        code = value.strip().upper()
        if len(code) != 3 or not code.isascii() or not code.isalpha():
            raise ValueError("must be a three-letter ISO 3166 code such as KEN")
        return code

    @field_validator("intake_coordinate_decimals")
    @classmethod
    def _decimals(cls, value: int) -> int:
        if not 0 <= value <= 6:
            raise ValueError("must be between 0 and 6")
        return value

    @model_validator(mode="after")
    def _production_secrets(self) -> Settings:
        if self.env == "production":
            key = self.secret_key
            if key.lower() in PLACEHOLDER_SECRETS or len(key) < MIN_SECRET_LENGTH:
                raise ValueError(
                    "TOCSIN_SECRET_KEY must be set to a random value of 32+ characters in"
                    " production (python -c 'import secrets; print(secrets.token_urlsafe(32))')"
                )
        return self

    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir.resolve() / 'tocsin.db'}"

    def resolved_secret_key(self) -> str:
        """The secret key; in development, one generated once and kept in the data directory."""
        if self.secret_key:
            return self.secret_key
        path = self.data_dir / "secret_key"
        if path.exists():
            return path.read_text(encoding="utf-8").strip()
        self.data_dir.mkdir(parents=True, exist_ok=True)
        key = secrets.token_urlsafe(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(key + "\n")
        return key


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests clear the cache after changing the environment."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = first["loc"]
        name = "TOCSIN_" + str(loc[0]).upper() if loc else "settings"
        message = str(first["msg"]).removeprefix("Value error, ")
        raise TocsinError(f"setting {name}: {message}") from None
