"""`tocsin intake`: keys, imports, triage, the protection officer's reveal, and the purge."""

from __future__ import annotations

import json
from pathlib import Path

import click

from tocsin import intake
from tocsin.atomic import check_writable
from tocsin.cli.common import PathArg, database, err, out, progress_bar
from tocsin.config import get_settings


@click.group("intake")
def intake_group() -> None:
    """Community reports: keys, imports, triage, reveal, purge."""


@intake_group.command("keygen")
@click.option(
    "--out", "private_path", type=PathArg, required=True, help="Where to write the private key."
)
def intake_keygen(private_path: Path) -> None:
    """Create the protection officer's key pair (run it on the officer's own, offline machine).

    The private key is written to --out (readable by its owner only); the public key is printed:
    set it as TOCSIN_INTAKE_PUBLIC_KEY on the server. The private key never goes to the server.
    """
    public_key = intake.generate_key_pair(private_path)
    out.print(intake.encode_public_key(public_key), markup=False, highlight=False)
    err.print(
        f"private key written to {private_path}: keep it offline; set the line above as"
        " TOCSIN_INTAKE_PUBLIC_KEY on the server",
        markup=False,
    )


@intake_group.command("reveal")
@click.argument("report")
@click.option("--key", "key_path", type=PathArg, required=True, help="The officer's private key.")
@click.option(
    "--originals",
    type=PathArg,
    help="Also write the sealed original photos and videos into this folder.",
)
def intake_reveal(report: str, key_path: Path, originals: Path | None) -> None:
    """Open the sealed identity of REPORT (its number or receipt reference); audited."""
    private_key = intake.read_private_key(key_path)
    if originals is not None:
        check_writable(originals / "probe")
    db = database()
    with db.session() as session:
        found = intake.reveal(session, report, private_key, with_originals=originals is not None)
    out.print(
        json.dumps({"report": found.report_id, "identity": found.identity}, ensure_ascii=False)
    )
    for media_id, content_type, data in found.originals:
        suffix = content_type.split("/")[-1].split(";")[0] or "bin"
        target = (originals or Path()) / f"report-{found.report_id}-media-{media_id}.{suffix}"
        target.write_bytes(data)
        err.print(f"original written to {target}", markup=False)


@intake_group.command("purge")
@click.option("--dry-run", is_flag=True, help="Count what would go; change nothing.")
def intake_purge(dry_run: bool) -> None:
    """Delete reports past TOCSIN_INTAKE_RETENTION_DAYS and sealed identities past
    TOCSIN_INTAKE_IDENTITY_RETENTION_DAYS (reports under legal hold are kept)."""
    settings = get_settings()
    policy = intake.retention.RetentionPolicy(
        report_days=settings.intake_retention_days,
        identity_days=settings.intake_identity_retention_days,
    )
    db = database()
    with db.session() as session:
        result = intake.retention.purge(session, policy, dry_run=dry_run)
    if not dry_run:
        with db.session() as session:
            intake.retention.compact(session)
    verb = "would delete" if dry_run else "deleted"
    out.print(
        f"{verb} {result.reports_deleted} reports, {result.identities_removed} sealed identities,"
        f" {result.originals_removed} sealed originals"
    )


@intake_group.command("xlsform")
@click.option("--out", "out_path", type=PathArg, required=True, help="The .xlsx file to write.")
@click.option(
    "--public-key",
    "public_key",
    type=PathArg,
    help="A PEM RSA public key: ODK Collect then encrypts every submission on the phone.",
)
def intake_xlsform(out_path: Path, public_key: Path | None) -> None:
    """Write Tocsin's report form for field teams (XLSForm: English, French, Arabic, Burmese)."""
    pem = _read_text(public_key) if public_key is not None else None
    intake.channels.write_xlsform(out_path, public_key_pem=pem)
    out.print(f"wrote {out_path} (form id {intake.channels.FORM_ID})")


