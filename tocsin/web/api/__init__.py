"""The JSON API under /api/v1, and the health check at /healthz."""

from fastapi import APIRouter

from tocsin.web.api.routes import audit, forecasts, health, jobs, runs, tokens, users

api_router = APIRouter(prefix="/api/v1")
for module in (forecasts, runs, jobs, users, tokens, audit):
    api_router.include_router(module.router)

health_router = health.router

__all__ = ["api_router", "health_router"]
