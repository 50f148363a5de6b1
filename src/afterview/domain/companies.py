"""Employers, with the other names and e-mail domains they go by."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID


@dataclass(frozen=True, slots=True, kw_only=True)
class Company:
    id: int
    uid: UUID
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    notes: str = ""
    created_at: datetime
    updated_at: datetime

    @property
    def label(self) -> str:
        return self.name

    def names(self) -> tuple[str, ...]:
        return (self.name, *self.aliases)
