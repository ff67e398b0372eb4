"""The JSON API under /api/v1, and the health check at /healthz."""

from fastapi import APIRouter

from tocsin.web.api.routes import audit, forecasts, health, jobs, reports, runs, tokens, users

api_router = APIRouter(prefix="/api/v1")
# Reports first: submissions are the hottest path, and routes are matched in order.
for module in (reports, forecasts, runs, jobs, users, tokens, audit):
    api_router.include_router(module.router)

health_router = health.router

__all__ = ["api_router", "health_router"]
