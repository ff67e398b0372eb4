"""`tocsin intake` end to end: keys, the field form, every import kind, reveal, purge, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import func, select

from tests.conftest import RunCli, shared_path
from tests.intake.channels.odk_encryptor import encrypt_submission
from tests.intake.channels.test_xlsform import (
    ANSWERS,
    compile_form,
    filled_instance,
    public_pem,
)
from tocsin import startup
from tocsin.config import get_settings
from tocsin.intake.models import Report

TRANSPORT_MAPPING = """
form_id = "transportation_2011_07_25"
text = "transport/available_transportation_types_to_referral_facility"
ignored = ["transport/loop_over_transport_types_frequency/ambulance/frequency_to_referral_facility"]
"""


def _count() -> int:
    db = startup.open_database(get_settings())
    with db.session() as session:
        return int(session.scalar(select(func.count()).select_from(Report)) or 0)


@pytest.fixture
def officer(run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The officer's key pair made offline; only the public half reaches the server's settings."""
    private = tmp_path / "officer.key"
    made = run_cli("intake", "keygen", "--out", str(private))
    assert made.code == 0, made.err
    monkeypatch.setenv("TOCSIN_INTAKE_PUBLIC_KEY", made.out.strip())
    get_settings.cache_clear()
    return private


def test_field_form_encrypted_import_and_reveal(
    run_cli: RunCli, tmp_path: Path, officer: Path
) -> None:
    form_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    xlsx = tmp_path / "tocsin_report.xlsx"
    pem = tmp_path / "form.pub.pem"
    pem.write_text(public_pem(form_key), encoding="utf-8")
    assert run_cli("intake", "xlsform", "--out", str(xlsx), "--public-key", str(pem)).code == 0
    instance = filled_instance(
        compile_form(xlsx), {k: v for k, v in ANSWERS.items() if "photo" not in k}
    )
    sealed = encrypt_submission(
        instance,
        form_key.public_key(),
        form_id="tocsin_report",
        instance_id=ANSWERS["meta/instanceID"],
        version=None,
    )
    folder = tmp_path / "submission-1"
    folder.mkdir()
    (folder / "submission.xml").write_bytes(sealed.manifest)
    for name, data in sealed.files.items():
        (folder / name).write_bytes(data)
    private_pem = tmp_path / "form.key.pem"
    private_pem.write_bytes(
        form_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    done = run_cli("intake", "import", "odk-encrypted", str(tmp_path), "--key", str(private_pem))
    assert done.code == 0, done.err
    assert "1 stored" in done.out
    again = run_cli("intake", "import", "odk-encrypted", str(folder), "--key", str(private_pem))
    assert "1 already there" in again.out and _count() == 1
    shown = run_cli("intake", "reveal", "1", "--key", str(officer))
    assert shown.code == 0 and "Amina" in shown.out
    wrong = tmp_path / "other.key"
    run_cli("intake", "keygen", "--out", str(wrong))
    refused = run_cli("intake", "reveal", "1", "--key", str(wrong))
    assert refused.code == 1 and refused.err.startswith("error:") and "Amina" not in refused.err


@pytest.mark.shared_data
def test_a_partners_own_form_imports_with_a_form_mapping(
    run_cli: RunCli, tmp_path: Path, officer: Path
) -> None:
    instances = shared_path("odk", "onadata_transportation", "instances")
    unknown = run_cli("intake", "import", "xform", str(instances))
    assert unknown.code == 1 and "unknown form id" in unknown.err and _count() == 0
    mapping = tmp_path / "transport.toml"
    mapping.write_text(TRANSPORT_MAPPING, encoding="utf-8")
    strict = run_cli("intake", "import", "xform", str(instances), "--form-mapping", str(mapping))
    assert strict.code == 1 and "is empty" in strict.err and _count() == 0  # one blank answer
    done = run_cli(
        "intake",
        "import",
        "xform",
        str(instances),
        "--form-mapping",
        str(mapping),
        "--skip-invalid",
    )
    assert done.code == 0, done.err
    skipped = done.err.count("skipped:")
    files = len(list(instances.glob("*/*.xml")))
    assert skipped >= 1 and f"{files - skipped} reports read" in done.out
    # two instances carry the same instanceID: one submission, stored once
    assert f"{_count()} stored, 1 already there" in done.out


def test_csv_import_is_all_or_nothing(run_cli: RunCli, tmp_path: Path, officer: Path) -> None:
    good = tmp_path / "reports.csv"
    good.write_text(
        "notes,when,who\nVillage burned,2026-01-02,Ali\nTwo men taken,2026-01-03,\n",
        encoding="utf-8",
    )
    spec = "text=notes,occurred_on=when,identity.name=who"
    assert run_cli("intake", "import", "csv", str(good), "--mapping", spec).code == 0
    assert _count() == 2
    bad = tmp_path / "bad.csv"
    bad.write_text("notes,when,who\nFine row,2026-01-05,\nBad date,tuesday,\n", encoding="utf-8")
    failed = run_cli("intake", "import", "csv", str(bad), "--mapping", spec)
    assert failed.code == 1 and "row" in failed.err and _count() == 2
    latin = tmp_path / "latin1.csv"
    latin.write_bytes("notes\nVillage brûlé\n".encode("latin-1"))
    assert run_cli("intake", "import", "csv", str(latin), "--mapping", "text=notes").code == 1
    assert run_cli("intake", "import", "csv", str(good)).code == 1  # no mapping


def test_missing_inputs_fail_in_one_line(run_cli: RunCli, tmp_path: Path, officer: Path) -> None:
    for args in (
        ("import", "odk-encrypted", str(tmp_path)),
        ("import", "xform", str(tmp_path / "nothing")),
        ("import", "kobo", str(tmp_path / "missing.json")),
        ("reveal", "1", "--key", str(tmp_path / "none.key")),
        ("keygen", "--out", str(officer)),
    ):
        result = run_cli("intake", *args)
        assert result.code == 1, args
        assert result.err.startswith("error:") and len(result.err.strip().splitlines()) == 1, (
            result.err
        )


def test_purge_dry_run_counts_without_deleting(run_cli: RunCli, officer: Path) -> None:
    result = run_cli("intake", "purge", "--dry-run")
    assert result.code == 0 and "would delete 0 reports" in result.out
