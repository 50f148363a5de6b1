"""What every use case needs: settings, the database and the clock."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy.orm import Session

from afterview.config import Settings, current_time
from afterview.domain.errors import InvalidInput
from afterview.domain.lookup import pick_one
from afterview.store import profile as profile_store
from afterview.store.database import Database, sqlite_url
from afterview.store.schema import ensure_current

if TYPE_CHECKING:
    from jinja2 import Environment

T = TypeVar("T")


@dataclass
class Workspace:
    settings: Settings
    db: Database
    _checked: bool = field(default=False, repr=False)
    _templates: Environment | None = field(default=None, repr=False)

    @classmethod
    def open(cls, settings: Settings) -> Workspace:
        url = settings.database_url or sqlite_url(settings.sqlite_path)
        return cls(settings, Database(url, busy_timeout_ms=settings.busy_timeout_ms))

    def now(self) -> datetime:
        return current_time(self.settings)

    def at(self, moment: datetime) -> Workspace:
        """The same workspace with its clock stopped at `moment` (to replay a history)."""
        settings = self.settings.model_copy(update={"now": moment})
        return Workspace(settings, self.db, _checked=self._checked)

    def ready(self) -> Database:
        """The database, created or checked against the schema on first use."""
        if not self._checked:
            ensure_current(self.db)
            self._checked = True
        return self.db

    def templates(self) -> Environment:
        """The draft templates: yours in <config_dir>/drafts first, then the shipped ones."""
        if self._templates is None:
            from afterview.drafts.render import template_environment

            self._templates = template_environment(self.settings.config_dir)
        return self._templates

    def home_zone(self, session: Session) -> str:
        """The profile's time zone; UTC until `afterview init` sets one."""
        profile = profile_store.get_profile(session)
        return profile.time_zone if profile else "UTC"


@contextmanager
def writing(ws: Workspace, session: Session | None) -> Iterator[Session]:
    """`session` when the caller has a transaction open already, else a new one."""
    if session is not None:
        yield session
        return
    with ws.ready().write() as opened:
        yield opened


def database_url(path_or_url: str) -> str:
    """A database URL as given, or the SQLite URL of a file path."""
    return path_or_url if "://" in path_or_url else sqlite_url(Path(path_or_url))


def resolve(
    session: Session,
    kind: str,
    reference: str | int,
    get: Callable[[Session, int], T],
    candidates: Callable[[Session, str], Sequence[tuple[int, str, str]]],
) -> T:
    """The record `reference` names: an id, or a fragment of its name that only it matches."""
    text = str(reference).strip()
    if not text:
        raise InvalidInput(f"Name the {kind} by its id or a part of its name.", field=kind)
    if text.isascii() and text.isdigit():
        return get(session, int(text))
    return get(session, pick_one(kind, text, candidates(session, text)))
