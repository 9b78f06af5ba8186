"""The application factory: :func:`create_app` wires the store, the routes, the
dashboard and the security layer together."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import FastAPI, Request, status
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from thucydides import __version__
from thucydides.api import exports, reads, writes
from thucydides.api.context import Workbench
from thucydides.api.security import security_headers
from thucydides.config import Settings
from thucydides.errors import ExportError, StoreError
from thucydides.store import Store

__all__ = ["WEB_DIR", "create_app"]

logger = logging.getLogger(__name__)

#: the dashboard's files: ``templates/index.html`` and ``static/``
WEB_DIR = Path(str(resources.files("thucydides") / "web"))

_DESCRIPTION = """\
Who did what to whom, where and when: the events thucydides extracted, with their
evidence, actors, places and dates; aggregates for maps, timelines and networks;
streamed exports; and reviewers' corrections (which need the API token).

Reads are open to loopback clients (or to all with `api_public_read`); every read
sees the corrected view.
"""


def create_app(
    source: Settings | Store, *, settings: Settings | None = None, token: str | None = None
) -> FastAPI:
    """The HTTP API and dashboard over a store.

    ``source`` is either :class:`~thucydides.config.Settings` (the app opens
    ``settings.db`` and closes it on shutdown) or an open
    :class:`~thucydides.store.Store` (the caller keeps it; ``settings`` then gives the
    API options). ``token`` overrides ``settings.api_token``; with neither, corrections
    are disabled.
    """
    if isinstance(source, Store):
        store, owns = source, False
        settings = settings or Settings()
    else:
        settings = source
        store, owns = Store.open(settings.db), True
    bench = Workbench(store=store, settings=settings, token=token or settings.api_token, owns_store=owns)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        if bench.owns_store:
            bench.store.close()

    app = FastAPI(
        title="thucydides",
        version=__version__,
        description=_DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,
        redoc_url=None,
    )
    app.state.workbench = bench
    app.middleware("http")(security_headers)
    if settings.api_cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=list(settings.api_cors_origins),
            allow_methods=["GET", "POST"],
            allow_headers=["Authorization", "Content-Type", "X-Thucydides-Token"],
        )
    app.include_router(reads.router)
    app.include_router(writes.router)
    app.include_router(exports.router)
    _add_error_handlers(app)
    _add_dashboard(app)
    return app


def _add_error_handlers(app: FastAPI) -> None:
    async def bad_request(_request: Request, exc: Exception) -> Response:
        return JSONResponse({"detail": str(exc)}, status_code=status.HTTP_422_UNPROCESSABLE_CONTENT)

    app.add_exception_handler(StoreError, bad_request)
    app.add_exception_handler(ExportError, bad_request)


def _add_dashboard(app: FastAPI) -> None:
    static = WEB_DIR / "static"
    templates = WEB_DIR / "templates"
    app.mount("/static", StaticFiles(directory=static), name="static")

    @app.get("/", include_in_schema=False)
    def dashboard() -> FileResponse:
        return FileResponse(templates / "index.html", media_type="text/html; charset=utf-8")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(templates / "docs.html", media_type="text/html; charset=utf-8")
