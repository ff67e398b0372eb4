"""The `tocsin` command: one sub-command group per area, each a thin shell over the package."""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path

import click
import pandas as pd
from rich.table import Table

from tocsin import __version__, accounts, jobs, risk, startup
from tocsin.atomic import atomic_output, check_writable
from tocsin.cli.common import PathArg, database, err, out, progress_bar
from tocsin.cli.intake import intake_group
from tocsin.config import get_settings
from tocsin.db import current_revision
from tocsin.domain.permissions import Role
from tocsin.errors import TocsinError

spec_option = click.option("--spec", help="Dataset spec: a TOML file or a bundled spec name.")
data_option = click.option(
    "--data", type=PathArg, help="Country-year CSV (default: the imported EWP predictors)."
)
model_option = click.option(
    "--model",
    default="ewp-enet",
    show_default=True,
    help=f"Model: {', '.join(risk.MODELS)}.",
)
jobs_option = click.option(
    "--jobs", type=click.IntRange(min=1), help="Worker processes (default: TOCSIN_N_JOBS)."
)


def _panel(data: Path | None, spec_name: str | None) -> risk.Panel:
    spec = risk.load_spec(spec_name)
    if data is None:
        data = risk.ewp_path(get_settings().data_dir, "predictors")
        if not data.exists():
            raise TocsinError(
                f"no data at {data}: run `tocsin data fetch ewp` (add --from PATH offline)"
                " or pass --data CSV"
            )
    return risk.load_panel(data, spec)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tocsin")
def cli() -> None:
    """Tocsin: anticipate, prevent and respond to mass atrocities."""


@cli.group()
def data() -> None:
    """Import and inspect data sets."""


@data.command("fetch")
@click.argument("source", type=click.Choice(["ewp"]))
@click.option(
    "--from", "from_path", type=PathArg, help="Import a local copy: a CSV or a folder of files."
)
@spec_option
def data_fetch(source: str, from_path: Path | None, spec: str | None) -> None:
    """Download a data set into the data directory, or import a local copy with --from."""
    settings = get_settings()
    record = risk.fetch_ewp(
        settings.data_dir,
        risk.load_spec(spec),
        source=from_path,
        base_url=settings.ewp_base_url,
        on_file=lambda role: err.print(f"fetched {role}"),
    )
    pred = record["predictors"]
    out.print(
        f"EWP predictors {pred['years'][0]}-{pred['years'][1]} from {pred['source']}"
        f" (sha256 {pred['sha256'][:12]}) in {settings.data_dir / 'ewp'}"
    )


@data.command("show")
def data_show() -> None:
    """Show which data sets are imported, from where and when."""
    settings = get_settings()
    record = risk.read_provenance(settings.data_dir)
    if not record:
        out.print(f"nothing imported in {settings.data_dir}; run `tocsin data fetch ewp`")
        return
    table = Table(title=f"Data in {settings.data_dir}")
    for col in ("file", "source", "imported", "sha256"):
        table.add_column(col)
    for item in record.values():
        table.add_row(item["file"], item["source"], item["imported_at"], item["sha256"][:16])
    out.print(table)


@cli.group("risk")
def risk_group() -> None:
    """Structural risk: backtests and forecasts."""


@risk_group.command("models")
def risk_models() -> None:
    """List the models that can be backtested and used to forecast."""
    table = Table(title="Models")
    table.add_column("name")
    table.add_column("what it is")
    for model in risk.MODELS.values():
        table.add_row(model.name, model.summary)
    out.print(table)


@risk_group.command("backtest")
@click.option("--out", "out_csv", type=PathArg, required=True, help="One row per forecast (CSV).")
@model_option
@data_option
@click.option("--report", type=PathArg, help="Also write an HTML+PNG report into this folder.")
@click.option("--anchor", type=PathArg, help="EWP's FOOS file to compare with (default: imported).")
@click.option("--first-cutoff", type=int, default=1991, show_default=True)
@click.option("--last-cutoff", type=int, default=2021, show_default=True)
@click.option(
    "--ci-boot",
    type=click.IntRange(min=0),
    default=1000,
    show_default=True,
    help="Bootstrap draws for the 95% intervals.",
)
@spec_option
@jobs_option
def risk_backtest(
    out_csv: Path,
    model: str,
    data: Path | None,
    report: Path | None,
    anchor: Path | None,
    first_cutoff: int,
    last_cutoff: int,
    ci_boot: int,
    spec: str | None,
    jobs: int | None,
) -> None:
    """Run EWP's fully-out-of-sample backtest and score it beside EWP's published figures."""
    check_writable(out_csv)
    if report is not None and report.exists() and not report.is_dir():
        raise TocsinError(f"{report}: exists and is not a folder")
    chosen = risk.get_model(model)
    panel = _panel(data, spec)
    protocol = risk.FoosProtocol(first_cutoff=first_cutoff, last_cutoff=last_cutoff)
    anchor_table: pd.DataFrame | None
    if anchor is not None:
        anchor_table = risk.read_ewp_foos(str(anchor))
    else:
        imported = risk.ewp_path(get_settings().data_dir, "foos")
        anchor_table = risk.read_ewp_foos(str(imported)) if imported.exists() else None
    started = time.perf_counter()
    with progress_bar() as progress:
        task = progress.add_task(f"backtest {chosen.name}", total=len(protocol.cutoffs))
        forecasts = risk.run_backtest(
            panel,
            chosen,
            protocol,
            n_jobs=jobs or get_settings().n_jobs,
            on_fold=lambda: progress.advance(task),
        )
    seconds = time.perf_counter() - started
    with atomic_output(out_csv) as tmp:
        forecasts.to_csv(tmp, index=False, float_format="%.6g")
    score = risk.score_table(forecasts, panel, protocol)
    result = risk.build_report(
        chosen.name,
        score,
        protocol,
        data_source=panel.source,
        data_sha256=panel.sha256,
        anchor=anchor_table,
        n_boot=ci_boot,
        seconds=seconds,
    )
    out.print(risk.summary_table(result))
    out.print(f"{len(forecasts)} forecasts in {seconds:.1f} s -> {out_csv}")
    if report is not None:
        written = risk.write_report(result, report, score, anchor_table)
        out.print(f"report -> {written[0]}")


