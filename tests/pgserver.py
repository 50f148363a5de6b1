"""Start and stop a throwaway PostgreSQL cluster for the test suite.

The cluster lives in a temporary folder, listens on 127.0.0.1 on a free port, trusts every
local connection and is tuned for speed over durability (fsync off). When the process runs as
root, the server commands run as the ``postgres`` OS user, because initdb refuses to run as root.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql

_SUPERUSER = "postgres"
_HOST = "127.0.0.1"
_INITDB_TIMEOUT = 120.0
_START_TIMEOUT = 30
_STOP_TIMEOUT = 30.0
_LOG_TAIL_LINES = 20


class PostgresUnavailable(Exception):
    """Why a server could not be started (what is missing or what failed)."""


@dataclass(frozen=True)
class PostgresServer:
    """Connection details of a running throwaway server (trust auth, superuser)."""

    host: str
    port: int
    user: str

    def url(self, dbname: str = "postgres") -> str:
        """SQLAlchemy URL for ``dbname`` using the psycopg 3 driver."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{dbname}"

    def create_database(self, name: str, template: str | None = None) -> str:
        """Create database ``name`` (optionally from ``template``) and return its URL."""
        statement = sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
        if template is not None:
            statement = sql.SQL("{} TEMPLATE {}").format(statement, sql.Identifier(template))
        self._execute(statement)
        return self.url(name)

    def drop_database(self, name: str) -> None:
        """Drop database ``name``, disconnecting any sessions still using it."""
        self._execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )

    def _execute(self, statement: sql.Composed) -> None:
        with psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname="postgres",
            autocommit=True,
            connect_timeout=10,
        ) as conn:
            conn.execute(statement)


def _find_bindir() -> Path:
    initdb = shutil.which("initdb")
    pg_ctl = shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Path(pg_ctl).resolve().parent
    candidates = [
        path
        for path in Path("/usr/lib/postgresql").glob("*/bin")
        if (path / "initdb").is_file() and (path / "pg_ctl").is_file()
    ]

    def version(path: Path) -> tuple[int, ...]:
        parts = path.parent.name.split(".")
        return tuple(int(part) for part in parts if part.isdigit())

    if not candidates:
        raise PostgresUnavailable(
            "PostgreSQL server binaries not found (apt-get install postgresql-15)"
        )
    return max(candidates, key=version)


def _as_root() -> bool:
    return os.geteuid() == 0


def _command(binary: Path, *args: str) -> list[str]:
    command = [str(binary), *args]
    if _as_root():
        return ["runuser", "-u", _SUPERUSER, "--", *command]
    return command


def _run(command: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, check=True, capture_output=True, text=True, timeout=timeout)


def _describe(error: subprocess.CalledProcessError | subprocess.TimeoutExpired) -> str:
    command = " ".join(map(str, error.cmd))
    if isinstance(error, subprocess.TimeoutExpired):
        outcome = f"timed out after {error.timeout:g}s"
    else:
        outcome = f"exited with status {error.returncode}"
    output = error.stderr or error.stdout or ""
    if isinstance(output, bytes):
        output = output.decode(errors="replace")
    return f"{command}\n{outcome}: {output.strip()}".rstrip(": ")


def _log_tail(log: Path) -> str:
    try:
        lines = log.read_text(errors="replace").splitlines()
    except OSError:
        return "(no server log)"
    return "\n".join(lines[-_LOG_TAIL_LINES:]) or "(empty server log)"


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((_HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _chown_tree(root: Path) -> None:
    try:
        entry = pwd.getpwnam(_SUPERUSER)
    except KeyError as error:
        raise PostgresUnavailable(
            f"running as root but there is no {_SUPERUSER!r} OS user to run the server as"
        ) from error
    for folder, dirnames, filenames in os.walk(root):
        os.chown(folder, entry.pw_uid, entry.pw_gid)
        for name in (*dirnames, *filenames):
            os.chown(os.path.join(folder, name), entry.pw_uid, entry.pw_gid)


def _initdb(bindir: Path, data: Path) -> None:
    base = ["-D", str(data), "--auth=trust", "--no-sync", "-U", _SUPERUSER, "-E", "UTF8"]
    failures: list[str] = []
    for locale in ("--locale=C.UTF-8", "--no-locale"):
        try:
            _run(_command(bindir / "initdb", *base, locale), _INITDB_TIMEOUT)
        except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
            failures.append(_describe(error))
            shutil.rmtree(data, ignore_errors=True)
            continue
        except OSError as error:
            raise PostgresUnavailable(f"could not run initdb: {error}") from error
        return
    raise PostgresUnavailable("initdb failed:\n" + "\n\n".join(failures))


def _start(bindir: Path, folder: Path, data: Path, log: Path, port: int) -> None:
    options = " ".join(
        [
            f"-c listen_addresses={_HOST}",
            f"-c port={port}",
            f"-c unix_socket_directories={folder}",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off",
            "-c max_connections=200",
        ]
    )
    args = ["-D", str(data), "-l", str(log), "-w", "-t", str(_START_TIMEOUT), "start"]
    command = _command(bindir / "pg_ctl", *args, "-o", options)
    try:
        _run(command, _START_TIMEOUT + 15)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as error:
        raise PostgresUnavailable(
            f"PostgreSQL server failed to start: {_describe(error)}\n"
            f"--- last lines of {log} ---\n{_log_tail(log)}"
        ) from error
    except OSError as error:
        raise PostgresUnavailable(f"could not run pg_ctl: {error}") from error


def _stop(bindir: Path, data: Path) -> None:
    command = _command(bindir / "pg_ctl", "-D", str(data), "-m", "immediate", "stop")
    with suppress(OSError, subprocess.SubprocessError):
        _run(command, _STOP_TIMEOUT)


@contextmanager
def throwaway_postgres() -> Iterator[PostgresServer]:
    """Run a fresh PostgreSQL cluster for the duration of the ``with`` block.

    Raises PostgresUnavailable when the binaries are missing or the server does not start.
    """
    bindir = _find_bindir()
    if _as_root() and shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root but runuser is not available")
    folder = Path(tempfile.mkdtemp(prefix="afterview-pg-"))
    data = folder / "data"
    log = folder / "log"
    try:
        if _as_root():
            _chown_tree(folder)
        _initdb(bindir, data)
        port = _free_port()
        _start(bindir, folder, data, log, port)
        yield PostgresServer(host=_HOST, port=port, user=_SUPERUSER)
    finally:
        if data.exists():
            _stop(bindir, data)
        shutil.rmtree(folder, ignore_errors=True)
