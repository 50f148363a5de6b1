"""Opening the database: engine, SQLite pragmas, transactions and error translation."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, event, exc
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import Session

from afterview.domain.errors import Conflict, DatabaseError, InvalidInput
from afterview.store.memo import Memo


def normalise_url(url: str) -> str:
    """Accept `postgres://` and `postgresql://` URLs and use psycopg 3 for them."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.expanduser().resolve()}"


class Database:
    """One database, opened lazily. `read()` and `write()` give a Session in a transaction."""

    def __init__(self, url: str, *, busy_timeout_ms: int = 5000) -> None:
        self.url = normalise_url(url)
        self.busy_timeout_ms = busy_timeout_ms
        self._engine: Engine | None = None
        self._watch: sqlite3.Connection | None = None
        self._watch_lock = threading.Lock()
        # Views worked out from the data, kept while revision() stays the same.
        self.memo = Memo(self.revision)

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")

    @property
    def sqlite_path(self) -> Path | None:
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @property
    def display_name(self) -> str:
        """Where the data lives, without a password."""
        path = self.sqlite_path
        if path:
            return str(path)
        try:
            return make_url(self.url).render_as_string(hide_password=True)
        except exc.ArgumentError:
            return "(an unreadable database URL)"

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = self._create_engine()
        return self._engine

    def _create_engine(self) -> Engine:
        path = self.sqlite_path
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            engine = create_engine(self.url)
            _configure_sqlite(engine, self.busy_timeout_ms)
            return engine
        try:
            return create_engine(self.url, pool_pre_ping=True)
        except exc.ArgumentError as error:
            raise DatabaseError(
                f"Cannot use the database URL {self.display_name}: {error}"
            ) from None
        except ModuleNotFoundError as error:
            raise DatabaseError(
                f"The driver for this database is not installed ({error.name}); "
                "install Afterview with the postgres extra: pip install 'afterview[postgres]'."
            ) from None

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._session(self.engine) as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """A write transaction; on SQLite it takes the write lock at once (no upgrade races)."""
        engine = self.engine.execution_options(afterview_write=True)
        with self._session(engine) as session:
            yield session

    @contextmanager
    def _session(self, engine: Engine) -> Iterator[Session]:
        with (
            self.translated_errors(),
            Session(engine, expire_on_commit=False) as session,
            session.begin(),
        ):
            yield session

    @contextmanager
    def connection(self) -> Iterator[Connection]:
        """A connection in a transaction (for schema work), with errors translated."""
        with self.translated_errors(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def translated_errors(self) -> Iterator[None]:
        """Database errors as Afterview's: a clash is a Conflict, a refused value is invalid
        input, anything else (unreachable, not a database, locked) a DatabaseError."""
        try:
            yield
        except exc.IntegrityError as error:
            raise Conflict(f"The change conflicts with stored data: {_first_line(error)}") from None
        except exc.DataError as error:
            raise InvalidInput(f"The database refused a value: {_first_line(error)}") from None
        except exc.DBAPIError as error:
            raise DatabaseError(
                f"Cannot use the database at {self.display_name}: {_first_line(error)}"
            ) from None

    def revision(self) -> int | None:
        """A number that changes whenever anyone, this process or another, commits a change
        to the database; what is worked out from the data may be kept while it stays the
        same. None where that cannot be told cheaply (PostgreSQL, or SQLite in memory):
        then nothing may be kept. It is SQLite's data_version, read on a connection of its
        own that never writes, so every commit is another connection's."""
        path = self.sqlite_path
        if path is None:
            return None
        with self._watch_lock:
            if self._watch is None:
                self._watch = sqlite3.connect(path, check_same_thread=False)
            (version,) = self._watch.execute("PRAGMA data_version").fetchone()
        return int(version)

    def dispose(self) -> None:
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None
        with self._watch_lock:
            if self._watch is not None:
                self._watch.close()
                self._watch = None


def _first_line(error: exc.DBAPIError) -> str:
    return str(error.orig).strip().splitlines()[0] if error.orig else type(error).__name__


def _lower(value: object) -> object:
    return value.lower() if isinstance(value, str) else value


def _configure_sqlite(engine: Engine, busy_timeout_ms: int) -> None:
    """WAL, foreign keys, a busy timeout, and transactions that cover DDL too.

    pysqlite's own transaction handling skips BEGIN before DDL; emitting BEGIN ourselves makes
    migrations and imports all-or-nothing (SQLAlchemy's documented recipe).
    """

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None
        # SQLite's own lower() only knows ASCII; searches must find 'Álvarez' too.
        dbapi_connection.create_function("lower", 1, _lower, deterministic=True)
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        write = connection.get_execution_options().get("afterview_write", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
