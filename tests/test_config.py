from __future__ import annotations

from pathlib import Path

import pytest

from tocsin.config import Settings, get_settings
from tocsin.errors import TocsinError

ROOT = Path(__file__).resolve().parent.parent


def test_every_setting_is_documented() -> None:
    docs = (ROOT / "docs" / "settings.md").read_text(encoding="utf-8")
    missing = [
        f"TOCSIN_{n.upper()}" for n in Settings.model_fields if f"TOCSIN_{n.upper()}" not in docs
    ]
    assert not missing, f"undocumented settings: {missing}"


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOCSIN_DATA_DIR", "/somewhere")
    monkeypatch.setenv("TOCSIN_N_JOBS", "3")
    get_settings.cache_clear()
    settings = get_settings()
    assert settings.data_dir == Path("/somewhere")
    assert settings.n_jobs == 3


def test_the_home_country_is_an_iso3_code(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TOCSIN_INTAKE_HOME_COUNTRY", " ken ")
    get_settings.cache_clear()
    assert get_settings().intake_home_country == "KEN"
    monkeypatch.setenv("TOCSIN_INTAKE_HOME_COUNTRY", "")
    get_settings.cache_clear()
    assert get_settings().intake_home_country is None


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("TOCSIN_N_JOBS", "0"),
        ("TOCSIN_ENV", "staging"),
        ("TOCSIN_INTAKE_HOME_COUNTRY", "Kenya"),
        ("TOCSIN_INTAKE_HOME_COUNTRY", "K3N"),
    ],
)
def test_bad_settings_fail_in_one_line(
    monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    with pytest.raises(TocsinError, match=f"setting {name}"):
        get_settings()
