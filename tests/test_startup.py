from __future__ import annotations

from pathlib import Path

from tests.conftest import shared_path
from tocsin import accounts, jobs, risk, startup
from tocsin.config import Settings
from tocsin.db import Database


def test_first_run_creates_one_admin_and_queues_the_import_once(
    database: Database, tmp_path: Path
) -> None:
    settings = Settings(data_dir=tmp_path / "data", secret_key="s" * 40)
    risk.fetch_ewp(
        settings.data_dir, risk.load_spec(), source=shared_path("ewp"), base_url="unused"
    )
    first = startup.prepare(settings, database)
    assert first.admin_password and first.queued_import
    second = startup.prepare(settings, database)
    assert second.admin_password is None and second.queued_import is None
    with database.session() as session:
        users = accounts.list_users(session)
        assert [(u.username, u.role, u.must_change_password) for u in users] == [
            ("admin", "admin", True)
        ]
        assert accounts.verify_password(users[0].password_hash, first.admin_password)
        assert len(jobs.list_jobs(session)) == 1


def test_without_data_nothing_is_queued(database: Database, tmp_path: Path) -> None:
    prepared = startup.prepare(Settings(data_dir=tmp_path / "d", secret_key="s" * 40), database)
    assert prepared.queued_import is None


def test_the_secret_key_is_generated_once_with_private_permissions(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d")
    key = settings.resolved_secret_key()
    assert len(key) >= 32 and settings.resolved_secret_key() == key
    assert (tmp_path / "d" / "secret_key").stat().st_mode & 0o077 == 0
