"""A web app over a fresh database per test (SQLite here; the services' tests cover
PostgreSQL), driven through Starlette's TestClient."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tests.conftest import NOW


@pytest.fixture
def web_settings(tmp_path: Path):
    from afterview.config import load_settings

    return load_settings(database_url=f"sqlite:///{tmp_path / 'web.db'}", now=NOW)


@pytest.fixture
def client(web_settings) -> Iterator[TestClient]:
    """A browser-like client: it has visited once, so it holds its CSRF cookie, and sends the
    token with state-changing requests as the pages' HTMX does."""
    from afterview.web.app import create_app

    with TestClient(create_app(web_settings)) as test_client:
        token = test_client.get("/api/csrf").json()["csrf_token"]
        test_client.headers["X-CSRF-Token"] = token
        yield test_client


@pytest.fixture
def demo_client(client: TestClient) -> TestClient:
    """The client over the sample search."""
    from afterview.services.demo import fill_with_sample_data

    fill_with_sample_data(client.app.state.workspace)  # type: ignore[attr-defined]
    return client
