"""Views worked out from the data, kept while the database has not changed: a long-lived
server answers a dashboard that nothing has touched without reading it all again, and `who`
reads thousands of companies once, not on every application page."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar, cast

T = TypeVar("T")


class Memo:
    """One kept value per name, valid while the database's revision and the given inputs
    (say, the minute on the clock) are the same. `revision` is the database's (see
    Database.revision); where it cannot tell (None, as on PostgreSQL), every call works
    the value out afresh."""

    def __init__(self, revision: Callable[[], int | None]) -> None:
        self._revision = revision
        self._lock = threading.Lock()
        self._kept: dict[str, tuple[Hashable, Any]] = {}

    def get(self, name: str, inputs: Hashable, compute: Callable[[], T]) -> T:
        # Read before computing: a change committed meanwhile gives a new revision, so a
        # value that may have missed it is not kept past the next call.
        revision = self._revision()
        if revision is None:
            return compute()
        stamp = (revision, inputs)
        with self._lock:
            kept = self._kept.get(name)
        if kept is not None and kept[0] == stamp:
            return cast(T, kept[1])
        value = compute()
        with self._lock:
            self._kept[name] = (stamp, value)
        return value
