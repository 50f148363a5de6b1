"""The dashboard is kept while nothing changes, and worked out again after any change —
made through the web, by another part of this process, or by another program."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Mapping
from functools import partial

import pytest
from fastapi.testclient import TestClient

from afterview.domain.actions import ActionState
from afterview.services.actions import finish_action
from afterview.services.workspace import Workspace
from afterview.store.memo import Memo
from tests.web.test_pages import THANK_SAM, workspace


@pytest.fixture
def worked_out(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """One entry per time the agenda's view is worked out rather than taken as kept."""
    from afterview.web.pages import agenda

    calls: list[bool] = []
    original = agenda._work_out

    def counting(ws: Workspace, show_all: bool) -> Mapping[str, object]:
        calls.append(show_all)
        return original(ws, show_all)

    monkeypatch.setattr(agenda, "_work_out", counting)
    return calls


def test_the_dashboard_is_kept_until_the_data_changes(
    demo_client: TestClient, worked_out: list[bool]
):
    first = demo_client.get("/").text
    assert THANK_SAM in first
    assert demo_client.get("/").text == first
    assert worked_out == [False]
    demo_client.get("/?all=1")
    assert worked_out == [False, True]  # the whole agenda is another view
    finish_action(workspace(demo_client), 19, ActionState.DONE)  # not through the web
    assert THANK_SAM not in demo_client.get("/").text
    assert worked_out == [False, True, False]


def test_a_change_from_another_program_reaches_the_dashboard(
    demo_client: TestClient, worked_out: list[bool]
):
    assert THANK_SAM in demo_client.get("/").text
    path = workspace(demo_client).db.sqlite_path
    assert path is not None
    with sqlite3.connect(path) as other:
        other.execute("UPDATE actions SET state = 'done' WHERE id = 19")
    assert THANK_SAM not in demo_client.get("/").text
    assert len(worked_out) == 2


def test_a_post_answers_with_the_changed_agenda(demo_client: TestClient):
    assert THANK_SAM in demo_client.get("/").text
    done = demo_client.post("/actions/19/done", headers={"HX-Request": "true"})
    assert THANK_SAM not in done.text
    assert THANK_SAM not in demo_client.get("/").text


def test_the_memo_keeps_one_value_per_name_while_revision_and_inputs_hold(tmp_path):
    from afterview.store.database import Database
    from afterview.store.schema import ensure_current

    db = Database(f"sqlite:///{tmp_path / 'memo.db'}")
    ensure_current(db)
    memo = Memo(db.revision)
    made: list[str] = []

    def make(value: str) -> Callable[[], str]:
        def compute() -> str:
            made.append(value)
            return value

        return compute

    assert memo.get("a", 1, make("one")) == "one"
    assert memo.get("a", 1, make("two")) == "one"
    assert memo.get("a", 2, make("three")) == "three"  # other inputs (the next minute)
    assert memo.get("b", 2, make("four")) == "four"  # another name, kept beside
    assert memo.get("a", 2, make("five")) == "three"
    assert db.sqlite_path is not None
    with sqlite3.connect(db.sqlite_path) as other:
        other.execute("CREATE TABLE touched (x)")
    assert memo.get("a", 2, make("six")) == "six"
    assert made == ["one", "three", "four", "six"]
    db.dispose()


def test_nothing_is_kept_where_the_database_cannot_tell_its_revision():
    from afterview.store.database import Database

    memo = Memo(Database("sqlite://").revision)
    made: list[int] = []
    for n in range(3):
        memo.get("a", 1, partial(made.append, n))
    assert made == [0, 1, 2]
