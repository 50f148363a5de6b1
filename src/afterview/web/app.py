"""`create_app(settings)`: the web application, built from settings and nothing global."""

from __future__ import annotations

import gc
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from afterview import __version__
from afterview.config import Settings
from afterview.services.workspace import Workspace
from afterview.web.errors import install_error_handlers
from afterview.web.rendering import page_templates
from afterview.web.security import SecurityMiddleware

STATIC = Path(__file__).parent / "static"


def create_app(settings: Settings, *, workspace: Workspace | None = None) -> FastAPI:
    """The app over one workspace (database, clock, templates); `workspace` lets a caller
    that already holds one (the demo) share it."""
    ws = workspace or Workspace.open(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ws.ready()
        # Everything built at start-up is long-lived: keep it out of the collector's full
        # passes, which otherwise dominate the tail latency (TOOLING.md).
        gc.collect()
        gc.freeze()
        yield
        ws.db.dispose()

    app = FastAPI(
        title="Afterview",
        version=__version__,
        description="After every interview: what to do next, when, and the words ready.",
        lifespan=lifespan,
        docs_url="/api/docs",
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.workspace = ws
    app.state.templates = page_templates(settings)
    app.add_middleware(SecurityMiddleware)
    install_error_handlers(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    from afterview.web.api import router as api_router
    from afterview.web.pages import router as pages_router

    app.include_router(api_router)
    app.include_router(pages_router)
    return app
