"""Drafts: the messages the playbook asks you to write, and the facts they are written from.

A draft is rendered from `DraftFacts` (what the records say, nothing invented) by a template
of its kind and tone; `gaps` says what the records did not tell, so the lint can ask for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from afterview.domain.actions import ActionKind
from afterview.domain.errors import InvalidInput


class DraftKind(StrEnum):
    THANK_YOU = "thank_you"
    REFERENCE_HEADS_UP = "reference_heads_up"
    FOLLOW_UP = "follow_up"
    SECOND_FOLLOW_UP = "second_follow_up"
    NETWORKING_NOTE = "networking_note"
    REJECTION_REPLY = "rejection_reply"
    COVER_LETTER = "cover_letter"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    DraftKind.THANK_YOU: "Thank-you note",
    DraftKind.REFERENCE_HEADS_UP: "Reference heads-up",
    DraftKind.FOLLOW_UP: "Follow-up",
    DraftKind.SECOND_FOLLOW_UP: "Second follow-up",
    DraftKind.NETWORKING_NOTE: "Networking note",
    DraftKind.REJECTION_REPLY: "Rejection reply",
    DraftKind.COVER_LETTER: "Cover letter",
}

# The writing actions of the playbook, and the kind of draft each one gets.
DRAFT_FOR_ACTION = {
    ActionKind.THANK_YOU: DraftKind.THANK_YOU,
    ActionKind.REFERENCE_HEADS_UP: DraftKind.REFERENCE_HEADS_UP,
    ActionKind.FOLLOW_UP: DraftKind.FOLLOW_UP,
    ActionKind.SECOND_FOLLOW_UP: DraftKind.SECOND_FOLLOW_UP,
    ActionKind.REJECTION_REPLY: DraftKind.REJECTION_REPLY,
}


class Tone(StrEnum):
    WARM = "warm"
    FORMAL = "formal"


class DraftState(StrEnum):
    DRAFT = "draft"
    SENT = "sent"
    DISCARDED = "discarded"


def parse_draft_kind(text: str) -> DraftKind:
    key = text.strip().lower().replace("-", "_").replace(" ", "_")
    try:
        return DraftKind(key)
    except ValueError:
        names = ", ".join(kind.value.replace("_", "-") for kind in DraftKind)
        raise InvalidInput(f"Unknown kind of draft {text!r}; use one of: {names}.") from None


def parse_tone(text: str) -> Tone:
    try:
        return Tone(text.strip().lower())
    except ValueError:
        raise InvalidInput(
            f"Unknown tone {text!r}; use {' or '.join(Tone)}.", field="tone"
        ) from None


@dataclass(frozen=True, slots=True, kw_only=True)
class Person:
    """Someone a draft names. Empty strings where the records do not say."""

    name: str = ""
    title: str = ""
    email: str = ""

    @property
    def first_name(self) -> str:
        return self.name.split()[0] if self.name.strip() else ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """One accomplishment picked for a cover letter, and the requirements it answers."""

    accomplishment: str
    requirements: tuple[str, ...]
    score: float


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftFacts:
    """Everything a template may use. Text is empty and tuples are empty when unknown."""

    kind: DraftKind
    tone: Tone = Tone.WARM
    short: bool = False
    me: Person
    recipient: Person = Person()
    company: str
    role: str
    interview_day: str = ""  # 'Tuesday 24 November', in the interview's zone
    interview_kind: str = ""  # 'technical', 'final', ...
    interview_round: int | None = None
    interviewers: tuple[str, ...] = ()  # the whole panel, recipient included
    topics: tuple[str, ...] = ()  # notes lines 'topic: ...'
    next_step_said: str = ""  # what they said about the next step, verbatim
    last_follow_up_day: str = ""  # for the second follow-up: when the first one went
    relationship: str = ""  # a reference's relationship to you
    stress: tuple[str, ...] = ()  # what a reference should stress
    callers: tuple[str, ...] = ()  # who may call a reference
    requirements: tuple[str, ...] = ()  # the posting's key requirements
    matches: tuple[Match, ...] = ()  # cover letter: the accomplishments picked
    unmatched: tuple[str, ...] = ()  # cover letter: requirements nothing answers
    skills: tuple[str, ...] = ()  # cover letter: your skills the posting asks for
    gaps: tuple[str, ...] = ()  # what the records did not tell, in words for the lint


@dataclass(frozen=True, slots=True, kw_only=True)
class Rendered:
    subject: str
    body: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Draft:
    id: int
    uid: UUID
    kind: DraftKind
    tone: Tone
    short: bool
    application_id: int
    interview_id: int | None
    action_id: int | None
    contact_id: int | None
    recipient_name: str
    recipient_email: str
    subject: str
    body: str
    state: DraftState
    edited: bool  # changed by the user: the records no longer rewrite it
    channel: str  # how it went: smtp, eml, mailto, or what the user said
    sent_at: datetime | None
    created_at: datetime
    updated_at: datetime

    @property
    def recipient(self) -> str:
        if self.recipient_name and self.recipient_email:
            return f"{self.recipient_name} <{self.recipient_email}>"
        return self.recipient_name or self.recipient_email or "(no recipient)"


def missing_details(facts: DraftFacts) -> tuple[str, ...]:
    """What a draft of this kind would say better if the records told it, in words that say
    where to add it (the lint shows them as warnings)."""
    gaps = []
    if facts.kind == DraftKind.THANK_YOU and not facts.topics:
        gaps.append(
            "No topic from the interview, so the note cannot mention one: add a line "
            "'topic: ...' to the interview's notes."
        )
    if facts.kind == DraftKind.REJECTION_REPLY and not facts.topics and not facts.interviewers:
        gaps.append(
            "Nothing specific to thank them for: add 'topic: ...' lines to the interview's "
            "notes, or its interviewers."
        )
    if facts.kind == DraftKind.REFERENCE_HEADS_UP:
        if not facts.relationship:
            gaps.append(
                "How this reference knows you is unknown: say it with afterview refs add "
                "CONTACT --relationship '...' (or a line 'relationship: ...' in their notes)."
            )
        if not facts.stress and not facts.requirements:
            gaps.append(
                "Nothing for the reference to stress: add the posting (afterview app edit "
                "--posting-file FILE) or 'stress: ...' lines to the application's notes."
            )
    if facts.kind == DraftKind.COVER_LETTER:
        gaps.extend(_cover_letter_gaps(facts))
    return tuple(gaps)


def _cover_letter_gaps(facts: DraftFacts) -> list[str]:
    if not facts.requirements:
        return [
            "No requirements to answer: add the posting's text (afterview app edit "
            "--posting-file FILE, or --posting FILE here)."
        ]
    if not facts.matches:
        return [
            "None of your accomplishments answers the posting: add some with "
            "`afterview init --accomplishment '...'`."
        ]
    return []


_TAGGED = re.compile(r"^\s*[-*•]?\s*(?P<tag>[A-Za-z]+)\s*:\s*(?P<text>.+?)\s*$")


def tagged_lines(notes: str, tag: str) -> tuple[str, ...]:
    """The lines of notes marked with a tag: 'topic: their move to Rust' → 'their move to
    Rust'. The tag is case-insensitive; a list bullet before it is allowed."""
    found = []
    for line in notes.splitlines():
        match = _TAGGED.match(line)
        if match and match["tag"].lower() == tag.lower():
            found.append(match["text"].rstrip(".;"))
    return tuple(found)


def parse_template_text(text: str, source: str) -> Rendered:
    """A rendered template: 'Subject: ...' on the first line, a blank line, the body."""
    head, _, body = text.lstrip("\n").partition("\n")
    if not head.lower().startswith("subject:"):
        raise InvalidInput(
            f"{source}: line 1: a draft template must start with 'Subject: ...'.",
            field="template",
        )
    lines = [line.rstrip() for line in body.strip("\n").splitlines()]
    cleaned = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"
    return Rendered(subject=" ".join(head[len("subject:") :].split()), body=cleaned)
