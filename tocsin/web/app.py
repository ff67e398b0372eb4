"""The application factory: one FastAPI app per database, pages and API side by side."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from tocsin import __version__, intake, startup
from tocsin.config import Settings, get_settings
from tocsin.db import Database, head_revision
from tocsin.jobs import Worker
from tocsin.web import errors
from tocsin.web.api import api_router, health_router
from tocsin.web.deps import PUBLIC
from tocsin.web.middleware import (
    BodyLimitMiddleware,
    ForgetOnWriteMiddleware,
    SecurityHeadersMiddleware,
)
from tocsin.web.pages import admin, auth, country, dashboard, jobs, model, report_form, reports
from tocsin.web.state import AppState

STATIC = Path(__file__).parent / "static"
# Bulk submissions change no one's rights: they need not clear the cached identities.
SUBMISSION_PATHS = frozenset({"/report", "/api/v1/reports"})
log = logging.getLogger("tocsin.web")


def create_served_app() -> FastAPI:
    """The app as `tocsin serve` runs it, once per server process.

    Everything loaded at start-up (the risk engine's libraries, the app itself) lives as long as
    the process, so it is frozen out of the garbage collector: unfrozen, every full collection
    walks ~300,000 objects for ~200 ms, which 50 concurrent clients feel as their slowest
    requests. Not for tests or embedding, where frozen objects would never be freed.
    """
    return create_app(freeze_startup_heap=True)


def create_app(
    settings: Settings | None = None,
    *,
    database: Database | None = None,
    start_worker: bool | None = None,
    freeze_startup_heap: bool = False,
) -> FastAPI:
    """Build the app: migrate the database, create the first admin, queue the first import.

    `start_worker` (default: `TOCSIN_EMBEDDED_WORKER`) runs background jobs inside this
    process, so the embedded mode needs nothing else running. `freeze_startup_heap` is for a
    process that serves this one app for its whole life (see `create_served_app`).
    """
    settings = settings or get_settings()
    prepared = startup.prepare(settings, database)
    state = AppState(
        settings=settings,
        db=prepared.db,
        secret_key=settings.resolved_secret_key(),
        intake=intake.IntakeService.from_settings(settings, prepared.db),
        first_admin_password=prepared.admin_password,
        schema_head=head_revision(prepared.db),
    )
    run_worker = settings.embedded_worker if start_worker is None else start_worker

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state.intake.writer.start()
        if run_worker:
            state.worker = Worker(state.db, settings.data_dir, n_jobs=settings.n_jobs)
            state.worker.start()
        if freeze_startup_heap:
            gc.collect()
            gc.freeze()
        try:
            yield
        finally:
            if state.worker is not None:
                state.worker.stop()
            state.intake.writer.stop()

    app = FastAPI(
        title="Tocsin API",
        version=__version__,
        description="Atrocity prevention: structural risk forecasts, jobs, accounts, audit.",
        openapi_url="/api/v1/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.tocsin = state
    errors.install(app)
    app.add_middleware(
        ForgetOnWriteMiddleware, forget=state.forget_principals, keep_for=SUBMISSION_PATHS
    )
    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        BodyLimitMiddleware,
        max_bytes=settings.max_body_bytes,
        # The public form carries a photo or video; its body may be that much larger.
        overrides={"/report": settings.intake_max_media_bytes + 1_000_000},
    )

    app.include_router(api_router)
    app.include_router(health_router)
    for pages in (auth, dashboard, country, model, jobs, admin, report_form, reports):
        app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/api/docs", include_in_schema=False, dependencies=[PUBLIC])
    def api_docs(request: Request) -> HTMLResponse:
        return get_swagger_ui_html(
            openapi_url="/api/v1/openapi.json",
            title="Tocsin API",
            swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/static/favicon.svg",
        )

    return app
