"""API request and response bodies: separate Create, Update and Public shapes.

Requests forbid unknown fields, so a typo is an error rather than a silently ignored option.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from tocsin.domain.permissions import Role


class Request(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


class Public(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class Health(Public):
    status: Literal["ok"]
    database: str
    schema_revision: str | None
    version: str


class UserPublic(Public):
    id: int
    username: str
    display_name: str
    role: str
    is_active: bool
    must_change_password: bool
    created_at: datetime
    last_login_at: datetime | None


class UserCreate(Request):
    username: str = Field(min_length=2, max_length=63)
    role: Role
    display_name: str = Field(default="", max_length=200)


class UserCreated(Public):
    user: UserPublic
    one_time_password: str


class UserUpdate(Request):
    role: Role | None = None
    is_active: bool | None = None
    display_name: str | None = Field(default=None, max_length=200)


class PasswordReset(Public):
    one_time_password: str


class TokenCreate(Request):
    name: str = Field(min_length=1, max_length=100)


class TokenPublic(Public):
    id: int
    user_id: int
    name: str
    prefix: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None


class TokenCreated(Public):
    token: TokenPublic
    secret: str = Field(description="Shown once; store it now.")


class WatchlistEntry(Public):
    rank: int
    iso3: str
    country: str
    region: str
    risk: float
    risk_low: float | None
    risk_high: float | None
    rank_change: int | None
    factor_value: float | None = None


class Watchlist(Public):
    run_id: int
    model: str
    year: int = Field(description="Data year; the forecast is for onsets in year+1 or year+2.")
    entries: list[WatchlistEntry]


class Driver(Public):
    feature: str
    label: str
    contribution: float


class Indicator(Public):
    column: str
    label: str
    value: float | None
    previous: float | None


class CountryDetail(Public):
    iso3: str
    name: str
    ewp_name: str
    region: str
    model: str
    year: int
    risk: float
    rank: int
    risk_low: float | None
    risk_high: float | None
    rank_change: int | None
    drivers: list[Driver]
    history: list[tuple[int, float]]
    indicators: list[Indicator]


class RunPublic(Public):
    id: int
    kind: str
    model: str
    dataset_id: int
    year: int | None
    created_at: datetime
    job_id: int | None


class RunDetail(RunPublic):
    params: dict[str, Any]
    metrics: dict[str, Any]


class DatasetPublic(Public):
    id: int
    spec: str
    source: str
    sha256: str
    bytes: int
    first_year: int
    last_year: int
    rows: int
    imported_at: datetime
    is_current: bool


JobKindName = Literal["risk.import", "risk.forecast", "risk.backtest"]


class JobParams(Request):
    model: Literal["ewp-enet", "gbm", "champion"] | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)
    boot: int | None = Field(default=None, ge=0, le=1000)
    first_cutoff: int | None = Field(default=None, ge=1900, le=2100)
    last_cutoff: int | None = Field(default=None, ge=1900, le=2100)


class JobCreate(Request):
    kind: JobKindName
    params: JobParams = Field(default_factory=JobParams)


class JobPublic(Public):
    id: int
    kind: str
    status: str
    params: dict[str, Any]
    progress_done: int
    progress_total: int
    message: str
    error: str
    result: dict[str, Any]
    attempts: int
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class AuditEventPublic(Public):
    id: int
    at: datetime
    actor: str
    action: str
    target_type: str
    target_id: str
    detail: dict[str, Any]
    note: str