@risk_group.command("forecast")
@click.option("--year", type=int, help="Data year Y: onsets in Y+1 or Y+2 (default: latest).")
@click.option("--out", "out_csv", type=PathArg, help="Write the full ranking here (CSV).")
@model_option
@data_option
@click.option(
    "--boot",
    type=click.IntRange(min=0),
    default=100,
    show_default=True,
    help="Bootstrap refits for the 80% interval (0: none).",
)
@click.option(
    "--top",
    type=click.IntRange(min=0),
    default=30,
    show_default=True,
    help="Rows to print (0: none).",
)
@spec_option
@jobs_option
def risk_forecast(
    year: int | None,
    out_csv: Path | None,
    model: str,
    data: Path | None,
    boot: int,
    top: int,
    spec: str | None,
    jobs: int | None,
) -> None:
    """Rank every country by the risk of a mass-killing onset in the next two years."""
    if out_csv is not None:
        check_writable(out_csv)
    chosen = risk.get_model(model)
    panel = _panel(data, spec)
    year = panel.years()[1] if year is None else year
    with progress_bar() as progress:
        task = progress.add_task(f"forecast {chosen.name} from {year}", total=boot + 2)
        table = risk.forecast(
            panel,
            chosen,
            year,
            n_boot=boot,
            n_jobs=jobs or get_settings().n_jobs,
            on_step=lambda: progress.advance(task),
        )
    if out_csv is not None:
        with atomic_output(out_csv) as tmp:
            table.to_csv(tmp, index=False, float_format="%.6g")
    if top:
        out.print(_forecast_table(table.head(top), chosen.name, year))
    if out_csv is not None:
        out.print(f"{len(table)} countries -> {out_csv}")


def _forecast_table(rows: pd.DataFrame, model: str, year: int) -> Table:
    table = Table(title=f"Risk of a mass-killing onset in {year + 1}-{year + 2} ({model})")
    table.add_column("rank", justify="right")
    table.add_column("country")
    table.add_column("risk", justify="right")
    table.add_column("80% interval", justify="right")
    table.add_column("rank change", justify="right")
    table.add_column("top driver")
    for row in rows.to_dict("records"):
        change = "" if pd.isna(row["rank_change"]) else f"{int(row['rank_change']):+d}"
        low, high = row["risk_low"], row["risk_high"]
        interval = "" if pd.isna(low) else f"{low:.1%}-{high:.1%}"
        table.add_row(
            str(row["rank"]),
            str(row["ewp_name"]),
            f"{row['risk']:.1%}",
            interval,
            change,
            str(row["driver_1"]),
        )
    return table


# --- the web app, accounts, jobs, database -----------------------------------------------------


@cli.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Web worker processes (background jobs then need `tocsin jobs worker`).",
)
def serve(host: str, port: int, workers: int) -> None:
    """Run the web app (SQLite by default; PostgreSQL when TOCSIN_DATABASE_URL says so)."""
    import uvicorn

    from tocsin.web import create_app

    settings = get_settings()
    prepared = startup.prepare(settings)
    if prepared.admin_password:
        _announce_admin(prepared.admin_password)
    if prepared.queued_import:
        out.print(f"EWP data found: import queued as job {prepared.queued_import}")
    elif not risk.ewp_path(settings.data_dir, "predictors").exists():
        out.print("no EWP data yet: run `tocsin data fetch ewp` (or --from PATH), then restart")
    out.print(f"Tocsin on http://{host}:{port} ({prepared.db.backend})")
    if workers == 1:
        app = create_app(settings, database=prepared.db, freeze_startup_heap=True)
        uvicorn.run(
            app,
            host=host,
            port=port,
            log_level="warning",
            access_log=False,  # requests are not logged: the audit log records what matters
            proxy_headers=False,
        )
    else:
        if settings.embedded_worker:
            raise TocsinError(
                "--workers > 1 needs TOCSIN_EMBEDDED_WORKER=false and a separate"
                " `tocsin jobs worker`"
            )
        uvicorn.run(
            "tocsin.web:create_served_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="warning",
            access_log=False,
        )


