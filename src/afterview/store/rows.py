"""The tables. Each Row class maps one table; repositories turn rows into domain records."""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Float,
    ForeignKey,
    Index,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    Uuid,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from afterview.store.types import UTCDateTime

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {  # noqa: RUF012 - SQLAlchemy reads this class attribute
        datetime: UTCDateTime(),
        uuid.UUID: Uuid(),
        list[str]: JSON(),
        dict[str, Any]: JSON(),
        str: String(),
    }


class ProfileRow(Base):
    __tablename__ = "profile"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    time_zone: Mapped[str] = mapped_column(String(64))
    country: Mapped[str] = mapped_column(String(2))
    subdivision: Mapped[str | None] = mapped_column(String(10))
    target_roles: Mapped[list[str]]
    skills: Mapped[list[str]]
    accomplishments: Mapped[list[str]]
    # Where you would work (cities, regions, countries), and whether remote work suits you:
    # rivals' openings are ranked by them.
    target_places: Mapped[list[str]]
    remote_ok: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CompanyRow(Base):
    __tablename__ = "companies"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(200))
    # The case-folded name: two companies cannot share one.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    aliases: Mapped[list[str]]
    domains: Mapped[list[str]]
    notes: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ApplicationRow(Base):
    __tablename__ = "applications"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    company_id: Mapped[int] = mapped_column(ForeignKey("companies.id"), index=True)
    role: Mapped[str] = mapped_column(String(300))
    stage: Mapped[str] = mapped_column(String(20), index=True)
    priority: Mapped[int]
    link: Mapped[str] = mapped_column(Text)
    source: Mapped[str] = mapped_column(String(200))
    location: Mapped[str] = mapped_column(String(200))
    salary_min: Mapped[int | None]
    salary_max: Mapped[int | None]
    salary_currency: Mapped[str | None] = mapped_column(String(3))
    applied_on: Mapped[date | None]
    notes: Mapped[str] = mapped_column(Text)
    # The job posting's text, as pasted or fetched: its requirements feed the cover letter.
    posting: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    stage_changed_at: Mapped[datetime]

    company: Mapped[CompanyRow] = relationship(lazy="joined", innerjoin=True)


class ContactRow(Base):
    __tablename__ = "contacts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    emails: Mapped[list[str]]
    phones: Mapped[list[str]]
    company_id: Mapped[int | None] = mapped_column(
        ForeignKey("companies.id", ondelete="SET NULL"), index=True
    )
    title: Mapped[str] = mapped_column(String(200))
    origin: Mapped[str] = mapped_column(String(20))
    notes: Mapped[str] = mapped_column(Text)
    linkedin_url: Mapped[str] = mapped_column(String(300), default="")
    connected_on: Mapped[date | None]
    past_companies: Mapped[list[str]] = mapped_column(default=list)
    is_reference: Mapped[bool] = mapped_column(Boolean, default=False)
    # "relationship" would hide SQLAlchemy's relationship() in this class body.
    relationship_: Mapped[str] = mapped_column("relationship", Text, default="")
    knows_work: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    company: Mapped[CompanyRow | None] = relationship(lazy="joined")


