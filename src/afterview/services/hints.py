"""Error messages that tell the user what to type, worded by each face.

The command line calls an input `--to CONTACT`, the API `"to": "CONTACT"`, and a page shows
a control for it; a command is `afterview draft edit 7` on the command line and
`PATCH /api/drafts/7` in the API. A service names such things once, as `Option`s and
`Command`s inside a `Hint`, and each face fills them in its own words (web/errors.py).

A Hint is a str that reads the command line's way, since the CLI prints messages as they are,
and keeps its parts: `reason` says what is wrong and may name options; `remedy`, a sentence
of its own, says what to type about it. A face that cannot word a remedy (the API has no
export) leaves it out; a page leaves it out for the control or link it offers instead.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Option:
    """An input: `name` as the services and the API's bodies call it; `flag` as the command
    line does when that differs; `value` a placeholder for what it takes (None: a yes/no
    switch); `many` when the API takes a list of them."""

    name: str
    value: str | None = None
    flag: str | None = None
    many: bool = False

    def on_command_line(self) -> str:
        flag = "--" + (self.flag or self.name).replace("_", "-")
        return f"{flag} {self.value}" if self.value else flag


@dataclass(frozen=True, slots=True)
class Command:
    """Something else to do, named as the CLI command that does it ('draft edit'), with the
    record it is about and the options it needs."""

    name: str
    record: int | str | None = None
    options: tuple[Option, ...] = ()

    def on_command_line(self) -> str:
        words = ["afterview", self.name]
        words += [str(self.record)] if self.record is not None else []
        return " ".join(words + [option.on_command_line() for option in self.options])


Part = str | Option | Command
# Words an option or a command for one face; None: this face has no way to do it.
Wording = Callable[[Option | Command], str | None]


class Hint(str):
    """A message whose options and commands each face words its own way (see the module).
    As a str it reads as the command line says it; `worded` says it another way."""

    reason: tuple[Part, ...]
    remedy: tuple[Part, ...]
    clause: bool

    def __new__(
        cls, reason: str | Sequence[Part], remedy: Sequence[Part] = (), *, clause: bool = False
    ) -> Hint:
        """`reason` is whole sentences; `remedy` follows as a sentence of its own, or with
        `clause`, after a semicolon in the reason's last one ('…impatient; use --anyway…')."""
        reason_parts = (reason,) if isinstance(reason, str) else tuple(reason)
        remedy_parts = tuple(remedy)
        text = _said(reason_parts, _on_command_line)
        if remedy_parts:
            text = _joined(text, _said(remedy_parts, _on_command_line), clause=clause)
        hint = super().__new__(cls, text)
        hint.reason = reason_parts
        hint.remedy = remedy_parts
        hint.clause = clause
        return hint

    def worded(self, wording: Wording, *, remedy: bool = True) -> str:
        """The message in a face's words: an option or command in the reason that the face
        cannot word keeps the command line's; a remedy it cannot word is left out."""
        text = _said(self.reason, lambda part: wording(part) or part.on_command_line())
        if not remedy or not self.remedy:
            return text
        words = [wording(part) if not isinstance(part, str) else part for part in self.remedy]
        if any(word is None for word in words):
            return text
        return _joined(text, "".join(word or "" for word in words), clause=self.clause)


def _joined(reason: str, remedy: str, *, clause: bool) -> str:
    return f"{reason.removesuffix('.')}; {remedy}" if clause else f"{reason} {remedy}"


def _on_command_line(part: Option | Command) -> str:
    return part.on_command_line()


def _said(parts: Sequence[Part], word: Callable[[Option | Command], str]) -> str:
    return "".join(part if isinstance(part, str) else word(part) for part in parts)