def _announce_admin(password: str) -> None:
    out.print("First run: created the administrator account.", markup=False)
    out.print(f"  username: admin\n  one-time password: {password}", markup=False)
    out.print("  (shown once; you will be asked to choose a new password at first login)")


@cli.group("db")
def db_group() -> None:
    """The database: migrations."""


@db_group.command("migrate")
def db_migrate() -> None:
    """Create or upgrade the schema to the latest migration."""
    db = database()
    out.print(f"{db.backend} schema at {current_revision(db)}")


@cli.group("users")
def users_group() -> None:
    """Accounts and roles."""


@users_group.command("create")
@click.argument("username")
@click.option("--role", required=True, type=click.Choice([r.value for r in Role]))
@click.option("--name", "display_name", default="", help="Display name.")
def users_create(username: str, role: str, display_name: str) -> None:
    """Create an account; prints its one-time password."""
    db = database()
    with db.session() as session:
        user, one_time = accounts.create_user(
            session, username=username, role=role, display_name=display_name
        )
        name = user.username
    out.print(f"created {name} ({role}); one-time password: {one_time}", markup=False)


@users_group.command("list")
def users_list() -> None:
    """List accounts and their roles."""
    db = database()
    table = Table(title="Users")
    for col in ("username", "role", "active", "last login"):
        table.add_column(col)
    with db.session() as session:
        for u in accounts.list_users(session):
            last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "never"
            table.add_row(u.username, u.role, "yes" if u.is_active else "no", last)
    out.print(table)


@users_group.command("reset-password")
@click.argument("username")
def users_reset(username: str) -> None:
    """Give an account a new one-time password and end its sessions."""
    db = database()
    with db.session() as session:
        user = accounts.get_user(session, username)
        if user is None:
            raise TocsinError(f"no user {username!r}")
        one_time = accounts.reset_password(session, user, actor=None)
    out.print(f"{username}: new one-time password: {one_time}", markup=False)


@cli.group("jobs")
def jobs_group() -> None:
    """Background jobs: list, follow, run a worker."""


@jobs_group.command("list")
@click.option("--limit", type=click.IntRange(1, 1000), default=20, show_default=True)
def jobs_list(limit: int) -> None:
    """List recent jobs."""
    db = database()
    table = Table(title="Jobs")
    for col in ("id", "kind", "status", "progress", "message"):
        table.add_column(col)
    with db.session() as session:
        for job in jobs.list_jobs(session, limit=limit):
            progress = f"{job.progress_done}/{job.progress_total}"
            table.add_row(str(job.id), job.kind, job.status, progress, job.error or job.message)
    out.print(table)


@jobs_group.command("watch")
@click.argument("job_id", type=int)
def jobs_watch(job_id: int) -> None:
    """Follow a job's progress until it ends; exits non-zero if it failed."""
    db = database()
    with progress_bar() as progress:
        task = progress.add_task(f"job {job_id}", total=None)
        while True:
            with db.session() as session:
                job = jobs.get_job(session, job_id)
                if job is None:
                    raise TocsinError(f"no job {job_id}")
                status, done, total = job.status, job.progress_done, job.progress_total
                message, error = job.message, job.error
            progress.update(
                task,
                completed=done,
                total=total or None,
                description=f"job {job_id} {status}: {message[:40]}",
            )
            if status in (jobs.JobStatus.SUCCEEDED, jobs.JobStatus.FAILED):
                break
            time.sleep(0.5)
    if status == jobs.JobStatus.FAILED:
        raise TocsinError(f"job {job_id} failed: {error}")
    out.print(f"job {job_id} succeeded")


@jobs_group.command("worker")
def jobs_worker() -> None:
    """Run background jobs in this process until interrupted (team mode)."""
    settings = get_settings()
    prepared = startup.prepare(settings)
    worker = jobs.Worker(prepared.db, settings.data_dir, n_jobs=settings.n_jobs)
    out.print(f"worker {worker.name} waiting for jobs ({prepared.db.backend})")
    worker.run_forever()


cli.add_command(intake_group)


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point: one-line errors and a non-zero exit for anything the user can cause."""
    try:
        cli.main(
            args=list(argv) if argv is not None else None, prog_name="tocsin", standalone_mode=False
        )
    except TocsinError as exc:
        err.print(f"error: {exc}", markup=False, highlight=False, soft_wrap=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.Abort:
        err.print("aborted")
        sys.exit(1)
    except KeyboardInterrupt:
        err.print("interrupted")
        sys.exit(130)
