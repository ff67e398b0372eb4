"""The web app: FastAPI, pages rendered on the server, and the JSON API under /api/v1."""

from tocsin.web.app import create_app, create_served_app

__all__ = ["create_app", "create_served_app"]