@intake_group.command("import")
@click.argument("kind", type=click.Choice(["xform", "kobo", "odk-encrypted", "csv"]))
@click.argument("path", type=PathArg)
@click.option("--mapping", help="CSV: our field=their column, comma-separated (text=notes,...).")
@click.option("--mapping-file", type=PathArg, help="CSV: the same mapping as a JSON or TOML file.")
@click.option(
    "--key", "key_path", type=PathArg, help="odk-encrypted: the form's private key (PEM)."
)
@click.option("--form-id", help="kobo: the form id, when the export does not say it.")
@click.option(
    "--form-mapping",
    type=PathArg,
    help="xform, kobo, odk-encrypted: a TOML file describing your own form's answers.",
)
@click.option(
    "--skip-invalid",
    is_flag=True,
    help="xform, odk-encrypted folders: leave out bad submissions (listed) instead of stopping.",
)
def intake_import(
    kind: str,
    path: Path,
    mapping: str | None,
    mapping_file: Path | None,
    key_path: Path | None,
    form_id: str | None,
    form_mapping: Path | None,
    skip_invalid: bool,
) -> None:
    """Import reports from a file or folder: ODK/Kobo XForm instances (a file, or a folder of
    instance folders with their media), a Kobo JSON export, an ODK encrypted submission folder,
    or a CSV with a column mapping. Every report is checked first; then all are stored in one
    transaction, or none."""
    batch = intake.import_files.read_drafts(
        kind,
        path,
        mapping=mapping,
        mapping_file=mapping_file,
        key_path=key_path,
        form_id=form_id,
        form_mapping=form_mapping,
        skip_invalid=skip_invalid,
    )
    for reason in batch.skipped:
        err.print(f"skipped: {reason}", markup=False, highlight=False)
    service = intake.IntakeService.from_settings(get_settings(), database())
    receipts = service.import_drafts(batch.drafts)
    counts = {
        o: sum(r.outcome == o for r in receipts) for o in ("accepted", "duplicate", "conflict")
    }
    out.print(
        f"{len(receipts)} reports read: {counts['accepted']} stored, {counts['duplicate']} already"
        f" there, {counts['conflict']} refused (same id, different content)"
    )


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise intake.IntakeInputError(f"cannot read {path}: {exc.__class__.__name__}") from None


@intake_group.command("triage")
@click.option("--in", "in_path", type=PathArg, required=True, help="CSV with columns id,text.")
@click.option("--out", "out_path", type=PathArg, required=True, help="Where to write the results.")
@click.option(
    "--model-dir",
    type=PathArg,
    help="A trained triage model (default: TOCSIN_INTAKE_TRIAGE_MODEL_DIR, else the seed model).",
)
def intake_triage(in_path: Path, out_path: Path, model_dir: Path | None) -> None:
    """Triage a CSV of reports offline: adds language, violation_type, risk_factors (RF numbers
    joined by ;), country_iso3, admin1, admin2, latitude, longitude, urgency and cluster."""
    check_writable(out_path)
    settings = get_settings()
    chosen = model_dir or intake.triage_jobs.model_dir(settings.data_dir)
    home = settings.intake_home_country
    rows = intake.triage.triage_csv(in_path, out_path, model_dir=chosen, home_country=home)
    out.print(f"triaged {rows} reports into {out_path}")


@intake_group.command("retriage")
@click.option(
    "--all", "everything", is_flag=True, help="Triage every report again, not only new ones."
)
def intake_retriage(everything: bool) -> None:
    """Triage the stored reports the current model has not seen yet (as the background job
    does), with a progress bar."""
    settings = get_settings()
    with progress_bar() as bar:
        task = bar.add_task("triage", total=None)

        def show(done: int, total: int, message: str) -> None:
            bar.update(task, completed=done, total=total, description=message)

        result = intake.triage_runs.triage_stored(
            database(), settings.data_dir, everything=everything, progress=show
        )
    out.print(f"triaged {result['triaged']} reports with {result['model_version']}")


@intake_group.command("train")
@click.option(
    "--acled",
    "acled",
    type=PathArg,
    multiple=True,
    help="ACLED event files whose notes become labelled examples (repeatable).",
)
def intake_train(acled: tuple[Path, ...]) -> None:
    """Retrain the triage classifier on every analyst-confirmed label (and ACLED notes), and
    make it the current model; the next triage run uses it."""
    settings = get_settings()
    result = intake.triage_runs.train(
        database(), settings.data_dir, acled=list(acled) if acled else None
    )
    out.print(
        f"model {result['model_version']}: {result['confirmed_examples']} confirmed labels,"
        f" {result['acled_examples']} ACLED notes, {result['seed_examples']} seed examples;"
        f" {result['places_learned']} places and {result['country_cues']} country cues learned,"
        f" home country {result['home_country'] or 'none'}"
    )
