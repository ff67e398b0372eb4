"""Typed settings, read from `TOCSIN_*` environment variables and an optional `.env` file.

Every field is documented in `docs/settings.md`; a test fails when one is not.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from tocsin.errors import TocsinError

EWP_REPOSITORY_RAW = (
    "https://raw.githubusercontent.com/EarlyWarningProject/2025-Statistical-Risk-Assessment/main"
)


class Settings(BaseSettings):
    """Settings shared by the CLI and, later, the web app."""

    model_config = SettingsConfigDict(env_prefix="TOCSIN_", env_file=".env", extra="ignore")

    env: Literal["development", "production"] = Field(
        default="development", description="Deployment mode."
    )
    data_dir: Path = Field(
        default=Path("tocsin-data"),
        description="Directory holding imported data sets, model runs and reports.",
    )
    n_jobs: int = Field(
        default_factory=lambda: os.cpu_count() or 1,
        description="Worker processes for backtests and resampling (default: all cores).",
    )
    ewp_base_url: str = Field(
        default=EWP_REPOSITORY_RAW,
        description="Base URL of EWP's replication repository (raw files) for `data fetch ewp`.",
    )

    @field_validator("n_jobs")
    @classmethod
    def _positive(cls, value: int) -> int:
        if value < 1:
            raise ValueError("must be at least 1")
        return value


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings; tests clear the cache after changing the environment."""
    try:
        return Settings()
    except ValidationError as exc:
        first = exc.errors()[0]
        name = "TOCSIN_" + str(first["loc"][0]).upper() if first["loc"] else "settings"
        raise TocsinError(f"setting {name}: {first['msg']}") from None
