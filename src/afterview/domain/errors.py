"""Expected failures, each with a user-facing message, a stable code and an exit code.

Exit codes are part of the CLI's contract (docs/cli.md): 1 is reserved for bugs and 2 for
usage errors reported by Click itself.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar


class AfterviewError(Exception):
    """Base of every expected failure; `message` is safe to show the user."""

    code: ClassVar[str] = "error"
    exit_code: ClassVar[int] = 1

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(AfterviewError):
    code = "not_found"
    exit_code = 3

    def __init__(self, kind: str, key: object) -> None:
        shown = key if isinstance(key, int) else f"matching {key!r}"
        super().__init__(f"No {kind} {shown}.")
        self.kind = kind
        self.key = key


class Ambiguous(AfterviewError):
    code = "ambiguous"
    exit_code = 4

    def __init__(self, kind: str, fragment: str, candidates: Sequence[tuple[int, str]]) -> None:
        shown = "; ".join(f"{record_id} {label}" for record_id, label in candidates[:10])
        more = f"; and {len(candidates) - 10} more" if len(candidates) > 10 else ""
        super().__init__(
            f"{fragment!r} matches {len(candidates)} {plural(kind)}: {shown}{more}. "
            "Use the id or a longer name."
        )
        self.candidates = list(candidates)


def plural(noun: str) -> str:
    """'company' → 'companies', 'application' → 'applications'."""
    return noun[:-1] + "ies" if noun.endswith("y") else noun + "s"


class InvalidInput(AfterviewError):
    """A value the user gave is wrong; `field` names it when there is one."""

    code = "invalid"
    exit_code = 5

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.field = field


class ParseError(InvalidInput):
    """A file could not be read; the message names the file and the place in it."""

    code = "parse_error"

    def __init__(self, source: str, where: str, problem: str) -> None:
        super().__init__(f"{source}: {where}: {problem}", field=where)
        self.source = source
        self.where = where


class Conflict(AfterviewError):
    code = "conflict"
    exit_code = 6


class DatabaseError(AfterviewError):
    """The database cannot be used as it is (unreachable, wrong schema revision, ...)."""

    code = "database"
    exit_code = 7


class SendFailed(AfterviewError):
    """A message could not be sent; the message says what failed and who, if anyone, got it."""

    code = "send_failed"
    exit_code = 8


class SentNotRecorded(AfterviewError):
    """The server took the message but Afterview could not record it: do not send again."""

    code = "sent_not_recorded"
    exit_code = 8
