"""The JSON export document: its schema (version 1), reading it strictly, writing it atomically.

The shape is documented in docs/export-format.md. Records refer to each other by `uid`; the
`id` of each record is kept so that a restore into an empty database keeps every number.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any, Final, Literal
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, ValidationError

from afterview.domain.actions import ActionKind, ActionState
from afterview.domain.boards import Board
from afterview.domain.drafts import DraftKind, DraftState, Tone
from afterview.domain.errors import ParseError
from afterview.domain.events import EventKind, SubjectKind
from afterview.domain.interviews import InterviewKind
from afterview.domain.offers import CRITERION_LENGTH
from afterview.domain.reviews import ReviewKind
from afterview.domain.stages import Stage
from afterview.domain.values import Remote
from afterview.integrations.files import write_atomically

FORMAT: Final = "afterview-export"
VERSION: Final = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ProfileDoc(_Strict):
    name: str
    email: str
    time_zone: str
    country: str
    subdivision: str | None
    target_roles: list[str]
    # Added in 0.3 without a version change, as the drafts below.
    skills: list[str] = Field(default_factory=list)
    accomplishments: list[str] = Field(default_factory=list)
    # Added in 0.4 (rivals' openings are ranked by them).
    target_places: list[str] = Field(default_factory=list)
    remote_ok: bool = True
    created_at: AwareDatetime
    updated_at: AwareDatetime


class CompanyDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    name: str = Field(min_length=1)
    aliases: list[str]
    domains: list[str]
    notes: str
    created_at: AwareDatetime
    updated_at: AwareDatetime


class SalaryDoc(_Strict):
    min: int | None
    max: int | None
    currency: str | None


class ApplicationDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    company: UUID
    role: str = Field(min_length=1)
    stage: Stage
    priority: Literal["low", "normal", "high"]
    link: str
    source: str
    location: str
    salary: SalaryDoc
    applied_on: date | None
    notes: str
    posting: str = ""
    created_at: AwareDatetime
    updated_at: AwareDatetime
    stage_changed_at: AwareDatetime


class ContactDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    name: str = Field(min_length=1)
    emails: list[str]
    phones: list[str]
    company: UUID | None
    title: str
    origin: str
    notes: str
    # Added in 0.3 (files from 0.1 and 0.2 have none).
    linkedin_url: str = ""
    connected_on: date | None = None
    past_companies: list[str] = Field(default_factory=list)
    is_reference: bool = False
    relationship: str = ""
    knows_work: str = ""
    created_at: AwareDatetime
    updated_at: AwareDatetime


class InterviewDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    application: UUID
    round: int = Field(ge=1, le=20)
    kind: InterviewKind
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    time_zone: str
    location: str
    interviewers: list[UUID]
    next_step_said: str
    notes: str
    created_at: AwareDatetime
    updated_at: AwareDatetime


class ActionDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    key: str = Field(min_length=1, max_length=200)
    rule: str
    practice: int = Field(ge=1, le=10)
    kind: ActionKind
    application: UUID
    interview: UUID | None
    contact: UUID | None
    due_at: AwareDatetime
    state: ActionState
    snoozed_until: AwareDatetime | None
    reason: str
    created_at: AwareDatetime
    updated_at: AwareDatetime
    closed_at: AwareDatetime | None


class DraftDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    kind: DraftKind
    tone: Tone
    short: bool
    application: UUID
    interview: UUID | None
    action: UUID | None
    contact: UUID | None
    recipient_name: str
    recipient_email: str
    subject: str
    body: str
    state: DraftState
    edited: bool
    channel: str
    sent_at: AwareDatetime | None
    created_at: AwareDatetime
    updated_at: AwareDatetime


class ReferenceUseDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    contact: UUID
    application: UUID
    given_on: date
    created_at: AwareDatetime


class QuestionDoc(_Strict):
    text: str
    rating: int | None  # how you rated your answer, 1..5


class ReviewDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    kind: ReviewKind
    application: UUID
    interview: UUID | None
    happened_at: AwareDatetime
    ratings: dict[str, int]
    questions: list[QuestionDoc]
    went_well: str
    went_wrong: str
    strengths: list[str]
    weaknesses: list[str]
    fixes: dict[str, str]
    notes: str
    created_at: AwareDatetime
    updated_at: AwareDatetime


class OfferDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    application: UUID | None  # None: the current job
    label: str = Field(min_length=1)
    currency: str = Field(min_length=3, max_length=3, pattern=r"^[A-Z]{3}$")  # ISO 4217
    base: int
    bonus: int
    equity: int
    sign_on: int
    benefits: int
    start_on: date | None
    deadline: date | None
    location: str
    remote: Remote | None
    notes: str
    scores: dict[str, int]
    created_at: AwareDatetime
    updated_at: AwareDatetime


class CriterionDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    key: str = Field(min_length=1, max_length=CRITERION_LENGTH)
    weight: float = Field(ge=0)
    position: int = Field(ge=0)


class RivalDoc(_Strict):
    """Two companies that compete for the same people; it reads both ways."""

    id: int = Field(gt=0)
    uid: UUID
    company: UUID
    rival: UUID
    created_at: AwareDatetime


class JobBoardDoc(_Strict):
    """Where a company lists its openings, and how its scans went."""

    id: int = Field(gt=0)
    uid: UUID
    company: UUID
    board: Board
    token: str = Field(min_length=1, max_length=200)
    region: Literal["", "eu"]  # "eu": Lever's EU accounts
    link: str  # as the user gave it
    scanned_at: AwareDatetime | None
    since: AwareDatetime | None  # the scan before the last one
    failed_at: AwareDatetime | None
    failure: str = Field(max_length=2000)
    created_at: AwareDatetime
    updated_at: AwareDatetime


class PayDoc(_Strict):
    currency: str
    low: float | None
    high: float | None
    period: str  # "year", "month", "hour", … ("" when the board does not say)


class PostingDoc(_Strict):
    """An opening a scan found on a company's board, kept after it is gone."""

    id: int = Field(gt=0)
    uid: UUID
    key: str = Field(min_length=1, max_length=500)  # board:token:posting_id
    company: UUID
    board: Board
    token: str = Field(min_length=1, max_length=200)
    posting_id: str = Field(min_length=1, max_length=200)
    title: str = Field(max_length=500)
    department: str = Field(max_length=300)
    location: str = Field(max_length=500)
    remote: Remote | None
    employment: str = Field(max_length=100)
    url: str
    published_at: AwareDatetime | None
    text: str
    pay: PayDoc | None
    first_seen_at: AwareDatetime
    last_seen_at: AwareDatetime
    gone_at: AwareDatetime | None  # no longer listed
    application: UUID | None  # saved as this application


