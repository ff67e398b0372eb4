from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tocsin.config import get_settings
from tocsin.risk.dataset import Panel, load_panel
from tocsin.risk.spec import load_spec

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def shared_path(*parts: str) -> Path:
    """A file of the reference data; skip when absent, except in CI where absence is a failure."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI must have the reference data, but {path} is missing")
        pytest.skip(f"reference data {path} is absent (a clone without ../shared)")
    return path


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Every test gets its own empty data directory and freshly read settings."""
    monkeypatch.setenv("TOCSIN_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TOCSIN_N_JOBS", "1")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture(scope="session")
def ewp_csv() -> Path:
    return shared_path("ewp", "prepared2024predictors-2025-09-03.csv")


@pytest.fixture(scope="session")
def ewp_panel(ewp_csv: Path) -> Panel:
    return load_panel(ewp_csv, load_spec())


@dataclass
class CliResult:
    code: int
    out: str
    err: str


RunCli = Callable[..., CliResult]


@pytest.fixture
def run_cli(capsys: pytest.CaptureFixture[str]) -> RunCli:
    """Run `tocsin ARGS...` in-process; returns exit code, stdout and stderr."""
    from tocsin.cli import main

    def run(*args: str) -> CliResult:
        code = 0
        try:
            main(list(args))
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    from tests.databases import drop_templates

    drop_templates()


from tests.databases import database  # noqa: E402
from tests.fixtures import app, client, roles, seeded, web_settings  # noqa: E402

__all__ = ["app", "client", "database", "roles", "seeded", "web_settings"]


@pytest.fixture(autouse=True)
def cheap_password_hashing(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """argon2id at its lowest cost, except in the tests of password hashing itself.

    At full cost (64 MiB, t=3) every user a fixture creates costs a quarter of a second, and the
    web tests create one per role per test: that alone would take CI past its time limit.
    """
    if request.module.__name__.endswith("test_passwords"):
        return
    from argon2 import PasswordHasher

    from tocsin.accounts import passwords

    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    monkeypatch.setattr(passwords, "_HASHER", cheap)
    monkeypatch.setattr(passwords, "_DUMMY_HASH", cheap.hash("dummy password"))