class ReferenceUseRow(Base):
    """A reference given for an application (once per application)."""

    __tablename__ = "reference_uses"
    __table_args__ = (UniqueConstraint("contact_id", "application_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    contact_id: Mapped[int] = mapped_column(ForeignKey("contacts.id", ondelete="CASCADE"))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    given_on: Mapped[date]
    created_at: Mapped[datetime]


class InterviewRow(Base):
    __tablename__ = "interviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    round: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))
    starts_at: Mapped[datetime] = mapped_column(index=True)
    ends_at: Mapped[datetime]
    time_zone: Mapped[str] = mapped_column(String(64))
    location: Mapped[str] = mapped_column(Text)
    next_step_said: Mapped[str] = mapped_column(Text)
    notes: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    application: Mapped[ApplicationRow] = relationship(lazy="joined", innerjoin=True)
    panel: Mapped[list[InterviewerRow]] = relationship(
        order_by="InterviewerRow.position", cascade="all, delete-orphan", lazy="selectin"
    )


class InterviewerRow(Base):
    """Who interviewed: a contact on an interview's panel, in the order given."""

    __tablename__ = "interviewers"

    interview_id: Mapped[int] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), primary_key=True
    )
    contact_id: Mapped[int] = mapped_column(
        ForeignKey("contacts.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int]

    contact: Mapped[ContactRow] = relationship(lazy="joined", innerjoin=True)


class EventRow(Base):
    """Append-only: repositories insert events and never change or delete them."""

    __tablename__ = "events"
    __table_args__ = (Index("ix_events_subject", "subject_kind", "subject_id", "at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    subject_kind: Mapped[str] = mapped_column(String(20))
    subject_id: Mapped[int]
    kind: Mapped[str] = mapped_column(String(30))
    at: Mapped[datetime]
    data: Mapped[dict[str, Any]]


class ActionRow(Base):
    """A planned step of a practice; `key` is the plan's name for it (unique, for replans)."""

    __tablename__ = "actions"
    __table_args__ = (Index("ix_actions_state_due", "state", "due_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    key: Mapped[str] = mapped_column(String(200), unique=True)
    rule: Mapped[str] = mapped_column(String(40))
    practice: Mapped[int]
    kind: Mapped[str] = mapped_column(String(40))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contacts.id", ondelete="SET NULL"))
    due_at: Mapped[datetime]
    state: Mapped[str] = mapped_column(String(10))
    snoozed_until: Mapped[datetime | None]
    reason: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class DraftRow(Base):
    """A message written for an action or on request; its edits are kept in events."""

    __tablename__ = "drafts"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(30))
    tone: Mapped[str] = mapped_column(String(10))
    short: Mapped[bool] = mapped_column(Boolean)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="CASCADE"), index=True
    )
    action_id: Mapped[int | None] = mapped_column(
        ForeignKey("actions.id", ondelete="SET NULL"), index=True
    )
    contact_id: Mapped[int | None] = mapped_column(
        ForeignKey("contacts.id", ondelete="SET NULL"), index=True
    )
    recipient_name: Mapped[str] = mapped_column(String(200))
    recipient_email: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(300))
    body: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(10), index=True)
    edited: Mapped[bool] = mapped_column(Boolean)
    channel: Mapped[str] = mapped_column(String(30))
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class ReviewRow(Base):
    """A self-review of an interview, the lessons of a rejection, or the employer's feedback
    (domain.reviews). Its questions are a JSON list of {"text", "rating"}."""

    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    kind: Mapped[str] = mapped_column(String(20))
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    interview_id: Mapped[int | None] = mapped_column(
        ForeignKey("interviews.id", ondelete="SET NULL"), index=True
    )
    happened_at: Mapped[datetime]
    ratings: Mapped[dict[str, Any]]
    questions: Mapped[list[Any]] = mapped_column(JSON)
    went_well: Mapped[str] = mapped_column(Text)
    went_wrong: Mapped[str] = mapped_column(Text)
    strengths: Mapped[list[str]]
    weaknesses: Mapped[list[str]]
    fixes: Mapped[dict[str, Any]]
    notes: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OfferRow(Base):
    """An offer for an application, or the current job (no application) as a baseline.
    Money in whole units of `currency`."""

    __tablename__ = "offers"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    label: Mapped[str] = mapped_column(String(300))
    currency: Mapped[str] = mapped_column(String(3))
    base: Mapped[int] = mapped_column(BigInteger)
    bonus: Mapped[int] = mapped_column(BigInteger)
    equity: Mapped[int] = mapped_column(BigInteger)
    sign_on: Mapped[int] = mapped_column(BigInteger)
    benefits: Mapped[int] = mapped_column(BigInteger)
    start_on: Mapped[date | None]
    deadline: Mapped[date | None]
    location: Mapped[str] = mapped_column(String(200))
    remote: Mapped[str | None] = mapped_column(String(10))
    notes: Mapped[str] = mapped_column(Text)
    scores: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class CriterionRow(Base):
    """A criterion of the offer worksheet and its weight, in the user's order; none stored
    means the defaults (domain.offers.DEFAULT_WEIGHTS)."""

    __tablename__ = "criteria"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    weight: Mapped[float] = mapped_column(Float)
    position: Mapped[int]


class RivalRow(Base):
    """Two companies that compete for the same people. A pair is stored once, in the order
    it was added, and read both ways: Globex is Acme's rival and Acme is Globex's."""

    __tablename__ = "rivals"
    __table_args__ = (UniqueConstraint("company_id", "rival_id", name="uq_rivals_pair"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    rival_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    created_at: Mapped[datetime]


class JobBoardRow(Base):
    """Where a company lists its openings (domain.boards.BoardRef), and how its last scan went.
    `since` is the scan before the last one: openings first seen after it are new."""

    __tablename__ = "job_boards"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), unique=True
    )
    board: Mapped[str] = mapped_column(String(20))
    token: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(10))
    link: Mapped[str] = mapped_column(Text)
    scanned_at: Mapped[datetime | None]
    since: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]
    failure: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PostingRow(Base):
    """An opening a scan found on a company's board (domain.boards.Posting), kept while it is
    listed and after (`gone_at`), so what was seen stays seen and a saved one keeps its text."""

    __tablename__ = "postings"

    id: Mapped[int] = mapped_column(primary_key=True)
    uid: Mapped[uuid.UUID] = mapped_column(unique=True)
    key: Mapped[str] = mapped_column(String(500), unique=True)  # board:token:id
    company_id: Mapped[int] = mapped_column(
        ForeignKey("companies.id", ondelete="CASCADE"), index=True
    )
    board: Mapped[str] = mapped_column(String(20))
    token: Mapped[str] = mapped_column(String(200))
    posting_id: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(500))
    department: Mapped[str] = mapped_column(String(300))
    location: Mapped[str] = mapped_column(String(500))
    remote: Mapped[str | None] = mapped_column(String(10))
    employment: Mapped[str] = mapped_column(String(100))
    url: Mapped[str] = mapped_column(Text)
    published_at: Mapped[datetime | None]
    text: Mapped[str] = mapped_column(Text)
    pay: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    gone_at: Mapped[datetime | None]
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL"), index=True
    )