class SubjectDoc(_Strict):
    kind: SubjectKind
    uid: UUID | None  # None for the profile


class EventDoc(_Strict):
    id: int = Field(gt=0)
    uid: UUID
    subject: SubjectDoc
    kind: EventKind
    at: AwareDatetime
    data: dict[str, Any]


class ExportDocument(_Strict):
    format: Literal["afterview-export"] = FORMAT
    version: Literal[1] = VERSION
    profile: ProfileDoc | None
    companies: list[CompanyDoc]
    contacts: list[ContactDoc]
    applications: list[ApplicationDoc]
    interviews: list[InterviewDoc]
    # Added in 0.2 without a version change: files from 0.1 have no actions.
    actions: list[ActionDoc] = Field(default_factory=list)
    drafts: list[DraftDoc] = Field(default_factory=list)
    # Added in 0.3 (migrations 2026_11_26_0005 and 0006): files from 0.1 and 0.2 have none,
    # nor have files written before migration 0006 reviews, offers and criteria.
    reference_uses: list[ReferenceUseDoc] = Field(default_factory=list)
    reviews: list[ReviewDoc] = Field(default_factory=list)
    offers: list[OfferDoc] = Field(default_factory=list)
    # The offer worksheet's criteria and weights; none: the default weights.
    criteria: list[CriterionDoc] = Field(default_factory=list)
    # Added in 0.4 (migration 2026_11_26_0007): older files have none.
    rivals: list[RivalDoc] = Field(default_factory=list)
    job_boards: list[JobBoardDoc] = Field(default_factory=list)
    postings: list[PostingDoc] = Field(default_factory=list)
    events: list[EventDoc]


def read_document(path: Path) -> ExportDocument:
    """Parse and validate an export file; errors name the file and the JSON path."""
    source = str(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ParseError(source, "file", "no such file") from None
    except UnicodeDecodeError as error:
        raise ParseError(source, f"byte {error.start}", "not UTF-8 text") from None
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise ParseError(source, where, f"not valid JSON ({error.msg})") from None
    return parse_document(raw, source)


def parse_document(raw: object, source: str) -> ExportDocument:
    if not isinstance(raw, dict) or raw.get("format") != FORMAT:
        raise ParseError(source, "$.format", f"not an Afterview export (expected {FORMAT!r})")
    if raw.get("version") != VERSION:
        raise ParseError(
            source,
            "$.version",
            f"export version {raw.get('version')!r} cannot be read; this Afterview reads "
            f"version {VERSION}",
        )
    try:
        return ExportDocument.model_validate(raw)
    except ValidationError as error:
        problem = error.errors()[0]
        raise ParseError(source, json_path(problem["loc"]), problem["msg"]) from None


def json_path(location: tuple[int | str, ...]) -> str:
    """('applications', 3, 'stage') → '$.applications[3].stage'."""
    path = "$"
    for part in location:
        path += f"[{part}]" if isinstance(part, int) else f".{part}"
    return path


def dump_document(document: ExportDocument) -> str:
    return document.model_dump_json(indent=2) + "\n"


def write_document(document: ExportDocument, path: Path) -> None:
    """Write the document so that `path` holds either the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, dump_document(document).encode("utf-8"))
